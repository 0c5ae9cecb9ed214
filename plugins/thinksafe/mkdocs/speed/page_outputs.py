"""Pages whose output cannot have changed since the last build: their template is not rendered again.

MkDocs renders every page's template on every build. Here the environment's `get_template`
hands MkDocs a template that, for a page, first hashes everything the template can read (the
page's key, see `PageOutputs.key`) and returns the output kept under that key in
`<cache folder>/pages/` instead of rendering; a page with a new key is rendered and its output
kept. A key covers: the code (`core.cache.fingerprint()`, other plugins' modules), the
settings as loaded, the theme's folders outside MkDocs and Material, the pages of the site,
the environment's globals, and each of the page's context variables (the page with its
converted HTML, contents, front matter, neighbours and ancestors; the navigation; ThinkSafe's
page information with what the sidebar is made from, `sidebar`, not its HTML, which is written
only when the template is rendered). While ThinkSafe's `post_page` step is the build's only one
(`finish`), the output kept is the finished page. A value that cannot be written down the same way in
every process leaves its page without a key: it is rendered, as is a render that logs anything.
The parts are first written as plain data here (MkDocs's objects: pages, navigation, plugins,
the theme), then hashed by `core.cache.digest` (the site's part) and `digest_written` (each
page's part, written down here as plain JSON data of exact types).

A finished page's output is kept as the site's file MkDocs wrote from it, under another name
(`<key>.html`, a hard link): a new file for each page of a clean build was a quarter of its
time, in the file system. Each set's index (`PAGES_INDEX`) names every output's SHA-256, and an
output is read only while its bytes are those (`core.cache.read_checked`, which follows no
link): a site file written over in place (by hand, by another tool) is rendered again, never taken.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import logging
import os
import re
import shutil
import sys
from collections.abc import Callable, Mapping
from enum import Enum
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from markdown import Extension as MarkdownExtension
from mkdocs.plugins import BasePlugin
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from thinksafe.core.cache import (
    PACKAGE,
    PAGES,
    PAGES_INDEX,
    Unkeyable,
    digest,
    digest_written,
    fingerprint,
    link_atomically,
    path,
    read_checked,
    read_stamped,
    text_sha256,
    write_atomically,
    write_stamped,
)
from thinksafe.mkdocs.speed.conversions import LogWatch

if TYPE_CHECKING:
    from _typeshed import DataclassInstance  # what dataclasses.is_dataclass narrows to

_NAV_WORD = re.compile(r"\bnav\b")
_PAGES_WORD = re.compile(r"(?<![.\w])pages\b")  # MkDocs's `pages`, not a nav item's `.pages`
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
# Context variables that are the same for every page of a build, in the site's part of the key.
_SITE_WIDE = {"config", "pages", "mkdocs_version"}
# What templates in Material's and ThinkSafe's own themes read of `nav` besides the sidebar,
# which ThinkSafe writes itself (`thinksafe.nav_list`, keyed by `thinksafe.sidebar`): the tabs
# and the home page (its logo).
_LOCAL_NAV_TEMPLATE = "main.html"
# Text longer than this (a page's HTML, the sidebar's) goes into a key as its own SHA-256: the
# serialiser would escape it character by character, the largest part of a key's cost.
_LONG = 256
# Builds of one site that differ in what every page shares (`mkdocs serve`'s address and
# `mkdocs build`'s, -v and -q) keep their outputs side by side, a folder for each such set, so
# that one does not drop the other's: a build drops its own set's unused outputs, and the sets
# beyond this many, least recently used first.
_KEPT_SETS = 3

log = logging.getLogger("mkdocs.plugins.thinksafe")


class PageOutputs:
    """The pages' template outputs kept between builds, under `folder` (None: nothing kept).

    `rendered` and `kept` count this build's pages rendered and taken from the cache."""

    def __init__(self, cache: Path | None):
        self.folder = path(cache, PAGES)  # None: `cache: false`
        self.rendered = self.kept = 0
        self.used: set[str] = set()
        self._site: str | None = None  # this build's shared part of every key ("": none)
        self._memo: dict[int, tuple[object, object]] = {}  # id → (object, written), this build
        self._links: dict[int, tuple] = {}  # id → (page or section, title, meta, written), this build
        self._local_nav = False  # whether `main.html` reads of `nav` only the tabs and home page
        self._dated = True  # whether some template writes the build's date
        # The `post_page` step, when ThinkSafe's is the build's only one: a page's output is
        # then kept finished, and `Finished` tells that step there is nothing left to do.
        self.finish: Callable[[str, Page], str] | None = None
        self._lists_pages = True  # whether some template reads `pages`, the list of every page
        self._own_folder: Path | None = None  # `_own()`, once known
        self._own_exists = False  # `_own()` made in this build (`_own_made`)
        self._index: dict[str, str] | None = None  # key → SHA-256 of each output the set's last build kept
        self._made: dict[str, str] = {}  # key → SHA-256 of each output kept in this build
        # A site file's path → the keys and output of the page rendered for it: kept once MkDocs
        # has written it (`written`), as that file under each key.
        self._pending: dict[str, tuple[list[str], str]] = {}

    def wrap(self, env) -> None:
        """Make `env.get_template(name)`, as MkDocs calls it for a page, give a template that
        returns a kept output when the page's key is unchanged (templates that include or
        extend others get them unwrapped)."""
        get = type(env).get_template.__get__(env)

        def get_template(name, parent=None, globals=None):
            template = get(name, parent, globals)
            return template if parent is not None else KeptTemplate(template, name, self)

        env.get_template = get_template

    def render(self, template, name: str, context: dict) -> str:
        """The template's output for `context`: kept under the page's key, or rendered."""
        page = context.get("page")
        keys = self.keys(template.environment, name, context) if page is not None else []
        if page is not None:
            page.thinksafe_outputs = keys  # early_pages.py keeps them in the page's record
        for key in keys:
            kept = self.read(key)
            if kept is not None:
                self.take(key)
                self._write(keys, kept, key)  # kept under the page's other key too, for the next build
                return kept if self.finish is None else Finished(kept)
        with LogWatch() as watch:
            output = template.render(context)
        if page is not None:
            self.rendered += 1
            log.debug(f"{page.file.src_uri}: rendered")
            if self.finish is not None:
                output = Finished(self.finish(output, page))
        if not watch.seen and keys and page is not None:  # a render that said something says it again
            self._keep(keys, output, page)
        return output

    def _keep(self, keys: list[str], output: str, page: Page) -> None:
        """Keep a rendered page's output: a finished page as the site's file MkDocs writes from it
        (one file, no copy: `written`), any other in a file of its own."""
        if self.finish is not None and output.strip():
            self._pending[os.path.normpath(page.file.abs_dest_path)] = (keys, output)
        else:
            self._write(keys, output)

    def written(self, path: str, content: bytes) -> None:
        """MkDocs wrote `content` to the site's file at `path` (or found it there): a page rendered
        in this build for that file keeps its output as that file under each of its keys, when
        it is the output's bytes; in a file of its own otherwise (a lone surrogate MkDocs wrote as
        a character reference) or where links fail. The output is checked by its SHA-256 on
        every read: the site's file may be written over later."""
        pending = self._pending.pop(path, None)
        if pending is None:
            return
        keys, output = pending
        if output.encode("utf-8", "surrogatepass") != content:
            self._write(keys, output)
            return
        folder = self._own_made()
        if folder is None:  # a cache folder that cannot be written: the next build renders again
            return
        sha256 = hashlib.sha256(content).hexdigest()
        for key in keys:
            if not link_atomically(path, folder / f"{key}.html"):
                self._write(keys, output)
                return
            self._made[key] = sha256
            self.used.add(key)

    def key(self, env, name: str, context: Mapping) -> str | None:
        """A hash of everything the template `name` can read for this page; None when some
        value cannot be written down, and so the page is rendered. A page with a source key
        (early_pages.py) is keyed on it instead of on what its reading made."""
        keys = self.keys(env, name, context, contents=False)
        return keys[0] if keys else None

    def keys(self, env, name: str, context: Mapping, contents: bool = True) -> list[str]:
        """The page's keys: on what its reading made (`contents`), and on its source key, if it has one.

        A page read in this build has both: its output is kept under each, so that a change that
        reads every page again (a lesson's new audience moves every lesson's links) renders only
        the pages whose contents changed, and a build that does not read it finds it."""
        if not self.site(env, context):
            return []
        page = context["page"]
        try:
            parts: list = [self._site, name]
            at = None
            for variable in sorted(context):
                if variable == "page":
                    at = len(parts)
                    parts.append(None)
                elif variable not in _SITE_WIDE:
                    parts.append([variable, self._variable(variable, context, name)])
            assert at is not None
            keys = []
            source = getattr(page, "thinksafe_source", None)
            for written in ([self._contents(page)] if contents or not isinstance(source, str) else []) + \
                    ([self._source(page, source)] if isinstance(source, str) else []):
                parts[at] = ["page", written]
                keys.append(digest_written(parts))
            return keys
        except Unkeyable as error:
            log.debug(f"{page.file.src_uri}: rendered without a kept output ({error})")
            return []

    def site(self, env, context: Mapping) -> str:
        """The part of every page's key this build shares (`_site_parts`), found once; "": none
        (a value that cannot be written down, or no cache folder), and so no page is keyed."""
        if self.folder is None:
            return ""
        if self._site is None:
            try:
                self._site = digest(self._site_parts(env, context))
            except Unkeyable as error:
                log.debug(f"pages are rendered without kept outputs in this build: {error}")
                self._site = ""
        return self._site

    def navigation(self, nav: Navigation, date: object) -> str:
        """What any page can show of the navigation, hashed: every item's kind, title, address,
        front matter and children (`_nav`'s whole), with the build's date where a template
        writes it (`_variable`). For `EarlyPages`' witness of a page's key."""
        return digest_written([self._memoized(nav, lambda: _nav_items(nav.items, self._plain)),
                               str(date) if self._dated else None])

    def _variable(self, variable: str, context: Mapping, name: str) -> object:
        value = context[variable]
        if variable == "nav" and isinstance(value, Navigation):
            return self._nav(value, context, name)
        if variable == "build_date_utc":  # changes on every build: only where a template writes it
            return str(value) if self._dated else None
        return self._plain(value)

    def _site_parts(self, env, context: Mapping) -> list:
        """What every page of this build shares: code, settings, theme folders, pages, globals."""
        config = context["config"]
        theme_dirs = [str(d) for d in config.theme.dirs]
        foreign, self._local_nav, self._dated, self._lists_pages = _theme_files(theme_dirs)
        # Not `site_dir` (where pages go, not what they hold), nor `nav`, which MkDocs made the
        # navigation from: each page's key holds the navigation as that page can show it.
        settings = {k: v for k, v in config.items() if k not in ("site_dir", "nav")}
        return [_code(config), self._plain(settings), theme_dirs, foreign,
                [_file(f) for f in context.get("pages") or []] if self._lists_pages else None,
                context.get("mkdocs_version"),
                os.environ.get("SOURCE_DATE_EPOCH"),
                # A quiet build (-q) does not make the messages a render could print: its
                # outputs are not taken by a build that would show them.
                logging.getLogger("mkdocs").getEffectiveLevel(),
                self._plain({k: v for k, v in env.globals.items()}),
                self.finish is not None,  # what is kept: the template's output, or the finished page
                sorted(env.filters), sorted(env.tests)]

    def _source(self, page: Page, source: str) -> object:
        """The page with its reading's key (early_pages.py) for what its reading made (contents,
        headings, Markdown): the same while that key is, and a page not read has none of it."""
        return {
            "source": source, "url": _text(page.url), "abs_url": _text(page.abs_url),
            "canonical_url": _text(page.canonical_url), "edit_url": _text(page.edit_url),
            "title": self._plain(page.title), "meta": self._plain(page.meta), "file": _file(page.file),
            "is_homepage": page.is_homepage, "is_index": page.is_index,
            "previous": self._link(page.previous_page), "next": self._link(page.next_page),
            "ancestors": [self._link(a) for a in page.ancestors]}

    def _contents(self, page: Page) -> object:
        return {
            "url": _text(page.url), "abs_url": _text(page.abs_url), "canonical_url": _text(page.canonical_url),
            "edit_url": _text(page.edit_url), "title": self._plain(page.title), "meta": self._plain(page.meta),
            "content": self._plain(page.content), "toc": _toc(page.toc), "markdown": self._plain(page.markdown),
            "file": _file(page.file), "is_homepage": page.is_homepage, "is_index": page.is_index,
            "previous": self._link(page.previous_page), "next": self._link(page.next_page),
            "ancestors": [self._link(a) for a in page.ancestors]}

    def _link(self, item) -> object:
        """A page or section as another page shows it: title, address, and the first page down.
        Written once per build for all the pages that show it (its neighbours, its section's),
        again only if its title or front matter is another object by then."""
        if item is None:
            return None
        meta = getattr(item, "meta", None)
        kept = self._links.get(id(item))
        if kept is not None and kept[0] is item and kept[1] is item.title and kept[2] is meta:
            return kept[3]
        first = item.children[0] if isinstance(item, Section) and item.children else None
        # Hashed: each page's key holds several (neighbours, ancestors), the same for many pages.
        written = digest_written([type(item).__name__, self._plain(item.title), self._plain(getattr(item, "url", None)),
                                  self._plain(meta) if meta else None, self._link(first)])
        self._links[id(item)] = item, item.title, meta, written
        return written

    def _nav(self, nav: Navigation, context: Mapping, name: str) -> object:
        """The navigation as this page can show it: with ThinkSafe's sidebar (in `thinksafe`),
        Material's and ThinkSafe's templates show of the rest only the tabs and the home page;
        any other page can show any of it."""
        local = self._local_nav and name == _LOCAL_NAV_TEMPLATE and _sidebar_written(context.get("thinksafe"))
        if local:
            tabs = self._memoized(nav.items, lambda: [self._link(item) for item in nav.items])
            return ["tabs", tabs, self._link(nav.homepage)]
        return ["whole", self._memoized(nav, lambda: _nav_items(nav.items, self._plain))]

    def _memoized(self, value: object, write) -> object:
        kept = self._memo.get(id(value))
        if kept is None or kept[0] is not value:
            kept = self._memo[id(value)] = (value, digest_written(write()))
        return kept[1]

    def _plain(self, value: Any) -> object:
        """`value` as JSON-ready data that is the same in every process; Unkeyable otherwise."""
        if type(value) is str:
            return _long_text(value) if len(value) > _LONG else value
        kind = type(value)
        if kind in _EXACT:
            return value
        way = _WAYS.get(kind)
        if way is None:
            way = _WAYS[kind] = _way(kind)
        if way == "enum":
            return f"{kind.__qualname__}.{value.name}"
        if way == "text":
            return _long_text(value) if len(value) > _LONG else _text(value)  # Markup tagged
        if way == "number":  # a subclass of its own, by its class
            return [_name(kind), repr(value)]
        if way == "date":
            return [kind.__name__, str(value)]
        if way == "list":
            return [self._plain(v) for v in value]
        if way == "set":
            return sorted((self._plain(v) for v in value), key=repr)
        if way == "mapping":
            return self._fields(value)
        if way == "dataclass":
            # ThinkSafe's model, settled before pages are rendered, is shared by many pages (the
            # site's settings by all): each object is written once.
            kept = self._memo.get(id(value))
            if kept is None or kept[0] is not value:
                kept = self._memo[id(value)] = (value, digest_written(self._fields(value)))
            return kept[1]
        if way == "plugin":
            return [_name(kind), self._plain(value.config)]
        if way == "extension":
            return [_name(kind), self._plain({k: v[0] if isinstance(v, list) and v else v
                                              for k, v in value.config.items()})]
        if way == "locale":  # MkDocs's and Babel's: its name says it all
            return [_name(kind), str(value)]
        if way == "callable":  # a function, class or callable object: what it does is code
            named = value if hasattr(value, "__qualname__") else kind
            return _name(named)
        raise Unkeyable(f"a {kind.__name__} cannot be written down")

    def _fields(self, value: Mapping | DataclassInstance) -> dict:
        if isinstance(value, Mapping):
            items = sorted(value.items(), key=lambda item: str(item[0]))
            written = {str(k): self._plain(v) for k, v in items}
            if type(value).__name__ == "Theme":  # its folders and templates are not among its items
                theme: Any = value
                written["\0theme"] = [[str(d) for d in theme.dirs], sorted(theme.static_templates)]
            return written
        # A field made from another (`keyed_by`, such as a function that writes the sidebar from
        # its inputs) is keyed by that one.
        return {"\0type": _name(type(value)),
                **{f.name: self._plain(getattr(value, f.name)) for f in _keyed_fields(type(value))}}

    def take(self, key: str, *twins: str) -> None:
        """Note that the output kept under `key` (and under its other keys, `twins`) is this
        build's: it is kept for the next."""
        self.used.update((key, *twins))
        self.kept += 1

    def read(self, key: str) -> str | None:
        """The output kept under `key` in this build's set, if any."""
        data = self._checked(key)
        try:
            return None if data is None else data.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            return None

    def read_written(self, key: str) -> bytes | None:
        """The output kept under `key` as MkDocs writes a page's (UTF-8, a lone surrogate as a
        character reference), or None when there is none or it is empty."""
        data = self._checked(key)
        if data is None:
            return None
        try:
            data.decode("utf-8")  # no lone surrogate: the bytes are what MkDocs would write
        except UnicodeDecodeError:
            try:
                data = data.decode("utf-8", "surrogatepass").encode("utf-8", errors="xmlcharrefreplace")
            except UnicodeDecodeError:
                return None
        return None if not data or data.isspace() else data

    def holds(self, key: str) -> bool:
        """Whether an output is kept under `key` in this build's set (without reading it: its
        content is checked when a build reads it)."""
        return key in self._made or key in self._kept()

    def _checked(self, key: str) -> bytes | None:
        """The bytes kept under `key`, while they are those its set's index names (a file written
        over, planted or half-written reads as none)."""
        assert self.folder is not None  # a key is made only with a cache folder
        sha256 = self._sha256(key)
        return None if sha256 is None else read_checked(self._own() / f"{key}.html", sha256)

    def _sha256(self, key: str | None) -> str | None:
        return None if key is None else self._made.get(key) or self._kept().get(key)

    def _kept(self) -> dict[str, str]:
        """The index of this build's set as its last build left it: key → SHA-256 ({}: none)."""
        if self._index is None:
            found = read_stamped(self._own() / PAGES_INDEX, "outputs")
            self._index = {k: v for k, v in found.items() if isinstance(v, str) and len(v) == 64}
        return self._index

    def _write(self, keys: list[str], output: str, kept: str | None = None) -> None:
        """Keep `output` under each of `keys` but `kept` (a key it is already kept under): written
        once, in one file, its other names hard links to it (written again where links fail)."""
        assert self.folder is not None
        folder, first, data, known = self._own(), kept, b"", self._sha256(kept)
        for key in keys:
            if key == kept:
                continue
            path = folder / f"{key}.html"
            try:
                if first is None or known is None or not link_atomically(folder / f"{first}.html", path):
                    data = data or output.encode("utf-8", "surrogatepass")
                    known = hashlib.sha256(data).hexdigest()
                    write_atomically(path, data)
                    first = first or key
                self._made[key] = known
                self.used.add(key)
            except OSError:  # a cache folder that cannot be written: the next build renders again
                pass

    def _own(self) -> Path:
        """The folder of this build's set of outputs: one for each shared part of the key."""
        assert self.folder is not None and self._site  # a key is made only with both
        if self._own_folder is None:
            self._own_folder = self.folder / self._site[:32]
        return self._own_folder

    def _own_made(self) -> Path | None:
        """`_own()`, made if missing: once a build, not once a page (a page's `mkdir` and the
        `stat` that follows it cost more than its hard links); None where it cannot be made."""
        folder = self._own()
        if not self._own_exists:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                return None
            self._own_exists = True
        return folder

    def save(self) -> None:
        """Drop the outputs of this build's set that it did not use, and the sets least recently
        used beyond `_KEPT_SETS`; say what was rendered."""
        if self.folder is None:  # `cache: false`
            return
        log.debug(f"pages: {self.rendered} rendered, {self.kept} kept from the last build")
        for keys, output in self._pending.values():  # rendered, and not written by MkDocs after all
            self._write(keys, output)
        self._pending = {}
        if not self._site or not self.folder.is_dir():  # no page was keyed: no set of this build's
            return
        own = self._own()
        index = {key: sha256 for key in self.used if (sha256 := self._sha256(key)) is not None}
        try:
            for kept in own.glob("*.html"):
                if kept.stem not in index:
                    kept.unlink(missing_ok=True)
            if index or own.is_dir():
                write_stamped(own / PAGES_INDEX, "outputs", index)
            if own.is_dir():
                os.utime(own)  # used now, whether or not a file in it changed
            others = [entry for entry in self.folder.iterdir() if entry != own]
            for old in others:
                if not old.is_dir():  # an output kept before there were sets (by other code)
                    old.unlink(missing_ok=True)
            sets = sorted((entry for entry in others if entry.is_dir()), key=lambda d: d.stat().st_mtime, reverse=True)
            for old in sets[_KEPT_SETS - 1:]:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:  # a cache folder that cannot be written, or changed meanwhile: old outputs stay
            return


