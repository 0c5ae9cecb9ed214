"""Lesson packs in real `mkdocs build`s: what they hold, the same bytes every time, the cache, safety."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pypdf
import pytest

from helpers import resolve, soup
from support import REPO, FixtureSite, lesson
from thinksafe.core.packs.cache import read_record

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGM8ISfHwMDAxMDAwMDAAAAN"
                       "BAEIfXHKZgAAAABJRU5ErkJggg==")
OBJECTIVES = ["Spot a fake profile", "Know how to block and report"]


def write_pack_site(site: FixtureSite) -> None:
    """A lesson plan with resources in a sub-folder and a picture, a pupil lesson it links to, a
    children's lesson with a worksheet, and a lesson with no pack."""
    site.write("lessons/plan/index.md", lesson(
        "Plan: fake profiles", audiences=["teachers"], topics=["online-relationships"], duration=40,
        objectives=OBJECTIVES, resources=["worksheet.html", "cards/cards.txt"],
        body="## Starter\n\n![A red square](square.png)\n\nPupils read [the pupil lesson](../pupil.md).\n"))
    site.write("lessons/plan/worksheet.html", "<!DOCTYPE html><title>Worksheet</title><p>Fill me in</p>\n")
    site.write("lessons/plan/cards/cards.txt", "card one\ncard two\n")
    site.write("lessons/plan/square.png", PNG)
    site.write("lessons/pupil.md", lesson("Pupil lesson", audiences=["11-13"], topics=["online-relationships"]))
    site.write("lessons/kids/index.md", lesson("With a sheet", audiences=["8-10"], resources=["sheet.txt"]))
    site.write("lessons/kids/sheet.txt", "sheet\n")


def zips(built: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((built / "packs").glob("*.zip"))}


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def record(site: FixtureSite) -> dict:
    return read_record(site.root / ".cache/thinksafe")


@pytest.fixture(scope="module")
def pack_build(tmp_path_factory):
    site = FixtureSite(tmp_path_factory.mktemp("packs") / "site-src")
    write_pack_site(site)
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    return build


def packs_left(temporary: Path) -> list[Path]:
    """What the packs left in the temporary folder (Jinja keeps its compiled templates there, in a
    folder of its own: mkdocs/speed/compiled_templates.py)."""
    return [p for p in temporary.iterdir() if not p.name.startswith("_jinja2-cache-")]


def test_two_clean_builds_in_different_folders_write_byte_identical_packs(tmp_path, pack_build):
    other = FixtureSite(tmp_path / "elsewhere" / "src")
    write_pack_site(other)
    assert other.build().returncode == 0
    first = zips(other.root / "site")
    assert sorted(first) == ["kids.zip", "plan.zip"]
    assert first == zips(pack_build.site)  # no build path inside any file
    for path in [other.root / "site", other.root / ".cache"]:  # clean: no site, no cache
        __import__("shutil").rmtree(path)
    assert other.build().returncode == 0
    assert zips(other.root / "site") == first
    assert record(other)["built"].keys() == {"kids", "plan"}


@pytest.mark.parametrize("workers", ["1", "2"])
def test_packs_made_one_by_one_or_in_parallel_are_byte_identical(tmp_path, pack_build, monkeypatch, workers):
    monkeypatch.setenv("THINKSAFE_PACK_WORKERS", workers)  # 1: every PDF in the build's own process
    other = FixtureSite(tmp_path / "src")
    write_pack_site(other)
    assert other.build().returncode == 0
    assert record(other)["built"].keys() == {"kids", "plan"}
    assert zips(other.root / "site") == zips(pack_build.site)


def test_packs_begun_while_the_lessons_are_checked_are_byte_identical(tmp_path, pack_build, monkeypatch):
    monkeypatch.setenv("THINKSAFE_PACK_WORKERS", "2")
    monkeypatch.setenv("TMPDIR", str(tmp_path / "temporary"))  # where the workers' packs wait for the build
    (tmp_path / "temporary").mkdir()
    other = FixtureSite(tmp_path / "src")
    write_pack_site(other)
    build = other.build("-v")
    assert build.returncode == 0, build.output
    assert "Lesson packs: 2 begun in 2 processes while the lessons were checked" in build.output
    assert zips(other.root / "site") == zips(pack_build.site)
    assert packs_left(tmp_path / "temporary") == []


