"""Every rule of a lesson's front matter (SPEC §4), checked by the core without MkDocs."""

from __future__ import annotations

import os

import pytest

from support import lesson
from thinksafe.core.model.lessons import load_lessons, megabytes, slug_for
from thinksafe.core.model.settings import SiteConfig


def load(tmp_path, files: dict[str, str | bytes]):
    for path, text in files.items():
        target = tmp_path / "content" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text if isinstance(text, bytes) else text.encode())
    sources = [p for p in files if p.endswith(".md")]
    return load_lessons(tmp_path / "content", sources, SiteConfig(), shown_as="content")


def only_problem(problems):
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_a_good_lesson_is_read_with_every_key(tmp_path):
    text = lesson(topics=["online-bullying"], order=2, duration=45, objectives=["Know who to tell"],
                  resources=["sheet.txt"], draft=False, body="Hello.")
    lessons, problems = load(tmp_path, {"lessons/kind/index.md": text, "lessons/kind/sheet.txt": "x"})
    assert problems == []
    [kind] = lessons
    assert (kind.slug, kind.audiences, kind.topics, kind.order, kind.duration) == \
        ("kind", ["8-10"], ["online-bullying"], 2, 45)
    assert kind.objectives == ["Know who to tell"] and kind.resources == ["sheet.txt"]
    assert kind.body.strip() == "Hello." and kind.path == "content/lessons/kind/index.md"


@pytest.mark.parametrize("src, slug", [
    ("lessons/a/strong-passwords.md", "strong-passwords"),
    ("lessons/strong-passwords/index.md", "strong-passwords"),
])
def test_slug_is_file_stem_or_folder_name(src, slug):
    assert slug_for(src) == slug


def test_unknown_key_names_file_line_and_suggests_the_right_key(tmp_path):
    text = "---\ntitle: T\nsummary: S\naudience: [8-10]\n---\nBody\n"
    _, problems = load(tmp_path, {"lessons/x.md": text})
    messages = [str(p) for p in problems]
    assert any(m.startswith("content/lessons/x.md:4: audience: is not a lesson setting")
               and "did you mean 'audiences'?" in m for m in messages), messages
    # …and the missing required key is named too, so the lesson can never vanish silently.
    assert any("audiences: is missing" in m for m in messages)


def test_unknown_audience_suggests_the_closest(tmp_path):
    _, problems = load(tmp_path, {"lessons/x.md": lesson(audiences=["8-1O"])})
    problem = only_problem(problems)
    assert (problem.key, problem.line) == ("audiences[0]", 4)
    assert "unknown audience" in problem.message and "did you mean '8-10'?" in str(problem)
    assert "'11-13'" in problem.expected


def test_unknown_topic_is_named(tmp_path):
    _, problems = load(tmp_path, {"lessons/x.md": lesson(topics=["privacy"])})
    problem = only_problem(problems)
    assert problem.key == "topics[0]" and "unknown topic" in problem.message


def test_wrong_case_audience_suggests_the_id(tmp_path):
    _, problems = load(tmp_path, {"lessons/x.md": lesson(audiences=["Parents"])})
    assert "did you mean 'parents'?" in str(only_problem(problems))


def test_unreadable_yaml_gives_its_line(tmp_path):
    text = "---\ntitle: T\nsummary: [unclosed\naudiences: [8-10]\n---\n"
    _, problems = load(tmp_path, {"lessons/x.md": text})
    problem = only_problem(problems)
    assert "YAML cannot be read" in problem.message and problem.line == 4
    assert "flow sequence on line 3" in problem.message  # where the unclosed list began


def test_missing_front_matter(tmp_path):
    _, problems = load(tmp_path, {"lessons/x.md": "# Just text\n"})
    assert "does not start with a front matter block" in only_problem(problems).message


def test_unclosed_front_matter(tmp_path):
    _, problems = load(tmp_path, {"lessons/x.md": "---\ntitle: T\n"})
    assert "never closed" in only_problem(problems).message


def test_file_that_is_not_utf8(tmp_path):
    text = lesson(body="caf\u00e9").encode("latin-1")
    _, problems = load(tmp_path, {"lessons/x.md": text})
    problem = only_problem(problems)
    assert "is not UTF-8" in problem.message and problem.line == 7


