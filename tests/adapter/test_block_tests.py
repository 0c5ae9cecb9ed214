"""Markdown's block processors not asked about blocks they cannot take: the same HTML, always."""

from __future__ import annotations

import itertools
import re

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown import blockprocessors
from markdown.extensions import admonition, tables

from support import LESSON_FILES, markdown_pair
from thinksafe.mkdocs.speed import block_tests
from thinksafe.mkdocs.speed.block_tests import install

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "fenced_code", "abbr", "footnotes",
              "def_list", "pymdownx.details", "pymdownx.superfences", "pymdownx.tasklist"]
GUARDED = {blockprocessors.HashHeaderProcessor, blockprocessors.SetextHeaderProcessor, blockprocessors.HRProcessor,
           blockprocessors.BlockQuoteProcessor, tables.TableProcessor, admonition.AdmonitionProcessor}
# Lines that start, continue or end the blocks the guarded processors take, and some that do not.
LINES = ["Words", "# Heading", "## Heading ##", "#no space", "Text", "===", "---", "- - -", "***", "___", "* item",
         "- item", "1. item", "> quote", ">", "   > deep quote", "| a | b |", "|---|---|", "a | b", "--- | ---",
         "| one |", "!!! note", '!!! tip "Title"', "!!!", "    indented", "        more indented", "\tTab",
         "    !!! warning", "    - item in it", "    > quote in it", "    # heading in it", "```", "~~~",
         "<div markdown>", "</div>", "??? note", "Term", ":   Definition", "[^1]: Note", "*[HTML]: Hypertext",
         "[r]: https://r.example", "- [x] done", "", "line  ", "\\#", "a -- b", "x|y"]


def _texts():
    for a, b in itertools.product(LINES, repeat=2):
        yield f"{a}\n{b}\n\nWords.\n\n{b}\n\n{a}\n{a}\n"
        yield f"!!! note\n\n    {a}\n\n    {b}\n\n{b}\n"
        yield f"- item\n\n    {a}\n    {b}\n\n{a}\n"
    for path in LESSON_FILES:
        yield path.read_text(encoding="utf-8")


def test_the_same_html_as_markdowns_own_block_step():
    for extensions in (["admonition", "tables"], EXTENSIONS):
        plain, asking_less = markdown_pair(extensions, install)
        texts = list(_texts())
        assert len(texts) > len(LINES) ** 2
        for text in texts:
            assert asking_less.reset().convert(text) == plain.reset().convert(text), text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LINES), max_size=24))
def test_the_same_html_for_any_lines(lines):
    plain, asking_less = markdown_pair(EXTENSIONS, install)
    text = "\n".join(lines)
    assert asking_less.convert(text) == plain.convert(text)


def test_every_known_processor_of_this_markdown_is_asked_less():
    """Python-Markdown's own processors, as installed: a new version whose code differs fails
    here, so that the code is read again before its SHA-256 is written in block_tests.py."""
    _, asking_less = markdown_pair(EXTENSIONS, install)
    kinds = {type(p) for p in asking_less.parser.blockprocessors if "test" in vars(p)}
    assert kinds == GUARDED


def test_a_processor_is_not_asked_about_a_block_without_what_it_needs(monkeypatch):
    _, asking_less = markdown_pair(["admonition", "tables"], install)
    asked = []

    class Spy:  # a processor's expression, noting each block it is asked about
        def __init__(self, kind, compiled):
            self.kind, self.compiled = kind, compiled

        def search(self, block, *args):
            asked.append(self.kind)
            return self.compiled.search(block, *args)

        def match(self, block, *args):
            asked.append(self.kind)
            return self.compiled.match(block, *args)

    for processor in asking_less.parser.blockprocessors:
        kind = type(processor).__name__
        if type(processor) is tables.TableProcessor:
            own = processor._split_row
            monkeypatch.setattr(processor, "_split_row",
                                lambda row, own=own: asked.append("TableProcessor") or own(row))
        for name in ("RE", "SEARCH_RE"):
            compiled = getattr(type(processor), name, None)
            if type(processor) in GUARDED and isinstance(compiled, re.Pattern):
                monkeypatch.setattr(processor, name, Spy(kind, compiled))
    assert asking_less.convert("Plain words only, none of the marks.") == "<p>Plain words only, none of the marks.</p>"
    assert asked == []
    assert "<h1>" in asking_less.reset().convert("# A heading")
    assert "HashHeaderProcessor" in asked and "BlockQuoteProcessor" not in asked
    asked.clear()
    assert "<table>" in asking_less.reset().convert("| a | b |\n|---|---|\n| 1 | 2 |")
    assert "TableProcessor" in asked and "HashHeaderProcessor" not in asked


def test_an_admonition_continued_by_an_indented_block_is_asked():
    plain, asking_less = markdown_pair(["admonition"], install)
    text = "!!! note\n    First.\n\n    Second, indented.\n\nAfter."
    assert asking_less.convert(text) == plain.convert(text)
    assert "<p>Second, indented.</p>\n</div>" in asking_less.convert(text)  # inside the admonition


def test_a_changed_processor_is_asked_as_markdown_asks(monkeypatch):
    monkeypatch.setattr(blockprocessors.HashHeaderProcessor, "test",
                        lambda self, parent, block: bool(self.RE.search(block)))
    block_tests._needs.cache_clear()
    try:
        _, asking_less = markdown_pair(["admonition"], install)
        header = next(p for p in asking_less.parser.blockprocessors
                      if type(p) is blockprocessors.HashHeaderProcessor)
        assert "test" not in vars(header)
    finally:
        monkeypatch.undo()
        block_tests._needs.cache_clear()


def test_a_subclass_is_asked_as_markdown_asks():
    class Own(blockprocessors.BlockQuoteProcessor):
        pass
    md = markdown.Markdown()
    md.parser.blockprocessors.register(Own(md.parser), "quote", 20)
    install(md)
    assert "test" not in vars(md.parser.blockprocessors["quote"])
