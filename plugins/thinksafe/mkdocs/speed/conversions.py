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

import hashlib
import json
import logging
import platform
from collections.abc import Mapping
from enum import Enum
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from markdown import Extension as MarkdownExtension

from thinksafe.core.cache import KeptEntries

FILE = "conversions.json"
FORMAT = 1
_PACKAGES = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material")
_FIELDS = {"content": str, "toc": list, "title": (str, type(None)), "anchors": list,
           "links": dict, "tagged": list, "level": int}

log = logging.getLogger("mkdocs.plugins.thinksafe")


class ConversionCache(KeptEntries):
    """`<cache folder>/conversions.json`: each converted lesson copy's key → its conversion.

    `begin(site)` starts a build: `site` is what the plugin knows of the lessons (the catalogue,
    drafts, its settings). With no folder nothing is kept. `save()` writes this build's only.
    """

    def __init__(self, folder: Path | None):
        super().__init__(folder, FILE, _fingerprint(), "pages")
        self.site: str | None = ""
        self._files_key: tuple[int, str | None] | None = None
        self.hits = self.converted = 0

    def begin(self, site: list) -> None:
        """`site`: what the plugin knows of the lessons (the catalogue, drafts, its settings)."""
        written = self._written(site)
        # Hashed once here: the catalogue of a large site is long, and is part of every key.
        self.site = _hash(written) if written is not None else None

    def key(self, page, markdown: str, config, files) -> str | None:
        """What the conversion of `markdown` for `page` depends on, hashed; None when some
        setting cannot be written down, and so nothing is kept in this build."""
        shared = self._settings_and_files(config, files)
        if shared is None or self.site is None:
            return None
        parts = [shared, self.site, page.file.src_uri, page.file.dest_uri, markdown]
        return _hash(json.dumps(parts, ensure_ascii=False))

    def _written(self, value: object) -> str | None:
        try:
            return json.dumps(stable(value), ensure_ascii=False)
        except Unkeyable as error:
            log.debug(f"lesson conversions are not kept in this build: a setting is {error}")
            return None

    def get(self, key: str) -> dict | None:
        """The conversion kept under `key`, if it was made at this build's log level or a more
        talkative one: it said nothing there, so it would say nothing here either."""
        kept = self.used.get(key) or self.kept.get(key)
        if not _valid(kept) or kept["level"] > _level():
            return None
        self.used[key] = kept
        self.hits += 1
        return kept

    def put(self, key: str, conversion: dict) -> None:
        """Keep a conversion that logged nothing at this build's log level."""
        self.used[key] = {**conversion, "level": _level()}
        self.converted += 1

    def save(self) -> None:
        """Write the conversions of this build's lessons, when they differ from those kept."""
        if not self.enabled:
            return
        log.debug(f"{self.hits} lesson conversions kept from the last build, {self.converted} made")
        super().save()

    def _settings_and_files(self, config, files) -> str | None:
        """The part of every key this build shares, found once per build (per set of files)."""
        if self._files_key is None or self._files_key[0] != id(files):
            written = self._written([
                config["markdown_extensions"], config["mdx_configs"], config["validation"],
                config["use_directory_urls"],
                sorted([f.src_uri, f.dest_uri, f.url, f.inclusion.name] for f in files)])
            self._files_key = id(files), _hash(written) if written is not None else None
        return self._files_key[1]


def _fingerprint() -> str | None:
    """The code that converts: Python, the libraries and this plugin's own source."""
    try:
        made_by = [platform.python_version(), [version(name) for name in _PACKAGES]]
        code = hashlib.sha256()
        for source in sorted(Path(__file__).parents[2].rglob("*.py")):
            code.update(source.read_bytes())
    except (OSError, PackageNotFoundError):
        return None
    return _hash(json.dumps([FORMAT, made_by, code.hexdigest()]))


class Unkeyable(Exception):
    """A setting that cannot be written the same way in every process and differently when it differs."""


def stable(value: object) -> object:
    """`value` as JSON that is the same in every process: a function or class by its name,
    a Markdown extension by its class and settings (never an address). Anything else, which
    could differ without its writing differing, raises Unkeyable."""
    if isinstance(value, Enum):
        return f"{type(value).__qualname__}.{value.name}"
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    if isinstance(value, Mapping):  # MkDocs's settings are mappings, not dicts
        return {str(k): stable(v) for k, v in sorted(value.items(), key=lambda item: str(item[0]))}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [stable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, MarkdownExtension):  # given as an object: its class and settings
        return [f"{type(value).__module__}.{type(value).__qualname__}",
                stable({k: v[0] if isinstance(v, list) and v else v for k, v in value.config.items()})]
    qualname = getattr(value, "__qualname__", None)
    if callable(value) and isinstance(qualname, str) and "<" not in qualname:
        return f"{getattr(value, '__module__', '?')}.{qualname}"  # a named function or class
    raise Unkeyable(f"{type(value).__name__} {value!r}")


def _level() -> int:
    """The level below which MkDocs's messages are not made in this build (-q, -v or neither)."""
    return logging.getLogger("mkdocs").getEffectiveLevel()


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


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
        if self.last_resort and not ours and record.levelno >= logging.lastResort.level:
            logging.lastResort.handle(record)

    def __enter__(self) -> LogWatch:
        self.last_resort = not logging.getLogger().handlers and logging.lastResort is not None
        # MkDocs's own logger does not pass records on to the root one: watch both.
        for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
            logger.addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
            logger.removeHandler(self)
