"""A site with only `theme: material` and the plugin behaves as the contract says (SPEC §8):
ThinkSafe turns on the navigation it needs, makes a home page when there is none, keeps the
packs' list in a teachers' section only, and its not-found page works at any base path."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from support import lesson

MINIMAL = {"site_name": "Our safety site", "docs_dir": "content", "theme": {"name": "material"},
           "plugins": ["thinksafe"]}


def minimal(site):
    site.config = dict(MINIMAL)
    (site.content / "index.md").unlink()
    site.write("lessons/games.md", lesson("Games", audiences=["8-10"], body="Play fair."))
    site.write("lessons/talk.md", lesson("Talking about games", audiences=["parents"], body="Ask them."))
    return site


def test_minimal_settings_give_tabs_a_pruned_sidebar_and_a_home_page(site):
    build = minimal(site).build("--strict")
    assert build.returncode == 0, build.output
    turned_on = re.findall(r"ThinkSafe turned on (.*?), which its navigation needs", build.output)
    assert turned_on == ["navigation.tabs, navigation.indexes, navigation.prune, navigation.footer"]
    page = BeautifulSoup(build.html("8-10/games/index.html"), "html.parser")
    tabs = [a.get_text(" ", strip=True) for a in page.select(".md-tabs a")]
    assert "Ages 8–10" in tabs and "Parents and carers" in tabs
    sidebar = page.select_one(".md-sidebar--primary").get_text(" ", strip=True)
    assert "Games" in sidebar and "Talking about games" not in sidebar
    assert "content/index.md: there is none, so ThinkSafe made a home page" in build.output
    home = BeautifulSoup(build.html("index.html"), "html.parser")
    cards = {a.get_text(strip=True): a["href"] for a in home.select(".ts-card__link")}
    assert cards["Ages 8–10"] == "8-10/" and cards["Teachers and trainers"] == "teachers/"
    assert home.select_one("[data-help-button]") and home.select_one("[data-quick-exit]")


def test_an_own_home_page_and_features_are_left_alone(site):
    minimal(site).write("index.md", "# Welcome\n\nOur own words.\n")
    site.config["theme"] = {"name": "material", "features": ["navigation.tabs", "navigation.indexes",
                                                             "navigation.prune", "navigation.footer"]}
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    assert "ThinkSafe turned on" not in build.output and "made a home page" not in build.output
    assert "Our own words." in build.html("index.html")


def test_no_teachers_audience_no_teachers_packs_page(site):
    minimal(site).plugin_options(audiences=["8-10", "parents"])
    site.write("lessons/sheet/index.md", lesson("Sheet", audiences=["8-10"], resources=["sheet.txt"]))
    site.write("lessons/sheet/sheet.txt", "A worksheet.")
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    assert (build.site / "packs/sheet.zip").is_file()
    assert not (build.site / "teachers").exists()


ROOT_ABSOLUTE = re.compile(r'(?:href|src)="/(?!/)')


def test_the_not_found_page_has_no_root_absolute_links_without_site_url(site):
    build = minimal(site).build()
    assert build.returncode == 0, build.output
    html = build.html("404.html")
    assert not ROOT_ABSOLUTE.findall(html), ROOT_ABSOLUTE.findall(html)
    page = BeautifulSoup(html, "html.parser")
    lost = [a["href"] for a in page.select(".ts-lost a")]
    assert lost[0] in ("./", ".", "./.") and "./8-10/" in lost, lost
    assert page.select_one("[data-help-button]")["href"] == "./help/"
    assert "the not-found page (404.html) works only for a missing address at the top level" in build.output


def test_the_not_found_page_leads_from_site_urls_path(site):
    minimal(site).config["site_url"] = "https://example.org/our-site/"
    build = site.build()
    assert build.returncode == 0, build.output
    page = BeautifulSoup(build.html("404.html"), "html.parser")
    assert [a["href"] for a in page.select(".ts-lost a")][1] == "/our-site/8-10/"
    assert page.select_one("link[rel=stylesheet]")["href"].startswith("/our-site/")
