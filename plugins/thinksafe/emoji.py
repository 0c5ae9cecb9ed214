"""An emoji generator for pymdownx.emoji that fetches nothing.

Material's `to_svg` writes its own icons (`:material-phone:`) into the page, but hands every
ordinary emoji (`:smile:`) to pymdownx, which makes it a picture from a CDN on another host.
This writes the icons as Material does and each ordinary emoji as its character, drawn by the
reader's own emoji font. In mkdocs.yml:

    - pymdownx.emoji:
        emoji_index: !!python/name:material.extensions.emoji.twemoji
        emoji_generator: !!python/name:thinksafe.emoji.icons_or_text
"""

from __future__ import annotations

from material.extensions import emoji as material_emoji
from pymdownx import emoji


def icons_or_text(index, shortname, alias, uc, alt, title, category, options, md):
    """Material's icon, inline, for an icon (it has no code point); the character otherwise."""
    if not uc:
        return material_emoji.to_svg(index, shortname, alias, uc, alt, title, category, options, md)
    return emoji.to_alt(index, shortname, alias, uc, alt, title, category, options, md)
