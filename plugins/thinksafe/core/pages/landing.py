"""An audience's landing page: its description, the author's intro, then a card per lesson, by topic."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from thinksafe.core.model.frontmatter import split_block
from thinksafe.core.model.navigation import Section, topic_anchor
from thinksafe.core.model.paths import copy_src

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|])")


def landing_markdown(section: Section, intro: str, href_for: Callable[[str], str]) -> str:
    """Markdown for the landing page; `href_for` turns a content path into a link from the page."""
    head, intro = split_block(intro)
    description = section.audience.description
    parts = [head + f'<p class="ts-landing__description">{escape(description)}</p>\n']
    if intro.strip():
        parts.append(intro.rstrip() + "\n")
    if not section.groups:
        parts.append('<p class="ts-landing__empty">There are no lessons here yet. '
                     'Please come back soon.</p>\n')
    for group in section.groups:
        parts.append(f"## {_escape_markdown(group.title)} {{ #{topic_anchor(group)} }}\n")
        cards = "\n".join(_card(lesson, href_for(copy_src(section.audience.id, lesson.slug)))
                          for lesson in group.lessons)
        parts.append(f'<div class="grid cards ts-cards">\n<ul>\n{cards}\n</ul>\n</div>\n')
    return "\n".join(parts)


def _escape_markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _card(lesson, href: str) -> str:
    return (f'<li class="ts-card"><a class="ts-card__link" href="{escape(href)}">'
            f'{escape(lesson.title)}</a>'
            f'<p class="ts-card__summary">{escape(lesson.summary)}</p></li>')
