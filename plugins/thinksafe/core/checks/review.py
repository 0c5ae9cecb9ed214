"""Warnings that do not stop a build but fail a strict one: reading level, links that lead
nowhere and accessibility lint."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from thinksafe.core.checks.mdlint import lint
from thinksafe.core.model import links
from thinksafe.core.model.addresses import addresses_in, prose_lines
from thinksafe.core.model.lessons import Lesson
from thinksafe.core.model.navigation import SiteModel
from thinksafe.core.model.settings import SiteConfig
from thinksafe.core.problems import LineMemo, Problem, TextMemo, fresh, fresh_lines
from thinksafe.core.reading.readability import Reading, reading


def review_lessons(lessons: list[Lesson], site: SiteConfig,
                   measure: Callable[[str], Reading | None] = reading, memo: TextMemo = fresh) -> list[Problem]:
    """Every lesson's reading level against its strictest children's ceiling, and its lint.

    `measure` gives a text's reading level: `reading`, or a cache of its results; `memo` a
    text's lint, kept or found.
    """
    problems = []
    for lesson in lessons:
        problems += _reading_problems(lesson, site, measure)
        problems += _lint_problems(lesson.path, lesson.body, lesson.body_line, memo)
    return problems


def review_links(model: SiteModel, files: frozenset[str], memo: LineMemo = fresh_lines,
                 pages: Sequence[tuple[str, str, int]] = (), shown_as: str = "content",
                 packs: bool = True) -> list[Problem]:
    """Links from published lessons and the other pages (as `content.page_texts` gives them)
    that would lead nowhere: to a draft, to nothing in the content folder (`files`) or among the
    pages ThinkSafe makes, or out of the content folder. `packs`: whether the site makes the
    packs page and the packs (see `links.Targets`).

    A lesson is read on several copies, so MkDocs's own warning for such a link names a copy
    (`8-10/a.md`) and the link as rewritten for it; this names the lesson's file and line.

    `memo`: each text's links with their lines, scanned or kept; where they lead is looked
    at in every build, since it depends on the other files.
    """
    targets = links.Targets(model, files, packs)
    texts = [(lesson.path, lesson.src, lesson.body, lesson.body_line) for lesson in model.lessons] + \
        [(path, path[len(shown_as) + 1:], body, first_line) for path, body, first_line in pages]
    problems = []
    for path, src, body, first_line in texts:
        for number, url in memo("links", (path, body, first_line), partial(_links_in, body, first_line)):
            problems += _link_problems(model, targets, path, src, url, number)
    return problems


def _links_in(body: str, first_line: int) -> list[tuple[int, str]]:
    """Every address in the body's prose, with its line number, in order."""
    return [(number, url) for number, line in prose_lines(body, first_line) for url in addresses_in(line)]


def _link_problems(model: SiteModel, targets: links.Targets, path: str, src: str, url: str,
                   number: int) -> list[Problem]:
    draft = links.links_to_draft(model, src, url)
    if draft:
        return [Problem(path, "(link)", f"'{url}' leads to {draft}, a draft that is left out of the site",
                        "a link to a published lesson", "publish that lesson or remove the link",
                        number, severity="warning")]
    target = targets.missing(src, url)
    if target is None:
        return []
    expected = "a link to a lesson, a page or a file inside the content folder"
    if target.startswith(".."):
        return [Problem(path, "(link)", f"'{url}' leads out of the content folder, "
                        "where nothing is published, so it would lead nowhere", expected,
                        "copy the file into the content folder and link to it there, "
                        "or link to its web address", number, severity="warning")]
    if targets.is_packs(target):
        return [Problem(path, "(link)", f"'{url}' leads to the lesson packs, which this site does not make "
                        "(they need `packs: true` and a teachers' audience)", expected,
                        "remove the link, or set `packs: true` under the thinksafe plugin in mkdocs.yml",
                        number, severity="warning")]
    folder = path[:len(path) - len(src)]  # 'content/', as shown
    meant = targets.closest(src, target)
    hint = f"did you mean '{meant}'?" if meant else "check the name, or remove the link"
    return [Problem(path, "(link)", f"'{url}' leads to {folder}{target}, which does not exist",
                    expected, hint, number, severity="warning")]


def review_pages(pages: list[tuple[str, str, int]], memo: TextMemo = fresh) -> list[Problem]:
    """The lint of the site's other Markdown pages (home, about, audience intros…), as
    `content.page_texts` gives them; `memo`: a text's lint, kept or found."""
    problems = []
    for path, body, first_line in pages:
        problems += _lint_problems(path, body, first_line, memo)
    return problems


def ceiling(lesson: Lesson, site: SiteConfig) -> tuple[float, str] | None:
    """The lowest reading-level ceiling among the lesson's children's audiences, and whose it is."""
    levels = [(a.reading_level, a.title) for a in site.audiences
              if a.id in lesson.audiences and a.children and a.reading_level is not None]
    return min(levels) if levels else None


def _reading_problems(lesson: Lesson, site: SiteConfig, measure) -> list[Problem]:
    limit = ceiling(lesson, site)
    if limit is None:
        return []
    measured = measure(lesson.body)
    if measured is None or measured.grade <= limit[0]:
        return []
    quoted = "; ".join(f"“{sentence}”" for sentence in measured.longest)
    return [Problem(lesson.path, "(reading level)",
                    f"reads at grade {measured.grade}, above the ceiling of {limit[0]:g} for {limit[1]}",
                    f"grade {limit[0]:g} or below",
                    f"shorten or split its longest sentences: {quoted}", severity="warning")]


def _lint_problems(path: str, body: str, first_line: int, memo: TextMemo = fresh) -> list[Problem]:
    return memo("lint", (path, body, first_line), lambda: [
        Problem(path, f.key, f.message, f.expected, f.suggestion, f.line, severity="warning")
        for f in lint(body, first_line)])
