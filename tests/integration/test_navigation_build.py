"""Real `mkdocs build`s of a small site: per-audience pages, tabs, sidebars, links, catalogue."""

from __future__ import annotations

import json

import pytest

from helpers import active_tab, article_links, footer_link, resolve, sidebar_links, soup
from support import FixtureSite, lesson


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = FixtureSite(tmp_path_factory.mktemp("nav") / "src")
    site.write("index.md", "# Home\n\nStart with [passwords](lessons/passwords.md).\n")
    site.write("about.md", "# About\n\nAbout us.\n")
    site.write("8-10/index.md", "Hello, explorers! This is **our** intro.\n")
    site.write("lessons/passwords.md", lesson(
        "Strong passwords", "Make them long.", ["8-10", "11-13"], topics=["privacy-and-security"],
        order=1, body="See [sharing](kids/sharing.md) and [the plan](plan/index.md#start)."))
    site.write("lessons/kids/sharing.md", lesson(
        "Sharing pictures", "Think first.", ["11-13"], topics=["online-reputation"],
        body="Back to [passwords](../passwords.md)."))
    site.write("lessons/kids/chat.md", lesson(
        "Chat & games", "Friendly games.", ["8-10"], topics=["online-relationships"], order=5))
    site.write("lessons/kids/apps.md", lesson(
        "Apps", "Apps and settings.", ["8-10"], topics=["privacy-and-security"], order=2))
    site.write("lessons/plan/index.md", lesson(
        "The plan", "A lesson plan.", ["teachers"], topics=["privacy-and-security"], duration=45,
        objectives=["Know a strong password"], resources=["sheet.html"],
        body="## Start\n\n![A padlock](padlock.png) Print the [worksheet](sheet.html)."))
    site.write("lessons/plan/sheet.html", "<html><body>Sheet</body></html>")
    site.write("lessons/plan/padlock.png", b"\x89PNG fake")
    site.write("lessons/hidden.md", lesson("Hidden", "Not yet.", ["8-10"], draft=True))
    build = site.build()
    assert build.returncode == 0, build.output
    return build


def page(built, url):
    return soup(built.html(url + "index.html"))


def test_every_lesson_has_a_page_in_every_audience(built):
    for url in ["8-10/passwords/", "11-13/passwords/", "11-13/sharing/", "8-10/chat/",
                "8-10/apps/", "teachers/plan/"]:
        assert (built.site / url / "index.html").is_file(), url
    assert not (built.site / "8-10/sharing").exists()
    assert not (built.site / "lessons/passwords").exists()  # sources are not published


def test_reader_stays_in_their_audience(built):
    for audience, tab in [("8-10", "Ages 8–10"), ("11-13", "Ages 11–13")]:
        lesson_page = page(built, f"{audience}/passwords/")
        assert active_tab(lesson_page) == tab
        links = sidebar_links(lesson_page)
        assert "Strong passwords" in links
    assert "Sharing pictures" not in sidebar_links(page(built, "8-10/passwords/"))
    assert "Apps" not in sidebar_links(page(built, "11-13/passwords/"))


def test_sidebar_groups_by_topic_and_shows_only_the_current_topic_lessons(built):
    links = sidebar_links(page(built, "8-10/apps/"))
    assert "Privacy and security" in links and "Online relationships" in links
    assert "Apps" in links and "Strong passwords" in links
    assert "Chat & games" not in links  # another topic's lessons stay on the landing page


def test_previous_and_next_stay_inside_the_audience(built):
    # 8-10 order: landing, Online relationships (chat), Privacy and security (passwords, apps).
    first = page(built, "8-10/chat/")
    assert resolve("8-10/chat/", footer_link(first, "prev")) == "8-10/"
    assert resolve("8-10/chat/", footer_link(first, "next")) == "8-10/passwords/"
    last = page(built, "8-10/apps/")
    assert footer_link(last, "next") is None
    only = page(built, "11-13/passwords/")
    assert resolve("11-13/passwords/", footer_link(only, "prev")) == "11-13/sharing/"
    assert footer_link(only, "next") is None


def test_one_canonical_copy_the_first_audience(built):
    # Without site_url the other copies point at it, and the canonical copy names no "./".
    link = page(built, "11-13/passwords/").select_one('link[rel="canonical"]')
    assert resolve("11-13/passwords/", link["href"]) == "8-10/passwords/"
    assert page(built, "8-10/passwords/").select_one('link[rel="canonical"]') is None
    assert built.output.count("site_url is not set") == 1
    assert "relative link" in built.output and "sitemap.xml" in built.output


