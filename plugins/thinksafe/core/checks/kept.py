"""Per-file checks kept between builds, so that a rebuild reads again only the files that changed.

`<cache folder>/checks.json` (core/cache.py) holds, by a key of a text's SHA-256 and of
everything else its check reads, each lesson found without problems as its checks left it (by
its file's bytes, path and the settings they read: `lesson_record`; its resources, other files,
are checked again), each lesson's front matter as YAML loaded it and what each
text-only check found in a lesson or page (its problems, with file, line, key and fix), and
what a scan found on a lesson's lines for a check that reads other files too (its links). The
file is stamped with the code's fingerprint, so the checks' code and the libraries are in every
key; the settings a check reads are in its key (`with_settings`). Only plain JSON is kept and
read: a damaged entry vouches for nothing and its text is checked again. The checks that read
many files (where links between lessons lead, duplicate names, the folder) run on every build.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from thinksafe.core.cache import CHECKS, KeptEntries, Unkeyable, digest, text_sha256
from thinksafe.core.model import frontmatter
from thinksafe.core.model.frontmatter import FrontMatterError
from thinksafe.core.problems import Problem, Text, TextMemo, fresh


class KeptChecks(KeptEntries):
    """`checks.json`: front matter and text findings by key; with no folder, nothing is kept."""

    def __init__(self, folder: Path | None):
        super().__init__(folder, CHECKS, "checks")
        self.taken = self.made = 0  # findings taken from the last build's, and found now

    def told(self) -> str:
        """How many findings were kept and how many made, for `mkdocs build -v`."""
        return f"per-file checks: {self.taken} kept from the last build, {self.made} made"

    def load_mapping(self, source: str, first_line: int) -> tuple[dict, dict[str, int]]:
        """`frontmatter.load_mapping`, loaded now or in an earlier build (its mistake too)."""
        if not self.enabled:
            return frontmatter.load_mapping(source, first_line)
        key = digest("front matter", frontmatter.LOADER, first_line, text_sha256(source))
        record = self._take(key, _front_matter)
        if record is None:
            try:
                data, lines = frontmatter.load_mapping(source, first_line)
            except FrontMatterError as error:
                record = {"error": [error.key, error.message, error.expected, error.suggestion, error.line]}
            else:
                if not _plain(data):  # what JSON cannot give back as it was is loaded every build
                    return data, lines
                record = {"data": data, "lines": lines}
            self.used[key] = record
        if "error" in record:
            raise FrontMatterError(*record["error"])
        return _copied(record["data"]), dict(record["lines"])  # the lessons' own, to change

    def lesson_settings(self, *settings: object) -> str:
        """The settings a lesson's checks read, hashed once for every lesson's key."""
        return digest("lesson settings", *settings)

    def lesson_key(self, settings: str, src: str, path: str, sha256: str) -> str:
        """The key of a lesson file's record: its bytes' SHA-256, where it is, and `lesson_settings`."""
        return digest("lesson", settings, src, path, sha256)

    def take_lesson(self, key: str) -> dict | None:
        """The lesson kept under `key` (`lessons.lesson_record`) by an earlier build; None: none, or damaged."""
        if not self.enabled:
            return None
        record = self.used.get(key)
        if record is None:
            record = self.kept.get(key)
            if record is None or not _lesson(record):
                return None  # not counted as made: its front matter's YAML is (load_mapping)
            self.used[key] = record
        self.taken += 1
        return record

    def keep_lesson(self, key: str, record: dict) -> None:
        """Keep a lesson found without problems for the next build."""
        if self.enabled and _lesson(record):
            self.used[key] = record

    def problems(self, check: str, text: Text, find: Callable[[], list[Problem]], *,
                 settings: str = "") -> list[Problem]:
        """A `TextMemo`: what `check` found in the text in an earlier build, or `find()` now."""
        if not self.enabled:
            return find()
        path, body, first_line = text
        key = digest(check, settings, path, first_line, text_sha256(body))
        record = self._take(key, _problems)
        if record is None:
            record = [[p.path, p.key, p.message, p.expected, p.suggestion, p.line, p.severity] for p in find()]
            self.used[key] = record
        return [Problem(*fields) for fields in record]

    def lines(self, scan: str, text: Text, find: Callable[[], list[tuple[int, str]]]) -> list[tuple[int, str]]:
        """A `LineMemo`: what `scan` found on the text's lines in an earlier build, or `find()` now."""
        if not self.enabled:
            return find()
        path, body, first_line = text
        key = digest("lines", scan, path, first_line, text_sha256(body))
        record = self._take(key, _lines)
        if record is None:
            record = [[number, item] for number, item in find()]
            self.used[key] = record
        return [(number, item) for number, item in record]

    def with_settings(self, *settings: object) -> TextMemo:
        """A `TextMemo` for a check that reads these settings too (nothing kept if they are Unkeyable)."""
        try:
            key = digest(*settings)
        except Unkeyable:
            return fresh
        return lambda check, text, find: self.problems(check, text, find, settings=key)

    def _take(self, key: str, valid: Callable[[object], bool]):
        """This build's record under `key`, or the last build's if it is whole; None: none."""
        record = self.used.get(key)
        if record is None:
            record = self.kept.get(key)
            if record is None or not valid(record):
                self.made += 1
                return None
            self.used[key] = record
        self.taken += 1
        return record


