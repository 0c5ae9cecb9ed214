"""A Python-Markdown extension that points each link of a page at the right page, and marks
the links that leave the site, in a way that lets one conversion of a lesson serve every copy.

A lesson's copies differ only in where their links to other lessons lead and in whether
leaving links are marked (children's pages). So the lesson is converted once: each link to a
lesson is tagged with its number, and each leaving link gets a placeholder. `finish()` then
writes one copy's HTML from that conversion: each tagged link's address for that copy, and
the placeholders made into the words and icon of a leaving link, or removed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from urllib.parse import urlsplit
from xml.etree.ElementTree import Comment, Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

Rewrite = Callable[[str], "str | None"]

LEAVING_MARK = "thinksafe:leaves-the-site"
_PLACEHOLDER = f"<!--{LEAVING_MARK}-->"
# Left out of the search index, so that every copy of a lesson indexes the same words.
LEAVING_HTML = ('<span class="ts-external__icon" aria-hidden="true"></span>'
                '<span class="ts-visually-hidden" data-search-exclude="true"> (goes to another website)</span>')
_TAG = "data-thinksafe-link"
# A tagged link's start tag as Python-Markdown writes it: `k="v"` pairs, `"` escaped in values.
_TAGGED = re.compile(rf'<a\s[^>]*\b{_TAG}="\d+"[^>]*>')
_ATTRIBUTE = re.compile(r'\s([^\s="]+)="([^"]*)"')


class LessonLinks(Extension):
    """Holds the rewrite for the page being converted; the plugin sets it before each page."""

    def __init__(self) -> None:
        super().__init__()
        self.rewrite: Rewrite | None = None
        self.is_lesson: Callable[[str], bool] = lambda url: False
        self.tagged: list[str] = []  # each link to a lesson, as written, by its tag number

    def extendMarkdown(self, md: Markdown) -> None:
        # Above MkDocs's own link processor (priority 0), which then checks the rewritten link.
        md.treeprocessors.register(_Processor(md, self), "thinksafe_links", 5)


class _Processor(Treeprocessor):
    def __init__(self, md: Markdown, extension: LessonLinks):
        super().__init__(md)
        self.extension = extension

    def run(self, root: Element) -> None:
        extension = self.extension
        rewrite = extension.rewrite or (lambda url: None)
        for element in list(root.iter()):
            attribute = {"a": "href", "img": "src"}.get(element.tag)
            value = element.get(attribute) if attribute else None
            if attribute is None or not value:
                continue
            new = rewrite(value)
            if new is not None:
                element.set(attribute, new)
            if element.tag != "a":
                continue
            if new is not None and extension.is_lesson(value):
                element.set(_TAG, str(len(extension.tagged)))
                extension.tagged.append(value)
            elif _leaves(value):
                # On every page: the other site is not told which page the reader came from.
                element.set("rel", element.get("rel") or "noopener noreferrer")
                element.append(Comment(LEAVING_MARK))


def finish(html: str, hrefs: list[str], mark_leaving: bool) -> str:
    """One page's HTML from a conversion: tagged link `i` leads to `hrefs[i]`, and leaving links
    are marked (children's pages) or left plain."""
    if hrefs:
        html = _TAGGED.sub(lambda m: _retarget(m[0], hrefs), html)
    return html.replace(_PLACEHOLDER, LEAVING_HTML if mark_leaving else "")


def _retarget(start_tag: str, hrefs: list[str]) -> str:
    """A tagged link's start tag, untagged, with the href its tag number gives it."""
    attributes = dict(_ATTRIBUTE.findall(start_tag))
    attributes["href"] = escape(hrefs[int(attributes.pop(_TAG))])
    return "<a" + "".join(f' {name}="{value}"' for name, value in attributes.items()) + ">"


def _leaves(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")
