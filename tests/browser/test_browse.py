"""Browsing the bundled site in real Chromium: each landing page, and a lesson reached from it."""

from __future__ import annotations

import json

import pytest


def audiences(bundled_site) -> list[dict]:
    return json.loads((bundled_site.site / "catalog.json").read_text())["audiences"]


@pytest.mark.browser
def test_each_landing_page_opens_and_a_lesson_link_leads_to_the_lesson(bundled_site, bundled_url, visit):
    for audience in audiences(bundled_site):
        v = visit()
        v.page.goto(bundled_url + audience["url"])
        assert v.page.locator("h1").first.inner_text() == audience["title"]
        card = v.page.locator(".ts-card__link").first
        title = card.inner_text()
        card.click()
        v.page.wait_for_load_state()
        assert v.page.url.startswith(bundled_url + audience["url"])
        assert v.page.url != bundled_url + audience["url"]
        assert v.page.locator("article h1").first.inner_text() == title
        active = v.page.locator(".md-tabs__item--active").first.inner_text()
        assert active.strip() == audience["title"]
        assert v.other_hosts() == []


@pytest.mark.browser
def test_a_whole_card_is_a_big_target(bundled_site, bundled_url, visit):
    v = visit(viewport={"width": 375, "height": 800})
    v.page.goto(bundled_url + "8-10/")
    card = v.page.locator(".ts-card").first
    card.scroll_into_view_if_needed()
    box = card.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 200
    # A click on the card's summary, not its title, still follows the link.
    summary = card.locator(".ts-card__summary").bounding_box()
    with v.page.expect_navigation():
        v.page.mouse.click(summary["x"] + 5, summary["y"] + summary["height"] / 2)
    assert v.page.url != bundled_url + "8-10/"
