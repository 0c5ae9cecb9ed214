"""Lesson conversions kept between builds, so that a rebuild converts only the lessons that changed.

A lesson's conversion (its HTML, headings, title, anchors, links to check and links to lessons)
depends on its Markdown, its place, the Markdown settings, the site's files and lessons, and
the code that converts. All of these make its key: change any and the lesson is converted
again. A conversion that logged anything at INFO or above is never kept, and one is taken only
by a build at its log level or a quieter one, so every message about a lesson is printed on
every build that would print it. Only sites whose Markdown extensions are known to depend
on nothing else keep conversions at all (see `_Setup.pure` in lesson_page.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from thinksafe.core.cache import CONVERSIONS, KeptEntries, Unkeyable, digest

_FIELDS: dict[str, type | tuple[type, ...]] = {"content": str, "toc": list, "title": (str, type(None)), "anchors": list,
           "links": dict, "tagged": list, "level": int}

log = logging.getLogger("mkdocs.plugins.thinksafe")


class ConversionCache(KeptEntries):
    """`<cache folder>/conversions.json`: each converted lesson copy's key → its conversion,
    stamped with the code's fingerprint (core/cache.py).

    `begin(site)` starts a build: `site` is what the plugin knows of the lessons (the catalogue,
    drafts, its settings). With no folder (caching off) nothing is kept. `save()` writes this build's only.
    """

    def __init__(self, folder: Path | None):
        super().__init__(folder, CONVERSIONS, "pages", lazy=True)  # a rebuild carries most unread
        self.site: str | None = ""
        self._files_key: tuple[int, str | None] | None = None
        self.hits = self.converted = 0

    def begin(self, site: list) -> None:
        """`site`: what the plugin knows of the lessons (the catalogue, drafts, its settings)."""
        # Hashed once here: the catalogue of a large site is long, and is part of every key.
        self.site = self._digest(site)

    def key(self, page, markdown: str, config, files) -> str | None:
        """What the conversion of `markdown` for `page` depends on, hashed; None when some
        setting cannot be written down, and so nothing is kept in this build."""
        shared = self._settings_and_files(config, files)
        if shared is None or self.site is None:
            return None
        return digest(shared, self.site, page.file.src_uri, page.file.dest_uri, markdown)

    def _digest(self, *values: object) -> str | None:
        try:
            return digest(*values)
        except Unkeyable as error:
            log.debug(f"lesson conversions are not kept in this build: a setting is {error}")
            return None

    def get(self, key: str) -> dict | None:
        """The conversion kept under `key`, if it was made at this build's log level or a more
        talkative one: it said nothing there, so it would say nothing here either."""
        kept = self.used.get(key) or self.kept.get(key)
        if kept is None or not _valid(kept) or kept["level"] > _level():
            return None
        if key not in self.used:  # a copy: what is noted in it later (`offsite_clean`) is saved
            self.used[key] = dict(kept)
        self.hits += 1
        return self.used[key]

    def put(self, key: str, conversion: dict) -> dict:
        """Keep a conversion that logged nothing at this build's log level; return what is kept."""
        kept = self.used[key] = {**conversion, "level": _level()}
        self.converted += 1
        return kept

    def save(self) -> None:
        """Write the conversions of this build's lessons, when they differ from those kept."""
        if not self.enabled:
            return
        log.debug(f"{self.hits} lesson conversions kept from the last build, {self.converted} made")
        super().save()

    def _settings_and_files(self, config, files) -> str | None:
        """The part of every key this build shares, found once per build (per set of files)."""
        if self._files_key is None or self._files_key[0] != id(files):
            shared = self._digest(
                config["markdown_extensions"], config["mdx_configs"], config["validation"],
                config["use_directory_urls"],
                sorted([f.src_uri, f.dest_uri, f.url, f.inclusion.name] for f in files))
            self._files_key = id(files), shared
        return self._files_key[1]


def places(catalog: dict) -> dict:
    """What a conversion reads of the catalogue: where each lesson's copies are, for its links.
    Lessons' titles and summaries are left out, so that editing one converts no other lesson."""
    return {**catalog, "lessons": [{k: v for k, v in lesson.items() if k not in ("title", "summary")}
                                   for lesson in catalog["lessons"]]}


def _level() -> int:
    """The level below which MkDocs's messages are not made in this build (-q, -v or neither)."""
    return logging.getLogger("mkdocs").getEffectiveLevel()


def _valid(kept: object) -> bool:
    """Whether what the file holds for a page can be its conversion (a hand-edited file may hold anything)."""
    return isinstance(kept, dict) and all(isinstance(kept.get(name), kind) for name, kind in _FIELDS.items())


class LogWatch(logging.Handler):
    """Notes whether anything was logged at INFO or above while it is attached."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        self.seen = True
        # With no handler of its own, the root logger prints warnings through Python's last
        # resort, which a handler added here would silence: print them as it would.
        ours = record.name == "mkdocs" or record.name.startswith("mkdocs.")
        last_resort = logging.lastResort
        if self.last_resort and last_resort is not None and not ours and record.levelno >= last_resort.level:
            last_resort.handle(record)

    def __enter__(self) -> LogWatch:
        self.last_resort = not logging.getLogger().handlers and logging.lastResort is not None
        # MkDocs's own logger does not pass records on to the root one: watch both.
        for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
            logger.addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
            logger.removeHandler(self)