def test_a_failed_check_throws_away_the_packs_begun(tmp_path, monkeypatch):
    monkeypatch.setenv("THINKSAFE_PACK_WORKERS", "2")
    monkeypatch.setenv("TMPDIR", str(tmp_path / "temporary"))
    (tmp_path / "temporary").mkdir()
    site = FixtureSite(tmp_path / "src")
    write_pack_site(site)
    site.plugin_options(pack_max_file_mb=0.00006)  # the plan's picture is 79 bytes: the other packs are begun
    build = site.build("-v")
    assert build.returncode != 0 and "picture 'square.png': is" in build.output, build.output
    assert "begun" not in build.output
    assert not (site.root / "site").exists() and not list(site.root.glob(".cache/**/*.zip"))
    assert packs_left(tmp_path / "temporary") == []


def test_manifest_matches_the_contents_and_every_resource_is_there(pack_build):
    files = entries((pack_build.site / "packs/plan.zip").read_bytes())
    assert sorted(files) == ["images/square.png", "lesson.html", "lesson.pdf", "manifest.json",
                             "pupil-pupil.html", "resources/cards/cards.txt", "resources/worksheet.html"]
    content = pack_build.site.parent / "content/lessons/plan"
    for resource in ["worksheet.html", "cards/cards.txt"]:
        assert files[f"resources/{resource}"] == (content / resource).read_bytes()
    manifest = json.loads(files["manifest.json"])
    assert manifest["title"] == "Plan: fake profiles" and manifest["objectives"] == OBJECTIVES
    assert (manifest["site"], manifest["licence"]) == ("Fixture", "CC BY-NC-SA 4.0")
    listed = {f["path"]: (f["size"], f["sha256"]) for f in manifest["files"]}
    assert listed == {name: (len(data), hashlib.sha256(data).hexdigest())
                      for name, data in files.items() if name != "manifest.json"}


def test_pdf_holds_the_title_and_objectives(pack_build):
    pdf = entries((pack_build.site / "packs/plan.zip").read_bytes())["lesson.pdf"]
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    for words in ["Plan: fake profiles", *OBJECTIVES]:
        assert words in text


def test_lesson_html_names_no_other_host_and_no_file_it_lacks(pack_build):
    files = entries((pack_build.site / "packs/plan.zip").read_bytes())
    html = files["lesson.html"].decode()
    assert not re.search(r"(?:https?:)?//", html.replace("http://www.w3.org/", ""))
    references = re.findall(r'\b(?:href|src)="([^"#][^"]*)"', html)
    assert references, "the worksheet link and the picture are there"
    for reference in references:
        assert reference.startswith("data:") or reference in files, reference
    assert "data:image/png;base64," in html and "the pupil lesson" in html


def test_catalogue_names_each_pack_and_null_for_lessons_without_one(pack_build):
    lessons = {l["slug"]: l for l in json.loads(pack_build.html("catalog.json"))["lessons"]}
    assert lessons["plan"]["pack"] == "packs/plan.zip" and lessons["kids"]["pack"] == "packs/kids.zip"
    assert lessons["pupil"]["pack"] is None


def test_every_copy_of_a_lesson_offers_its_pack_with_size_and_contents(pack_build):
    size = (pack_build.site / "packs/kids.zip").stat().st_size
    page = soup(pack_build.html("8-10/kids/index.html"))
    button = page.select_one("a.md-button.ts-pack__button")
    assert button.has_attr("download") and resolve("8-10/kids/", button["href"]) == "packs/kids.zip"
    assert button.get_text(strip=True) == f"Download the lesson pack (ZIP, {max(1, round(size / 1000))} KB)"
    contents = [li.get_text(strip=True) for li in page.select(".ts-pack__contents li")]
    assert "sheet.txt" in contents and any(c.startswith("lesson.pdf") for c in contents)
    assert soup(pack_build.html("11-13/pupil/index.html")).select_one(".ts-pack") is None


