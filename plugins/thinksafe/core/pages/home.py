"""The home page a site gets when its content folder has no index.md: a card per audience."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from thinksafe.core.model.navigation import Section


def home_markdown(site_name: str, sections: list[Section], href_for: Callable[[str], str]) -> str:
    """A title, one line, and a card (title, description, link) for each audience's section;
    `href_for` turns an audience id into a link from the home page."""
    cards = "\n".join(
        f'<li class="ts-card"><a class="ts-card__link" href="{escape(href_for(s.audience.id))}">'
        f'{escape(s.audience.title)}</a><p class="ts-card__summary">{escape(s.audience.description)}</p></li>'
        for s in sections)
    title = site_name.replace('"', "'")
    return (f'---\ntitle: "{title}"\n---\n\n# {escape(site_name)}\n\n'
            "Choose the part of the site that is for you.\n\n"
            f'<div class="grid cards ts-cards">\n<ul>\n{cards}\n</ul>\n</div>\n')


def home_note(docs_shown: str) -> str:
    return (f"{docs_shown}/index.md: there is none, so ThinkSafe made a home page with a card for "
            "each audience; write your own index.md to replace it")
