"""A lesson's Markdown is converted once, unless a copy's HTML really differs."""

from __future__ import annotations

import json
import shutil

from helpers import resolve, soup
from support import REPO, lesson


def article(build, url):
    page = soup(build.html(url + "index.html"))
    body = page.select_one("article")
    for part in body.select(".ts-lesson-meta, .ts-worried, #ts-main"):
        part.decompose()  # the parts that name the page's own audience
    return body


def test_each_lesson_is_converted_once_and_each_copy_gets_its_own_links(site):
    site.write("lessons/same.md", lesson("Same", audiences=["8-10", "11-13"],
                                         body="## Start\n\nSee [shared](shared.md#end)."))
    site.write("lessons/shared.md", lesson("Shared", audiences=["8-10", "11-13"], body="## End\n\nBye."))
    site.write("lessons/differs.md", lesson(
        "Differs", audiences=["8-10", "parents"],
        body="Read [only young](young.md?x=1&y=2#top) or [shared](shared.md) or "
             "[the web](https://example.org/)."))
    site.write("lessons/young.md", lesson("Young", audiences=["8-10"]))
    site.config["plugins"] = ["search"] + site.config["plugins"]
    build = site.build("--strict", "-v")
    assert build.returncode == 0, build.output
    reused = [line for line in build.output.splitlines() if "not converted again" in line]
    assert sorted(line.split("DEBUG")[-1].split(":")[0].strip(" -") for line in reused) == \
        ["11-13/same.md", "11-13/shared.md", "parents/differs.md"]
    # The finished copy is whole: the same text, table of contents and working links.
    assert str(article(build, "8-10/same/")) == str(article(build, "11-13/same/"))
    older = soup(build.html("11-13/same/index.html"))
    assert [a["href"] for a in older.select(".md-sidebar--secondary a")] == ["#start"]
    link = [a["href"] for a in older.select("article a") if a.get_text() == "shared"][0]
    assert resolve("11-13/same/", link) == "11-13/shared/#end"
    # Each copy's links lead to the target's copy in its own audience, else to the canonical one;
    # query and fragment are kept, and no tag of the conversion is left in the page.
    for url, expected in [("8-10/differs/", ["8-10/young/?x=1&y=2#top", "8-10/shared/"]),
                          ("parents/differs/", ["8-10/young/?x=1&y=2#top", "8-10/shared/"])]:
        html = build.html(url + "index.html")
        assert "data-thinksafe-link" not in html and "thinksafe:leaves" not in html
        hrefs = [a["href"] for a in article(build, url).select("a") if not a["href"].startswith("http")]
        assert [resolve(url, href) for href in hrefs] == expected
    # A leaving link is marked on the children's copy only.
    assert article(build, "8-10/differs/").select("a[href^=http] .ts-external__icon")
    assert not article(build, "parents/differs/").select(".ts-external__icon")
    # Each copy is in the search index, with the same words, in its own audience's index.
    docs = json.loads((build.site / "search/search_index.json").read_text())["docs"]
    def entries(url):
        return [(d["location"][len(url):], d["title"].split(" · ")[0], d["text"])
                for d in docs if d["location"].split("#")[0] == url]
    for first, other in [("8-10/same/", "11-13/same/"), ("8-10/differs/", "parents/differs/")]:
        assert entries(first) and entries(first) == entries(other)
    assert entries("8-10/same/")[1][:2] == ("#start", "Start")
    assert not any("(goes to another website)" in d["text"] for d in docs)  # the hidden leaving words
    older = json.loads((build.site / "search/11-13/search_index.json").read_text())["docs"]
    assert {d["location"].split("#")[0] for d in older} == {"11-13/", "11-13/same/", "11-13/shared/"}


def test_a_broken_anchor_in_a_reused_lesson_is_still_reported(site):
    site.write("lessons/a.md", lesson("A", audiences=["8-10", "11-13"], body="See [b](b.md#nowhere)."))
    site.write("lessons/b.md", lesson("B", audiences=["8-10", "11-13"]))
    build = site.build("--strict")
    assert "does not contain an anchor '#nowhere'" in build.output


def assert_same_pages_without_sharing(site, shared) -> int:
    """Build again with fast_templates off: every page must come out byte for byte the same."""
    pages = {p.relative_to(shared.site): p.read_bytes() for p in shared.site.rglob("*.html")}
    site.plugin_options(fast_templates=False)
    each = site.build("--strict")
    assert each.returncode == 0, each.output
    for path, html in pages.items():
        assert html == (each.site / path).read_bytes(), path
    return len(pages)


