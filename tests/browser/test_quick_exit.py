"""Help and quick exit in real Chromium: clicks, three Shifts, Back, and JavaScript off."""

from __future__ import annotations

from pathlib import Path

import pytest

EXIT = "https://www.bbc.co.uk/weather"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"

pytestmark = pytest.mark.browser


def start(visit, bundled_url, **options):
    """A visit that has read the home page and then a lesson, with the exit address standing by."""
    v = visit(**options)
    v.answer(EXIT, "<title>Weather</title><h1>Weather</h1>")
    v.page.goto(bundled_url)
    v.page.goto(bundled_url + "8-10/games-and-chat/")
    return v


def assert_left_without_trace(v, bundled_url):
    v.page.wait_for_url(EXIT)
    assert v.page.locator("h1").inner_text() == "Weather"
    v.page.go_back()
    # location.replace took the lesson's place in history: Back skips it.
    assert v.page.url == bundled_url
    assert v.other_hosts() == []


def test_clicking_quick_exit_leaves_and_back_does_not_return(visit, bundled_url):
    v = start(visit, bundled_url)
    v.page.click("header [data-quick-exit]")
    assert_left_without_trace(v, bundled_url)


def test_three_presses_of_shift_leave(visit, bundled_url):
    v = start(visit, bundled_url)
    for _ in range(3):
        v.page.keyboard.press("Shift")
    assert_left_without_trace(v, bundled_url)


def test_the_count_is_shown_and_announced(visit, bundled_url):
    v = start(visit, bundled_url)
    v.page.keyboard.press("Shift")
    status = v.page.locator("[data-quick-exit-status]")
    assert status.inner_text() == "Shift, press 2 more times to leave this site."
    assert status.get_attribute("aria-live") == "polite"
    assert v.page.locator("[data-quick-exit-count]").is_visible()
    assert v.page.locator("[data-quick-exit-count] .ts-quick-exit__dot--on").count() == 1
    v.page.keyboard.press("Shift")
    assert status.inner_text() == "Shift, press 1 more time to leave this site."


def test_shift_with_another_key_does_not_count(visit, bundled_url):
    v = start(visit, bundled_url)
    for _ in range(3):
        v.page.keyboard.down("Shift")
        v.page.keyboard.press("KeyA")
        v.page.keyboard.up("Shift")
    v.page.keyboard.press("Shift")
    v.page.keyboard.press("KeyB")  # another key in between starts the count again
    v.page.keyboard.press("Shift")
    v.page.wait_for_timeout(300)
    assert v.page.url == bundled_url + "8-10/games-and-chat/"
    assert v.page.locator("[data-quick-exit-count] .ts-quick-exit__dot--on").count() == 1


def test_without_javascript_both_buttons_are_plain_links(visit, bundled_url):
    v = start(visit, bundled_url, java_script_enabled=False)
    v.page.click("header [data-help-button]")
    assert v.page.url == bundled_url + "help/"
    assert "call 999" in v.page.locator(".ts-emergency").inner_text()
    v.page.click("header [data-quick-exit]")
    v.page.wait_for_url(EXIT)
    assert v.other_hosts() == []


def test_keyboard_reaches_quick_exit_first(visit, bundled_url):
    v = start(visit, bundled_url)
    v.page.keyboard.press("Tab")
    focused = v.page.evaluate("document.activeElement.hasAttribute('data-quick-exit-skip')")
    assert focused and v.page.locator("[data-quick-exit-skip]").is_visible()
    v.page.keyboard.press("Enter")
    assert_left_without_trace(v, bundled_url)


@pytest.mark.parametrize("width", [375, 1280])
def test_buttons_are_big_enough_and_screenshots_are_saved(visit, bundled_url, width):
    v = visit(viewport={"width": width, "height": 800})
    v.page.goto(bundled_url + "8-10/games-and-chat/")
    for selector in ["header [data-help-button]", "header [data-quick-exit]"]:
        box = v.page.locator(selector).bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, (selector, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
    ARTIFACTS.mkdir(exist_ok=True)
    v.page.locator("header.md-header").screenshot(path=str(ARTIFACTS / f"header-{width}.png"))
    v.page.goto(bundled_url + "help/")
    v.page.screenshot(path=str(ARTIFACTS / f"help-{width}.png"), full_page=True)
    # Nothing on the help page is wider than the phone: no sideways scrolling of the page.
    assert v.page.evaluate("document.documentElement.scrollWidth") <= width
    assert (ARTIFACTS / f"header-{width}.png").stat().st_size > 1000


def test_quick_exit_is_hidden_in_print(visit, bundled_url):
    v = visit()
    v.page.goto(bundled_url + "help/")
    v.page.emulate_media(media="print")
    assert not v.page.locator("header [data-quick-exit]").is_visible()


@pytest.mark.parametrize("width", [375, 1280])
def test_sticky_header_never_hides_the_focused_element(visit, bundled_url, width):
    v = visit(viewport={"width": width, "height": 700})
    v.page.goto(bundled_url + "parents/if-you-are-worried/")
    links = v.page.locator("article a[href]")
    assert links.count() >= 3
    for index in range(links.count()):
        link = links.nth(index)
        # Put the link just under the sticky header, where it is on screen but covered...
        link.evaluate("el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 10)")
        link.focus()
        # ...then focusing it must bring it out from under the header.
        header = v.page.locator("header.md-header").bounding_box()
        box = link.bounding_box()
        assert box["y"] >= header["y"] + header["height"] - 1, (index, box, header)


def test_a_published_worksheet_has_quick_exit_too(visit, bundled_url):
    v = visit()
    v.answer(EXIT, "<title>Weather</title><h1>Weather</h1>")
    v.page.goto(bundled_url)
    v.page.goto(bundled_url + "lessons/teachers/plan-keeping-details-private/worksheet.html")
    assert v.page.locator("[data-help-button]").first.is_visible()
    for _ in range(3):
        v.page.keyboard.press("Shift")
    assert_left_without_trace(v, bundled_url)
