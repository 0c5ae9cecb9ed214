"""Lesson packs made in several processes, and planned from the cache's record without rendering."""

from __future__ import annotations

import base64
import dataclasses
import gc
import hashlib
import io
import os
import sys
import zipfile

import markdown
import pytest

from support import lesson
from thinksafe.core import cache as cache_layer
from thinksafe.core.model.lessons import load_lessons
from thinksafe.core.model.navigation import SiteModel
from thinksafe.core.model.settings import SiteConfig
from thinksafe.core.packs import cache as packcache
from thinksafe.core.packs import contents as packs
from thinksafe.core.packs import record as packrecord
from thinksafe.core.packs.cache import PackCache, pack_workers, read_record
from thinksafe.core.packs.contents import PackError, PackSettings, pack_key, plan_pack
from thinksafe.core.packs.printable import PrintSettings, data_uri, printable_lesson

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGM8ISfHwMDAxMDAwMDAAAAN"
                       "BAEIfXHKZgAAAABJRU5ErkJggg==")
OTHER_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLv"
                             "AAAAAElFTkSuQmCC")
SITE_URL = "https://example.org/site/"
SETTINGS = PackSettings(PrintSettings("Fixture", "CC BY 4.0", site_url=SITE_URL,
                                      extensions=("admonition", "toc")))
BODY = """\
## Starter

Read [the other lesson](../other.md) and hand out [the worksheet](worksheet.txt).

![A red square](pics/square.png)
"""


class Site:
    """A content folder with a lesson plan (worksheet, picture, a link to a pupil lesson), a pupil
    lesson and two more plans; plans made as a build makes them, with the cache's record."""

    def __init__(self, tmp_path, body: str = BODY):
        self.docs = tmp_path / "content"
        self.cache = tmp_path / "cache"
        self.write({
            "lessons/plan/index.md": lesson("Plan title", audiences=["teachers"], objectives=["Block"],
                                            resources=["worksheet.txt", "sub/cards.txt"], body=body),
            "lessons/plan/worksheet.txt": "worksheet words\n",
            "lessons/plan/sub/cards.txt": "cards\n",
            "lessons/plan/pics/square.png": PNG,
            "lessons/other.md": lesson("Other", audiences=["11-13"]),
            "lessons/second.md": lesson("Second", audiences=["teachers"], body="Second plan."),
            "lessons/third/index.md": lesson("Third", audiences=["8-10"], resources=["sheet.txt"]),
            "lessons/third/sheet.txt": "sheet\n",
        })
        self.urls = {"lessons/other.md": "11-13/other/"}
        self.site = SiteConfig()

    def write(self, files: dict[str, str | bytes]) -> None:
        for path, text in files.items():
            target = self.docs / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text if isinstance(text, bytes) else text.encode())

    def model(self) -> SiteModel:
        sources = sorted(p.relative_to(self.docs).as_posix() for p in self.docs.rglob("*.md"))
        lessons, problems = load_lessons(self.docs, sources, SiteConfig())
        assert problems == []
        return SiteModel(SiteConfig(), lessons)

    def plans(self, settings=SETTINGS, slugs=("plan",), records=True):
        model = self.model()
        recorded = PackCache(self.cache).records() if records else {}
        found = [plan_pack(model.by_slug[slug], self.docs, self.site, settings, self.urls.get,
                           recorded=recorded.get(slug, ())) for slug in slugs]
        assert all(problems == [] for _plan, problems in found), found
        return [plan for plan, _problems in found]

    def build(self, settings=SETTINGS, slugs=("plan",), workers=1) -> tuple[dict, dict]:
        """Plan and make the packs as a build does; the packs and the record of the build."""
        cache = PackCache(self.cache, workers=workers)
        made = cache.packs(self.plans(settings, slugs), settings)
        cache.finish()
        return made, read_record(self.cache)


