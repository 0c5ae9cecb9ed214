"""The teachers' list of every lesson pack (`/teachers/packs/`), by age band, then topic."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from thinksafe.core.model.frontmatter import split_block
from thinksafe.core.model.lessons import Lesson
from thinksafe.core.model.navigation import SiteModel
from thinksafe.core.model.paths import PACKS_PAGE, TEACHERS, pack_path
from thinksafe.core.model.plugin_settings import DEFAULTS
from thinksafe.core.model.settings import Audience
from thinksafe.core.packs.cache import Pack
from thinksafe.core.packs.contents import wants_pack
from thinksafe.core.problems import Problem

ALL_AGES = "For every age"


def age_bands(pack: Pack, model: SiteModel) -> list[Audience]:
    """The children's audiences a pack serves: the lesson's own, and those of the pupil lessons it
    links to (a teachers' plan is in no children's section, but names the pupil pages it uses)."""
    ids = set(pack.lesson.audiences)
    for src in pack.linked:
        target = model.by_src.get(src)
        ids |= set(target.audiences) if target else set()
    return [a for a in model.site.audiences if a.children and a.id in ids]


def packs_markdown(packs: list[Pack], model: SiteModel, intro: str,
                   href_for: Callable[[str], str], other_title: str = DEFAULTS.other_topic_title) -> str:
    """Markdown for the page; `href_for` turns a path in the site into a link from the page."""
    head, intro = split_block(intro)
    parts = [head + intro.strip() + "\n" if intro.strip() else head + _default_intro()]
    if not packs:
        parts.append('<p class="ts-packs__empty">There are no lesson packs yet.</p>\n')
    bands = {pack.slug: age_bands(pack, model) for pack in packs}
    for band in [a for a in model.site.audiences if a.children] + [None]:
        mine = [p for p in packs if (band in bands[p.slug]) or (band is None and not bands[p.slug])]
        if mine:
            parts.append(f"## {escape(band.title if band else ALL_AGES)}\n")
            parts += _by_topic(mine, model, bands, href_for, other_title)
    return "\n".join(parts)


def _default_intro() -> str:
    return ("<p>Every lesson plan as one download: the plan to print (PDF), a copy that opens in a "
            "browser without the internet, and its worksheets and other resources.</p>\n")


def _by_topic(packs: list[Pack], model: SiteModel, bands: dict, href_for, other_title: str) -> list[str]:
    """A heading and a table per topic (a lesson under its first topic, as in the sidebar)."""
    parts = []
    topics: list[tuple[str | None, str]] = [*((t.id, t.title) for t in model.site.topics), (None, other_title)]
    for topic_id, title in topics:
        mine = sorted((p for p in packs if (p.lesson.topics[0] if p.lesson.topics else None) == topic_id),
                      key=lambda p: Lesson.sort_key(p.lesson))
        if mine:
            parts.append(f"### {escape(title)}\n")
            parts.append(_table(mine, model, bands, href_for))
    return parts


def _table(packs: list[Pack], model: SiteModel, bands: dict, href_for) -> str:
    rows = "\n".join(_row(p, model, bands[p.slug], href_for) for p in packs)
    return ('<div class="ts-packs">\n<table>\n<thead><tr><th>Lesson</th><th>Age bands</th>'
            '<th>Topics</th><th>Duration</th><th>Pack</th></tr></thead>\n'
            f"<tbody>\n{rows}\n</tbody>\n</table>\n</div>\n")


def _row(pack: Pack, model: SiteModel, bands: list[Audience], href_for) -> str:
    lesson = pack.lesson
    page = href_for(model.copy_for(lesson, TEACHERS))
    ages = ", ".join(a.title for a in bands) or ALL_AGES
    topics = ", ".join(model.site.topic(t).title for t in lesson.topics) or "–"
    duration = f"{lesson.duration} minutes" if lesson.duration else "–"
    # data-label: on a phone each row is a block, and each cell says what it is.
    return (f'<tr data-pack="{escape(lesson.slug)}"><td data-label="Lesson"><a href="{escape(page)}">'
            f"{escape(lesson.title)}</a></td>"
            f'<td data-label="Age bands">{escape(ages)}</td><td data-label="Topics">{escape(topics)}</td>'
            f'<td data-label="Duration">{escape(duration)}</td>'
            f'<td data-label="Pack"><a class="ts-pack-link" href="{escape(href_for(pack_path(lesson.slug)))}" download>'
            f'Download<span class="ts-visually-hidden"> the pack of {escape(lesson.title)}</span> '
            f"(ZIP, {escape(pack.size_text)})</a></td></tr>")


def page_clashes(model: SiteModel) -> list[Problem]:
    """A lesson whose teachers' copy would take the pack list's address."""
    clash = model.copies().get(PACKS_PAGE)
    if clash is None:
        return []
    lesson = clash[0]
    return [Problem(lesson.path, "(file name)",
                    f"the lesson name '{lesson.slug}' would take the address of the teachers' list of "
                    "lesson packs", f"a name other than '{lesson.slug}' for a lesson for teachers",
                    "rename this file or folder")]


def zip_clashes(files: frozenset[str], model: SiteModel, shown_as: str) -> list[Problem]:
    """A file of the author's own at a pack's address would be silently replaced."""
    return [
        Problem(f"{shown_as}/{pack_path(lesson.slug)}", "(file name)",
                f"this file has the same address as the pack of the lesson '{lesson.slug}'",
                "no file of your own in the content folder's packs/ folder", "move or rename this file")
        for lesson in model.lessons if wants_pack(lesson) and pack_path(lesson.slug) in files
    ]