def test_teachers_page_shows_duration_and_objectives_at_the_top(pack_build):
    page = soup(pack_build.html("teachers/plan/index.html"))
    plan = page.select_one("article .ts-plan")
    assert "40 minutes" in plan.get_text() and [li.get_text() for li in plan.select("li")] == OBJECTIVES
    assert page.select_one("article .ts-pack") is not None


def test_teachers_list_every_pack_by_age_band_then_topic(pack_build):
    page = soup(pack_build.html("teachers/packs/index.html"))
    article = page.select_one("article")
    headings = [h.get_text(strip=True) for h in article.select("h2, h3")]
    assert headings[:4] == ["Ages 8–10", "More lessons", "Ages 11–13", "Online relationships"]
    row = article.select_one('tr[data-pack="plan"]')
    cells = [td.get_text(" ", strip=True) for td in row.select("td")]
    size = (pack_build.site / "packs/plan.zip").stat().st_size
    assert cells[:4] == ["Plan: fake profiles", "Ages 11–13", "Online relationships", "40 minutes"]
    assert cells[4].endswith(f"(ZIP, {max(1, round(size / 1000))} KB)")
    assert resolve("teachers/packs/", row.select_one("a.ts-pack-link")["href"]) == "packs/plan.zip"
    assert page.select_one(".md-tabs__item--active").get_text(strip=True) == "Teachers and trainers"


def test_editing_one_lesson_remakes_only_its_pack(site):
    write_pack_site(site)
    assert site.build().returncode == 0
    assert record(site)["built"].keys() == {"kids", "plan"}
    before = zips(site.root / "site")
    assert record(site)["rendered"] == ["kids", "plan"]
    assert site.build().returncode == 0
    assert record(site)["built"] == {} and record(site)["reused"].keys() == {"kids", "plan"}
    assert record(site)["rendered"] == []  # nothing changed: no printable copy rendered
    site.write("lessons/kids/sheet.txt", "a new sheet\n")
    assert site.build().returncode == 0
    assert record(site)["built"].keys() == {"kids"} and record(site)["reused"].keys() == {"plan"}
    assert record(site)["rendered"] == ["kids"]  # its PDF is made again
    after = zips(site.root / "site")
    assert after["plan.zip"] == before["plan.zip"] and after["kids.zip"] != before["kids.zip"]


def test_editing_a_lesson_or_one_it_links_to_prints_it_again(site):
    site.config["site_url"] = "https://example.org/"  # so that the printable copy links to pages
    write_pack_site(site)
    assert site.build().returncode == 0
    html = entries((site.root / "site/packs/plan.zip").read_bytes())["lesson.html"].decode()
    # A pupil lesson's link leads to its copy in the pack, which works without the internet.
    assert 'href="pupil-pupil.html"' in html
    site.write("lessons/pupil.md", lesson("Pupil lesson", audiences=["8-10"], topics=["online-relationships"]))
    assert site.build().returncode == 0
    # The pupil's copy is new, so the pack is made again (with the plan's copy printed again).
    assert record(site)["rendered"] == ["plan"] and record(site)["built"].keys() == {"plan"}
    pupil = entries((site.root / "site/packs/plan.zip").read_bytes())["pupil-pupil.html"].decode()
    assert "Ages 8–10" in pupil and "Ages 11–13" not in pupil
    site.write("lessons/plan/index.md", lesson(
        "Plan: new title", audiences=["teachers"], topics=["online-relationships"], duration=40,
        objectives=OBJECTIVES, resources=["worksheet.html", "cards/cards.txt"],
        body="## Starter\n\n![A red square](square.png)\n\nPupils read [the pupil lesson](../pupil.md).\n"))
    assert site.build().returncode == 0
    assert record(site)["rendered"] == ["plan"] and record(site)["built"].keys() == {"plan"}
    assert "Plan: new title" in entries((site.root / "site/packs/plan.zip").read_bytes())["lesson.html"].decode()
    assert site.build().returncode == 0
    assert record(site)["rendered"] == [] and record(site)["built"] == {}