def test_duplicate_slug_names_both_files(tmp_path):
    _, problems = load(tmp_path, {"lessons/a/same.md": lesson(), "lessons/b/same.md": lesson()})
    problem = only_problem(problems)
    assert problem.path == "content/lessons/b/same.md" and "content/lessons/a/same.md" in problem.message


@pytest.mark.parametrize("key, value, expected", [
    ("title", 123, "text"),
    ("title", "x" * 121, "at most 120"),
    ("summary", "", "some text"),
    ("summary", "y" * 301, "at most 300"),
    ("order", "3", "whole number"),
    ("duration", 0, "at least 1"),
    ("duration", True, "whole number"),
    ("draft", "yes please", "true or false"),
    ("objectives", "Learn", "a list"),
    ("objectives", [], "at least one"),
    ("topics", [], "at least one"),
    ("audiences", [], "at least one"),
    ("audiences", "8-10", "a list"),
])
def test_wrong_types_empty_lists_and_long_strings(tmp_path, key, value, expected):
    _, problems = load(tmp_path, {"lessons/x.md": lesson(**{key: value})})
    problem = only_problem(problems)
    assert problem.key.split("[")[0] == key and expected in str(problem)


def test_key_written_twice(tmp_path):
    text = "---\ntitle: T\ntitle: U\nsummary: S\naudiences: [8-10]\n---\n"
    _, problems = load(tmp_path, {"lessons/x.md": text})
    assert "written twice" in only_problem(problems).message


def test_missing_resource_suggests_a_near_name(tmp_path):
    _, problems = load(tmp_path, {"lessons/p/index.md": lesson(resources=["worksheet.pdf"]),
                                  "lessons/p/worksheet.PDF": "x"})
    problem = only_problem(problems)
    assert "does not exist" in problem.message and "worksheet.PDF" in problem.suggestion


@pytest.mark.parametrize("resource, words", [
    ("../secret.txt", "leads outside"),
    ("/etc/passwd", "absolute path"),
    ("sub/../../secret.txt", "leads outside"),
])
def test_resource_outside_the_folder_is_refused(tmp_path, resource, words):
    _, problems = load(tmp_path, {"lessons/p/index.md": lesson(resources=[resource]),
                                  "lessons/secret.txt": "x"})
    assert words in only_problem(problems).message


def test_resource_symlink_pointing_out_is_refused(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("private")
    _, _ = load(tmp_path, {"lessons/p/index.md": lesson(resources=["sheet.txt"])})
    os.symlink(outside, tmp_path / "content/lessons/p/sheet.txt")
    _, problems = load(tmp_path, {"lessons/p/index.md": lesson(resources=["sheet.txt"])})
    assert "leads outside" in only_problem(problems).message


def test_bad_file_name_suggests_a_slug(tmp_path):
    _, problems = load(tmp_path, {"lessons/Strong Passwords.md": lesson()})
    assert "rename it to 'strong-passwords'" in str(only_problem(problems))


def test_every_broken_lesson_is_reported_in_one_run(tmp_path):
    lessons, problems = load(tmp_path, {
        "lessons/a.md": lesson(audiences=["kids"]),
        "lessons/b.md": "no front matter",
        "lessons/c.md": lesson(title=""),
        "lessons/d.md": lesson(),
    })
    assert {p.path for p in problems} == {f"content/lessons/{n}.md" for n in "abc"}
    assert [l.slug for l in lessons] == ["d"]


def test_a_draft_is_read_and_marked(tmp_path):
    lessons, problems = load(tmp_path, {"lessons/x.md": lesson(draft=True)})
    assert problems == [] and lessons[0].draft is True


@pytest.mark.parametrize("size, shown", [(0, "0 MB"), (79, "0.000079 MB"), (1500, "0.0015 MB"),
                                         (12345, "0.0123 MB"), (30_200_000, "30.2 MB")])
def test_sizes_are_shown_in_megabytes_without_exponents(size, shown):
    assert megabytes(size) == shown
