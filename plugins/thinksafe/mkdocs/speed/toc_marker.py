"""Python-Markdown's table of contents step, which looks for its marker only where a text holds it.

The `toc` step replaces a paragraph that is only its marker (`[TOC]`) with the contents. To find
one it joins the text of every element under each element of the page, for each page, although
such a paragraph's text holds the marker and few pages hold it anywhere. Here it looks only on
a page where some element's text holds the marker (or where an element is not a plain one,
such as a comment, which Markdown's search does not expect): elsewhere it would find nothing.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions.toc import TocTreeprocessor


class MarkerCheckingToc(TocTreeprocessor):
    """Markdown's `TocTreeprocessor`, which does not look for its marker on a page without it."""

    def replace_marker(self, root, elem) -> None:
        marker = self.marker
        for element in root.iter():
            text = element.text
            if not isinstance(element.tag, str) or (text and marker in text):
                super().replace_marker(root, elem)
                return


def install(md: Markdown) -> None:
    """Make `md`'s `toc` step the checking one, when it is Markdown's own (only its class changes)."""
    if "toc" not in md.treeprocessors:  # a Registry, which has no `get`
        return
    step = md.treeprocessors["toc"]
    if type(step) is TocTreeprocessor:
        step.__class__ = MarkerCheckingToc
