"""Every page type in real Chromium in the states readers meet, not only at rest.

Search open with results shown, the menu drawer open, dark mode, at 320, 375 and 1280 px:
no axe violation, no sideways scroll, every Tab stop visible, the search-scope line readable,
no search words in the address, the palette stored only when chosen, and Quick exit leaving
with the first tap whatever is open.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from support import FixtureSite, lesson, serve

pytestmark = pytest.mark.browser

EXIT = "https://www.bbc.co.uk/weather"
# Best practice too: landmarks (every part of a page in one) and the rules Lighthouse runs.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
PAGES = {
    "home": "",
    "landing": "8-10/",
    "lesson": "8-10/games-and-chat/",
    "teachers' lesson": "teachers/plan-keeping-details-private/",
    "help": "help/",
    "packs": "teachers/packs/",
    "worksheet": "lessons/teachers/plan-keeping-details-private/worksheet.html",
    "404": "404.html",
}
SITE_PAGES = [name for name in PAGES if name != "worksheet"]  # the pages with search and a menu
PHONE, SMALL_PHONE, LAPTOP = 375, 320, 1280
# (width, colour scheme, state): each page type is checked in all of them, so that every page
# type meets search open, the drawer open, dark mode and every width.
STATES = [
    (SMALL_PHONE, "dark", "drawer"),
    (PHONE, "light", "search"),
    (PHONE, "dark", "rest"),
    (LAPTOP, "dark", "search"),
]
WORDS = "chat"


def axe_violations(page) -> list[str]:
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:5]}" for v in result.response["violations"]]


def settle(page) -> None:
    """Let every transition end: half-faded text is not what a reader sees.

    Polled from here: the pages' Content-Security-Policy forbids the eval that Playwright's
    wait_for_function needs."""
    for _ in range(100):
        if page.evaluate("document.getAnimations().every(a => a.playState !== 'running')"):
            return
        page.wait_for_timeout(50)


def open_search(page, words: str = WORDS) -> None:
    if page.viewport_size["width"] < 960:  # a phone: the header's search button
        page.locator("label.md-header__button[for='__search']").click()
    page.locator(".md-search__input").focus()
    page.keyboard.type(words)
    page.wait_for_selector(".md-search-result__item")
    settle(page)


def open_drawer(page) -> None:
    page.locator("label.md-header__button[for='__drawer']").click()
    settle(page)


def enter(page, state: str) -> None:
    if state == "search":
        open_search(page)
    elif state == "drawer":
        open_drawer(page)


def load(visit, bundled_url, name, width, scheme="light"):
    v = visit(viewport={"width": width, "height": 800}, color_scheme=scheme)
    v.answer(EXIT, "<title>Weather</title><h1>Weather</h1>")
    response = v.page.goto(bundled_url + PAGES[name])
    assert response.status == 200 or name == "404"
    return v


@pytest.mark.parametrize("width,scheme,state", STATES, ids=[f"{w}-{s}-{t}" for w, s, t in STATES])
@pytest.mark.parametrize("name", SITE_PAGES)
def test_no_axe_violation_in_any_state(visit, bundled_url, name, width, scheme, state):
    v = load(visit, bundled_url, name, width, scheme)
    enter(v.page, state)
    assert axe_violations(v.page) == []
    assert v.other_hosts() == []


@pytest.mark.parametrize("width,scheme", [(SMALL_PHONE, "dark"), (PHONE, "light"), (LAPTOP, "dark")])
def test_no_axe_violation_on_a_worksheet(visit, bundled_url, width, scheme):
    v = load(visit, bundled_url, "worksheet", width, scheme)
    assert v.page.locator("main").count() == 1
    assert axe_violations(v.page) == []


WIDER_THAN_THE_SCREEN = """() => {
    const width = document.documentElement.clientWidth, found = [];
    if (document.documentElement.scrollWidth > width) found.push('page: ' + document.documentElement.scrollWidth);
    for (const e of document.querySelectorAll('body *')) {
        if (!e.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
        const style = getComputedStyle(e);
        // A box narrower than what it holds scrolls sideways: a table squeezed into a phone.
        if (['auto', 'scroll'].includes(style.overflowX) && e.scrollWidth > e.clientWidth + 1)
            found.push('scrolls sideways: ' + e.className + ' ' + e.scrollWidth + '>' + e.clientWidth);
    }
    return found;
}"""


NARROW = [(name, "rest") for name in PAGES] + [(name, state) for name in ("home", "lesson", "help")
                                                for state in ("search", "drawer")]


@pytest.mark.parametrize("name,state", NARROW, ids=[f"{n}-{s}" for n, s in NARROW])
def test_nothing_is_wider_than_a_320_px_screen(visit, bundled_url, name, state):
    v = load(visit, bundled_url, name, SMALL_PHONE)
    enter(v.page, state)
    assert v.page.evaluate(WIDER_THAN_THE_SCREEN) == []
    if name != "worksheet":
        for selector in ["header [data-help-button]", "header [data-quick-exit]",
                         "label.md-header__button[for='__search']", "label.md-header__button[for='__drawer']"]:
            box = v.page.locator(selector).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= SMALL_PHONE, (selector, box)


FOCUSED = """() => {
    let e = document.activeElement;
    if (!e || e === document.body) return null;
    if (e.dataset.tsSeen) return {again: true};
    e.dataset.tsSeen = '1';
    const what = e.outerHTML.slice(0, 90);
    // A hidden radio button shows its focus on the label that follows it (Material's palette).
    if (e.type === 'radio' && !e.getBoundingClientRect().width && e.nextElementSibling) e = e.nextElementSibling;
    const r = e.getBoundingClientRect();
    return {what, x: r.x, y: r.y, w: r.width, h: r.height,
            visible: e.checkVisibility({visibilityProperty: true, opacityProperty: true}),
            vw: innerWidth, vh: innerHeight};
}"""


@pytest.mark.parametrize("width", [PHONE, LAPTOP])
@pytest.mark.parametrize("name", ["home", "lesson", "help", "packs"])
def test_every_tab_stop_is_visible_and_on_screen(visit, bundled_url, name, width):
    v = load(visit, bundled_url, name, width)
    seen = []
    for _ in range(150):
        v.page.keyboard.press("Tab")
        settle(v.page)
        focused = v.page.evaluate(FOCUSED)
        if focused is None or focused.get("again"):
            break  # round to the start again
        seen.append(focused["what"])
        assert focused["visible"] and focused["w"] > 0 and focused["h"] > 0, focused
        assert focused["x"] >= 0 and focused["x"] + focused["w"] <= focused["vw"] + 0.5, focused
        assert focused["y"] >= 0 and focused["y"] + focused["h"] <= focused["vh"] + 0.5, focused
    assert len(seen) >= 10


def contrast_of(page, selector: str) -> float:
    return page.evaluate("""selector => {
        const e = document.querySelector(selector);
        const rgb = c => c.match(/[\\d.]+/g).map(Number);
        const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
            .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
            .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
        let back = e;
        while (back && rgb(getComputedStyle(back).backgroundColor)[3] === 0) back = back.parentElement;
        const bg = lum(rgb(getComputedStyle(back || document.body).backgroundColor));
        const fg = lum(rgb(getComputedStyle(e).color));
        return (Math.max(bg, fg) + 0.05) / (Math.min(bg, fg) + 0.05);
    }""", selector)


@pytest.mark.parametrize("width", [PHONE, LAPTOP])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_scope_line_can_be_read(visit, bundled_url, scheme, width):
    v = load(visit, bundled_url, "lesson", width, scheme)
    open_search(v.page)
    scope = v.page.locator(".ts-search-scope")
    assert scope.is_visible() and "Searching Ages 8–10 only" in scope.inner_text()
    assert contrast_of(v.page, ".ts-search-scope__only") >= 4.5
    assert contrast_of(v.page, ".ts-search-scope__only a") >= 4.5


@pytest.mark.parametrize("name", ["home", "lesson", "help"])
def test_the_search_has_a_name_and_its_closed_parts_take_no_tab_stop(visit, bundled_url, name):
    v = load(visit, bundled_url, name, LAPTOP)
    assert v.page.locator(".md-search[role='dialog']").get_attribute("aria-label") == "Search"
    assert not v.page.locator(".md-search__scrollwrap").evaluate(
        "e => e.checkVisibility({visibilityProperty: true})")


def test_the_closed_drawer_takes_no_tab_stop_on_a_phone(visit, bundled_url):
    v = load(visit, bundled_url, "lesson", PHONE)
    drawer = v.page.locator(".md-sidebar--primary")
    assert not drawer.evaluate("e => e.checkVisibility({visibilityProperty: true})")
    open_drawer(v.page)
    assert drawer.evaluate("e => e.checkVisibility({visibilityProperty: true})")


# ---- Quick exit and Get help: one tap, whatever is open -------------------------------------

EXIT_STATES = [(w, s) for w in (SMALL_PHONE, PHONE, LAPTOP) for s in ("search", "drawer")
               if not (w == LAPTOP and s == "drawer")]  # a laptop shows the menu, not a drawer


def tap(page, selector: str) -> None:
    """One real pointer press in the middle of what the reader sees as the button."""
    box = page.locator(selector).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


@pytest.mark.parametrize("width,state", EXIT_STATES, ids=[f"{w}-{s}" for w, s in EXIT_STATES])
def test_one_tap_on_quick_exit_leaves_whatever_is_open(visit, bundled_url, width, state):
    v = load(visit, bundled_url, "lesson", width)
    enter(v.page, state)
    tap(v.page, "header [data-quick-exit]")
    v.page.wait_for_url(EXIT, timeout=5000)
    assert v.page.locator("h1").inner_text() == "Weather"
    assert v.other_hosts() == []


@pytest.mark.parametrize("width,state", EXIT_STATES, ids=[f"{w}-{s}" for w, s in EXIT_STATES])
def test_one_tap_on_get_help_opens_help_whatever_is_open(visit, bundled_url, width, state):
    v = load(visit, bundled_url, "lesson", width)
    enter(v.page, state)
    tap(v.page, "header [data-help-button]")
    v.page.wait_for_url(bundled_url + "help/", timeout=5000)


def test_quick_exit_is_named_as_an_emergency_exit(visit, bundled_url):
    v = load(visit, bundled_url, "lesson", PHONE)
    exit_link = v.page.get_by_role("link", name="Emergency Quick exit", exact=True)
    assert exit_link.count() == 1
    hidden = exit_link.locator(".ts-visually-hidden")  # heard, not seen, as in GOV.UK's
    assert hidden.inner_text().strip() == "Emergency" and hidden.bounding_box()["width"] <= 1


def test_the_blank_screen_of_quick_exit_is_dark_in_dark_mode(visit, bundled_url):
    v = load(visit, bundled_url, "lesson", PHONE, "dark")
    # Cancel the exit page's request ("aborted" leaves the page where it is, with no error
    # page), so that the blanked page stays to be looked at. A callback from the page could
    # arrive after the next page loaded, and be lost.
    asked = []
    v.page.route(EXIT, lambda route: (asked.append(route.request.url), route.abort("aborted")))
    v.page.locator("header [data-quick-exit]").click(no_wait_after=True)
    blank = None
    for _ in range(100):
        blank = v.page.evaluate("""() => [document.documentElement.classList.contains('ts-exiting'),
            getComputedStyle(document.documentElement).backgroundColor,
            document.querySelector('article').checkVisibility({visibilityProperty: true})]""")
        if asked:
            break
        v.page.wait_for_timeout(50)
    assert asked == [EXIT]
    assert blank == [True, "rgb(0, 0, 0)", False]


# ---- Privacy: no search words in the address, no palette until it is chosen -----------------

@pytest.fixture(scope="module")
def highlighting_url(tmp_path_factory):
    """A small site whose owner turned on Material's search.highlight (which adds ?h=words)."""
    site = FixtureSite(tmp_path_factory.mktemp("highlight") / "src")
    site.config["theme"]["features"].append("search.highlight")
    site.config["plugins"] = ["search", "thinksafe"]
    site.write("index.md", "# Home\n\nWelcome.\n")
    site.write("lessons/secret.md", lesson("Keeping secrets", "Some secrets are not OK.", ["11-13"],
                                           body="A secret that makes you feel glumbucket is one to tell."))
    build = site.build()
    assert build.returncode == 0, build.output
    with serve(build.site) as url:
        yield url


@pytest.mark.parametrize("width", [PHONE, LAPTOP])
def test_search_words_never_reach_the_address_or_history(visit, highlighting_url, width):
    v = visit(viewport={"width": width, "height": 800})
    v.page.goto(highlighting_url)
    features = v.page.evaluate("JSON.parse(document.getElementById('__config').textContent).features")
    assert "search.highlight" in features  # Material would add ?h=glumbucket to each result
    open_search(v.page, "glumbucket")
    hrefs = v.page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    assert hrefs and not [h for h in hrefs if "h=" in h or "glumbucket" in h]  # a copied link too
    v.page.locator(".md-search-result__link").first.click()
    v.page.wait_for_url(re.compile(r".*/11-13/secret/.*"))
    assert "glumbucket" not in v.page.url and "h=" not in v.page.url
    # A page opened with the words in its address (an old link): they leave the address at once.
    v.page.goto(highlighting_url + "11-13/secret/?h=glumbucket")
    assert v.page.url == highlighting_url + "11-13/secret/"
    assert "glumbucket" not in v.page.evaluate("location.href")


def test_the_palette_is_stored_only_when_the_reader_chooses(visit, bundled_url):
    v = load(visit, bundled_url, "home", LAPTOP)
    v.page.goto(bundled_url + "8-10/")
    assert v.page.evaluate("Object.keys(localStorage)") == []
    v.page.locator("form[data-md-component='palette'] label:visible").first.click()
    keys = v.page.evaluate("Object.keys(localStorage)")
    assert [k for k in keys if k.endswith("__palette")], keys
    v.page.goto(bundled_url + "help/")
    assert v.page.evaluate("document.body.dataset.mdColorScheme") == "slate"  # the choice is kept


# ---- Sizes: 44 px targets in the header, 16 px text a reader acts on, numbers to tap ------

@pytest.mark.parametrize("width", [SMALL_PHONE, PHONE, LAPTOP])
def test_every_header_target_is_at_least_44_px(visit, bundled_url, width):
    v = load(visit, bundled_url, "lesson", width)
    targets = v.page.locator("header a:visible, header label:visible, header input:visible, "
                             "header button:visible")
    assert targets.count() >= 4
    for i in range(targets.count()):
        box = targets.nth(i).bounding_box()
        if box["width"] == 0 or targets.nth(i).evaluate(
                "e => !!e.closest('.ts-skip-links') || getComputedStyle(e).pointerEvents === 'none'"):
            continue  # the skip links show only when focused; a picture that takes no press
        assert box["width"] >= 44 and box["height"] >= 44, \
            (targets.nth(i).evaluate("e => e.outerHTML.slice(0, 80)"), box)


SMALL_TEXT = """() => {
    const found = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const e = node.parentElement;
        if (!node.textContent.trim() || !e.checkVisibility({visibilityProperty: true})) continue;
        // What a reader acts on or reads to decide: the content, menus, header, search.
        if (!e.closest('article, header, .md-tabs, .md-nav, .md-search, .md-footer__inner, .md-top')) continue;
        if (e.closest('code, pre, .md-ellipsis, .md-search-result__teaser, .md-footer__direction')) continue;
        const size = parseFloat(getComputedStyle(e).fontSize);
        if (size < 16)
            found.add(e.tagName + '.' + e.className + ' ' + size + 'px: ' + node.textContent.trim().slice(0, 40));
    }
    return [...found];
}"""


@pytest.mark.parametrize("width,state", [(PHONE, "search"), (LAPTOP, "rest")])
@pytest.mark.parametrize("name", ["home", "landing", "teachers' lesson", "help", "packs"])
def test_no_text_a_reader_acts_on_is_under_16_px(visit, bundled_url, name, width, state):
    v = load(visit, bundled_url, name, width)
    enter(v.page, state)
    assert v.page.evaluate(SMALL_TEXT) == []


PHONE_NUMBERS_NOT_LINKED = r"""numbers => {
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('a[href^="tel:"], script, style, code, title')) continue;
        for (const number of numbers)
            if (new RegExp('(^|[^\\d])' + number.replace(/ /g, ' ') + '($|[^\\d])').test(node.textContent))
                found.push(number + ' in: ' + node.textContent.trim().slice(0, 60));
    }
    return found;
}"""


def test_every_phone_number_is_a_link_to_call_it(visit, bundled_url):
    v = visit()
    # The numbers this site gives: the helplines on the help page, the emergency number too.
    v.page.goto(bundled_url + "help/")
    numbers = set(v.page.locator('article a[href^="tel:"]').all_inner_texts())
    v.page.goto(bundled_url + "parents/if-you-are-worried/")
    numbers |= set(v.page.locator('.ts-worried a[href^="tel:"]').all_inner_texts())
    assert len(numbers) >= 3  # the emergency number and the helplines
    for url in list(PAGES.values()) + ["parents/if-you-are-worried/", "11-13/"]:
        v.page.goto(bundled_url + url)
        assert v.page.evaluate(PHONE_NUMBERS_NOT_LINKED, sorted(numbers)) == [], url
