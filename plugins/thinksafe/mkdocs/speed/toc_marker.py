"""Python-Markdown's table of contents step, which looks for its marker only where a text holds it.

The `toc` step replaces a paragraph that is only its marker (`[TOC]`) with the contents. To find
one it joins the text of every element under each element of the page, for each page, although
such a paragraph's text holds the marker and few pages hold it anywhere. Here it looks only on
a page where some element's text holds the marker (or where an element is not a plain one,
such as a comment, which Markdown's search does not expect): elsewhere it would find nothing.

Where nothing reads the contents as HTML (`md.toc`: MkDocs reads `md.toc_tokens` only), the
step also need not build and serialise that HTML on a page without the marker, where it is
never put into the page (`install(md, contents_html=False)`).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions.toc import TocTreeprocessor


class MarkerCheckingToc(TocTreeprocessor):
    """Markdown's `TocTreeprocessor`, which does not look for its marker on a page without it."""

    def replace_marker(self, root, elem) -> None:
        if _may_hold(root, self.marker):
            super().replace_marker(root, elem)


class TokensOnlyToc(MarkerCheckingToc):
    """`MarkerCheckingToc` that makes the contents' HTML only on a page whose text may hold the
    marker, where it may go into the page: elsewhere `md.toc` is "" (`md.toc_tokens` as ever)."""

    _root: etree.Element | None = None
    _marked = True

    def run(self, doc: etree.Element) -> None:
        self._root, self._marked = doc, True
        try:
            super().run(doc)
        finally:
            self._root = None
        if not self._marked:
            self.md.toc = ""  # type: ignore[attr-defined]  # what the empty stand-in below stood for

    def build_toc_div(self, toc_list: list) -> etree.Element:
        # Asked after the headings are finished, as `replace_marker` asks it next: the same answer.
        self._marked = self._root is None or _may_hold(self._root, self.marker)
        return super().build_toc_div(toc_list) if self._marked else etree.Element("div")

    def replace_marker(self, root, elem) -> None:
        if self._marked:
            super().replace_marker(root, elem)


def _may_hold(root: etree.Element, marker: str) -> bool:
    """Whether some element's text under `root` holds `marker`, or some element is not a plain one."""
    for element in root.iter():
        text = element.text
        if not isinstance(element.tag, str) or (text and marker in text):
            return True
    return False


def install(md: Markdown, contents_html: bool = True) -> None:
    """Make `md`'s `toc` step the checking one, when it is Markdown's own (only its class
    changes); without `contents_html`, one that makes `md.toc` only where the page may hold the
    marker (for an instance whose extensions and caller read `md.toc_tokens` only)."""
    if "toc" not in md.treeprocessors:  # a Registry, which has no `get`
        return
    step = md.treeprocessors["toc"]
    if type(step) is TocTreeprocessor:
        step.__class__ = MarkerCheckingToc if contents_html else TokensOnlyToc
