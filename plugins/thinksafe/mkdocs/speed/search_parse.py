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
`VERIFIED_MATERIAL`; with any other version Material's own method is used. It reads with
`TagParser`, Material's `Parser` with the same results and cheaper membership tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape, unescape
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


_HEADINGS = frozenset(f"h{x}" for x in range(1, 7))
_ALWAYS_SKIPPED = ("script", "style", "object")


class TagParser(material_search.Parser):
    """Material 9.8.2's `Parser`, giving the same sections, with its membership tests made cheap.

    Material's `Element` equals any element or text of its tag (and hashes as its tag), so its
    tests `"pre" in context`, `section.el in context` and `skip.intersection(context)` each ask
    every open element, through a Python `__eq__`, whether it has a tag: 2 of every 3 calls
    when a page's entries are made. Here `skip` holds those tags, `_open` counts the open
    elements of each tag and `_skipped` those of a skipped tag, which answer the same
    questions at once. The handlers are Material's, with only those tests changed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.skip = set(_ALWAYS_SKIPPED)  # tags, as Material's set of elements and tags compares them
        self._open: dict[str, int] = {}
        self._skipped = 0  # open elements whose tag is in `skip`: Material's skip.intersection(context)

    def _count_skipped(self) -> None:
        self._skipped = sum(self._open.get(tag, 0) for tag in self.skip)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        el = material_search.Element(tag, attrs)
        if tag in material_search.void:
            return
        self.context.append(el)
        self._open[tag] = self._open.get(tag, 0) + 1
        if tag in self.skip:
            self._skipped += 1
        if tag in _HEADINGS:
            depth = len(self.context)
            if "id" in attrs:
                if tag != "h1" and not self.data:
                    self.section = material_search.Section(material_search.Element("hx"), depth)
                    self.data.append(self.section)
                self.section = material_search.Section(el, depth)
                if self.data:
                    self.section.id = attrs["id"]
                self.data.append(self.section)
        if not self.section:
            self.section = material_search.Section(material_search.Element("hx"))
            self.data.append(self.section)
        for key, value in attrs.items():
            if key == "data-search-exclude" or (key == "class" and value == "linenodiv"):
                self.skip.add(tag)
                self._count_skipped()
                return
        if not self._skipped and tag in self.keep:
            section = self.section
            data = section.title if self._open.get(section.el.tag) else section.text
            data.append(f"<{tag}>")

    def handle_endtag(self, tag):
        if not self.context or self.context[-1].tag != tag:
            return
        if self.section.depth > len(self.context):
            for section in reversed(self.data):
                if section.depth <= len(self.context):
                    self.section.depth = float("inf")
                    self.section = section
                    break
        el = self.context.pop()
        self._open[el.tag] -= 1
        if el.tag in self.skip:
            self._skipped -= 1
            if el.tag not in _ALWAYS_SKIPPED:
                self.skip.remove(el.tag)
                self._count_skipped()
            return
        if not self._skipped and tag in self.keep:
            section = self.section
            data = section.title if self._open.get(section.el.tag) else section.text
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:
                while len(data) > index:
                    data.pop()
            else:
                data.append(f"</{tag}>")

    def handle_data(self, data):
        if self._skipped:
            return
        in_pre = self._open.get("pre")
        if not in_pre:
            data = data.replace("\n", " ") if not data.isspace() else " "
        if not self.section:
            self.section = material_search.Section(material_search.Element("hx"))
            self.data.append(self.section)
        section = self.section
        if self._open.get(section.el.tag):
            for el in self.context:
                if el.tag == "a" and el.attrs.get("class") == "headerlink":
                    return  # a permalink's text is not in the title
            section.title.append(escape(data, quote=False))
        elif data.isspace():
            if not section.text or not section.text[-1].isspace() or in_pre:
                section.text.append(data)
        else:
            section.text.append(escape(data, quote=False))


def _parse(html: str) -> material_search.Parser:
    """Material's parser (as `TagParser`) after reading `html`, fed by `events` when it can read it."""
    parser = TagParser()
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
