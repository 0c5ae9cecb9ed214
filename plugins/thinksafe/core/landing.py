"""An audience's landing page: the author's intro, then a card for every lesson, by topic."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from .navigation import Section, copy_src

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?^(?:---|\.\.\.)[ \t]*\n", re.S | re.M)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|])")


def landing_markdown(section: Section, intro: str, href_for: Callable[[str], str]) -> str:
    """Markdown for the landing page; `href_for` turns a content path into a link from the page."""
    head, intro = _split_front_matter(intro)
    description = section.audience.description
    parts = [head + f'<p class="ts-landing__description">{escape(description)}</p>\n']
    if intro.strip():
        parts.append(intro.rstrip() + "\n")
    if not section.groups:
        parts.append('<p class="ts-landing__empty">There are no lessons here yet. '
                     'Please come back soon.</p>\n')
    for group in section.groups:
        parts.append(f"## {_escape_markdown(group.title)}\n")
        cards = "\n".join(_card(lesson, href_for(copy_src(section.audience.id, lesson.slug)))
                          for lesson in group.lessons)
        parts.append(f'<div class="grid cards ts-cards">\n<ul>\n{cards}\n</ul>\n</div>\n')
    return "\n".join(parts)


def _split_front_matter(text: str) -> tuple[str, str]:
    """The intro's own front matter block (kept at the top for MkDocs) and the rest."""
    match = _FRONT_MATTER.match(text)
    return (match.group(0), text[match.end():]) if match else ("", text)


def _escape_markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _card(lesson, href: str) -> str:
    return (f'<li class="ts-card"><a class="ts-card__link" href="{escape(href)}">'
            f'{escape(lesson.title)}</a>'
            f'<p class="ts-card__summary">{escape(lesson.summary)}</p></li>')
