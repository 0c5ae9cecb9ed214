"""The help button on another website, in real Chromium: each snippet from /help/button/ pasted
into a plain partner page on another origin loads nothing until the click, then lands on the
site's help page, with no referrer; axe finds nothing wrong with it; it is big enough to tap."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from support import FixtureSite, serve

pytestmark = pytest.mark.browser

LOOKS = ["badge-light", "badge-dark", "wide-light", "wide-dark", "link-light", "link-dark"]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
LINK = "a[class^='thinksafe-help-']"
PARTNER = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Riverside Chess Club</title><link rel="icon" href="data:,">
<style>body{{margin:2rem;font-family:sans-serif;background:{background};color:{colour}}}</style></head>
<body><main><h1>Riverside Chess Club</h1><p>Games every Tuesday.</p>
{snippet}
</main></body></html>
"""


class ButtonSite:
    def __init__(self, url: str, codes: dict[str, str], partner_url: str, partner_dir: Path):
        self.url, self.codes, self.partner_url, self.partner_dir = url, codes, partner_url, partner_dir

    def partner_page(self, look: str) -> str:
        """A partner page on another origin with the snippet pasted in; its address."""
        dark = look.endswith("dark")
        text = PARTNER.format(background="#121212" if dark else "#ffffff",
                              colour="#eeeeee" if dark else "#1a1a1a", snippet=self.codes[look])
        (self.partner_dir / f"{look}.html").write_text(text, encoding="utf-8")
        return self.partner_url + f"{look}.html"


@contextlib.contextmanager
def built_site(root: Path, **options):
    """A fixture site served on loopback, built with that address as its site_url: yields the
    address and each snippet's code, as /help/button/ shows it."""
    site = FixtureSite(root)
    if options:
        site.plugin_options(**options)
    with serve(site.root / "site") as url:
        site.config["site_url"] = url
        build = site.build("--strict")
        assert build.returncode == 0, build.output
        page = BeautifulSoup(build.html("help/button/index.html"), "html.parser")
        yield url, {code["id"].removeprefix("ts-snippet-"): code.get_text()
                    for code in page.select("code[id^=ts-snippet-]")}


@pytest.fixture(scope="module")
def button_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("button")
    partner_dir = root / "partner"
    partner_dir.mkdir()
    with built_site(root / "site-src") as (url, codes), serve(partner_dir) as partner_url:
        assert list(codes) == LOOKS
        assert partner_url != url  # another port: another origin
        yield ButtonSite(url, codes, partner_url, partner_dir)


def referrers(page) -> dict[str, str | None]:
    seen: dict[str, str | None] = {}
    page.on("request", lambda request: seen.__setitem__(request.url, request.headers.get("referer")))
    return seen


@pytest.mark.parametrize("look", LOOKS)
def test_snippet_on_a_partner_page_loads_nothing_until_the_click_then_lands_on_help(visit, button_site, look):
    address = button_site.partner_page(look)
    v = visit(color_scheme="dark" if look.endswith("dark") else "light")
    sent = referrers(v.page)
    v.page.goto(address, wait_until="networkidle")
    assert v.requests == [address]  # the partner's own page, and nothing else
    link = v.page.locator(LINK)
    assert link.count() == 1
    box = link.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, box
    assert v.page.get_by_role("link", name="Get help", exact=True).count() == 1

    result = Axe().run(v.page, context=LINK).response
    assert [(r["id"], [n["target"] for n in r["nodes"]]) for r in result["violations"]] == []
    checked = {r["id"] for r in result["passes"]}
    # axe did look at the button (a badge's words are for screen readers only: no contrast to check)
    assert {"link-name"} | (set() if look.startswith("badge") else {"color-contrast"}) <= checked

    v.page.emulate_media(media="print")
    assert not link.is_visible()
    v.page.emulate_media(media="screen")
    assert link.is_visible()
    assert v.requests == [address]  # still nothing, after all that

    with v.page.expect_navigation():
        link.click()
    assert v.page.url == button_site.url + "help/"
    assert v.page.locator("[data-help-button]").count() >= 1  # the site's help page, as built
    assert sent[button_site.url + "help/"] is None  # rel=noreferrer: the partner page is not told
    assert v.other_hosts() == []


def test_the_keyboard_reaches_the_button_and_shows_where_it_is(visit, button_site):
    v = visit()
    v.page.goto(button_site.partner_page("wide-light"))
    v.page.keyboard.press("Tab")
    link = v.page.locator(LINK)
    assert link.evaluate("a => a === document.activeElement")
    assert link.evaluate("a => getComputedStyle(a).outlineStyle") == "solid"
    assert link.evaluate("a => getComputedStyle(a).outlineWidth") == "3px"
    with v.page.expect_navigation():
        v.page.keyboard.press("Enter")
    assert v.page.url == button_site.url + "help/"


def test_button_page_copies_each_snippet_and_loads_nothing_from_elsewhere(visit, button_site):
    v = visit(permissions=["clipboard-read", "clipboard-write"])
    v.page.goto(button_site.url + "help/button/", wait_until="networkidle")
    for look in LOOKS:
        button = v.page.locator(f"button[data-copy-snippet='ts-snippet-{look}']")
        assert button.is_visible()
        button.click()
        # A locator, not wait_for_function: the page's Content-Security-Policy forbids eval.
        expect(v.page.locator(f"[data-copy-status=ts-snippet-{look}]")).to_contain_text("Copied")
        assert v.page.evaluate("navigator.clipboard.readText()") == button_site.codes[look]
    # ...under the site's Content-Security-Policy, which allows no inline script it has not hashed.
    policy = v.page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert v.other_hosts() == []


def test_without_javascript_the_code_is_there_to_select_and_no_button_does_nothing(visit, button_site):
    v = visit(java_script_enabled=False)
    v.page.goto(button_site.url + "help/button/")
    assert v.page.locator("button[data-copy-snippet]").count() == 6
    assert not any(b.is_visible() for b in v.page.locator("button[data-copy-snippet]").all())
    code = v.page.locator("#ts-snippet-badge-light")
    code.select_text()
    assert v.page.evaluate("String(getSelection())") == button_site.codes["badge-light"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_button_page_has_no_wcag_violation(visit, button_site, scheme):
    v = visit(color_scheme=scheme)
    v.page.goto(button_site.url + "help/button/", wait_until="networkidle")
    result = Axe().run(v.page, options={"runOnly": {"type": "tag", "values": WCAG}}).response
    assert [(r["id"], [n["target"] for n in r["nodes"]]) for r in result["violations"]] == []
    assert v.other_hosts() == []


def test_report_service_target_lands_on_the_service(visit, tmp_path):
    partner = tmp_path / "partner"
    partner.mkdir()
    options = {"help": {"button": {"target": "report_service"}}}
    with built_site(tmp_path / "site-src", **options) as (_url, codes), serve(partner) as partner_url:
        (partner / "index.html").write_text(
            PARTNER.format(background="#fff", colour="#111", snippet=codes["wide-light"]), encoding="utf-8")
        v = visit()
        report = "https://www.ceop.police.uk/Safety-Centre/"
        v.answer(report, "<!doctype html><title>Report service stand-in</title><p>Report form</p>")
        v.page.goto(partner_url, wait_until="networkidle")
        assert v.requests == [partner_url]
        with v.page.expect_navigation():
            v.page.locator(LINK).click()
        assert v.page.url == report and v.requests == [partner_url, report]