class Finished(str):
    """A page's output already through ThinkSafe's `post_page` step (`PageOutputs.finish`)."""


class KeptTemplate:
    """A Jinja template whose `render` goes through `PageOutputs.render`; the rest is the template's."""

    def __init__(self, template, name: str, outputs: PageOutputs):
        self.template, self.name, self.outputs = template, name, outputs

    def __getattr__(self, attribute: str):
        return getattr(self.template, attribute)

    def render(self, *args, **kwargs) -> str:
        return self.outputs.render(self.template, self.name, dict(*args, **kwargs))


@functools.cache
def _keyed_fields(kind: type) -> tuple:
    """A dataclass's fields but those made from another of its fields (`keyed_by`)."""
    fields = dataclasses.fields(kind)
    names = {f.name for f in fields}
    return tuple(f for f in fields if f.metadata.get("keyed_by") not in names)


_EXACT = frozenset({int, float, bool, type(None)})  # written as they are (str: by its length)
_WAYS: dict[type, str] = {}  # a class → how `PageOutputs._plain` writes its instances, found once


def _way(kind: type) -> str:
    """How `PageOutputs._plain` writes an instance of `kind`: each test is of the class alone."""
    if issubclass(kind, Enum):
        return "enum"
    if issubclass(kind, str):
        return "text"
    if issubclass(kind, (int, float)):
        return "number"
    if issubclass(kind, (datetime.date, datetime.time, PurePath)):
        return "date"
    if issubclass(kind, (list, tuple)):
        return "list"
    if issubclass(kind, (set, frozenset)):
        return "set"
    if issubclass(kind, Mapping):
        return "mapping"
    if issubclass(kind, type):  # a class (a dataclass too) is code
        return "callable"
    if dataclasses.is_dataclass(kind):
        return "dataclass"
    if issubclass(kind, BasePlugin):
        return "plugin"
    if issubclass(kind, MarkdownExtension):
        return "extension"
    if kind.__name__ == "Locale":
        return "locale"
    # What `callable()` asks of an instance: whether its class (not its metaclass) has `__call__`.
    return "callable" if any("__call__" in vars(k) for k in kind.__mro__) else "none"