@pytest.fixture
def renders(monkeypatch):
    """The slugs of the lessons whose printable copy is rendered, in order."""
    rendered = []

    def counting(lesson, *args, **kwargs):
        rendered.append(lesson.slug)
        return printable_lesson(lesson, *args, **kwargs)

    monkeypatch.setattr(packs, "printable_lesson", counting)
    return rendered


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


ALL = ("plan", "second", "third")


# Several processes

def test_packs_made_in_parallel_are_byte_identical_to_packs_made_one_by_one(tmp_path, monkeypatch):
    # As in `mkdocs build`, whatever threads other tests (a browser's server) left running.
    monkeypatch.setattr(packcache.threading, "active_count", lambda: 1)
    serial, parallel = Site(tmp_path / "a"), Site(tmp_path / "b")
    one = PackCache(serial.cache, workers=1)
    by_one = one.packs(serial.plans(slugs=ALL), SETTINGS)
    several = PackCache(parallel.cache, workers=2)
    by_several = several.packs(parallel.plans(slugs=ALL), SETTINGS)
    assert one.processes == 0 and several.processes == 2
    assert list(by_several) == list(ALL)
    for slug in ALL:
        assert by_several[slug].key == by_one[slug].key
        assert by_several[slug].file.read_bytes() == by_one[slug].file.read_bytes()
        assert by_several[slug].names == by_one[slug].names and by_several[slug].size == by_one[slug].size


_MAKE_ONE = packcache._make_one


def _make_one_noting_frozen_objects(plan, settings, folder):
    """`_make_one`, noting in the folder how many objects the worker's collector leaves alone."""
    (folder / f"frozen-{plan.lesson.slug}").write_text(str(gc.get_freeze_count()))
    return _MAKE_ONE(plan, settings, folder)


def test_forked_workers_leave_the_builds_objects_to_the_parent(tmp_path, monkeypatch):
    monkeypatch.setattr(packcache.threading, "active_count", lambda: 1)
    monkeypatch.setattr(packcache, "_make_one", _make_one_noting_frozen_objects)
    site, before = Site(tmp_path), gc.get_freeze_count()
    several = PackCache(site.cache, workers=2)
    several.packs(site.plans(slugs=ALL), SETTINGS)
    assert several.processes == 2
    # The workers' collector walks none of what they inherited; the parent's walks it all again.
    assert all(int((several.folder / f"frozen-{slug}").read_text()) > 1000 for slug in ALL)
    assert gc.get_freeze_count() == before


def test_workers_not_forked_make_the_same_bytes(tmp_path, monkeypatch):
    """While other threads run (as in `mkdocs serve`'s rebuilds), workers are started afresh."""
    monkeypatch.setattr(packcache.threading, "active_count", lambda: 2)
    monkeypatch.setattr(packcache, "_UNFORKED_MIN_PER_WORKER", 0)
    site = Site(tmp_path)
    cache = PackCache(site.cache, workers=2)
    made = cache.packs(site.plans(slugs=ALL), SETTINGS)
    assert cache.processes == 2
    serial = Site(tmp_path / "serial")
    for slug, pack in PackCache(serial.cache, workers=1).packs(serial.plans(slugs=ALL), SETTINGS).items():
        assert made[slug].file.read_bytes() == pack.file.read_bytes()


def test_a_few_packs_with_other_threads_running_are_made_in_this_process(tmp_path, monkeypatch):
    monkeypatch.setattr(packcache.threading, "active_count", lambda: 2)
    site = Site(tmp_path)
    cache = PackCache(site.cache, workers=2)
    cache.packs(site.plans(slugs=ALL), SETTINGS)
    assert cache.processes == 0


def test_two_builds_give_identical_bytes(tmp_path):
    first, _ = Site(tmp_path / "a").build(slugs=ALL, workers=2)
    second, _ = Site(tmp_path / "b").build(slugs=ALL, workers=2)
    assert {s: p.file.read_bytes() for s, p in first.items()} == {s: p.file.read_bytes() for s, p in second.items()}


