"""The fonts in a pack's PDF keep their own dates (core/packs/font_dates.py): the same lesson
gives the same PDF at any time, with SOURCE_DATE_EPOCH unset; with it set, fontTools dates them."""

from __future__ import annotations

import itertools

import pytest
from fontTools.ttLib.tables import _h_e_a_d

from thinksafe.core.packs.pdf import render_pdf

HTML = "<p>Tell a <b>trusted adult</b>, <i>then block and report</i>.</p>"


# WeasyPrint subsetting with fontTools (tests/core/conftest.py), which saves and dates the fonts.
pytestmark = pytest.mark.usefixtures("fonttools_subsetting")


def clock(monkeypatch, start: int):
    """fontTools' clock, a day later each time it is read."""
    ticks = itertools.count(start, 86400)
    monkeypatch.setattr(_h_e_a_d, "timestampNow", lambda: next(ticks))


def test_the_same_lesson_gives_the_same_pdf_at_any_time(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    clock(monkeypatch, 3_000_000_000)
    first = render_pdf(HTML, tmp_path)
    assert render_pdf(HTML, tmp_path) == first


def test_with_source_date_epoch_fonttools_dates_the_fonts(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    clock(monkeypatch, 3_000_000_000)
    first = render_pdf(HTML, tmp_path, epoch=1700000000)
    assert render_pdf(HTML, tmp_path, epoch=1700000000) != first  # the (patched) clock reached the fonts
