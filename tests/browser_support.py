"""Real Chromium (Debian's package) driven by Playwright, kept off every network but loopback."""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


def chromium_path() -> str:
    path = os.environ.get("THINKSAFE_CHROMIUM") or shutil.which("chromium")
    if not path:
        # Never skip: CI installs Debian's chromium through the README's test command.
        pytest.fail("Debian's chromium is not installed; run scripts/test.sh, which installs it")
    return path


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """A browser page that records every request and refuses any to another host."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(**options)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.answers: dict[str, str] = {}
        self.context.route("**/*", self._route)

    def answer(self, url: str, body: str) -> None:
        """Answer `url` (another host) locally, as a stand-in for that site."""
        self.answers[url] = body

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if url in self.answers:
            route.fulfill(status=200, content_type="text/html", body=self.answers[url])
        elif urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname != "127.0.0.1":
            route.abort()
        else:
            route.continue_()

    def other_hosts(self) -> list[str]:
        """Requests to any other host that this test did not stand in for."""
        return [u for u in self.requests if u not in self.answers
                and urlsplit(u).scheme in ("http", "https") and urlsplit(u).hostname != "127.0.0.1"]


@pytest.fixture
def visit(browser):
    visits = []

    def open_visit(**options) -> Visit:
        visits.append(Visit(browser, **options))
        return visits[-1]

    yield open_visit
    for v in visits:
        v.context.close()