def _sidebar_written(info) -> bool:
    """Whether ThinkSafe writes this page's sidebar (`PageInfo.sidebar`): without reading
    `nav_list`, which would write it."""
    sidebar = getattr(info, "sidebar", None)
    return isinstance(sidebar, list) and (sidebar[0] == "inputs" or bool(sidebar[1]))


def _long_text(text: str) -> dict:
    """Long text as a key holds it: its class (Markup is HTML, not text) and its SHA-256. The
    key "\0sha256" is one no mapping of MkDocs's or ThinkSafe's has."""
    return {"\0sha256": [_name(type(text)), text_sha256(text)]}


def _nav_items(items, plain) -> list:
    """The whole navigation: every item's kind, title, address, front matter and children."""
    written = []
    for item in items:
        meta = getattr(item, "meta", None)
        written.append([type(item).__name__, plain(item.title), plain(getattr(item, "url", None)),
                        plain(meta) if meta else None,
                        _nav_items(item.children, plain) if item.children else None])
    return written


def _toc(items) -> list:
    return [[_text(item.id), _text(item.title), _text(item.url), item.level, _toc(item.children)] for item in items]


def _file(file) -> list:
    return [_text(file.src_uri), _text(file.dest_uri), _text(file.url)]


def _text(value: object) -> object:
    """Text as a key holds it: a subclass of str (Markup: HTML, not text) tagged with its class."""
    if type(value) is str or not isinstance(value, str):
        return value
    return {"\0str": [_name(type(value)), str(value)]}