@pytest.mark.parametrize("value, expected", [("1", 1), ("3", 3), (" 2 ", 2)])
def test_the_environment_sets_how_many_processes(value, expected):
    assert pack_workers({"THINKSAFE_PACK_WORKERS": value}) == expected


@pytest.mark.parametrize("value", ["", "0", "-1", "two"])
def test_otherwise_one_process_per_core(value):
    assert pack_workers({"THINKSAFE_PACK_WORKERS": value}) >= 1


def test_the_environment_can_make_every_pack_in_this_process(tmp_path, monkeypatch):
    monkeypatch.setenv("THINKSAFE_PACK_WORKERS", "1")
    site = Site(tmp_path)
    cache = PackCache(site.cache)
    cache.packs(site.plans(slugs=ALL), SETTINGS)
    assert cache.processes == 0


@pytest.mark.parametrize("workers", [1, 2])
def test_a_refused_fetch_names_the_lessons_file_and_the_first_failing_plan(tmp_path, workers):
    site = Site(tmp_path)
    good, bad, worse = site.plans(slugs=ALL)
    bad.html = bad.html.replace("</main>", '<img src="https://example.org/a.png"></main>')
    worse.html = worse.html.replace("</main>", '<img src="file:///etc/hostname"></main>')
    with pytest.raises(PackError) as raised:
        PackCache(site.cache, workers=workers).packs([good, bad, worse], SETTINGS)
    problem = raised.value.problem
    assert problem.path == "lessons/second.md" and problem.key == "(lesson pack)"
    assert str(problem) == ("lessons/second.md: (lesson pack): lesson.pdf would load 'https://example.org/a.png' "
                            "would be fetched from another host; expected a lesson that uses only its own "
                            "files; remove the reference or copy the file into the lesson's folder")
    assert not list((site.cache / "packs").glob("second-*.zip"))


# Planned from the record, without rendering

def test_a_second_build_with_nothing_changed_renders_no_printable_copy(tmp_path, renders):
    site = Site(tmp_path)
    first, record = site.build(slugs=ALL)
    assert renders == list(ALL) and record["rendered"] == list(ALL)
    renders.clear()
    plans = site.plans(slugs=ALL)
    assert renders == [] and all(plan.html is None for plan in plans)
    again, record = site.build(slugs=ALL)
    assert renders == [] and record["rendered"] == [] and record["built"] == {}
    for slug in ALL:
        assert again[slug] == first[slug]  # same key, file, size, entries and links
    assert again["plan"].linked == ("lessons/other.md",)


def test_a_plan_from_the_record_has_the_key_of_the_rendered_one(tmp_path):
    site = Site(tmp_path)
    site.build()
    [rendered] = site.plans(records=False)
    [recorded] = site.plans()
    assert recorded.html is None and recorded.html_sha256 == rendered.html_sha256
    assert recorded.files == rendered.files and recorded.linked == rendered.linked
    assert pack_key(recorded, SETTINGS) == pack_key(rendered, SETTINGS)


