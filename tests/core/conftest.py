"""Fixtures shared by the core tests."""

import pytest
from weasyprint.pdf import fonts


@pytest.fixture
def fonttools_subsetting(monkeypatch):
    """WeasyPrint subsetting with fontTools, which saves (and dates) the fonts, as where
    HarfBuzz's subsetter is not installed (HarfBuzz's dates nothing)."""
    monkeypatch.setattr(fonts, "harfbuzz_subset", None)
