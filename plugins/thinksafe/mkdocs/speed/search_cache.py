"""Material's search entries kept between builds, so that a rebuild parses only the pages that changed."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from material.plugins.search import plugin as material_search

from thinksafe.core.cache import SEARCH_ENTRIES, KeptEntries, Unkeyable, digest, text_sha256
from thinksafe.mkdocs.speed.search_parse import adder

FIELDS = ("location", "title", "text")  # in every entry Material makes

log = logging.getLogger("mkdocs.plugins.thinksafe")


def settings_key(index_config: dict) -> str:
    """A hash of the index's settings, for `page_key`: made once a build, not for every page
    (writing them down was nearly half of the time of keying a page)."""
    return digest(index_config)


def page_key(page, settings: str) -> str:
    """A hash of all that Material's `add_entry_from_context` reads of the page and, through
    `settings` (`settings_key`), of the index (Unkeyable when front matter holds what cannot
    be written down)."""
    # Only the keys present: a `title: null` is indexed as "None", a missing title as the page's.
    meta = {name: page.meta[name] for name in ("title", "search", "tags") if name in page.meta}
    # The HTML as its own SHA-256: the serialiser would escape it character by character.
    content = page.content
    if isinstance(content, str):
        content = ["sha256", type(content).__name__,
                   text_sha256(content)]
    return digest(page.url, page.title, meta, _toc(page.toc), content, settings)


def _toc(items) -> list:
    return [[item.id, item.url, item.title, item.level, _toc(item.children)] for item in items]


class SearchEntryCache(KeptEntries):
    """`<cache folder>/search-entries.json`: each indexed page's key → the entries Material made,
    stamped with the code's fingerprint (core/cache.py: Material's version, Python's, which
    parses the HTML, and jieba's, which splits Chinese words, are in it).

    With no folder (caching off) nothing is wrapped or kept. `save()` writes only the pages of this build.
    """

    def __init__(self, folder: Path | None):
        super().__init__(folder, SEARCH_ENTRIES, "pages")
        self.wrapped = False
        self.index: material_search.SearchIndex | None = None
        self.hits = self.parsed = 0
        # src → the key of the page's entries; None: excluded, so none; False: no key
        self.noted: dict[str, str | None | bool] = {}
        # The index Material made in this build, as its file would give it back (`made`).
        self._made: dict | None = None

    def wrap_search_of(self, plugins) -> None:
        """Wrap the index of Material's search plugin among `plugins`, if there is one."""
        for plugin in plugins.values():
            index = getattr(plugin, "search_index", None)  # made anew by its on_config, each build
            if isinstance(index, material_search.SearchIndex):
                self.wrap(index)

    def wrap(self, index: material_search.SearchIndex) -> None:
        """Make `index` take each unchanged page's entries from the cache instead of parsing it."""
        if not self.enabled:
            return
        if material_search.jieba is not None and \
                (index.config.get("jieba_dict") or index.config.get("jieba_dict_user")):
            return  # a dictionary loaded into jieba splits words in a way no key can see
        add = adder(index)  # Material's, or the same with a faster reading of the HTML
        try:
            settings: str | None = settings_key(dict(index.config))
        except Unkeyable:  # settings that cannot be written down: no page is keyed, none kept
            settings = None

        def add_entry_from_context(page) -> None:
            search = page.meta.get("search") or {}
            if search.get("exclude"):
                self.noted[page.file.src_uri] = None
                return add(page)
            try:
                key = page_key(page, settings) if settings is not None else None
            except Unkeyable:  # front matter that cannot be written down: no key, no cache
                key = None
            if key is None:
                self.noted[page.file.src_uri] = False
                return add(page)
            self.noted[page.file.src_uri] = key
            kept = self.used.get(key, self.kept.get(key))
            if _valid(kept):
                index.entries.extend(_copied(kept))  # the kept ones stay as they were read
                self.hits += 1
                log.debug("%s: search entries kept from the last build, not parsed again",
                          page.file.src_uri)
            else:
                before = len(index.entries)
                add(page)
                # As the file will hold them: what JSON cannot write, Material writes as str too.
                kept = json.loads(json.dumps(index.entries[before:], default=str))
                self.parsed += 1
            self.used[key] = kept

        index.add_entry_from_context = add_entry_from_context
        generate = index.generate_search_index

        def generate_search_index(prev) -> str:
            # ThinkSafe writes the index itself (plugin.py's `_split_search_index`), from this
            # data: Material's writing of it and ThinkSafe's reading it back were ~0.05 s.
            self._made = _generated(generate, prev)
            return json.dumps({"config": self._made["config"], "docs": []})

        index.generate_search_index = generate_search_index
        self.index = index
        self.wrapped = True

    def made(self) -> dict | None:
        """The index Material made in this build, as JSON from its file would give it; None:
        Material did not make it through this cache (its file holds it)."""
        made, self._made = self._made, None
        return made

    def entries(self, key: str) -> list | None:
        """The entries kept under `key`, if they can be a page's (see early_pages.py)."""
        kept = self.used.get(key, self.kept.get(key))
        return kept if _valid(kept) else None

    def take(self, key: str | None, entries: list) -> None:
        """Add a page's kept entries to the index, as its own on_page_context would have."""
        if key is None or self.index is None:
            return
        self.index.entries.extend(_copied(entries))
        self.used[key] = entries
        self.hits += 1

    def save(self) -> None:
        """Write the entries of this build's pages, when they differ from those kept."""
        if not self.wrapped:
            return
        log.debug(f"search entries of {self.hits} pages kept from the last build, {self.parsed} parsed")
        super().save()