@pytest.mark.parametrize("change", [
    "the lesson's text", "the lesson's title", "its picture", "a link's address", "the licence",
    "the site's audiences", "the code",
])
def test_any_change_to_what_the_printable_copy_is_made_from_renders_it_again(tmp_path, renders, monkeypatch,
                                                                             change):
    site = Site(tmp_path)
    first, _ = site.build()
    settings = SETTINGS
    if change == "the lesson's text":
        site.write({"lessons/plan/index.md": lesson("Plan title", audiences=["teachers"], objectives=["Block"],
                                                    resources=["worksheet.txt", "sub/cards.txt"],
                                                    body=BODY + "\nOne more line.\n")})
    elif change == "the lesson's title":
        site.write({"lessons/plan/index.md": lesson("New title", audiences=["teachers"], objectives=["Block"],
                                                    resources=["worksheet.txt", "sub/cards.txt"], body=BODY)})
    elif change == "its picture":
        site.write({"lessons/plan/pics/square.png": OTHER_PNG})
    elif change == "a link's address":  # the lesson it links to moved, say to another audience
        site.urls["lessons/other.md"] = "8-10/other/"
    elif change == "the licence":
        settings = PackSettings(dataclasses.replace(SETTINGS.printing, licence="CC0"))
    elif change == "the site's audiences":  # the title the printable copy shows for 'teachers'
        site.site = SiteConfig([dataclasses.replace(a, title="Staff") if a.id == "teachers" else a
                                for a in SiteConfig().audiences])
    elif change == "the code":
        monkeypatch.setattr(cache_layer, "fingerprint", lambda: "0" * 64)  # any file of the package, or a library
    renders.clear()
    made, record = site.build(settings)
    assert renders == ["plan"] and record["rendered"] == ["plan"]
    assert made["plan"].key != first["plan"].key and record["built"] == {"plan": made["plan"].key}
    html = entries(made["plan"].file.read_bytes())["lesson.html"].decode()
    if change == "a link's address":
        assert 'href="https://example.org/site/8-10/other/"' in html
    if change == "its picture":
        assert base64.b64encode(OTHER_PNG).decode() in html
    if change == "the site's audiences":
        assert "<dd>Staff</dd>" in html


def test_a_link_whose_address_stays_the_same_renders_nothing(tmp_path, renders):
    site = Site(tmp_path)
    site.build()
    site.write({"lessons/other.md": lesson("Other, retitled", audiences=["11-13"], body="New words.")})
    renders.clear()
    site.build()
    assert renders == []


def test_editing_a_resource_makes_the_pack_again_with_the_new_file(tmp_path, renders):
    site = Site(tmp_path)
    first, _ = site.build()
    site.write({"lessons/plan/sub/cards.txt": "new cards\n"})
    renders.clear()
    made, record = site.build()
    assert record["built"] == {"plan": made["plan"].key} and made["plan"].key != first["plan"].key
    assert renders == ["plan"]  # its PDF is made again, so its printable copy is rendered
    assert entries(made["plan"].file.read_bytes())["resources/sub/cards.txt"] == b"new cards\n"


def test_a_picture_that_appears_renders_the_copy_again(tmp_path, renders):
    site = Site(tmp_path, body=BODY + "\n![Later](pics/later.png)\n")
    first, _ = site.build()
    assert "images/pics/later.png" not in first["plan"].names
    site.write({"lessons/plan/pics/later.png": OTHER_PNG})
    renders.clear()
    made, _ = site.build()
    assert renders == ["plan"] and "images/pics/later.png" in made["plan"].names


def test_a_pack_gone_from_the_cache_is_made_again_from_a_rendered_copy(tmp_path, renders):
    site = Site(tmp_path)
    first, _ = site.build()
    plans = site.plans()
    assert plans[0].html is None
    first["plan"].file.unlink()
    renders.clear()
    cache = PackCache(site.cache, workers=1)
    made = cache.packs(plans, SETTINGS)
    assert renders == ["plan"] and made["plan"].file.read_bytes() == _fresh(tmp_path, "plan")


def _fresh(tmp_path, slug) -> bytes:
    other = Site(tmp_path / "fresh")
    made, _ = other.build(slugs=(slug,))
    return made[slug].file.read_bytes()


def test_problems_are_found_without_rendering(tmp_path, renders):
    site = Site(tmp_path)
    site.build()
    renders.clear()
    small = PackSettings(SETTINGS.printing, max_file_bytes=len(PNG) - 1)
    model = site.model()
    records = PackCache(site.cache).records()
    plan, [problem] = plan_pack(model.by_slug["plan"], site.docs, SiteConfig(), small, site.urls.get,
                                recorded=records["plan"])
    assert renders == [] and plan.html is None
    assert problem.path == "lessons/plan/index.md" and problem.key == "picture 'pics/square.png'"
    (site.docs / "lessons/plan/worksheet.txt").unlink()
    plan, [problem] = plan_pack(model.by_slug["plan"], site.docs, SiteConfig(), SETTINGS, site.urls.get,
                                recorded=records["plan"])
    assert renders == [] and problem.key == "resources[0]"


