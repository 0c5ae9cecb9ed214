"""The emoji generator the bundled mkdocs.yml uses: Material's icons inline, other emoji as text."""

from __future__ import annotations

import markdown
from material.extensions.emoji import to_svg, twemoji

from thinksafe.core.html.offsite import fetched_by_html
from thinksafe.emoji import icons_or_text


def convert(text: str, generator) -> str:
    md = markdown.Markdown(extensions=["pymdownx.emoji"], extension_configs={
        "pymdownx.emoji": {"emoji_index": twemoji, "emoji_generator": generator}})
    return md.convert(text)


def test_icons_are_inline_and_emoji_are_characters_so_nothing_is_fetched():
    html = convert("Call us :material-phone: and smile :smile:", icons_or_text)
    assert "<svg" in html and "\N{SMILING FACE WITH OPEN MOUTH AND SMILING EYES}" in html
    assert fetched_by_html(html) == []
    # Material's own generator, for comparison, makes the emoji a picture from a CDN.
    assert fetched_by_html(convert(":smile:", to_svg))[0].startswith("https://cdn.jsdelivr.net/")