def _generated(generate, prev) -> dict:
    """What Material's `generate_search_index(prev)` writes, as JSON data read back from it:
    its own code runs, its `json.dumps` handed the data instead of writing it down."""
    captured: list = []

    class Capture:
        @staticmethod
        def dumps(data, **options) -> str:
            captured.append((data, options))
            return ""

    material_search.json = Capture  # for this call only
    try:
        generate(prev)
    finally:
        material_search.json = json
    (data, options), = captured
    docs = data.get("docs", [])
    if not all(_plain_entry(doc) for doc in docs):  # what JSON writes otherwise (default=str): as the file would say
        docs = json.loads(json.dumps(docs, **options))
    rest = json.loads(json.dumps({k: v for k, v in data.items() if k != "docs"}, **options))
    return {k: docs if k == "docs" else rest[k] for k in data}


def _plain_entry(entry: object) -> bool:
    """Whether JSON gives an entry back as it is: a dict of text keys and values of text,
    whole numbers, true/false or null (Material's and every kept one), or lists of them."""
    return type(entry) is dict and all(
        type(k) is str and (type(v) in _PLAIN or (type(v) is list and all(type(i) in _PLAIN for i in v)))
        for k, v in entry.items())


_PLAIN = frozenset({str, int, bool, type(None)})


def _copied(data: Any) -> list:
    """A copy of entries as JSON holds them (dicts, lists, text, numbers): what `copy.deepcopy`
    gives, without its bookkeeping for objects that may be shared or hold themselves."""
    return [_copied_value(item) for item in data]


def _copied_value(value: Any) -> Any:
    kind = type(value)
    if kind is dict:
        return {k: v if type(v) is str else _copied_value(v) for k, v in value.items()}
    if kind is list:
        return [_copied_value(item) for item in value]
    return value  # text, a number, None: not changed in place


def _valid(kept: object) -> bool:
    """Whether what a file holds for a page can be its entries (a hand-edited file may hold anything)."""
    return isinstance(kept, list) and all(
        isinstance(entry, dict) and all(isinstance(entry.get(name), str) for name in FIELDS)
        for entry in kept)
