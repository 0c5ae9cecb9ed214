"""Markdown's contents step, which looks for its marker only on pages whose text holds it: the same HTML."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from markdown.extensions.toc import TocTreeprocessor

from thinksafe.mkdocs.speed.toc_marker import MarkerCheckingToc, TokensOnlyToc, install

REPO = Path(__file__).resolve().parents[2]
LESSON_FILES = sorted((REPO / "content" / "lessons").rglob("*.md"))
TEXTS = [
    "# A\n\n[TOC]\n\n## B\n\nText.", "# A\n\n  [TOC]  \n\n## B", "# A\n\nSee [TOC] here.\n\n## B",
    "# A\n\n- [TOC]\n\n## B", "# A\n\n> [TOC]\n\n## B", "## [TOC]\n\n[TOC]", "`[TOC]`\n\n    [TOC]\n\n[TOC]",
    "# A\n\n*[TOC]*\n\n## B", "# A\n\n{TOC}\n\n[[TOC]]\n\n## B", "No marker.\n\n## B\n\n### C", "",
    "# A\n\n[CONTENTS]\n\n## B", "!!! note\n    [TOC]\n\n## B",
]


def _pair(config):
    extensions = ["admonition", "attr_list", "md_in_html", "tables", "toc"]
    plain = markdown.Markdown(extensions=extensions, extension_configs={"toc": config})
    checking = markdown.Markdown(extensions=extensions, extension_configs={"toc": config})
    install(checking)
    return plain, checking


@pytest.mark.parametrize("config", [{}, {"marker": "[CONTENTS]", "permalink": True}, {"marker": ""}])
def test_the_same_html_and_contents_as_markdowns_own_step(config):
    plain, checking = _pair(config)
    assert type(checking.treeprocessors["toc"]) is MarkerCheckingToc
    for text in TEXTS + [path.read_text(encoding="utf-8") for path in LESSON_FILES]:
        assert checking.reset().convert(text) == plain.reset().convert(text), text
        assert (checking.toc, checking.toc_tokens) == (plain.toc, plain.toc_tokens)


def test_the_marker_is_looked_for_only_where_a_text_holds_it(monkeypatch):
    _, checking = _pair({})
    looked = []
    monkeypatch.setattr(TocTreeprocessor, "iterparent",
                        lambda step, node: looked.append(node) or iter(()))
    checking.convert("# A\n\nNo marker here.\n\n## B")
    assert looked == []
    checking.reset().convert("# A\n\n[TOC]\n\n## B")
    assert looked


def test_left_as_it_is_when_the_step_is_not_markdowns_own():
    md = markdown.Markdown(extensions=["toc"])
    own = type("Own", (TocTreeprocessor,), {})
    md.treeprocessors["toc"].__class__ = own
    install(md)
    assert type(md.treeprocessors["toc"]) is own


@pytest.mark.parametrize("config", [{}, {"marker": "[CONTENTS]", "permalink": True}, {"marker": ""},
                                    {"permalink": "[TOC]"}])
def test_tokens_only_the_same_html_and_tokens_and_the_contents_html_where_the_marker_may_be(config):
    plain, _ = _pair(config)
    tokens_only = markdown.Markdown(extensions=["admonition", "attr_list", "md_in_html", "tables", "toc"],
                                    extension_configs={"toc": config})
    install(tokens_only, contents_html=False)
    assert type(tokens_only.treeprocessors["toc"]) is TokensOnlyToc
    marker = config.get("marker", "[TOC]")
    for text in TEXTS + [path.read_text(encoding="utf-8") for path in LESSON_FILES]:
        assert tokens_only.reset().convert(text) == plain.reset().convert(text), text
        assert tokens_only.toc_tokens == plain.toc_tokens
        assert tokens_only.toc in ("", plain.toc)
        # Made wherever the marker may be: in the text, or in a heading once finished (a
        # permalink's text); an empty marker is in every text.
        if marker in text or config.get("permalink") == "[TOC]" and "#" in text:
            assert tokens_only.toc == plain.toc, text
    if marker == "[TOC]" and not config:
        assert tokens_only.reset().convert("# A\n\nNo marker.") and tokens_only.toc == ""