@pytest.mark.parametrize("spoil", ["inputs", "html", "calls", "answer", "kind", "not a dict"])
def test_a_record_that_does_not_hold_up_vouches_for_nothing(tmp_path, renders, spoil):
    site = Site(tmp_path)
    site.build()
    [record] = PackCache(site.cache).records()["plan"]
    if spoil == "not a dict":
        record = ["inputs"]
    elif spoil == "inputs":
        record["inputs"] = "0" * 64
    elif spoil == "html":
        record["html"] = "not a hash"
    elif spoil == "calls":
        record["calls"] = [["link"]]
    elif spoil == "answer":
        record["calls"][0][2] = "https://example.org/elsewhere/"
    elif spoil == "kind":
        record["calls"][0][0] = "script"
    renders.clear()
    plan, _ = plan_pack(site.model().by_slug["plan"], site.docs, SiteConfig(), SETTINGS, site.urls.get,
                        recorded=[record])
    assert renders == ["plan"] and plan.html is not None


@pytest.mark.parametrize("extensions, configs", [
    (("pymdownx.snippets",), {}),  # reads files of its own
    (("toc",), {"toc": {"slugify": lambda text, sep: text}}),  # a function the record cannot name
    (("my_own_extension",), {}),
])
def test_extensions_a_record_cannot_vouch_for_leave_no_record(tmp_path, extensions, configs):
    settings = PackSettings(PrintSettings("Fixture", "CC BY 4.0", extensions=extensions,
                                          extension_configs=configs))
    site = Site(tmp_path)
    lesson_ = site.model().by_slug["plan"]
    assert packrecord.inputs(lesson_, SiteConfig(), settings.printing) is None
    if extensions != ("my_own_extension",):  # (not installed: Python-Markdown could not load it)
        plan, _ = plan_pack(lesson_, site.docs, SiteConfig(), settings, site.urls.get)
        assert plan.html is not None and plan.record is None  # so the next build renders it again


def test_the_record_keeps_this_builds_and_one_other(tmp_path):
    site = Site(tmp_path)
    site.build()
    site.build(PackSettings(dataclasses.replace(SETTINGS.printing, site_url=None)))  # as `mkdocs serve`
    records = PackCache(site.cache).records()["plan"]
    assert len(records) == 2
    site.build(PackSettings(dataclasses.replace(SETTINGS.printing, licence="CC0")))
    assert len(PackCache(site.cache).records()["plan"]) == 2
    site.build(slugs=("second",))
    assert set(PackCache(site.cache).records()) == {"second"}


def test_the_printable_copy_reads_no_file_but_the_pictures_the_record_checks(tmp_path):
    """If this fails, `printable_lesson` reads something new: the record (`References.questions`,
    `packrecord.replay`) must check it too before this test is changed."""
    site = Site(tmp_path, body=BODY + "\n![Gone](pics/none.png) ![Out](../../outside.png)\n")
    site.write({"outside.png": PNG})
    opened = []

    def hook(event, args):
        if event in ("open", "os.listdir", "os.scandir") and args and isinstance(args[0], (str, bytes)) \
                and str(tmp_path) in str(args[0]):
            opened.append(str(args[0]))

    lesson_ = site.model().by_slug["plan"]
    sys.addaudithook(hook)
    printable = printable_lesson(lesson_, site.docs, SiteConfig(), SETTINGS.printing, site.urls.get)
    seen = list(opened)
    opened.clear()
    assert sorted(seen) == sorted(str(p) for p in printable.images.values())
    answers = {answer for kind, _src, answer in printable.questions if kind == "image" and answer}
    assert answers == {hashlib.sha256(data_uri(p).encode()).hexdigest() for p in printable.images.values()}


