"""A lesson's Markdown is converted once, unless a copy's HTML really differs."""

from __future__ import annotations

from helpers import resolve, soup
from support import lesson


def article(build, url):
    page = soup(build.html(url + "index.html"))
    body = page.select_one("article")
    for part in body.select(".ts-lesson-meta, .ts-worried, #ts-main"):
        part.decompose()  # the parts that name the page's own audience
    return body


def test_identical_copies_are_converted_once_and_differing_ones_each(site):
    site.write("lessons/same.md", lesson("Same", audiences=["8-10", "11-13"],
                                         body="## Start\n\nSee [shared](shared.md#end)."))
    site.write("lessons/shared.md", lesson("Shared", audiences=["8-10", "11-13"], body="## End\n\nBye."))
    site.write("lessons/differs.md", lesson("Differs", audiences=["8-10", "11-13"],
                                            body="Read [only young](young.md)."))
    site.write("lessons/young.md", lesson("Young", audiences=["8-10"]))
    build = site.build("--strict", "-v")
    assert build.returncode == 0, build.output
    reused = [line for line in build.output.splitlines() if "not converted again" in line]
    assert sorted(line.split("DEBUG")[-1].split(":")[0].strip(" -") for line in reused) == \
        ["11-13/same.md", "11-13/shared.md"]
    # The reused copy is whole: the same text, table of contents and working links.
    assert str(article(build, "8-10/same/")) == str(article(build, "11-13/same/"))
    older = soup(build.html("11-13/same/index.html"))
    assert [a["href"] for a in older.select(".md-sidebar--secondary a")] == ["#start"]
    link = [a["href"] for a in older.select("article a") if a.get_text() == "shared"][0]
    assert resolve("11-13/same/", link) == "11-13/shared/#end"
    # A copy whose links lead elsewhere is converted for its own audience.
    young = [a["href"] for a in article(build, "8-10/differs/").select("a")]
    older = [a["href"] for a in article(build, "11-13/differs/").select("a")]
    assert resolve("8-10/differs/", young[0]) == "8-10/young/"
    assert resolve("11-13/differs/", older[0]) == "8-10/young/"


def test_a_broken_anchor_in_a_reused_lesson_is_still_reported(site):
    site.write("lessons/a.md", lesson("A", audiences=["8-10", "11-13"], body="See [b](b.md#nowhere)."))
    site.write("lessons/b.md", lesson("B", audiences=["8-10", "11-13"]))
    build = site.build("--strict")
    assert "does not contain an anchor '#nowhere'" in build.output