def test_a_picture_over_a_lowered_limit_fails_the_build_though_the_cache_knows_the_lesson(site):
    write_pack_site(site)
    assert site.build().returncode == 0
    site.plugin_options(pack_max_file_mb=0.00006)  # the picture is 79 bytes, every other file smaller
    build = site.build()
    assert build.returncode != 0
    assert re.search(r"content/lessons/plan/index\.md: picture 'square\.png': is \S+ MB, too large for a "
                     r"lesson pack", build.output), build.output


@pytest.mark.parametrize("resource, expected", [
    ("../pupil.md", "resources[0]: '../pupil.md' leads outside the lesson's folder"),
    ("/etc/hostname", "resources[0]: '/etc/hostname' is an absolute path"),
    ("secret.txt", "resources[0]: 'secret.txt' is a link that leads outside the lesson's folder"),
])
def test_unsafe_resources_fail_the_build_and_no_pack_is_written(site, resource, expected):
    write_pack_site(site)
    (site.root / "secret.txt").write_text("not for the web")
    os.symlink(site.root / "secret.txt", site.content / "lessons/plan/secret.txt")
    site.write("lessons/plan/index.md", lesson("Plan", audiences=["teachers"], resources=[resource]))
    build = site.build()
    assert build.returncode != 0 and f"content/lessons/plan/index.md:6: {expected}" in build.output, build.output
    assert not (site.root / "site").exists()
    assert not list(site.root.glob(".cache/**/*.zip"))


def test_an_over_large_file_fails_the_build_with_the_limit_named(site):
    write_pack_site(site)
    site.plugin_options(pack_max_file_mb=0.001)
    site.write("lessons/kids/sheet.txt", "x" * 1500)
    build = site.build()
    assert build.returncode != 0
    assert ("content/lessons/kids/index.md:6: resources[0]: 'sheet.txt' is 0.0015 MB, too large for "
            "a lesson pack; expected at most 0.001 MB a file; make the file smaller, or raise "
            "'pack_max_file_mb'") in build.output, build.output
    assert not (site.root / "site").exists() and not list(site.root.glob(".cache/**/*.zip"))


