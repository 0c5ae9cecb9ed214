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


def test_each_lesson_page_holds_only_its_audience_topics_and_its_topic_lessons(big):
    build, lessons = big
    for slug, (audiences, topics) in list(lessons.items())[::7]:
        for audience in audiences:
            url = f"{audience}/{slug}/"
            entries = nav_entries(soup(build.html(url + "index.html")))
            # A lesson's own entry says "Lesson NNN"; a folded topic is a link titled by its topic.
            lesson_links = {resolve(url, href) if href else url for _, text, href in entries
                            if re.fullmatch(r"Lesson \d{3}", text)}
            expected = {f"{audience}/{other}/" for other, (a, t) in lessons.items()
                        if audience in a and t[0] == topics[0]}
            assert lesson_links == expected, url
            texts = {text for _, text, _ in entries}
            mine = {TOPIC_TITLES[TOPICS.index(t[0])] for other, (a, t) in lessons.items() if audience in a}
            assert mine <= texts  # its audience's topics
            others = {TOPIC_TITLES[TOPICS.index(t[0])] for other, (a, t) in lessons.items()
                      if audience not in a} - mine
            assert not (others & texts)


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


def test_fast_navigation_writes_exactly_what_materials_template_writes(big, tmp_path):
    fast, _ = big
    material, _ = make_site(tmp_path / "src", fast_navigation=False)
    pages = sorted(p.relative_to(fast.site) for p in fast.site.rglob("*.html"))
    assert len(pages) > 400
    for page in pages:
        assert normalised_nav(fast.html(str(page))) == normalised_nav(material.html(str(page))), page
