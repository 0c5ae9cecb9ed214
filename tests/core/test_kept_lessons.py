"""Lessons kept between builds (core/checks/kept.py, `lesson_record`): a lesson file whose
bytes, place and settings are unchanged is taken as an earlier build checked it, and is then
the lesson a fresh read gives; anything else about it is read and checked again."""

from __future__ import annotations

import datetime
import os

from support import lesson
from thinksafe.core import cache
from thinksafe.core.checks.kept import KeptChecks
from thinksafe.core.model import lessons as lessons_module
from thinksafe.core.model.lessons import load_lessons
from thinksafe.core.model.settings import SiteConfig, parse_site_config

RICH = lesson("Rich", topics=["online-bullying"], order=2, duration=45, objectives=["Know who to tell"],
              resources=["sheet.txt"], draft=False, reviewed="2026-01-05",
              sources=[{"title": "A source", "url": "https://example.org/a"}],
              body="Hello.\r\n\nSecond line\u2028with a separator.\n")


def write(tmp_path, files: dict[str, str | bytes]) -> None:
    for path, text in files.items():
        target = tmp_path / "content" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text if isinstance(text, bytes) else text.encode())


def load(tmp_path, sources, site=None, cached=True):
    """(lessons, problems, what was taken from the last build); each load saves for the next."""
    kept = KeptChecks(tmp_path / "cache" if cached else None)
    found = load_lessons(tmp_path / "content", sources, site or SiteConfig(), shown_as="content",
                         load=kept.load_mapping, checked=kept if kept.enabled else None,
                         max_resource_bytes=1000)
    kept.save()
    return (*found, kept.taken)


def test_an_unchanged_lesson_is_taken_and_is_the_lesson_a_fresh_read_gives(tmp_path):
    write(tmp_path, {"lessons/rich/index.md": b"\xef\xbb\xbf" + RICH.encode(), "lessons/rich/sheet.txt": "x",
                     "lessons/plain.md": lesson("Plain")})
    sources = ["lessons/plain.md", "lessons/rich/index.md"]
    fresh, fresh_problems, _ = load(tmp_path, sources, cached=False)
    first, _, taken_first = load(tmp_path, sources)
    again, again_problems, taken = load(tmp_path, sources)
    assert fresh_problems == again_problems == [] and taken_first == 0 and taken == 2
    assert again == first == fresh
    assert again[1].sources[0].url == "https://example.org/a" and "\u2028" in again[1].body


def test_a_lesson_changed_with_its_size_and_times_restored_is_read_again(tmp_path):
    """The record is keyed by the file's bytes, not by its size and modification time."""
    write(tmp_path, {"lessons/a.md": lesson("Title one")})
    file = tmp_path / "content/lessons/a.md"
    load(tmp_path, ["lessons/a.md"])
    before = file.stat()
    file.write_bytes(file.read_bytes().replace(b"Title one", b"Title two"))
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))
    [again], problems, taken = load(tmp_path, ["lessons/a.md"])
    assert again.title == "Title two" and problems == [] and taken == 0


def test_a_lesson_with_a_problem_is_never_kept_and_says_the_same_each_time(tmp_path):
    write(tmp_path, {"lessons/a.md": lesson("A", audiences=["8-11"], colour="red"), "lessons/b.md": lesson("B")})
    sources = ["lessons/a.md", "lessons/b.md"]
    fresh = load(tmp_path, sources, cached=False)[1]
    first, second = load(tmp_path, sources)[1], load(tmp_path, sources)[1]
    assert [str(p) for p in first] == [str(p) for p in second] == [str(p) for p in fresh] and len(fresh) == 2
    assert [record["title"] for record in _records(tmp_path)] == ["B"]


def test_a_kept_lessons_resources_are_checked_again(tmp_path):
    write(tmp_path, {"lessons/a/index.md": lesson("A", resources=["sheet.txt"]), "lessons/a/sheet.txt": "x"})
    load(tmp_path, ["lessons/a/index.md"])
    (tmp_path / "content/lessons/a/sheet.txt").unlink()
    fresh = load(tmp_path, ["lessons/a/index.md"], cached=False)[1]
    lessons, problems, taken = load(tmp_path, ["lessons/a/index.md"])
    assert lessons == [] and taken == 1 and [str(p) for p in problems] == [str(p) for p in fresh]
    assert "resources[0]" in str(problems[0]) and "does not exist" in str(problems[0])


def test_a_kept_lesson_is_checked_again_when_the_settings_its_checks_read_change(tmp_path):
    write(tmp_path, {"lessons/a.md": lesson("A", audiences=["8-10", "11-13"])})
    load(tmp_path, ["lessons/a.md"])
    site, mistakes = parse_site_config([{"id": "8-10", "title": "Ages 8-10", "children": True}], None,
                                       source="mkdocs.yml")
    assert not mistakes
    lessons, problems, taken = load(tmp_path, ["lessons/a.md"], site=site)
    assert lessons == [] and taken == 1 and "unknown audience text '11-13'" in str(problems[0])  # its YAML alone


def test_a_kept_reviewed_date_in_the_future_after_the_clock_went_back_is_read_again(tmp_path, monkeypatch):
    write(tmp_path, {"lessons/a.md": lesson("A", reviewed="2026-06-01")})
    load(tmp_path, ["lessons/a.md"])
    monkeypatch.setattr(lessons_module, "check_reviewed", _with_today(datetime.date(2026, 1, 1)))
    lessons, problems, _ = load(tmp_path, ["lessons/a.md"])
    assert lessons == [] and "is in the future" in str(problems[0])


def test_a_damaged_record_is_no_record(tmp_path):
    write(tmp_path, {"lessons/a.md": lesson("A")})
    load(tmp_path, ["lessons/a.md"])
    file = tmp_path / "cache" / cache.CHECKS
    lines = file.read_text().split("\n")
    damaged = [line.replace('"title": "A"', '"title": 7') if "body_chars" in line else line for line in lines]
    assert damaged != lines
    file.write_text("\n".join(damaged))
    [again], problems, taken = load(tmp_path, ["lessons/a.md"])
    assert again.title == "A" and problems == [] and taken == 1  # its front matter's YAML, kept apart


def _records(tmp_path) -> list[dict]:
    """The lessons kept in the cache folder."""
    kept = cache.read_stamped(tmp_path / "cache" / cache.CHECKS, "checks").values()
    return [record for record in kept if isinstance(record, dict) and "body_chars" in record]


def _with_today(today):
    from thinksafe.core.model.provenance import check_reviewed

    return lambda value, add, today_=None: check_reviewed(value, add, today)