def _name(value) -> str:
    qualname = getattr(value, "__qualname__", type(value).__qualname__)
    return f"{getattr(value, '__module__', '?')}.{qualname}"


_known_theme_files: dict[str, tuple[bool, bool, bool]] = {}  # Material's folder → what _scan says


def _theme_files(dirs: list[str]) -> tuple[str, bool, bool, bool]:
    """A hash of the theme folders outside the packages the code's key covers (a site's own
    `custom_dir`); whether `nav` is read only by Material's and ThinkSafe's templates; whether
    any template writes the build's date; whether any reads `pages`."""
    files, local_nav, dated, lists_pages = hashlib.sha256(), True, False, False
    for folder in dirs:
        installed = _in_library(folder)  # its version is in the fingerprint
        if installed and folder in _known_theme_files:  # read once per process
            reads_nav, writes_date, reads_pages = _known_theme_files[folder]
        else:
            # ThinkSafe's own theme too: `mkdocs serve` reloads its templates when they change.
            reads_nav, writes_date, reads_pages = _scan(folder, None if installed else files)
            if installed:
                _known_theme_files[folder] = reads_nav, writes_date, reads_pages
        ours = installed or Path(folder).resolve().is_relative_to(PACKAGE)
        local_nav = local_nav and (ours or not reads_nav)
        dated, lists_pages = dated or writes_date, lists_pages or reads_pages
    return files.hexdigest(), local_nav, dated, lists_pages


