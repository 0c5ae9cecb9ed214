"""A rebuild takes unchanged lessons' conversions from the cache, and gives the pages a clean
build gives: whatever changed (a lesson, a lesson it links to, the Markdown settings), and
with every message printed again."""

from __future__ import annotations

import json
import logging
import re
import shutil

from support import lesson

CACHE = ".cache/thinksafe/conversions.json"


def lessons(site):
    site.write("lessons/same.md", lesson("Same", audiences=["8-10", "11-13"],
                                         body="## Start\n\nSee [the talk](talk.md#how).\n\n## Start\n\nAgain."))
    site.write("lessons/talk.md", lesson("Talk", audiences=["parents", "8-10"],
                                         body="## How\n\nTalk about [it](https://example.org/)."))
    site.write("lessons/plan.md", lesson("Plan", audiences=["teachers"], body="## Steps\n\nTeach [same](same.md)."))
    return site


def build(site, *args):
    """The build, and the lesson copies whose conversions were kept (other pages' are kept too: `kept_pages`).

    Every page is read: without the pages' records, an unchanged page is not (early_pages.py)."""
    (site.root / ".cache/thinksafe/page-records.json").unlink(missing_ok=True)
    done = site.build("-v", *args)
    assert done.returncode == 0, done.output
    slugs = {path.stem for path in site.root.rglob("lessons/*.md")}
    return done, [src for src in kept_pages(done) if src.rsplit("/", 1)[-1][:-3] in slugs]


def kept_pages(done) -> list[str]:
    """Every page whose conversion was kept: lesson copies, landing pages, help, home."""
    return sorted(line.split("DEBUG")[-1].split(":")[0].strip(" -") for line in done.output.splitlines()
                  if "conversion kept from the last build" in line)


def pages(folder):
    # The sitemap's gzip header holds the second it was made: its text is compared instead.
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "sitemap.xml.gz"}


def clean_build_pages(site, *args):
    """The site a build with no cache gives, the cache of the builds before left as it was."""
    shutil.move(site.root / ".cache", site.root / "kept-cache")
    done, kept = build(site, *args)
    assert kept == []
    result = pages(done.site)
    shutil.rmtree(site.root / ".cache")
    shutil.move(site.root / "kept-cache", site.root / ".cache")
    return result


def test_a_rebuild_keeps_every_conversion_and_gives_the_same_site(site):
    lessons(site)
    first, kept = build(site)
    assert kept == []
    second, kept = build(site)
    # One conversion per lesson (its other copies are finished from it), each kept.
    assert kept == ["8-10/same.md", "8-10/talk.md", "teachers/plan.md"]
    others = [src for src in kept_pages(second) if src not in kept]
    assert "8-10/index.md" in others  # a landing page, converted once and kept
    assert len(json.loads((site.root / CACHE).read_text())["pages"]) == 3 + len(others)
    assert pages(second.site) == clean_build_pages(site)


def test_an_edited_lesson_and_the_lessons_linking_to_a_moved_one_are_converted_again(site):
    lessons(site)
    build(site)
    site.write("lessons/plan.md", lesson("Plan", audiences=["teachers"], body="## Steps\n\nTeach [it](same.md) now."))
    done, kept = build(site)
    assert kept == ["8-10/same.md", "8-10/talk.md"]
    assert pages(done.site) == clean_build_pages(site)
    # Talk leaves 8-10: the copy Same's link leads to moves, so every conversion is made again.
    site.write("lessons/talk.md", lesson("Talk", audiences=["parents"], body="## How\n\nTalk about it."))
    done, kept = build(site)
    assert kept == []
    assert 'href="../../parents/talk/#how"' in done.html("8-10/same/index.html")
    assert pages(done.site) == clean_build_pages(site)
    stored = json.loads((site.root / CACHE).read_text())["pages"]
    made = int(re.search(r"lesson conversions kept from the last build, (\d+) made", done.output).group(1))
    assert len(stored) == made  # the conversions of the earlier builds are dropped


def test_other_markdown_settings_convert_every_lesson_again(site):
    lessons(site)
    build(site)
    site.config["markdown_extensions"] = [{"toc": {"permalink": True}}]
    done, kept = build(site)
    assert kept == [] and 'class="headerlink"' in done.html("8-10/same/index.html")
    assert pages(done.site) == clean_build_pages(site)