def test_shared_fragments_give_the_same_pages_as_rendering_each(site):
    for number in range(6):
        audiences = [["8-10", "11-13"], ["parents"], ["teachers", "8-10"]][number % 3]
        site.write(f"lessons/l{number}.md", lesson(f"Lesson {number}", audiences=audiences,
                                                   body=f"## Part {number}\n\nWords [web](https://example.org/)."))
    site.write("about.md", "# About\n\nA page of our own.\n")
    shared = site.build("--strict", "-v")
    assert shared.returncode == 0, shared.output
    # 10 lesson pages in 4 audiences: each of the 15 shared fragments is rendered once for each
    # audience and reused on its other 6 pages, but the copyright line, which is inside the
    # footer: written once for each footer shell of an audience (one per kind of neighbours,
    # speed/footer.py), and reused only there (4 times, not 6).
    assert "60 page fragments rendered once, reused 88 times" in shared.output
    assert assert_same_pages_without_sharing(site, shared) > 12


def test_footers_written_once_per_place_link_each_page_to_its_own_neighbours(site):
    # Titles that escaping changes, in the footer's aria-label (escaped) and its text (as is).
    titles = ["Tom & Jerry's \"tricks\"", "Less < more", "Plain"]
    for number, title in enumerate(titles):
        site.write(f"lessons/f{number}.md", lesson(title, audiences=["8-10", "parents"], body="Words."))
    shared = site.build("--strict")
    assert shared.returncode == 0, shared.output
    footers = {}
    for audience in ("8-10", "parents"):
        for number in range(3):
            page = soup(shared.html(f"{audience}/f{number}/index.html"))
            links = page.select(".md-footer__link")
            footers[audience, number] = [(a["aria-label"], a.select_one(".md-ellipsis").get_text(strip=True),
                                         resolve(f"{audience}/f{number}/", a["href"])) for a in links]
            assert links, (audience, number)
    assert footers != {} and len({str(f) for f in footers.values()}) == len(footers)  # each its own
    assert assert_same_pages_without_sharing(site, shared) > 6


def test_templates_compiled_once_are_still_read_again_when_they_change(site, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # where Jinja's folder for this user is
    overrides = tmp_path / "overrides"  # a site's own copy of ThinkSafe's main.html, changed below
    overrides.mkdir()
    shutil.copy(REPO / "plugins/thinksafe/theme/main.html", overrides)
    site.config["theme"]["custom_dir"] = str(overrides)
    site.write("lessons/a.md", lesson("A", audiences=["8-10"]))
    assert site.build("--strict").returncode == 0
    assert list(tmp_path.glob("_jinja2-cache-*/thinksafe-*.cache"))  # compiled templates kept
    main = overrides / "main.html"
    main.write_text(main.read_text().replace("{% block extrahead %}", "{% block extrahead %}<!--changed-->"))
    build = site.build("--strict")
    assert build.returncode == 0 and "<!--changed-->" in build.html("8-10/a/index.html")


def test_a_tab_that_leads_to_a_lesson_page_stops_its_audience_sharing_fragments(site):
    for name in ("a", "b", "c"):
        site.write(f"lessons/{name}.md", lesson(f"Lesson {name}", audiences=["8-10", "parents"]))
    site.config["nav"] = ["index.md", {"Start here": "8-10/a.md"}]
    shared = site.build("--strict", "-v")
    assert shared.returncode == 0, shared.output
    # Only the parents' pages share: on 8-10/a/ the tab "Start here" is the page itself. Their
    # copyright line is in the footer, written once for each footer shell (reused once).
    assert "15 page fragments rendered once, reused 29 times" in shared.output
    assert_same_pages_without_sharing(site, shared)


def test_the_parts_around_a_lessons_text_are_each_pages_own_when_they_read_the_page(site):
    # Material's partials around the text (content.html) are written once for a place only on
    # the pages that give them nothing of their own: here a hook (as a plugin could) gives one
    # lesson's copies a revision date, which Material's source-file.html shows.
    for name in ("a", "b", "c"):
        site.write(f"lessons/{name}.md", lesson(f"Lesson {name}", audiences=["8-10", "parents"]))
    (site.root / "dates.py").write_text(
        "def on_page_context(context, page, config, nav):\n"
        "    if page.file.src_uri.endswith('/b.md'):\n"
        "        page.meta['revision_date'] = '1 March 2026'\n")
    site.config["hooks"] = ["dates.py"]
    shared = site.build("--strict")
    assert shared.returncode == 0, shared.output
    for audience in ("8-10", "parents"):
        for name in ("a", "b", "c"):
            facts = soup(shared.html(f"{audience}/{name}/index.html")).select("article .md-source-file")
            assert [f.get_text(strip=True) for f in facts] == (["1 March 2026"] if name == "b" else [])
    assert assert_same_pages_without_sharing(site, shared) > 6
