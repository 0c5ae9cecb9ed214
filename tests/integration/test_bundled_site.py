"""The repository's own site: every section built, nothing lost, no broken link, nothing external."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter

from helpers import active_tab, soup
from support import REPO
from thinksafe.core.model.lessons import load_lessons
from thinksafe.core.model.settings import SiteConfig

LESSONS = REPO / "content" / "lessons"


def catalog(bundled_site) -> dict:
    return json.loads((bundled_site.site / "catalog.json").read_text(encoding="utf-8"))


def test_bundled_site_builds_strictly(bundled_site):
    assert bundled_site.returncode == 0, bundled_site.output
    assert "WARNING" not in bundled_site.output


def test_every_audience_section_and_every_lesson_is_written(bundled_site):
    data = catalog(bundled_site)
    assert [a["id"] for a in data["audiences"]] == ["8-10", "11-13", "parents", "teachers"]
    for audience in data["audiences"]:
        assert (bundled_site.site / audience["url"] / "index.html").is_file()
    sources = [p for p in LESSONS.rglob("*.md") if "draft: true" not in p.read_text()]
    assert len(data["lessons"]) == len(sources)  # nothing lost
    for entry in data["lessons"]:
        for url in entry["urls"].values():
            assert (bundled_site.site / url / "index.html").is_file(), url


def test_a_two_audience_lesson_keeps_each_reader_in_their_audience(bundled_site):
    titles = {a["id"]: a["title"] for a in catalog(bundled_site)["audiences"]}
    shared = [l for l in catalog(bundled_site)["lessons"] if len(l["audiences"]) > 1]
    assert len(shared) >= 2
    for entry in shared:
        for audience, url in entry["urls"].items():
            page = soup((bundled_site.site / url / "index.html").read_text(encoding="utf-8"))
            assert active_tab(page) == titles[audience]


def test_starter_content_covers_what_each_reader_needs(bundled_site):
    data = catalog(bundled_site)
    per_audience = Counter(a for l in data["lessons"] for a in l["audiences"])
    assert per_audience["8-10"] >= 6 and per_audience["11-13"] >= 6
    assert per_audience["parents"] >= 5 and per_audience["teachers"] >= 4
    used = {t for l in data["lessons"] for t in l["topics"]}
    assert used == {t["id"] for t in data["topics"]}


def test_lesson_plans_have_duration_objectives_and_a_worksheet():
    sources = [p.relative_to(REPO / "content").as_posix() for p in LESSONS.rglob("*.md")]
    lessons, problems = load_lessons(REPO / "content", sources, SiteConfig())
    assert problems == []
    plans = [l for l in lessons if "teachers" in l.audiences]
    bands = set()
    for plan in plans:
        assert plan.duration and plan.objectives, plan.path
        assert any("worksheet" in r for r in plan.resources), plan.path
        bands |= {a for a in plan.audiences} | set(re.findall(r"\d+[–-]\d+", plan.title))
    assert {"8–10", "11–13"} <= {b.replace("-", "–") for b in bands}


def test_no_page_asks_another_host_for_anything(bundled_site):
    external = re.compile(r'<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)="(?:https?:)?//',
                          re.I)
    for page in bundled_site.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not external.search(html), page
        assert "fonts.googleapis" not in html and "@import url(http" not in html


def test_linkchecker_finds_no_broken_link(bundled_url, tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "linkcheck", "--no-status", "--no-warnings", "--recursion-level=-1",
         "--threads=4", "--timeout=20", bundled_url],
        capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    checked = re.search(r"(\d+) links? in (\d+) URLs? checked", done.stdout)
    assert checked and int(checked.group(2)) > 50, done.stdout
