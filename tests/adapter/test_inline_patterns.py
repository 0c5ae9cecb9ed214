"""Markdown's inline step that does not try patterns on text they cannot match: the same HTML, always."""

from __future__ import annotations

import itertools

import markdown
import pytest

from support import LESSON_FILES, markdown_pair
from thinksafe.mkdocs.speed import inline_patterns
from thinksafe.mkdocs.speed.inline_patterns import SkippingInlineProcessor, install, needs

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "fenced_code", "abbr", "footnotes",
              "def_list", "pymdownx.details", "pymdownx.superfences", "pymdownx.betterem", "pymdownx.caret",
              "pymdownx.mark", "pymdownx.tilde", "pymdownx.magiclink", "pymdownx.inlinehilite"]
PIECES = ["word", "`code`", "``a ` b``", "\\`", "\\\\`x`", "\\*", "*em*", "**strong**", "***both***", "_u_",
          "__uu__", "a_b_c", " * ", "[link](x.md)", "[ref][r]", "[r]", "![img](p.png)", "![ref][r]",
          "<https://x.org>", "<me@x.org>", "<b>bold</b>", "<!-- c -->", "&amp;", "&copy;", "&#169;", "& x",
          "line  \nbreak", "[^1]", "HTML", "==mark==", "^^ins^^", "~~del~~", "www.x.org", "{: .c }",
          "`#!python x`", "\\[", "![", "<", "\n"]
EXTRA = "\n\n[r]: https://r.example\n[^1]: A note.\n*[HTML]: Hypertext\n"


def _texts():
    for a, b in itertools.product(PIECES, repeat=2):
        yield f"{a} {b}\n\n- {b}{a}\n\n> {a}{b}\n\n| h |\n|---|\n| {a} |\n" + EXTRA
    for path in LESSON_FILES:
        yield path.read_text(encoding="utf-8")


@pytest.mark.parametrize("extensions", [["attr_list", "toc"], EXTENSIONS])
def test_the_same_html_as_markdowns_own_step(extensions):
    plain, skipping = markdown_pair(extensions, install)
    assert type(skipping.treeprocessors["inline"]) is SkippingInlineProcessor
    kinds = [type(step) for step in plain.treeprocessors]
    assert [type(step) for step in skipping.treeprocessors] == \
        [SkippingInlineProcessor if kind is markdown.treeprocessors.InlineProcessor else kind for kind in kinds]
    texts = list(_texts())
    assert len(texts) > len(PIECES) ** 2
    for text in texts:
        assert skipping.reset().convert(text) == plain.reset().convert(text), text


def test_a_pattern_is_not_tried_on_text_without_what_it_needs(monkeypatch):
    _, skipping = markdown_pair(["attr_list"], install)
    tried = []
    for name in ("backtick", "link", "entity", "em_strong"):
        pattern = skipping.inlinePatterns[name]
        compiled = pattern.compiled_re

        class Spy:  # the pattern's expression, noting each text it is tried on
            pattern = compiled.pattern

            @staticmethod
            def finditer(data, start, name=name, compiled=compiled):
                tried.append((name, data))
                return compiled.finditer(data, start)

        monkeypatch.setattr(pattern, "getCompiledRegExp", lambda spy=Spy: spy)
    assert skipping.convert("Plain words only.") == "<p>Plain words only.</p>"
    assert tried == []
    assert skipping.reset().convert("A `b` & *c*") == "<p>A <code>b</code> &amp; <em>c</em></p>"
    assert {name for name, _ in tried} == {"backtick", "entity", "em_strong"}


def test_patterns_it_does_not_know_are_always_tried():
    plain, skipping = markdown_pair(["pymdownx.tilde", "pymdownx.magiclink"], install)
    assert needs(skipping.inlinePatterns["backtick"]) == ("`",)
    assert needs(skipping.inlinePatterns["em_strong"]) == ("*", "_")
    assert needs(skipping.inlinePatterns["delimiter"]) is None  # pymdownx.tilde's own class
    assert needs(skipping.inlinePatterns["autolink"]) is None  # another extension's (magiclink's)
    assert needs(skipping.inlinePatterns["magic-link"]) is None
    changed = skipping.inlinePatterns["backtick"]
    changed.compiled_re = changed.getCompiledRegExp().__class__  # not the expression it names
    assert needs(changed) is None


def test_left_as_it_is_when_the_step_is_not_markdowns_own(monkeypatch):
    md = markdown.Markdown()
    own = type("Own", (markdown.treeprocessors.InlineProcessor,), {})(md)
    md.treeprocessors.register(own, "inline", 20)
    install(md)
    assert type(md.treeprocessors["inline"]) is type(own)
    monkeypatch.delattr(inline_patterns.InlineProcessor, "_InlineProcessor__applyPattern")
    md = markdown.Markdown()
    install(md)
    assert type(md.treeprocessors["inline"]) is markdown.treeprocessors.InlineProcessor
