"""Pages whose output cannot have changed since the last build: none of their steps run again.

MkDocs reads, converts and renders every page on every build (`_populate_page` and
`_build_page` in mkdocs/commands/build.py, which `build()` calls by name). While a build runs,
`EarlyPages` wraps both. Before the first page is read it hashes, for each page, everything its
reading can depend on, its *source key*: the code, every setting, the site's files and lessons
(what a conversion's key holds), the page's Markdown, its lesson, audience and origin, and the
source key of the copy it is finished from. A page with a record kept under that key is not
read: it gets what the record says (title, front matter, canonical address, anchors, links),
which is what other pages' navigation, the site map, the anchor checks and the search copies
read of it. When MkDocs comes to build it, its output key (`PageOutputs.key`, with the source key
standing for the page's contents) is made from the same context a rendered page has, and the
finished output kept under it is written as it is, with its kept search entries; its record
notes the site's file then (path, inode, size, times) and the key, so that the next build, finding
the file as it was (`SiteWrites`) and the output still kept, reads neither of them. A page whose
output or entries are not kept is read there and then (with the copy it is finished from), and
built as any other: a stale page is far worse than a slow one.

All of this only while every page event (`_PAGE_EVENTS`) belongs to ThinkSafe or Material's
search plugin, whose steps the keys cover, and while ThinkSafe's `post_page` step is the only
one; otherwise MkDocs's steps run as they are.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup
from material.plugins.search.plugin import SearchPlugin
from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

from thinksafe.core.cache import PACKAGE, PAGE_RECORDS, KeptEntries, Unkeyable, digest_written, text_sha256
from thinksafe.mkdocs.lesson_page import LessonPage
from thinksafe.mkdocs.speed.conversions import LogWatch
from thinksafe.mkdocs.speed.page_outputs import _JINJA_COMMENT, PageOutputs, _code, _in_library, _text
from thinksafe.mkdocs.speed.search_cache import SearchEntryCache
from thinksafe.mkdocs.speed.site_writes import SiteWrites

log = logging.getLogger("mkdocs.plugins.thinksafe")

_PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content", "page_context", "post_page")
_LESSON_PAGE = f"{LessonPage.__module__}.{LessonPage.__qualname__}"
_UNKEYED = False  # what `SearchEntryCache.noted` holds for a page whose entries have no key


class Unwritable(Exception):
    """A value a record cannot hold exactly as it is (a date in front matter, say)."""


class EarlyPages:
    """Wraps MkDocs's `_populate_page` and `_build_page` between `start()` and `finish_wrapping()`.

    `build` is the plugin's state of this build (origins, search copies, off-site problems),
    `plugin` the ThinkSafe plugin (its settings, `on_page_context`, whether it serves)."""

    def __init__(self, cache, build, plugin, outputs: PageOutputs, search: SearchEntryCache):
        self.records = KeptEntries(cache, PAGE_RECORDS, "pages")
        # When the records were written: a site file they say was in a state changed at that
        # time or later may have been written again within the file system's clock tick, in
        # the same state ("racily clean", as git says): it is compared, not trusted.
        self._records_written = _modified(self.records.path)
        self.build, self.plugin, self.outputs, self.search = build, plugin, outputs, search
        self._originals: tuple | None = None
        self._decided = False
        self._indexing = False  # whether Material's search plugin indexes this build's pages
        self.keys: dict[str, str] = {}  # src → the page's source key
        self.first: dict[str, str] = {}  # src → the src of the copy it is finished from
        self.skipped: dict[str, Page] = {}  # pages not read (yet), by src
        self.pending: dict[str, dict] = {}  # src → the record of a page read in this build
        self.files = None
        self.site_key: str | None = None  # what the reading of every page shares (`_site_key`)
        self._base: str | None | bool = False  # every page's witness's shared part; False: not yet made
        self.not_read = self.taken = self.late = self.on_site = self.witnessed = 0

    def start(self) -> None:
        """Wrap MkDocs's per-page steps for the build that is starting."""
        self.finish_wrapping()
        self._originals = mkdocs_build._populate_page, mkdocs_build._build_page
        mkdocs_build._populate_page, mkdocs_build._build_page = self._populate, self._build

    def finish_wrapping(self) -> None:
        """Give MkDocs back its own functions (also when a build fails)."""
        if self._originals is not None:
            mkdocs_build._populate_page, mkdocs_build._build_page = self._originals
            self._originals = None

    def save(self) -> None:
        """Keep the records of this build's pages; say what was skipped."""
        if self.records.enabled:
            log.debug(f"pages: {self.not_read} not read again, {self.taken} written as kept "
                      f"without a step, {self.late} read after all, {self.on_site} left on the site unread, "
                      f"{self.witnessed} keyed by their witness")
            self.records.save()

    # MkDocs's reading of a page

    def _populate(self, page: Page, config, files, dirty: bool = False) -> None:
        if not self._decided:
            self._decided = True
            self.files = files
            if not dirty and self.records.enabled:
                self._decide(config, files)
        src = page.file.src_uri
        if src in self.skipped:  # given its record in `_decide`
            # Its search copies, in their place among the others' (their order is the index's).
            record = self.records.used[self.keys[src]]
            self.build.search_copies.extend(tuple(copy) for copy in record["copies"])
            return
        self._read(page, config, files, dirty)

    def _read(self, page: Page, config, files, dirty: bool) -> None:
        """MkDocs's reading of the page; its record is made when it said nothing."""
        assert self._originals is not None
        copies = len(self.build.search_copies)
        with LogWatch() as watch:
            self._originals[0](page, config, files, dirty)
        key = self.keys.get(page.file.src_uri)
        if key is None or watch.seen:
            return
        with contextlib.suppress(Unwritable):  # a page whose reading a record cannot hold: read each time
            self.pending[page.file.src_uri] = _record(page, self.build.search_copies[copies:])

    def _decide(self, config, files) -> None:
        """Key every page; those whose records are kept are not read."""
        if not self._only_known_steps(config):
            return
        try:
            site = self._site_key(config, files)
        except Unkeyable as error:
            log.debug(f"every page is read in this build: {error}")
            return
        if site is None:
            return
        self.site_key = site
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            if file.page is None and file.inclusion.is_not_in_nav() and not file.inclusion.is_excluded():
                Page(None, file, config)  # as MkDocs makes it on reading it, to be keyed too
        pages = [f.page for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
                 if f.page is not None]
        groups: dict[str, list[str]] = {}  # a lesson's src → its copies, in reading order
        excluded: set[str] = set()
        by_src = {}
        for page in pages:
            src = page.file.src_uri
            by_src[src] = page
            origin = self.build.origin(src)
            group = groups.setdefault(origin.lesson.src if origin.lesson is not None else src, [])
            group.append(src)
            if page.file.inclusion.is_excluded():
                excluded.add(src)
        level = logging.getLogger("mkdocs").getEffectiveLevel()
        for members in groups.values():
            if excluded & set(members):
                continue
            keys = self._group_keys(site, [by_src[s] for s in members])
            if keys is None:
                continue
            self.keys.update(keys)
            for src in members:
                by_src[src].thinksafe_source = keys[src]  # PageOutputs keys its output on it
                self.first[src] = members[0]
            records = [self.records.kept.get(keys[s]) for s in members]
            if all(_usable(r, by_src[s], level, files) for s, r in zip(members, records, strict=True)):
                for src, record in zip(members, records, strict=True):
                    self._skip(by_src[src], record, files)
                    self.records.used[keys[src]] = record

    def _group_keys(self, site: str, copies: list[Page]) -> dict[str, str] | None:
        """The source keys of a lesson's copies (or of one other page); None when one has none."""
        keys: dict[str, str] = {}
        first = None
        for page in copies:
            try:
                key = self._source_key(site, page, first)
            except (Unkeyable, OSError, ValueError):  # MkDocs's reading reports an unreadable file
                return None
            keys[page.file.src_uri] = key
            first = first or key
        return keys

    def _only_known_steps(self, config) -> bool:
        """Whether every page event is ThinkSafe's or Material search's, whose steps the keys cover."""
        searches = [p for p in config.plugins.values() if type(p) is SearchPlugin]
        known = [self.plugin, *searches]
        for event in _PAGE_EVENTS:
            for step in config.plugins.events[event]:
                if not any(getattr(step, "__self__", None) is p for p in known):
                    log.debug(f"every page is read in this build: {step} has a page event")
                    return False
        if _reads_other_pages(config.theme.dirs):
            log.debug("every page is read in this build: a theme template reads another page's contents")
            return False
        self._indexing = any(p.config.enabled for p in searches)
        return not self._indexing or self.search.wrapped

    def _site_key(self, config, files) -> str | None:
        """What the reading of every page shares: code, settings, the site's files and lessons."""
        conversions = self.build.conversions
        shared = conversions._settings_and_files(config, files)
        plain = self.outputs._plain
        settings = {k: v for k, v in config.items() if k not in ("site_dir", "nav")}
        return digest_written([
            _code(config), plain(settings), plain(self.plugin.settings), conversions.site, shared,
            logging.getLogger("mkdocs").getEffectiveLevel(), os.environ.get("SOURCE_DATE_EPOCH")])

    def _source_key(self, site: str, page: Page, first: str | None) -> str:
        """What the reading of this page can depend on, hashed (`first`: the source key of the
        copy whose conversion it is finished from, if not its own)."""
        file, plain = page.file, self.outputs._plain
        origin = self.build.origin(file.src_uri)
        source = file.content_string
        canonical = None
        if origin.lesson is not None:
            canonical = self.build.file(self.build.model.canonical_src(origin.lesson)).url
        return digest_written([
            site, file.src_uri, file.dest_uri, file.url, file.inclusion.name, file.generated_by,
            _class(type(page)), plain(page.__dict__.get("title")),
            _text(page.canonical_url), _text(page.abs_url), _text(page.edit_url),
            text_sha256(source),
            origin.src, plain(origin.audience), plain(origin.lesson), canonical, first])

    def _skip(self, page: Page, record: Any, files) -> None:
        """Give a page not read what its reading gave it, as its record says."""
        if record["class"] == _LESSON_PAGE and type(page) is Page:
            page.__class__ = LessonPage  # as on_page_markdown makes it: other pages' keys name it
        page.title = _thawed(record["title"])
        page.meta = _thawed(record["meta"])
        page.canonical_url = record["canonical"]
        anchors, links = record["anchors"], record["links"]
        page.present_anchor_ids = None if anchors is None else set(anchors)
        page.links_to_anchors = None if links is None else {
            files.get_file_from_path(src): dict(found) for src, found in links.items()}
        if record["conversion"] is not None:
            self.build.conversions.carry(record["conversion"])
        self.skipped[page.file.src_uri] = page
        self.not_read += 1

    # MkDocs's building of a page

    def _build(self, page: Page, config, doc_files, nav, env, dirty: bool = False, excluded: bool = False) -> None:
        assert self._originals is not None
        if self._base is False:  # the first page built: every page is read and the navigation made
            self._base = self._witness_base(config, doc_files, nav, env)
        src = page.file.src_uri
        if src in self.skipped:
            if not excluded and self._take(page, config, doc_files, nav, env):
                return
            self._read_late(page, config)
        self._originals[1](page, config, doc_files, nav, env, dirty, excluded)
        self._note(page, excluded)

    def _take(self, page: Page, config, doc_files, nav, env) -> bool:
        """Write a page not read as it was kept, with its search entries; False when either is not kept."""
        if self.outputs.finish is None:  # what is kept is not the finished page
            return False
        source = self.keys[page.file.src_uri]
        record = self.records.used[source]
        witness, known = self._witness(page), record.get("witness")
        if witness is not None and _witnessed(known) and known[0] == witness:
            key: str | None = known[1]  # its context would be the one keyed then: not made again
            self.witnessed += 1
        else:
            key = self._key(page, config, doc_files, nav, env)
        entries = self.search.entries(record["search"]) if record["search"] else []
        if key is None or entries is None:
            return False
        path, writes = page.file.abs_dest_path, self.build.writes
        if self._on_site(record, key, path):
            writes.keep(path)
            self.on_site += 1
        else:
            kept = self.outputs.read_written(key)
            if kept is None:
                return False
            utils.write_file(kept, path)
            # What the site's file holds, for the next build: the output under this key.
            self.records.used[source] = record = {**record, "site": _site_record(path, key)}
        if witness is not None and known != [witness, key]:
            self.records.used[source] = record = {**record, "witness": [witness, key]}
        self.search.take(record["search"], entries)
        twin = record["twin"]  # the same output under the key on the page's contents
        self.outputs.take(key, *([twin[1]] if twin is not None and twin[0] == key else []))
        self.taken += 1
        return True

    def _key(self, page: Page, config, doc_files, nav, env) -> str | None:
        """The page's output key (`PageOutputs.key`), from the context MkDocs and ThinkSafe make for it."""
        config._current_page = page
        page.active = True
        try:
            context = mkdocs_build.get_context(nav, doc_files, config, page)
            name = page.meta.get("template", "main.html")
            context = self.plugin.on_page_context(context, page=page, config=config, nav=nav)
            return self.outputs.key(env, name, context)
        finally:
            page.active = False
            config._current_page = None

    def _witness_base(self, config, doc_files, nav, env) -> str | None:
        """The shared part of every page's witness (`_witness`): all that the context of any page
        is made from, but the page's own reading and pack. None: no page has a witness."""
        if self.site_key is None or self.outputs.finish is None:
            return None
        context = mkdocs_build.get_context(nav, doc_files, config)
        site = self.outputs.site(env, context)
        if not site:
            return None
        pages = [file.page for file in doc_files if file.page is not None]
        chain = [[p.file.src_uri, _src(p.previous_page), _src(p.next_page)] for p in pages]
        try:
            return digest_written([site, self.site_key, self.outputs.navigation(nav, context.get("build_date_utc")),
                                   chain, sorted(self.build.shared_places), self.build.catalog])
        except Unkeyable as error:
            log.debug(f"pages are keyed from their contexts in this build: {error}")
            return None

    def _witness(self, page: Page) -> str | None:
        """A hash of all that the page's context (and so its output key) is made from.

        MkDocs's `get_context` and ThinkSafe's `on_page_context` make it from: the code, the
        settings, the theme and the environment's globals (`PageOutputs.site`); the site's files,
        lessons and their places (`_site_key`); the page's own reading, origin, lesson and
        address (its source key); the navigation, whose every item's title, address and front
        matter a page may show (`PageOutputs.navigation`); each page's neighbours (`chain`); the
        audiences whose pages share fragments; the catalogue (the lessons' topics, titles and
        counts in the sidebar's links to a topic's list); and the lesson's pack. While these
        are unchanged, so is the context, and so the output key it gave when it was last made,
        which the page's record keeps with the witness: the context is not made again."""
        if not self._base:
            return None
        source = self.keys.get(page.file.src_uri)
        if source is None:
            return None
        pack, _ = self.build.packs.link(self.build.origin(page.file.src_uri).lesson, page.file.url)
        try:
            return digest_written([self._base, source, self.outputs._plain(pack)])
        except Unkeyable:
            return None

    def _on_site(self, record: dict, key: str, path: str) -> bool:
        """Whether the site's file at `path` holds the output kept under `key`, as this page's
        record says it did when it was last written or found written: unchanged since then (as
        `SiteWrites` found it when it kept it through the emptying) and its output still kept."""
        state = self.build.writes.kept_state(path)
        return state is not None and record.get("site") == [path, list(state), key] \
            and self._records_written is not None and state[3] < self._records_written and self.outputs.holds(key)

    def _read_late(self, page: Page, config) -> None:
        """Read a page that was not read, after the copy whose conversion it is finished from."""
        src = page.file.src_uri
        del self.skipped[src]
        first = self.first.get(src)
        if first is not None and first != src and first in self.skipped:
            self._read_late(self.skipped[first], config)
        copies, problems = list(self.build.search_copies), len(self.build.offsite)
        self._read(page, config, self.files, False)
        self.late += 1
        # Its search copy was added when it was not read, in its place: not again.
        added = self.build.search_copies[len(copies):]
        self.build.search_copies[:] = copies + [c for c in added if c not in copies]
        if len(self.build.offsite) > problems:  # cannot be: it was clean when its record was made
            self.plugin.late_problems(self.build.offsite[problems:])

    def _note(self, page: Page, excluded: bool) -> None:
        """Complete the record of a page read in this build, with its search entries' key."""
        src = page.file.src_uri
        record = self.pending.pop(src, None)
        if record is None or excluded:
            return
        noted = None  # no entries: none are made for it
        if self._indexing:
            if src not in self.search.noted or self.search.noted[src] is _UNKEYED:
                return
            noted = self.search.noted.pop(src)
        outputs = getattr(page, "thinksafe_outputs", [])  # [on its contents, on its source key]
        twin = [outputs[1], outputs[0]] if len(outputs) == 2 else None
        witness = self._witness(page) if twin is not None else None
        # What the site's file holds, as `_take` notes it: so the next build leaves it unread
        # (its output is kept under its source key, the file as MkDocs wrote it: page_outputs.py).
        site = _site_record(page.file.abs_dest_path, outputs[1]) if twin is not None else None
        self.records.used[self.keys[src]] = {**record, "search": noted, "twin": twin, "site": site,
                                             "witness": None if witness is None else [witness, outputs[1]]}


