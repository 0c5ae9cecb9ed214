"""Titles are text in what the browser shows, search results included (Material's script
writes them into the page from the search index)."""

from __future__ import annotations

import pytest

from support import lesson, serve


@pytest.mark.browser
def test_titles_that_look_like_html_are_shown_as_their_words_in_search_results(site, visit):
    site.config["plugins"] = ["search", "thinksafe"]
    site.write("lessons/a.md", lesson("Keep <friends> safe", summary="Friends and trust.",
                                      audiences=["parents"], body="Talk about friendship every day."))
    site.write("lessons/b.md", lesson("<img src=x onerror=alert(1)>", summary="A strange title.",
                                      audiences=["parents"], body="Friendship words here too."))
    build = site.build()
    assert build.returncode == 0, build.output
    with serve(build.site) as url:
        v = visit(viewport={"width": 1280, "height": 900})
        dialogs = []
        v.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        v.page.goto(url + "parents/a/")
        assert v.page.locator("article h1").first.inner_text() == "Keep <friends> safe"
        assert "Keep <friends> safe" in v.page.title()
        v.page.locator(".md-search__input").focus()
        v.page.keyboard.type("friendship")
        v.page.locator(".md-search-result__item").nth(1).wait_for()
        results = v.page.locator(".md-search-result__list").inner_text()
        assert "Keep <friends> safe" in results and "<img src=x onerror=alert(1)>" in results
        assert v.page.locator(".md-search-result__list img").count() == 0
        v.page.goto(url + "parents/b/")
        assert v.page.locator("article h1").first.inner_text() == "<img src=x onerror=alert(1)>"
        assert dialogs == [] and v.other_hosts() == []
