"""The fonts WeasyPrint embeds in a PDF, dated alike whenever the PDF is made.

fontTools stamps every font it saves (WeasyPrint saves each font it subsets) with the time of
saving, in the font's `head` table, unless SOURCE_DATE_EPOCH is set: without it, the same lesson
rendered a second later gave a different PDF, and two builds of the same input different packs.
Without SOURCE_DATE_EPOCH, a font now keeps the date its own file gives; with it, fontTools
stamps it with that epoch, as before.
"""

from __future__ import annotations

import functools
import os
from typing import Any


def install() -> None:
    """Have WeasyPrint's fonts keep their own dates when SOURCE_DATE_EPOCH is unset (once a
    process; forked workers inherit it)."""
    _installed()


@functools.cache
def _installed() -> None:
    from fontTools.ttLib import TTFont
    from weasyprint.pdf import fonts as pdf_fonts
    from weasyprint.text import fonts as text_fonts

    for module in (pdf_fonts, text_fonts):
        if getattr(module, "TTFont", None) is TTFont:  # anything else: a WeasyPrint this does not know
            module.TTFont = dated(TTFont)


@functools.cache
def dated(base: type) -> type:
    """A subclass of fontTools' `TTFont` that stamps a saved font with the time only when
    SOURCE_DATE_EPOCH is set (then fontTools stamps it with that epoch instead)."""

    class Dated(base):
        def __init__(self, *args: Any, **kwargs: Any):
            kwargs.setdefault("recalcTimestamp", "SOURCE_DATE_EPOCH" in os.environ)
            super().__init__(*args, **kwargs)

    return Dated