def test_a_first_build_converts_each_lessons_markdown_once_and_records_what_it_asked(tmp_path, monkeypatch):
    converted = []
    convert = markdown.Markdown.convert

    def counting(self, source):
        converted.append(source)
        return convert(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", counting)
    site = Site(tmp_path)
    [plan] = site.plans()
    assert len(converted) == 1 and plan.html is not None
    printable = printable_lesson(plan.lesson, site.docs, SiteConfig(), SETTINGS.printing, site.urls.get)
    assert plan.record["calls"] == printable.questions == [
        ["link", "../other.md", SITE_URL + "11-13/other/"], ["link", "worksheet.txt", "resources/worksheet.txt"],
        ["image", "pics/square.png", hashlib.sha256(data_uri(site.docs / "lessons/plan/pics/square.png")
                                                    .encode()).hexdigest()]]


# What every lesson of a build shares, hashed once

def test_one_inputs_serves_every_lesson_of_a_build_with_their_own_hashes(tmp_path, monkeypatch):
    shared = []
    original = packrecord._shared
    monkeypatch.setattr(packrecord, "_shared", lambda *args: shared.append(args) or original(*args))
    site = Site(tmp_path)
    model = site.model()
    inputs = packrecord.Inputs(site.site, SETTINGS.printing)
    plans = [plan_pack(model.by_slug[slug], site.docs, site.site, SETTINGS, site.urls.get, inputs=inputs)[0]
             for slug in ALL]
    assert len(shared) == 1
    hashes = [plan.record["inputs"] for plan in plans]
    assert len(set(hashes)) == len(ALL)
    assert hashes == [packrecord.inputs(model.by_slug[slug], site.site, SETTINGS.printing) for slug in ALL]


def test_inputs_made_for_other_settings_are_not_used(tmp_path):
    site = Site(tmp_path)
    lesson_ = site.model().by_slug["plan"]
    other = packrecord.Inputs(site.site, dataclasses.replace(SETTINGS.printing, licence="CC0"))
    plan, _ = plan_pack(lesson_, site.docs, site.site, SETTINGS, site.urls.get, inputs=other)
    assert plan.record["inputs"] == packrecord.inputs(lesson_, site.site, SETTINGS.printing) != other.of(lesson_)


@pytest.mark.parametrize("change", ["site", "printing", "lesson"])
def test_the_inputs_hash_follows_what_the_copy_is_made_from(tmp_path, change):
    site = Site(tmp_path)
    lesson_ = site.model().by_slug["plan"]
    printing, site_config = SETTINGS.printing, SiteConfig()
    before = packrecord.inputs(lesson_, site_config, printing)
    assert packrecord.inputs(lesson_, SiteConfig(), dataclasses.replace(printing)) == before  # equal, not the same
    if change == "site":
        site_config = SiteConfig([dataclasses.replace(a, title="Staff") if a.id == "teachers" else a
                                  for a in site_config.audiences])
    elif change == "printing":
        printing = dataclasses.replace(printing, language="fr")
    else:
        lesson_ = dataclasses.replace(lesson_, body=lesson_.body + " ")
    assert packrecord.inputs(lesson_, site_config, printing) not in (None, before)


# The ZIPs: trusted while they stay as they were last seen whole, else opened, and made again if spoilt

def test_the_names_of_a_pack_are_its_zips_entries(tmp_path):
    made, _ = Site(tmp_path).build(slugs=ALL)
    for slug, pack in made.items():
        with zipfile.ZipFile(pack.file) as archive:
            assert pack.names == tuple(archive.namelist()), slug
    assert made["plan"].names == ("images/pics/square.png", "lesson.html", "lesson.pdf", "manifest.json",
                                  "resources/sub/cards.txt", "resources/worksheet.txt")


def test_a_cached_zip_is_named_by_its_key_and_the_hash_of_its_bytes(tmp_path):
    made, _ = Site(tmp_path).build(slugs=ALL)
    for slug, pack in made.items():
        sha256 = hashlib.sha256(pack.file.read_bytes()).hexdigest()
        assert pack.sha256 == sha256 and pack.file.name == f"{slug}-{pack.key[:32]}-{sha256}.zip"


def test_a_rebuild_reuses_every_zip_whose_bytes_still_have_their_hash(tmp_path, renders):
    site = Site(tmp_path)
    first, _ = site.build(slugs=ALL)
    renders.clear()
    again, record = site.build(slugs=ALL)
    assert renders == [] and record["built"] == {}
    assert again == first  # same key, file, size, entries, links and hash


def test_a_zip_without_a_recorded_hash_is_not_trusted(tmp_path):
    site = Site(tmp_path)
    first, _ = site.build(slugs=ALL)
    for pack in first.values():  # as a cache made by an older ThinkSafe: '<slug>-<key>.zip'
        pack.file.rename(pack.file.with_name(f"{pack.slug}-{pack.key[:32]}.zip"))
    again, record = site.build(slugs=ALL)
    assert sorted(record["built"]) == sorted(ALL) and again == first


def test_a_long_slug_gives_a_cache_name_file_systems_allow(tmp_path):
    slug = "a" + "-b" * 99  # as long as a lesson name may be
    site = Site(tmp_path)
    site.write({f"lessons/{slug}.md": lesson("Long", audiences=["teachers"])})
    made, _ = site.build(slugs=(slug,))
    assert made[slug].file.is_file() and len(made[slug].file.name) < 220


@pytest.mark.parametrize("spoil", ["not a zip", "cut short", "replaced, same size and time", "other entries",
                                   "one byte changed in place, same size and time"])
def test_a_spoilt_zip_is_made_again_not_trusted(tmp_path, renders, spoil):
    site = Site(tmp_path)
    first, _ = site.build(slugs=ALL)
    file = first["plan"].file
    data, stat = file.read_bytes(), file.stat()
    if spoil == "not a zip":
        file.write_bytes(b"not a zip")
    elif spoil == "cut short":
        file.write_bytes(data[: len(data) // 2])
    elif spoil == "replaced, same size and time":  # what a copy keeping times might leave
        other = file.with_name("other")
        other.write_bytes(bytes(len(data)))
        os.utime(other, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        os.replace(other, file)
    elif spoil == "other entries":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("lesson.html", "something else")
        file.write_bytes(buffer.getvalue())
    else:  # what writing through a hard link to the cache did: the same inode, size and time
        with open(file, "r+b") as stream:
            stream.seek(len(data) // 2)
            stream.write(bytes([data[len(data) // 2] ^ 1]))
        os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        assert file.stat().st_ino == stat.st_ino and file.stat().st_size == stat.st_size
    renders.clear()
    made, record = site.build(slugs=ALL)
    assert renders == ["plan"]  # its plan came from the record: its printable copy is rendered for the pack
    assert record["built"] == {"plan": first["plan"].key} and set(record["reused"]) == {"second", "third"}
    assert made["plan"] == first["plan"] and file.read_bytes() == data


def test_the_zips_kept_are_this_builds_and_the_newest_other(tmp_path):
    site = Site(tmp_path)
    site.build()
    second, _ = site.build(PackSettings(dataclasses.replace(SETTINGS.printing, licence="CC0")))
    third, _ = site.build(PackSettings(dataclasses.replace(SETTINGS.printing, licence="CC BY-SA 4.0")))
    folder = site.cache / "packs"
    assert {f.name for f in folder.glob("*.zip")} == {second["plan"].file.name, third["plan"].file.name}