# What a page not read lacks: its contents, table of contents and Markdown. Material's and
# ThinkSafe's templates read them of the page they render only. A site's own template (a theme
# folder outside MkDocs, Material and ThinkSafe) that names any of them in a Jinja tag in any
# other way (`f.page.toc`, `p["content"]`, `attr("markdown")`), or gives `page` another value
# (`{% for page in ... %}`, `{% set page = ... %}`), makes every page be read: a scan that reads
# too much only makes the build slower, one that reads too little would make pages stale.
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_CONTENTS = re.compile(r"\b(?:content|toc|markdown)\b")
_OWN_USE = re.compile(r"(?<![\w.\])])page\.(?:content|toc|markdown)\b|\bmeta\.(?:content|toc|markdown)\b"
                      r"|\bmdx_configs\.toc\b|\b(?:end)?block\s+(?:content|toc|markdown)\b")
_PAGE_REBOUND = re.compile(r"\bfor\s[^%]*?\bpage\b[^%]*?\bin\b|\bset\s+(?:[\w\s,]*,\s*)?page\b"
                           r"|\bwith\b[^%]*\bpage\s*=|\b(?:macro|call)\b[^%]*\(\s*(?:[^)]*[,\s])?page\b")
# Files no template can be: left unread.
_BINARY = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".woff", ".woff2", ".ttf", ".otf",
           ".eot", ".pdf", ".zip", ".gz", ".mp3", ".mp4", ".webm"}


