"""Help and quick exit after Material's instant navigation (`navigation.instant`), which a site
owner may turn on: it swaps pages in without loading them, so the page a child reads was never
loaded itself. The bundled site, with the feature on and its address as `site_url` (instant
navigation only follows links under that address), in real Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from support import REPO, serve

EXIT = "https://www.bbc.co.uk/weather"  # the bundled site's quick-exit address

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def instant_url(tmp_path_factory):
    """The bundled site built with `navigation.instant` and served at its own `site_url`."""
    root = tmp_path_factory.mktemp("instant")
    for part in ("content", "overrides"):
        shutil.copytree(REPO / part, root / part)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    out = root / "site"
    out.mkdir()
    with serve(out) as url:
        config, features = re.subn(r"(?m)^(\s+)- navigation\.tabs$", r"\1- navigation.instant\n\g<0>", config)
        assert features == 1, "the bundled mkdocs.yml no longer lists navigation.tabs"
        (root / "mkdocs.yml").write_text(f"site_url: {url}\n" + config, encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=root,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        yield url


def swapped_in(visit, url):
    """A visit that opened the home page and then reached a lesson by two instant swaps."""
    v = visit()
    v.answer(EXIT, "<title>Weather</title><h1>Weather</h1>")
    v.page.goto(url)
    # Material takes over a link only once it has fetched the sitemap (the addresses it may swap
    # in): a click before that, on a loaded machine, loads the page instead.
    v.page.wait_for_load_state("networkidle")
    v.page.evaluate("window.__loadedOnce = true")  # gone if a page is loaded instead of swapped in
    v.page.click("a.md-tabs__link[href$='8-10/']")
    v.page.wait_for_url(url + "8-10/")
    v.page.click("article a[href$='8-10/games-and-chat/']")
    v.page.wait_for_url(url + "8-10/games-and-chat/")
    expect(v.page.locator("h1").first).to_have_text("Games, chat and your devices")
    assert v.page.evaluate("window.__loadedOnce") is True, "instant navigation did not swap the pages in"
    return v


def test_three_shifts_leave_a_swapped_in_page_and_two_do_not(visit, instant_url):
    v = swapped_in(visit, instant_url)
    for _ in range(2):
        v.page.keyboard.press("Shift")
    status = v.page.locator("[data-quick-exit-status]")
    assert status.inner_text() == "Shift, press 1 more time to leave this site."  # counted once each
    v.page.keyboard.press("Shift")
    v.page.wait_for_url(EXIT)
    v.page.go_back()
    assert v.page.url == instant_url + "8-10/", "the lesson stayed in history"
    assert v.other_hosts() == []


def test_quick_exit_and_help_are_one_click_on_a_swapped_in_page(visit, instant_url):
    v = swapped_in(visit, instant_url)
    v.page.click("header [data-quick-exit]")
    v.page.wait_for_url(EXIT)
    v = swapped_in(visit, instant_url)
    v.page.click("header [data-help-button]")
    v.page.wait_for_url(instant_url + "help/")
    expect(v.page.locator("h1").first).to_have_text("Get help")  # swapped in after the address changes
    assert v.other_hosts() == []