def test_a_lesson_with_something_to_say_says_it_on_every_build(site):
    lessons(site)
    site.write("lessons/broken.md", lesson("Broken", body="See [the lost one](lost.md)."))
    for _ in range(2):
        done, kept = build(site)
        assert "8-10/broken.md" not in kept
        assert "contains a link to 'lessons/lost.md'" in done.output or "lost.md" in done.output
        warned = [line for line in done.output.splitlines() if "lost.md" in line and "WARNING" in line]
        # MkDocs's own, made while converting (so never kept silent), and ThinkSafe's link check.
        assert len(warned) == 2 and sum("Doc file '8-10/broken.md'" in line for line in warned) == 1
    assert kept == ["8-10/same.md", "8-10/talk.md", "teachers/plan.md"]


def test_a_quiet_build_takes_a_talkative_ones_conversions_but_not_the_other_way(site):
    lessons(site)
    site.build("-q")  # messages below warnings are not made at all: it cannot vouch for them
    _done, kept = build(site)
    assert kept == []
    assert site.build("-q").returncode == 0  # takes them, and leaves them as they were
    stored = json.loads((site.root / CACHE).read_text())["pages"]
    assert {entry["level"] for entry in stored.values()} == {logging.DEBUG}  # made by `build -v`
    # A conversion made in a verbose build said nothing at any level: every build may take it.
    done, kept = build(site)
    assert kept == ["8-10/same.md", "8-10/talk.md", "teachers/plan.md"]


def test_an_extension_that_reads_other_files_keeps_nothing(site):
    lessons(site)
    site.config["markdown_extensions"] = ["pymdownx.snippets"]
    build(site)
    _done, kept = build(site)
    assert kept == [] and not (site.root / CACHE).exists()


def test_a_broken_cache_file_gives_the_same_site_without_error(site):
    lessons(site)
    first, _kept = build(site)
    expected = pages(first.site)
    for text in ["not json", '{"fingerprint": 1}', json.dumps({"fingerprint": "x", "pages": []})]:
        (site.root / CACHE).write_text(text)
        done, kept = build(site)
        assert kept == [] and pages(done.site) == expected
    data = json.loads((site.root / CACHE).read_text())
    for key in data["pages"]:
        data["pages"][key] = {"content": 1}  # the right fingerprint, a wrong conversion
    (site.root / CACHE).write_text(json.dumps(data))
    done, kept = build(site)
    assert kept == [] and pages(done.site) == expected


def test_a_link_follows_a_lesson_whose_first_audience_changed(site):
    lessons(site)
    site.write("lessons/plan.md", lesson("Plan", audiences=["teachers"], body="Teach [the talk](talk.md)."))
    done, _kept = build(site)
    assert 'href="../../parents/talk/"' in done.html("teachers/plan/index.html")
    # The same copies, so the same files: only the lesson's canonical copy moves.
    site.write("lessons/talk.md", lesson("Talk", audiences=["8-10", "parents"],
                                         body="## How\n\nTalk about [it](https://example.org/)."))
    done, kept = build(site)
    assert "teachers/plan.md" not in kept
    assert 'href="../../8-10/talk/"' in done.html("teachers/plan/index.html")
    assert pages(done.site) == clean_build_pages(site)


def test_a_kept_conversion_found_clean_is_checked_again_when_the_site_scripts_change(site):
    # The mermaid fence Material's script would draw from another host, unless the site has its own copy.
    site.write("lessons/a.md", lesson(body='<pre class="mermaid"><code>graph LR\n  A --> B</code></pre>'))
    site.write("mermaid.min.js", "/* the site's own copy */")
    site.config["extra_javascript"] = ["mermaid.min.js"]
    build(site)
    _, kept = build(site)
    assert kept == ["8-10/a.md"]  # noted clean: not checked again
    assert all("offsite_clean" in entry for entry in json.loads((site.root / CACHE).read_text())["pages"].values())
    site.config["extra_javascript"] = []
    done = site.build()
    assert done.returncode != 0
    assert "content/lessons/a.md: (diagram): Material's script would load Mermaid" in done.output, done.output