def _site_record(path: str, key: str) -> list | None:
    """A record's note that the site's file at `path` holds the output under `key`, in the state
    it is in now (`_on_site` compares it); None: no file there."""
    state = SiteWrites.state(path)
    return None if state is None else [path, list(state), key]


def _modified(path: Path | None) -> int | None:
    """A file's modification time in nanoseconds (None: no file)."""
    try:
        return None if path is None else path.stat().st_mtime_ns
    except OSError:
        return None


def _reads_other_pages(dirs) -> bool:
    """Whether a template outside MkDocs, Material and ThinkSafe may read another page's contents."""
    for folder in dirs:
        if _in_library(folder) or Path(folder).resolve().is_relative_to(PACKAGE):
            continue
        for path in Path(folder).rglob("*"):
            if path.suffix.lower() in _BINARY or not path.is_file():
                continue
            text = _JINJA_COMMENT.sub("", path.read_bytes().decode("utf-8", "replace"))
            if any(_reads_contents(tag.group(0)) for tag in _TAG.finditer(text)):
                return True
    return False


def _reads_contents(tag: str) -> bool:
    """Whether a Jinja tag may read a page's contents other than the rendered page's own."""
    return bool(_PAGE_REBOUND.search(tag) or _CONTENTS.search(_OWN_USE.sub("", tag)))


