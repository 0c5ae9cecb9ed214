"""WeasyPrint's fontTools subsetting with the GSUB and GPOS tables dropped before they are read
(core/packs/subsetting.py): the same font bytes, so the same PDFs, without reading them."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools import subset, ttLib
from weasyprint.pdf import fonts

from thinksafe.core.packs.pdf import render_pdf
from thinksafe.core.packs.subsetting import dropping_first, install

# A lesson's words in the printable copy's first font, bold and italic too: each font it embeds has GPOS and kern.
HTML = """<html><head><style>html { font-family: "DejaVu Sans", sans-serif; }</style></head>
<body><h1>Staying safe online</h1>
<p>Tell a <b>trusted adult</b> — <i>AVATAR, Wave, “quotes”</i>, ﬁ 1½.</p></body></html>"""

@pytest.fixture(autouse=True)
def fixed_font_dates(monkeypatch):
    """fontTools stamps each font it saves with the time, unless SOURCE_DATE_EPOCH is set."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.mark.usefixtures("fonttools_subsetting")
def test_a_pdf_is_made_without_reading_the_layout_tables_its_fonts_drop(tmp_path, monkeypatch):
    read = []
    for tag in ("GSUB", "GPOS"):
        table = ttLib.getTableClass(tag)
        original = table.decompile
        monkeypatch.setattr(table, "decompile", lambda self, data, font, _o=original, _t=tag: (
            read.append(_t), _o(self, data, font))[1])
    assert render_pdf(HTML, tmp_path, epoch=1700000000).startswith(b"%PDF")
    assert read == []


@pytest.mark.usefixtures("fonttools_subsetting")
def test_the_pdf_is_byte_identical_to_fonttools_own_subsetting(tmp_path, monkeypatch):
    install()
    ours = render_pdf(HTML, tmp_path, epoch=1700000000)
    monkeypatch.setattr(fonts, "subset", subset)  # WeasyPrint as it comes
    assert render_pdf(HTML, tmp_path, epoch=1700000000) == ours


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="no fontconfig to find a font with")
@pytest.mark.parametrize("legacy_kern", [False, True])
@pytest.mark.parametrize("dropped", [["GSUB", "GPOS", "SVG"], ["GSUB"], []])
def test_the_subset_font_is_byte_identical(legacy_kern, dropped):
    path = subprocess.run(["fc-match", "-f", "%{file}", "DejaVu Sans"], capture_output=True, text=True).stdout
    font_bytes = Path(path).read_bytes()
    if not {"GPOS", "kern"} <= set(ttLib.TTFont(io.BytesIO(font_bytes)).keys()):
        pytest.skip(f"{path} lacks GPOS or kern")

    def subset_with(subsetter_class) -> bytes:
        options = subset.Options(retain_gids=True, passthrough_tables=True, ignore_missing_glyphs=True,
                                 hinting=False, desubroutinize=True, legacy_kern=legacy_kern)
        options.drop_tables += dropped
        subsetter = subsetter_class(options)
        subsetter.populate(gids={0, 3, 36, 37, 68, 69, 70})
        font = ttLib.TTFont(io.BytesIO(font_bytes))
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()

    assert subset_with(dropping_first(subset.Subsetter)) == subset_with(subset.Subsetter)
