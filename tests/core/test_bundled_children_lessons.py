"""The bundled children's lessons: every topic covered, under the reading ceiling, help facts only as
placeholders, a way to the help page on every lesson, and a plain picture on every 8–10 lesson."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from thinksafe.core.model.lessons import load_lessons
from thinksafe.core.model.settings import SiteConfig
from thinksafe.core.reading.readability import reading

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
SITE = SiteConfig()
CHILDREN = [a for a in SITE.audiences if a.children]


def _lessons():
    sources = [p.relative_to(CONTENT).as_posix() for p in (CONTENT / "lessons").rglob("*.md")]
    lessons, problems = load_lessons(CONTENT, sources, SITE)
    assert problems == []
    return [lesson for lesson in lessons if not lesson.draft]


LESSONS = _lessons()
CHILDRENS = [lesson for lesson in LESSONS if any(a.children for a in CHILDREN if a.id in lesson.audiences)]


def _ceiling(lesson) -> float:
    return min(a.reading_level for a in CHILDREN if a.id in lesson.audiences)


@pytest.mark.parametrize("audience", [a.id for a in CHILDREN])
def test_every_topic_has_a_lesson_in_each_childrens_section(audience):
    covered = {t for lesson in LESSONS if audience in lesson.audiences for t in lesson.topics}
    assert set(SITE.topic_ids) - covered == set()


@pytest.mark.parametrize("lesson", CHILDRENS, ids=lambda lesson: lesson.slug)
def test_childrens_lesson_reads_under_its_lowest_ceiling(lesson):
    assert reading(lesson.body).grade <= _ceiling(lesson)


# Help facts differ by country: a lesson names them only through placeholders (PLACEHOLDERS.md).
LITERAL_HELP = re.compile(
    r"\b(?:999|000|911|112|0800[\s\d]*|1800[\s\d]*|Childline|CEOP|NSPCC|Kids Helpline|eSafety|"
    r"Report Remove|Take It Down|NCMEC|Internet Watch Foundation|Samaritans|Shout)\b")


@pytest.mark.parametrize("lesson", CHILDRENS, ids=lambda lesson: lesson.slug)
def test_childrens_lesson_names_no_help_number_or_service(lesson):
    assert LITERAL_HELP.findall(lesson.body) == []


@pytest.mark.parametrize("lesson", CHILDRENS, ids=lambda lesson: lesson.slug)
def test_childrens_lesson_leads_to_a_trusted_adult_and_the_help_page(lesson):
    assert re.search(r"trusted adult|grown-up you trust", lesson.body)
    help_links = re.findall(r"\]\(((?:\.\./)+help\.md(?:#[a-z-]+)?)\)", lesson.body)
    assert help_links, "no link to the help page"
    for link in help_links:  # each one leads to help.md from the lesson's own folder
        assert posixpath.normpath(posixpath.join(lesson.folder, link.split("#")[0])) == "help.md", link


SVG = "{http://www.w3.org/2000/svg}"
PLAIN_SHAPES = {"svg", "title", "rect", "circle", "ellipse", "path", "polygon", "line", "g"}


@pytest.mark.parametrize("lesson", [lesson for lesson in LESSONS if lesson.canonical_audience == "8-10"],
                         ids=lambda lesson: lesson.slug)
def test_every_8_to_10_lesson_shows_its_own_plain_picture_with_alt_text(lesson):
    assert lesson.src.endswith("/index.md"), "a lesson with a picture lives in its own folder"
    pictures = re.findall(r"!\[([^\]]+)\]\(([^)\s]+\.svg)\)", lesson.body)
    assert pictures, "no picture"
    for alt, name in pictures:
        assert len(alt.split()) >= 4, alt  # says what the picture shows
        _assert_plain_svg(CONTENT / lesson.folder / name)


def test_the_8_to_10_landing_page_shows_a_plain_picture():
    page = (CONTENT / "8-10" / "index.md").read_text(encoding="utf-8")
    alt, name = re.search(r"!\[([^\]]+)\]\(([^)\s]+\.svg)\)", page).groups()
    assert len(alt.split()) >= 4
    _assert_plain_svg(CONTENT / "8-10" / name)


def _assert_plain_svg(path: Path):
    data = path.read_bytes()
    assert len(data) < 4096, path
    root = ET.fromstring(data)
    assert root.tag == SVG + "svg" and root.find(SVG + "title") is not None, path
    for element in root.iter():
        assert element.tag.removeprefix(SVG) in PLAIN_SHAPES, (path, element.tag)
        for name, value in element.attrib.items():
            assert "href" not in name and not name.startswith("on"), (path, name)
            assert "url(" not in value and "://" not in value.replace(SVG[1:-1], ""), (path, name)