def _record(page: Page, copies: list) -> dict:
    """What other pages and the end of the build read of a page once it is read."""
    links = page.links_to_anchors
    anchors = page.present_anchor_ids
    return {"class": _class(type(page)), "title": _written(page.title), "meta": _written(page.meta),
            "canonical": _written_text(page.canonical_url),
            "anchors": None if anchors is None else sorted(_written_text(a) for a in anchors),
            "links": None if links is None else {
                _written_text(f.src_uri): {_written_text(k): _written_text(v) for k, v in found.items()}
                for f, found in links.items()},
            "copies": [[_written_text(a), _written_text(b)] for a, b in copies],
            # Kept for the next build that reads the page (one that does not, carries it on).
            "conversion": getattr(page, "conversion_key", None) if getattr(page, "conversion", None) else None,
            "level": logging.getLogger("mkdocs").getEffectiveLevel()}


def _src(page) -> str | None:
    return None if page is None else page.file.src_uri


def _witnessed(known: object) -> bool:
    """Whether a record's `witness` is one: [witness, output key]."""
    return isinstance(known, list) and len(known) == 2 and all(isinstance(k, str) for k in known)


def _class(kind: type) -> str:
    return f"{kind.__module__}.{kind.__qualname__}"


def _written_text(value: object) -> str | None:
    if value is None or type(value) is str:
        return value
    raise Unwritable(type(value).__name__)


