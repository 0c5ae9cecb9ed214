"""Warnings that do not stop a build but fail a strict one: reading level and accessibility lint."""

from __future__ import annotations

from collections.abc import Callable

from . import links
from .addresses import INLINE_LINK
from .lessons import Lesson
from .mdlint import lint
from .navigation import SiteModel
from .problems import Problem
from .readability import Reading, reading
from .siteconfig import SiteConfig


def review_lessons(lessons: list[Lesson], site: SiteConfig,
                   measure: Callable[[str], Reading | None] = reading) -> list[Problem]:
    """Every lesson's reading level against its strictest children's ceiling, and its lint.

    `measure` gives a text's reading level: `reading`, or a cache of its results.
    """
    problems = []
    for lesson in lessons:
        problems += _reading_problems(lesson, site, measure)
        problems += _lint_problems(lesson.path, lesson.body, lesson.body_line)
    return problems


def review_links(model: SiteModel) -> list[Problem]:
    """Links from published lessons to drafts: they would lead nowhere."""
    problems = []
    for lesson in model.lessons:
        for number, line in enumerate(lesson.body.splitlines(), start=lesson.body_line):
            if "](" in line:  # what every link target starts after: a quicker test than the pattern
                problems += _draft_links(model, lesson, line, number)
    return problems


def _draft_links(model: SiteModel, lesson: Lesson, line: str, number: int) -> list[Problem]:
    problems = []
    for url in INLINE_LINK.findall(line):
        draft = links.links_to_draft(model, lesson.src, url)
        if draft:
            problems.append(Problem(
                lesson.path, "(link)", f"'{url}' leads to {draft}, a draft that is left out of the site",
                "a link to a published lesson", "publish that lesson or remove the link",
                number, severity="warning"))
    return problems


def review_pages(pages: list[tuple[str, str, int]]) -> list[Problem]:
    """The lint of the site's other Markdown pages (home, about, audience intros…), as
    `content.page_texts` gives them."""
    problems = []
    for path, body, first_line in pages:
        problems += _lint_problems(path, body, first_line)
    return problems


def ceiling(lesson: Lesson, site: SiteConfig) -> tuple[float, str] | None:
    """The lowest reading-level ceiling among the lesson's children's audiences, and whose it is."""
    levels = [(a.reading_level, a.title) for a in site.audiences
              if a.id in lesson.audiences and a.children and a.reading_level is not None]
    return min(levels) if levels else None


def _reading_problems(lesson: Lesson, site: SiteConfig, measure) -> list[Problem]:
    limit = ceiling(lesson, site)
    measured = measure(lesson.body) if limit else None
    if measured is None or measured.grade <= limit[0]:
        return []
    quoted = "; ".join(f"“{sentence}”" for sentence in measured.longest)
    return [Problem(lesson.path, "(reading level)",
                    f"reads at grade {measured.grade}, above the ceiling of {limit[0]:g} for {limit[1]}",
                    f"grade {limit[0]:g} or below",
                    f"shorten or split its longest sentences: {quoted}", severity="warning")]


def _lint_problems(path: str, body: str, first_line: int) -> list[Problem]:
    return [Problem(path, f.key, f.message, f.expected, f.suggestion, f.line, severity="warning")
            for f in lint(body, first_line)]