def _scan(folder: str, files) -> tuple[bool, bool, bool]:
    """Whether the folder's templates read `nav`, write the build's date and read `pages`; each
    file's path and bytes go into the hash `files`, if given."""
    reads_nav = writes_date = reads_pages = False
    for root, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(d for d in subfolders if not (files is None and d.startswith(".")))
        for name in sorted(names):
            path = os.path.join(root, name)
            is_template = name.endswith(".html")  # a page's (sitemap.xml is made without a page)
            if files is None and not is_template:
                continue
            data = Path(path).read_bytes()
            if files is not None:
                files.update(os.path.relpath(path, folder).encode() + b"\0" + data + b"\0")
            if is_template:
                text = _JINJA_COMMENT.sub("", data.decode("utf-8", "replace"))
                reads_nav = reads_nav or bool(_NAV_WORD.search(text))
                writes_date = writes_date or "build_date_utc" in text
                reads_pages = reads_pages or bool(_PAGES_WORD.search(text))
    return reads_nav, writes_date, reads_pages


def _in_library(folder: str) -> bool:
    """Whether a theme folder belongs to MkDocs or Material (whose versions the fingerprint holds)."""
    here = Path(folder).resolve()
    found = [getattr(sys.modules.get(name), "__file__", None) for name in ("mkdocs", "material")]
    return any(here.is_relative_to(Path(file).resolve().parent) for file in found if isinstance(file, str))


def _code(config) -> list:
    """The code that makes a page: the one fingerprint, and the modules of plugins it does not cover."""
    return [fingerprint(), sorted(_plugin_code(type(p).__module__) for p in config.plugins.values())]


def _plugin_code(module: str) -> list:
    """A plugin from a package other than MkDocs, Material and ThinkSafe: its module's source
    and its package's version, if it has one."""
    top = module.split(".")[0]
    if top in ("mkdocs", "material", "thinksafe"):
        return [module]
    source = getattr(sys.modules.get(module), "__file__", None)
    try:
        code = hashlib.sha256(Path(source).read_bytes()).hexdigest() if isinstance(source, str) else None
    except OSError:
        code = None
    return [module, str(getattr(sys.modules.get(top), "__version__", None)), code]
