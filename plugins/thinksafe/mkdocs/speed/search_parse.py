"""Material's search entries for a page, from a faster reading of the page's HTML.

Material's search plugin divides a page's HTML into sections with its `Parser`, a subclass of
Python's `html.parser.HTMLParser`, whose reading counts lines and tries each kind of markup at
every `<`. A converted page holds only text, start tags with quoted attribute values and end
tags: `events` reads those with one regular expression, and Material's own `Parser` handlers
get them in the same order and with the same arguments as HTMLParser gives them (tag and
attribute names in lower case, character references in text and values replaced). A page with
any other markup (a comment, a declaration, `<script>` or `<style>`, an unquoted value, a
stray `<`) is read by Material's parser, as before.

`add_entries` is Material's `SearchIndex.add_entry_from_context`, as in the versions of
`VERIFIED_MATERIAL`; with any other version Material's own method is used.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from importlib.metadata import version

from material.plugins.search import plugin as material_search

VERIFIED_MATERIAL = ("9.8.2",)  # the versions whose add_entry_from_context add_entries copies

_SPACE = "[ \t\n\r\f]"  # what HTMLParser takes as space inside a tag, whatever else \s matches
_ATTRIBUTE = rf"{_SPACE}+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:{_SPACE}*={_SPACE}*(\"[^\"]*\"|'[^']*'))?"
_ATTRIBUTES = re.compile(_ATTRIBUTE)
_TOKEN = re.compile(
    r"([^<]+)"  # text, up to the next tag
    rf"|<([a-zA-Z][-a-zA-Z0-9:_.]*)((?:{_ATTRIBUTE.replace('(', '(?:').replace('(?:?:', '(?:')})*){_SPACE}*(/?)>"
    r"|</([a-zA-Z][-.a-zA-Z0-9:_]*)>")
_RAW_TEXT = ("script", "style")  # HTMLParser reads their content as it is: left to it

TEXT, START, END = 0, 1, 2


class Unsupported(Exception):
    """HTML with markup `events` does not read: Material's parser reads the page."""


def events(html: str) -> list[tuple]:
    """HTMLParser's calls for `html`, in order: (TEXT, data), (START, tag, attributes), (END, tag)."""
    found: list[tuple] = []
    add = found.append
    at = 0
    for match in _TOKEN.finditer(html):
        if match.start() != at:
            raise Unsupported(f"markup at {at}")
        at = match.end()
        text, tag, attributes, closed, end = match.groups()
        if text is not None:
            add((TEXT, unescape(text)))
        elif tag is not None:
            tag = tag.lower()
            if tag in _RAW_TEXT:
                raise Unsupported(f"<{tag}>")
            pairs: list[tuple[str, str | None]] = []
            for attribute in _ATTRIBUTES.finditer(attributes):
                name, value = attribute.groups()
                if value is not None:
                    value = value[1:-1]
                    if value:
                        value = unescape(value)
                pairs.append((name.lower(), value))
            add((START, tag, pairs))
            if closed:  # <br/>: HTMLParser's handle_startendtag, a start and an end
                add((END, tag))
        else:
            add((END, end.lower()))
    if at != len(html):
        raise Unsupported(f"markup at {at}")
    return found


def _parse(html: str) -> material_search.Parser:
    """Material's parser after reading `html`, fed by `events` when it can read it."""
    parser = material_search.Parser()
    try:
        read = events(html)
    except Unsupported:
        parser.feed(html)
        parser.close()
        return parser
    text, start, end = parser.handle_data, parser.handle_starttag, parser.handle_endtag
    for event in read:
        kind = event[0]
        if kind == TEXT:
            text(event[1])
        elif kind == START:
            start(event[1], event[2])
        else:
            end(event[1])
    return parser


def add_entries(index: material_search.SearchIndex, page) -> None:
    """Material 9.8.2's `SearchIndex.add_entry_from_context`, with the HTML read by `_parse`."""
    search = page.meta.get("search") or {}
    if search.get("exclude"):
        return
    for section in _parse(page.content).data:
        if not section.is_excluded():
            index.create_entry_for_section(section, page.toc, page.url, page)


def adder(index: material_search.SearchIndex) -> Callable[[object], None]:
    """What adds a page's entries to `index`: `add_entries` where it copies this Material's code."""
    own = type(index).add_entry_from_context is material_search.SearchIndex.add_entry_from_context \
        and "add_entry_from_context" not in vars(index)  # not changed by a subclass or another plugin
    if own and version("mkdocs-material") in VERIFIED_MATERIAL:
        return lambda page: add_entries(index, page)
    return index.add_entry_from_context