def test_with_site_url_every_copy_names_the_canonical_address(tmp_path):
    site = FixtureSite(tmp_path / "src")
    site.config["site_url"] = "https://example.org/safe/"
    site.write("index.md", "# Home\n")
    site.write("lessons/passwords.md", lesson("Strong passwords", "Make them long.", ["8-10", "11-13"]))
    build = site.build()
    assert build.returncode == 0, build.output
    for url in ["8-10/passwords/", "11-13/passwords/"]:
        link = page(build, url).select_one('link[rel="canonical"]')
        assert link["href"] == "https://example.org/safe/8-10/passwords/"
    assert "site_url is not set" not in build.output


def test_links_between_lessons_resolve_on_every_copy(built):
    young = article_links(page(built, "8-10/passwords/"))
    older = article_links(page(built, "11-13/passwords/"))
    assert resolve("8-10/passwords/", young[-2]) == "11-13/sharing/"  # no 8-10 copy: canonical
    assert resolve("11-13/passwords/", older[-2]) == "11-13/sharing/"
    assert resolve("11-13/sharing/", article_links(page(built, "11-13/sharing/"))[-1]) == \
        "11-13/passwords/"  # stays in 11-13
    assert young[-1].endswith("teachers/plan/#start")
    assert resolve("", article_links(page(built, ""))[-1]) == "8-10/passwords/"


def test_lesson_assets_and_resources_are_reachable_from_copies(built):
    plan = page(built, "teachers/plan/")
    image = plan.select_one("article img")
    assert (built.site / resolve("teachers/plan/", image["src"])).is_file()
    sheet = [a["href"] for a in plan.select("article a") if a.get_text() == "worksheet"][0]
    assert (built.site / resolve("teachers/plan/", sheet)).is_file()


def test_landing_page_has_intro_description_and_cards_by_topic(built):
    landing = page(built, "8-10/")
    text = landing.select_one("article").get_text(" ", strip=True)
    assert "Hello, explorers!" in text
    assert "Short, friendly lessons" in text  # the audience's description
    groups = {h2.get_text(strip=True): [a.get_text() for a in h2.find_next("ul").select("a")]
              for h2 in landing.select("article h2") if not h2.find_parent(class_="ts-worried")}
    assert groups == {"Online relationships": ["Chat & games"],
                      "Privacy and security": ["Strong passwords", "Apps"]}
    card = landing.select_one(".ts-card")
    assert resolve("8-10/", card.a["href"]) == "8-10/chat/"
    assert card.select_one(".ts-card__summary").get_text() == "Friendly games."


def test_every_audience_has_a_landing_page_even_when_empty(built):
    parents = page(built, "parents/")
    assert active_tab(parents) == "Parents and carers"
    assert "no lessons here yet" in parents.get_text()


def test_lesson_plan_shows_duration_objectives_and_audiences(built):
    plan = page(built, "teachers/plan/")
    assert "45 minutes" in plan.select_one(".ts-plan").get_text()
    assert "Know a strong password" in plan.select_one(".ts-plan__objectives").get_text()
    chips = page(built, "11-13/passwords/").select(".ts-lesson-meta .ts-chip")
    other = [c for c in chips if c.name == "a"][0]
    assert resolve("11-13/passwords/", other["href"]) == "8-10/passwords/"


def test_non_lesson_pages_sit_outside_the_audience_tabs(built):
    tabs = [a.get_text(strip=True) for a in page(built, "").select(".md-tabs__item a")]
    assert tabs[0] == "Home" and tabs[1:5] == ["Ages 8–10", "Ages 11–13", "Parents and carers",
                                                "Teachers and trainers"]
    assert active_tab(page(built, "about/")) not in tabs[1:5]


def test_draft_is_left_out_and_the_log_says_so(built):
    assert not (built.site / "8-10/hidden").exists()
    assert "content/lessons/hidden.md: draft lesson, left out of the site" in built.output


def test_catalog_matches_the_site(built):
    catalog = json.loads((built.site / "catalog.json").read_text())
    assert [a["url"] for a in catalog["audiences"]] == ["8-10/", "11-13/", "parents/", "teachers/"]
    lessons = {l["slug"]: l for l in catalog["lessons"]}
    assert set(lessons) == {"passwords", "sharing", "chat", "apps", "plan"}
    assert lessons["passwords"]["urls"] == {"8-10": "8-10/passwords/", "11-13": "11-13/passwords/"}
    assert lessons["passwords"]["canonical"] == "8-10/passwords/"
    for entry in lessons.values():
        assert set(entry) == {"slug", "title", "summary", "audiences", "topics", "urls",
                              "canonical", "pack", "reviewed", "sources"}  # SPEC §5, and §4's two
        for url in entry["urls"].values():
            assert (built.site / url / "index.html").is_file()


def test_a_summary_with_quotes_is_the_pages_whole_description(site):
    summary = 'Learn what "private" means, & why <it> matters.'
    site.write("lessons/a.md", lesson("Private", summary=summary))
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    page = soup(build.html("8-10/a/index.html"))
    assert page.find("meta", attrs={"name": "description"})["content"] == summary