def test_source_date_epoch_stamps_every_entry_and_the_pdf(site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    write_pack_site(site)
    assert site.build().returncode == 0
    data = (site.root / "site/packs/plan.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        pdf = pypdf.PdfReader(io.BytesIO(archive.read("lesson.pdf")))
    assert pdf.metadata["/CreationDate"].startswith("D:20231114221320")


def test_packs_can_be_turned_off(site):
    write_pack_site(site)
    site.plugin_options(packs=False)
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    assert not (build.site / "packs").exists() and not (build.site / "teachers/packs").exists()
    assert all(l["pack"] is None for l in json.loads(build.html("catalog.json"))["lessons"])
    assert soup(build.html("teachers/plan/index.html")).select_one(".ts-pack") is None


def test_every_bundled_lesson_plan_pack_holds_its_worksheet(bundled_site):
    assert bundled_site.returncode == 0, bundled_site.output
    plans = [l for l in json.loads(bundled_site.html("catalog.json"))["lessons"] if "teachers" in l["audiences"]]
    assert len(plans) >= 4
    for plan in plans:
        assert plan["pack"] == f"packs/{plan['slug']}.zip"
        files = entries((bundled_site.site / plan["pack"]).read_bytes())
        [folder] = (REPO / "content/lessons").rglob(f"{plan['slug']}/index.md")
        assert files["resources/worksheet.html"] == (folder.parent / "worksheet.html").read_bytes()
        assert {"lesson.html", "lesson.pdf", "manifest.json"} <= set(files)
    assert (bundled_site.site / "teachers/packs/index.html").is_file()


def _cache(site: FixtureSite) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((site.root / ".cache/thinksafe/packs").glob("*.zip"))}


def test_writing_into_a_published_pack_changes_neither_the_cache_nor_the_next_build(site):
    write_pack_site(site)
    assert site.build().returncode == 0
    published = site.root / "site/packs/kids.zip"
    good, cached = published.read_bytes(), _cache(site)
    assert all(not published.samefile(site.root / ".cache/thinksafe/packs" / name) for name in cached)
    with open(published, "r+b") as stream:  # what a deploy step or a person might do
        stream.seek(len(good) // 2)
        stream.write(b"POISON")
    assert _cache(site) == cached
    assert site.build().returncode == 0
    assert published.read_bytes() == good and _cache(site) == cached
    assert record(site)["built"] == {}


def test_a_poisoned_cache_entry_is_made_again_not_published(site):
    write_pack_site(site)
    assert site.build().returncode == 0
    good = (site.root / "site/packs/kids.zip").read_bytes()
    [entry] = (site.root / ".cache/thinksafe/packs").glob("kids-*.zip")
    stat = entry.stat()
    with open(entry, "r+b") as stream:
        stream.seek(len(good) // 2)
        stream.write(b"POISON")
    os.utime(entry, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, time and inode
    assert site.build().returncode == 0
    assert (site.root / "site/packs/kids.zip").read_bytes() == good
    assert record(site)["built"].keys() == {"kids"} and entry.read_bytes() == good


def test_a_pack_published_as_a_link_by_an_older_build_is_replaced_not_written_through(site):
    write_pack_site(site)
    assert site.build().returncode == 0
    published = site.root / "site/packs/kids.zip"
    deployed = site.root / "deployed-kids.zip"  # as an older build, or a deployment, might have linked it
    os.link(published, deployed)
    before = deployed.read_bytes()
    site.write("lessons/kids/sheet.txt", "a new sheet\n")
    assert site.build().returncode == 0
    assert record(site)["built"].keys() == {"kids"}
    assert deployed.read_bytes() == before  # the remade pack went to a new file
    assert published.read_bytes() != before and zipfile.is_zipfile(published)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _clean_build(site: FixtureSite, where: Path) -> dict[str, bytes]:
    """The site folder a clean build (no cache, no site folder) of the same input leaves."""
    shutil.copytree(site.root, where, ignore=shutil.ignore_patterns(".cache", "site"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=where, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return _files(where / "site")


def test_a_published_pack_no_one_touched_is_kept_and_the_site_matches_a_clean_build(site, tmp_path):
    write_pack_site(site)
    assert site.build().returncode == 0
    time.sleep(2.1)  # the copies are recorded as settled (published_copies.py) from the next build on
    assert site.build().returncode == 0
    published = site.root / "site/packs/plan.zip"
    before = published.stat()
    site.write("lessons/kids/sheet.txt", "a new sheet\n")  # kids.zip changes, plan.zip does not
    assert site.build().returncode == 0
    after = published.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_ctime_ns) == (before.st_ino, before.st_mtime_ns,
                                                                   before.st_ctime_ns)
    assert _files(site.root / "site") == _clean_build(site, tmp_path / "clean-1")
    # Written into in place, its size and modification time kept: published again, from the cache.
    time.sleep(2.1)
    assert site.build().returncode == 0
    good, stat = published.read_bytes(), published.stat()
    with open(published, "r+b") as stream:
        stream.seek(len(good) // 2)
        stream.write(b"POISON")
    os.utime(published, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert site.build().returncode == 0
    assert published.read_bytes() == good
    # A lesson removed: its pack is no longer in the site.
    shutil.rmtree(site.content / "lessons/kids")
    assert site.build().returncode == 0
    assert not (site.root / "site/packs/kids.zip").exists()
    assert _files(site.root / "site") == _clean_build(site, tmp_path / "clean-2")
