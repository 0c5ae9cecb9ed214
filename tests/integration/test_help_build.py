"""The help page, the header buttons on every page, the worried box and outbound links, as built."""

from __future__ import annotations

import pytest

from helpers import resolve, soup
from support import lesson


def page_url(site_root, page_path) -> str:
    """The folder a page's relative links start from: '8-10/x/index.html' -> '8-10/x/'."""
    return page_path.relative_to(site_root).parent.as_posix() + "/" if page_path.parent != site_root else ""


@pytest.mark.parametrize("preset, expected", [
    ("uk", ["999", "https://www.ceop.police.uk/Safety-Centre/", "0800 1111", "0808 800 5000"]),
    ("au", ["000", "https://www.esafety.gov.au/report", "1800 55 1800"]),
    ("us", ["911", "https://report.cybertip.org/", "1-800-843-5678"]),
    ("ie", ["112 or 999", "https://hotline.ie/report", "1800 66 66 66"]),
])
def test_each_preset_puts_the_right_numbers_on_the_help_page(site, preset, expected):
    site.plugin_options(help={"preset": preset})
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    page = soup(build.html("help/index.html"))
    text, hrefs = page.select_one("article").get_text(" "), [a["href"] for a in page.select("article a")]
    for value in expected:
        assert value in text or value in hrefs, value
    first = page.select_one("article .ts-emergency")
    assert first is not None and expected[0] in first.get_text()
    assert page.select_one("[data-report-button]")["href"] == expected[1]
    assert page.select_one("#for-children") and page.select_one("#for-adults")


def test_help_page_says_what_happens_after_reporting_and_about_history(site):
    build = site.build()
    text = soup(build.html("help/index.html")).select_one("article").get_text(" ")
    assert "a child protection advisor reads what you wrote" in text
    assert "may get in touch" in text and "It is not secret who sent it" in text
    assert "not for bullying" in text
    assert "does not delete this site from your browser's history" in text
    assert "private or incognito window" in text


def test_owner_overrides_reach_the_page_and_the_buttons(site):
    site.write("help.md", "Our school's safeguarding lead is Ms Patel.\n")
    site.plugin_options(help={"preset": "uk", "exit_url": "https://www.google.co.uk/",
                              "helplines": [{"id": "childline", "hours": "Every day, all day."}]})
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    page = soup(build.html("help/index.html"))
    assert "Ms Patel" in page.select_one("article").get_text()
    assert "Every day, all day." in page.get_text()
    assert page.select_one("[data-quick-exit]")["href"] == "https://www.google.co.uk/"


@pytest.mark.parametrize("help, words", [
    ({"preset": "fr"}, "plugins.thinksafe.help.preset: unknown preset text 'fr'"),
    ({"exit_url": "http://bbc.co.uk/"}, "plugins.thinksafe.help.exit_url: got text 'http://bbc.co.uk/'; expected a full web address starting with https://"),
    ({"report": {"url": None}}, "plugins.thinksafe.help.report.url: got nothing"),
    ({"emergency": ""}, "plugins.thinksafe.help.emergency"),
])
def test_bad_help_configuration_fails_the_build(site, help, words):
    site.plugin_options(help=help)
    build = site.build()
    assert build.returncode != 0 and "mkdocs.yml: " + words in build.output, build.output


def test_every_page_has_both_buttons_in_the_header(bundled_site):
    pages = sorted(bundled_site.site.rglob("*.html"))
    assert any(p.name == "404.html" for p in pages) and len(pages) > 30
    worksheets = [p for p in pages if "lessons" in p.relative_to(bundled_site.site).parts]
    assert len(worksheets) >= 4
    for path in pages:
        page = soup(path.read_text(encoding="utf-8"))
        if path in worksheets:  # published as the author wrote them, with the links on top
            bar = page.body.find("div", recursive=False)
            assert bar and bar.get("class") == ["ts-help-bar"], path
            assert "/" + resolve(page_url(bundled_site.site, path), bar.select_one("[data-help-button]")["href"]) == "/help/"
            assert bar.select_one("[data-quick-exit]")["href"] == "https://www.bbc.co.uk/weather"
            continue
        header = page.select_one("header.md-header")
        help_link = header.select_one("a[data-help-button]")
        exit_link = header.select_one("a[data-quick-exit]")
        assert help_link and exit_link, path
        assert exit_link["href"] == "https://www.bbc.co.uk/weather"
        href = help_link["href"]  # the 404 page, served at any depth, links from the root
        target = href if href.startswith("/") else "/" + resolve(page_url(bundled_site.site, path), href)
        assert target == "/help/", (path, href)
        skip = page.select_one(".ts-skip-links a")
        assert skip.has_attr("data-quick-exit-skip"), path  # quick exit is the first skip link


def test_worried_box_on_every_audience_page(bundled_site):
    for url, child in [("8-10/", True), ("11-13/group-chats-and-gaming/", True),
                       ("parents/", False), ("teachers/plan-keeping-details-private/", False)]:
        box = soup((bundled_site.site / url / "index.html").read_text()).select_one("aside.ts-worried")
        text = box.get_text(" ")
        if child:
            assert "Worried about something?" in text and "Childline" in text and "0800 1111" in text
        else:
            assert "Worried about a child?" in text and "999" in text and "NSPCC" in text
        assert resolve(url, box.select_one(".ts-worried__link")["href"]) == "help/"
    home = soup((bundled_site.site / "index.html").read_text())
    assert home.select_one("aside.ts-worried") is None


def test_links_leaving_the_site_are_marked_on_childrens_pages(site):
    body = "Call [Childline](https://www.childline.org.uk/) or read [more](other.md)."
    site.write("lessons/a.md", lesson(audiences=["8-10", "parents"], body=body))
    site.write("lessons/other.md", lesson(audiences=["8-10", "parents"]))
    build = site.build("--strict")
    child = soup(build.html("8-10/a/index.html"))
    link = [a for a in child.select("article a") if "childline" in a["href"]][0]
    assert link["rel"] == ["noopener", "noreferrer"]
    assert link.select_one(".ts-visually-hidden").get_text() == " (goes to another website)"
    assert link.select_one(".ts-external__icon")["aria-hidden"] == "true"
    inside = [a for a in child.select("article a") if "other" in a["href"]][0]
    assert not inside.select(".ts-visually-hidden")
    adult = soup(build.html("parents/a/index.html"))
    leaving = [a for a in adult.select("article a") if "childline" in a["href"]][0]
    assert leaving["rel"] == ["noopener", "noreferrer"]  # on every page: no referrer sent
    assert not leaving.select(".ts-external__icon, .ts-visually-hidden")
