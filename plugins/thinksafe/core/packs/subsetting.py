"""WeasyPrint's fonts subset by fontTools without first reading the layout tables it drops.

Where HarfBuzz's subsetter is not installed, WeasyPrint embeds each font of a PDF subset by
fontTools, told to drop the font's GSUB and GPOS tables (their glyph substitutions and positions
are already applied in the PDF's text). fontTools 4.68 reads both tables whole before it drops
them (`_compact_layout_tables`): for DejaVu Sans, about half the CPU of rendering a lesson's PDF.
Deleting them first, as fontTools' own first step would, gives the same font bytes, so the same
PDF, for less (tests/core/test_packs_subsetting.py compares the bytes).
"""

from __future__ import annotations

import functools
from typing import Any

# The tables `_compact_layout_tables` reads in full that WeasyPrint has fontTools drop.
_READ_THEN_DROPPED = ("GSUB", "GPOS")


def install() -> None:
    """Have WeasyPrint's fontTools subsetting drop the layout tables before it reads them (once
    a process; forked workers inherit it)."""
    _installed()


@functools.cache
def _installed() -> None:
    from fontTools import subset
    from weasyprint.pdf import fonts

    if getattr(fonts, "subset", None) is subset:  # anything else: a WeasyPrint this does not know
        fonts.subset = _SubsetModule(subset)


class _SubsetModule:
    """fontTools.subset as WeasyPrint uses it, with `Subsetter` replaced by `dropping_first`'s."""

    def __init__(self, module: Any):
        self._module = module
        self.Subsetter = dropping_first(module.Subsetter)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)


@functools.cache
def dropping_first(base: type) -> type:
    """A subclass of fontTools' `Subsetter` that deletes the GSUB and GPOS tables its options drop
    before they are read (see the module)."""

    class DroppingFirst(base):
        def subset(self, font):
            options = self.options
            doomed = [tag for tag in _READ_THEN_DROPPED if tag in options.drop_tables and tag in font]
            # fontTools drops 'kern' when the font has GPOS (unless told to keep legacy kerning),
            # judging it while GPOS is still there: 'kern' comes first in its order.
            if "GPOS" in doomed and "kern" in font and not options.legacy_kern:
                doomed.append("kern")
            for tag in doomed:
                del font[tag]
            return super().subset(font)

    return DroppingFirst