def _front_matter(record: object) -> bool:
    if not isinstance(record, dict):
        return False
    if "error" in record:
        fields = record["error"]
        return isinstance(fields, list) and len(fields) == 5 and all(isinstance(f, str) for f in fields[:4]) \
            and _line(fields[4])
    lines = record.get("lines")
    return isinstance(record.get("data"), dict) and isinstance(lines, dict) \
        and all(isinstance(k, str) and _line(v) and v is not None for k, v in lines.items())


# A kept lesson's fields (`lessons.lesson_record`) and what each must be.
_TEXT, _TEXTS, _WHOLE = "text", "texts", "whole"
_LESSON_FIELDS = {"title": _TEXT, "summary": _TEXT, "audiences": _TEXTS, "topics": _TEXTS, "order": _WHOLE,
                  "duration": _WHOLE, "objectives": _TEXTS, "resources": _TEXTS, "draft": "bool",
                  "reviewed": "date", "reviewed_line": _WHOLE, "sources": "sources", "key_lines": "lines",
                  "body_chars": "count", "body_line": "count"}


def _lesson(record: object) -> bool:
    return isinstance(record, dict) and record.keys() == _LESSON_FIELDS.keys() and all(
        _field(kind, record[name]) for name, kind in _LESSON_FIELDS.items())


def _field(kind: str, value: object) -> bool:
    if kind == _TEXT:
        return type(value) is str
    if kind == _TEXTS:
        return type(value) is list and all(type(item) is str for item in value)
    if kind == _WHOLE:
        return _line(value)
    if kind == "bool":
        return type(value) is bool
    if kind == "date":
        return value is None or type(value) is str
    if kind == "sources":
        return type(value) is list and all(type(s) is list and len(s) == 2 and all(type(p) is str for p in s)
                                           for s in value)
    if kind == "lines":
        return type(value) is dict and all(type(k) is str and type(v) is int for k, v in value.items())
    return type(value) is int and value >= 0  # "count"


def _problems(record: object) -> bool:
    return isinstance(record, list) and all(
        isinstance(fields, list) and len(fields) == 7 and all(isinstance(f, str) for f in fields[:5])
        and _line(fields[5]) and fields[6] in ("error", "warning") for fields in record)


def _lines(record: object) -> bool:
    return isinstance(record, list) and all(
        isinstance(fields, list) and len(fields) == 2 and type(fields[0]) is int and isinstance(fields[1], str)
        for fields in record)


def _line(value: object) -> bool:
    return value is None or (type(value) is int)


def _copied(value: Any) -> Any:
    """A copy of JSON data (what a kept record's front matter is: `_plain`): its dicts and lists
    new, its text and numbers shared, as `copy.deepcopy` gives it at a third of the cost."""
    kind = type(value)
    if kind is dict:
        return {key: _copied(item) for key, item in value.items()}
    if kind is list:
        return [_copied(item) for item in value]
    return value


def _plain(value: object) -> bool:
    """Whether JSON gives `value` back exactly: text-keyed dicts, lists, text, whole and finite
    numbers, true/false and null, and nothing else (a YAML set or binary is not)."""
    try:
        return _plain_in(value)
    except RecursionError:
        return False


def _plain_in(value: object) -> bool:
    kind = type(value)
    if kind in (str, int, bool) or value is None:
        return True
    if kind is float:
        return math.isfinite(value)  # type: ignore[arg-type]
    if kind is list:
        return all(_plain_in(item) for item in value)  # type: ignore[attr-defined]
    if kind is dict:
        return all(type(k) is str and _plain_in(v) for k, v in value.items())  # type: ignore[attr-defined]
    return False