def _written(value: Any) -> list:
    """`value` as JSON data that `_thawed` gives back exactly, of the same types."""
    kind = type(value)
    if kind in (str, int, float, bool, type(None)):
        return ["v", value]
    if kind is Markup:
        return ["m", str(value)]
    if kind is list:
        return ["l", [_written(v) for v in value]]
    if kind is dict and all(type(k) is str for k in value):
        return ["d", [[k, _written(v)] for k, v in value.items()]]
    raise Unwritable(kind.__name__)


def _thawed(written: list) -> Any:
    kind, value = written
    if kind == "v":
        return value
    if kind == "m":
        return Markup(value)
    if kind == "l":
        return [_thawed(v) for v in value]
    if kind == "d":
        return {k: _thawed(v) for k, v in value}
    raise ValueError(kind)


def _usable(record: object, page: Page, level: int, files) -> bool:
    """Whether a kept record can stand for a page's reading in this build (a hand-edited file may hold anything)."""
    if not isinstance(record, dict):
        return False
    try:
        _thawed(record["title"])
        meta = _thawed(record["meta"])
        ok = isinstance(meta, dict) and isinstance(record["level"], int) and record["level"] <= level
        ok = ok and (record["canonical"] is None or isinstance(record["canonical"], str))
        anchors, links, copies = record["anchors"], record["links"], record["copies"]
        ok = ok and (anchors is None or (isinstance(anchors, list) and all(isinstance(a, str) for a in anchors)))
        ok = ok and (links is None or (isinstance(links, dict) and all(
            files.get_file_from_path(src) is not None and isinstance(found, dict) for src, found in links.items())))
        ok = ok and isinstance(copies, list) and all(
            isinstance(c, list) and len(c) == 2 and all(isinstance(u, str) for u in c) for c in copies)
        search, conversion = record["search"], record["conversion"]
        ok = ok and (conversion is None or isinstance(conversion, str))
        twin, witness = record["twin"], record.get("witness")
        ok = ok and (twin is None or _witnessed(twin)) and (witness is None or _witnessed(witness))
        ok = ok and record["class"] in (_class(type(page)), _LESSON_PAGE if type(page) is Page else None)
        return ok and (search is None or isinstance(search, str))
    except (KeyError, TypeError, ValueError):
        return False

