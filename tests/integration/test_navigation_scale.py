"""A few hundred lessons: each page carries only the navigation its reader can use."""

from __future__ import annotations

import random
import re

import pytest

from helpers import resolve, soup
from support import FixtureSite, lesson

AUDIENCES = ["8-10", "11-13", "parents", "teachers"]
TOPICS = ["self-image-and-identity", "online-relationships", "online-reputation", "online-bullying",
          "managing-online-information", "health-wellbeing-and-lifestyle", "privacy-and-security",
          "copyright-and-ownership"]
TOPIC_TITLES = ["Self-image and identity", "Online relationships", "Online reputation",
                "Online bullying", "Managing online information", "Health, well-being and lifestyle",
                "Privacy and security", "Copyright and ownership"]


def make_site(root, **options):
    rng = random.Random(7)
    site = FixtureSite(root)
    if options:
        site.plugin_options(**options)
    site.config["theme"]["features"] = ["navigation.tabs", "navigation.indexes", "navigation.prune"]
    lessons = {}
    for number in range(300):
        slug = f"lesson-{number:03}"
        audiences = rng.sample(AUDIENCES, rng.choice([1, 2]))
        topics = rng.sample(TOPICS, rng.choice([1, 2]))
        lessons[slug] = (audiences, topics)
        site.write(f"lessons/{slug}.md", lesson(f"Lesson {number:03}", "About it.", audiences,
                                                topics=topics, body="Plain words here."))
    build = site.build()
    assert build.returncode == 0, build.output
    return build, lessons


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    return make_site(tmp_path_factory.mktemp("scale") / "src")


def nav_entries(page):
    """(kind, text, href) for every entry of the primary navigation (tabs included)."""
    nav = page.select_one(".md-sidebar--primary nav.md-nav--primary")
    return [(e.name, e.get_text(" ", strip=True), e.get("href"))
            for e in nav.select(".md-nav__link") if not e.find_parent(class_="md-nav--secondary")]


LIMIT = 20  # the default topic_nav_limit


def check_lesson_navigation(build, lessons, limit):
    """Every sampled lesson page lists only its audience's topics and its own topic's lessons:
    all of them, or `limit` around itself and a link to the whole topic on the landing page."""
    windows = {}
    for slug, (audiences, topics) in lessons.items():
        for audience in audiences:
            url = f"{audience}/{slug}/"
            page = soup(build.html(url + "index.html"))
            entries = nav_entries(page)
            # A lesson's own entry says "Lesson NNN"; a folded topic is a link titled by its topic.
            lesson_links = {resolve(url, href) if href else url for _, text, href in entries
                            if re.fullmatch(r"Lesson \d{3}", text)}
            expected = {f"{audience}/{other}/" for other, (a, t) in lessons.items()
                        if audience in a and t[0] == topics[0]}
            more = page.select(".md-sidebar--primary .ts-nav-more a")
            if len(expected) <= limit:
                assert lesson_links == expected and not more, url
            else:
                assert url in lesson_links and lesson_links < expected and len(lesson_links) == limit, url
                title = TOPIC_TITLES[TOPICS.index(topics[0])]
                assert [a.get_text(strip=True) for a in more] == [f"All {len(expected)} lessons in {title}"]
                target = resolve(url, more[0]["href"])
                assert target == f"{audience}/#topic-{topics[0]}", url
                windows.setdefault(target, set()).update(lesson_links)
            texts = {text for _, text, _ in entries}
            mine = {TOPIC_TITLES[TOPICS.index(t[0])] for other, (a, t) in lessons.items() if audience in a}
            assert mine <= texts  # its audience's topics
            others = {TOPIC_TITLES[TOPICS.index(t[0])] for other, (a, t) in lessons.items()
                      if audience not in a} - mine
            assert not (others & texts)
    return windows


def test_each_lesson_page_holds_only_its_audience_topics_and_its_topic_lessons(big):
    build, lessons = big
    check_lesson_navigation(build, lessons, LIMIT)


def test_a_long_topic_lists_the_lessons_around_the_page_and_links_to_all_of_them(tmp_path):
    build, lessons = make_site(tmp_path / "src", topic_nav_limit=5)
    windows = check_lesson_navigation(build, lessons, 5)
    assert windows  # some topics are longer than five lessons
    for target, listed in windows.items():
        audience, anchor = target.split("/#")
        landing = soup(build.html(f"{audience}/index.html"))
        heading = landing.select_one(f"h2#{anchor}")
        cards = heading.find_next("div", class_="ts-cards").select(".ts-card__link")
        # The landing page's topic lists every lesson, and every lesson is in some page's window.
        assert {resolve(f"{audience}/", a["href"]) for a in cards} == listed


def test_every_lesson_is_linked_from_its_audience_landing_page(big):
    build, lessons = big
    for audience in AUDIENCES:
        landing = soup(build.html(f"{audience}/index.html"))
        linked = {resolve(f"{audience}/", a["href"]) for a in landing.select("article .ts-card__link")}
        assert linked == {f"{audience}/{slug}/" for slug, (a, _) in lessons.items() if audience in a}


def test_lesson_pages_stay_small(big):
    build, lessons = big
    sizes = [len(build.html(f"{a[0]}/{slug}/index.html").encode()) for slug, (a, _) in lessons.items()]
    assert max(sizes) <= 40_000, max(sizes)


def normalised_nav(html: str) -> str:
    nav = soup(html).select_one(".md-sidebar--primary nav.md-nav--primary")
    text = re.sub(r"\s+", " ", re.sub(r"\s+<", "<", re.sub(r">\s+", ">", str(nav))))
    return text.replace('class="md-nav__link "', 'class="md-nav__link"')


def test_fast_navigation_writes_exactly_what_materials_template_writes(tmp_path):
    # Without a limit on long topics, which Material's template does not have.
    fast, _ = make_site(tmp_path / "fast", topic_nav_limit=0)
    material, _ = make_site(tmp_path / "material", fast_navigation=False)
    pages = sorted(p.relative_to(fast.site) for p in fast.site.rglob("*.html"))
    assert len(pages) > 400
    for page in pages:
        assert normalised_nav(fast.html(str(page))) == normalised_nav(material.html(str(page))), page
