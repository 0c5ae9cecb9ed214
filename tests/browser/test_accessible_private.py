"""Every page type in real Chromium: no WCAG 2.2 A/AA violation (axe-core), nothing sent elsewhere."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PAGE_TYPES = {
    "home": "",
    "landing 8-10": "8-10/",
    "landing 11-13": "11-13/",
    "landing parents": "parents/",
    "landing teachers": "teachers/",
    "lesson 8-10": "8-10/games-and-chat/",
    "lesson 11-13": "11-13/group-chats-and-gaming/",
    "lesson parents": "parents/if-you-are-worried/",
    "teachers' lesson with a pack": "teachers/plan-keeping-details-private/",
    "packs index": "teachers/packs/",
    "help": "help/",
    "404": "404.html",
}
# Material keeps the reader's own display choices on their device; nothing else may be stored.
MATERIAL_KEYS = re.compile(r"^/?\.?__(palette|tabs|consent|search)$")


def violations(page) -> list[str]:
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result.response["violations"]]


def open_search(page, words: str) -> None:
    if not page.locator(".md-search__input").is_visible():
        page.locator("label.md-header__button[for='__search']").click()
    page.locator(".md-search__input").focus()  # no pointer: the search may still be fading in
    page.keyboard.type(words)
    page.wait_for_selector(".md-search-result__item")
    # Let the results finish fading in: half-faded text is not what a reader reads.
    # Polled here: the pages' Content-Security-Policy forbids the eval wait_for_function needs.
    for _ in range(100):
        if page.evaluate("document.getAnimations().every(a => a.playState !== 'running')"):
            break
        page.wait_for_timeout(50)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_no_wcag_violation_on_any_page_type(visit, bundled_url, name, scheme):
    v = visit(color_scheme=scheme)
    response = v.page.goto(bundled_url + PAGE_TYPES[name])
    assert response.status == 200 or name == "404"
    assert violations(v.page) == []
    assert v.other_hosts() == []


@pytest.mark.parametrize("width", [375, 1280])
def test_no_violation_with_search_open_and_results_shown(visit, bundled_url, width):
    v = visit(viewport={"width": width, "height": 800})
    v.page.goto(bundled_url + "11-13/group-chats-and-gaming/")
    open_search(v.page, "chat")
    assert violations(v.page) == []


@pytest.mark.parametrize("width", [375, 1280])
def test_nothing_is_asked_of_another_host_while_pages_are_used(visit, bundled_url, width):
    v = visit(viewport={"width": width, "height": 800})
    for url in PAGE_TYPES.values():
        v.page.goto(bundled_url + url)
    v.page.goto(bundled_url + "8-10/games-and-chat/")
    open_search(v.page, "trusted")
    v.page.keyboard.press("Escape")
    if width < 700:
        v.page.locator("label.md-header__button[for='__drawer']").click()  # the menu drawer
        v.page.wait_for_timeout(300)
        v.page.locator("label.md-overlay").click(position={"x": 360, "y": 400})  # and shut it
    if width >= 700:
        v.page.locator("form[data-md-component='palette'] label:visible").first.click()  # dark mode
    v.page.goto(bundled_url + "help/")
    assert len(v.requests) > 20
    assert v.other_hosts() == []
    assert v.context.cookies() == []
    keys = v.page.evaluate("Object.keys(localStorage)")
    assert all(MATERIAL_KEYS.match(k) for k in keys), keys
    assert v.page.evaluate("Object.keys(sessionStorage)") == []


def test_search_on_an_8_to_10_page_stays_in_8_to_10_and_labels_results(visit, bundled_url):
    v = visit()
    v.page.goto(bundled_url + "8-10/games-and-chat/")
    open_search(v.page, "chat")
    links = [a.get_attribute("href") for a in v.page.locator(".md-search-result__item > a").all()]
    titles = v.page.locator(".md-search-result__article h1").all_inner_texts()
    assert links and all(link.startswith(bundled_url + "8-10/") for link in links)
    assert any("· Ages 8–10" in title for title in titles)
    indexes = [u for u in v.requests if u.endswith("search_index.json")]
    assert indexes == [bundled_url + "search/8-10/search_index.json"]  # not the whole site's
    assert "Searching Ages 8–10 only" in v.page.locator(".ts-search-scope").inner_text()


def test_searching_everything_is_one_click_away(visit, bundled_url):
    v = visit()
    v.page.goto(bundled_url + "8-10/games-and-chat/")
    open_search(v.page, "chat")
    v.page.locator(".ts-search-scope__only a").click()
    v.page.wait_for_load_state()
    v.page.locator(".md-search__input").focus()
    v.page.keyboard.type("chat")
    v.page.wait_for_selector(".md-search-result__item")
    links = [a.get_attribute("href") for a in v.page.locator(".md-search-result__item > a").all()]
    sections = {link.removeprefix(bundled_url).split("/")[0] for link in links}
    assert {"8-10", "11-13", "parents"} <= sections
    assert bundled_url + "search/search_index.json" in v.requests


@pytest.mark.parametrize("url", ["8-10/", "8-10/games-and-chat/", "help/"])
def test_focus_is_visible_on_everything_the_keyboard_reaches(visit, bundled_url, url):
    v = visit()
    v.page.goto(bundled_url + url)
    seen = 0
    for _ in range(25):
        v.page.keyboard.press("Tab")
        style = v.page.evaluate("""() => {
            const e = document.activeElement, s = getComputedStyle(e);
            return {tag: e.tagName, outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
                    shadow: s.boxShadow !== 'none'};
        }""")
        if style["tag"] == "BODY":
            continue
        seen += 1
        assert style["outline"] or style["shadow"], style
    assert seen >= 20


@pytest.mark.parametrize("url", ["", "8-10/games-and-chat/"])
def test_no_search_index_is_fetched_until_the_reader_searches(visit, bundled_url, url):
    v = visit()
    v.page.goto(bundled_url + url)
    v.page.wait_for_load_state("networkidle")
    assert [u for u in v.requests if "search_index" in u] == []
    open_search(v.page, "safe")
    assert len([u for u in v.requests if "search_index" in u]) == 1
