"""`reviewed` and `sources` in real builds: the block on adults' pages only, the warnings of the
build and of `thinksafe check`, the catalogue, `thinksafe list`'s coverage table, and the copies
of pupil pages in a lesson plan's pack."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile

import yaml

from helpers import soup
from support import lesson

SOURCES = [{"title": "A guide for parents", "url": "https://example.org/guide?a=1&b=2"},
           {"title": "The <official> advice", "url": "https://example.net/advice"}]


def thinksafe(site, *args):
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(site.config, allow_unicode=True), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "thinksafe.cli", *args], cwd=site.root,
                          capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def test_adults_see_when_advice_was_checked_and_its_sources_children_do_not(site):
    site.write("lessons/shared.md", lesson("Telling someone", audiences=["8-10", "parents"],
                                           reviewed="2026-11-02", sources=SOURCES))
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    adults = soup(build.html("parents/shared/index.html"))
    block = adults.select_one("aside.ts-provenance")
    assert block is not None
    assert block.h2.get_text() == "Where this advice comes from"
    assert block.select_one(".ts-provenance__checked").get_text() == \
        "Checked November 2026 against these sources."
    assert block.time["datetime"] == "2026-11-02"
    links = block.select("a")
    assert [a["href"] for a in links] == ["https://example.org/guide?a=1&b=2", "https://example.net/advice"]
    assert links[1].get_text().startswith("The <official> advice")  # text, never HTML
    for link in links:  # marked as leaving the site, and tell the other site nothing
        assert link.select_one(".ts-external__icon") is not None
        assert "(goes to another website)" in link.get_text()
        assert link["rel"] == ["noopener", "noreferrer"]
    children = build.html("8-10/shared/index.html")
    assert "ts-provenance" not in children and "Where this advice comes from" not in children
    assert "example.org" not in children and "Checked" not in children
    entry = json.loads(build.html("catalog.json"))["lessons"][0]
    assert entry["reviewed"] == "2026-11-02" and entry["sources"] == SOURCES


def test_a_missing_or_old_review_warns_in_the_build_and_in_check_alike(site):
    site.write("lessons/old.md", lesson("Old advice", audiences=["parents"], reviewed="2020-01-15"))
    site.write("lessons/never.md", "---\ntitle: Never checked\nsummary: S\naudiences: [teachers]\n---\nWords.\n")
    site.write("lessons/kids.md", lesson("For children", audiences=["8-10"]))  # no date asked of it
    stale = "content/lessons/old.md:6: reviewed: 2020-01-15 is more than 12 months ago"
    missing = "content/lessons/never.md:1: reviewed: is missing"
    build = site.build()
    assert build.returncode == 0, build.output
    assert stale in build.output and missing in build.output and "kids.md" not in build.output
    assert site.build("--strict").returncode != 0
    code, out = thinksafe(site, "check", "--strict")
    assert code == 1 and stale in out and missing in out and "kids.md" not in out
    # The age is the site owner's to set; 0 turns the warnings off.
    site.plugin_options(review_max_age_months=0)
    assert site.build("--strict").returncode == 0
    assert thinksafe(site, "check", "--strict")[0] == 0
    site.plugin_options(review_max_age_months=-2)
    build = site.build()
    assert build.returncode != 0 and "plugins.thinksafe.review_max_age_months: got a number -2" in build.output
    code, out = thinksafe(site, "check")
    assert code == 1 and "plugins.thinksafe.review_max_age_months: got a number -2" in out


def test_a_bad_date_or_source_stops_the_build_naming_file_line_and_key(site):
    site.write("lessons/bad.md", "---\ntitle: Bad\nsummary: S\naudiences: [parents]\nreviewed: 2026-02-30\n"
                                 "sources:\n  - {title: A, url: 'http://example.org/a'}\n  - {titel: B, url: 'https://b.org/'}\n"
                                 "---\nWords.\n")
    build = site.build()
    assert build.returncode != 0 and "Traceback" not in build.output
    assert "content/lessons/bad.md:5: reviewed: '2026-02-30' is not a date in the calendar" in build.output
    assert "content/lessons/bad.md:6: sources[0].url: 'http://example.org/a' is not a secure (https) address" \
        in build.output
    assert "content/lessons/bad.md:6: sources[1].titel: is not a setting of a source; expected one of " \
           "'title', 'url'; did you mean 'title'?" in build.output
    code, out = thinksafe(site, "check")
    assert code == 1 and "content/lessons/bad.md:5: reviewed:" in out


def test_list_shows_lessons_per_topic_and_audience(site):
    site.write("lessons/a.md", lesson("A", audiences=["8-10", "11-13"], topics=["online-bullying"]))
    site.write("lessons/b.md", lesson("B", audiences=["8-10"], topics=["online-bullying", "privacy-and-security"]))
    code, out = thinksafe(site, "list")
    assert code == 0, out
    rows = {line.split("  ")[0].strip(): line.split()[-4:] for line in out.splitlines() if "  " in line}
    assert "Coverage: published lessons per topic and audience" in out
    assert rows["Online bullying"] == ["2", "1", "0", "0"]
    assert rows["Privacy and security"] == ["1", "0", "0", "0"]
    assert "Empty in a children's section: Ages 8–10 × Self-image and identity;" in out
    code, out = thinksafe(site, "list", "--audience", "11-13")
    assert "Topic                             11-13" in out and "8-10 " not in out


def test_a_plans_pack_holds_the_pupil_pages_it_links_to(site):
    site.write("lessons/plan/index.md", lesson(
        "Plan", audiences=["teachers"], duration=30, objectives=["Know"], resources=["sheet.html"],
        body="Pupils read [the first lesson](../kids.md#start) and [the second](../teens.md), then "
             "[the first again](../kids.md). Parents may like [the guide](../guide.md).\n"))
    site.write("lessons/plan/sheet.html", "<!DOCTYPE html><title>Sheet</title><p>Sheet</p>\n")
    site.write("lessons/kids.md", lesson("First lesson", audiences=["8-10"],
                                         body="## Start\n\nWe can be kind to our friends.\n"))
    site.write("lessons/teens.md", lesson("Second lesson", audiences=["11-13"], body="Hi.\n"))
    site.write("lessons/guide.md", lesson("A guide", audiences=["parents"], body="Words.\n"))
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    with zipfile.ZipFile(io.BytesIO((build.site / "packs/plan.zip").read_bytes())) as pack:
        names = pack.namelist()
        manifest = json.loads(pack.read("manifest.json"))
        plan = soup(pack.read("lesson.html").decode())
        first = pack.read("pupil-kids.html").decode()
    assert {"pupil-kids.html", "pupil-teens.html"} <= set(names) and "pupil-guide.html" not in names
    assert {"pupil-kids.html", "pupil-teens.html"} <= {f["path"] for f in manifest["files"]}
    hrefs = [a["href"] for a in plan.select("main a")]
    assert hrefs[:3] == ["pupil-kids.html#start", "pupil-teens.html", "pupil-kids.html"]
    assert plan.select_one("main a:-soup-contains('the guide')") is None  # words only: no site address
    assert "pupil-kids.html" in plan.select_one(".ts-print-facts").get_text()
    assert "<h1>First lesson</h1>" in first and "We can be kind" in first and 'id="start"' in first
    page = soup(build.html("teachers/plan/index.html"))
    assert "pupil-kids.html: a pupil page the plan uses" in page.select_one(".ts-pack__contents").get_text()
    again = site.build("--strict")  # the plan's copy is taken from the cache's record: same pack
    assert again.returncode == 0 and (again.site / "packs/plan.zip").read_bytes() == \
        (build.site / "packs/plan.zip").read_bytes()
    site.write("lessons/kids.md", lesson("First lesson, new title", audiences=["8-10"],
                                         body="## Start\n\nWe can be kind to our friends.\n"))
    changed = site.build("--strict")
    with zipfile.ZipFile(io.BytesIO((changed.site / "packs/plan.zip").read_bytes())) as pack:
        assert "First lesson, new title" in pack.read("pupil-kids.html").decode()
