"""The record of a lesson's printable copy: what it was made from, so that the next build can tell,
without rendering it, that the copy would come out the same."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
import sys
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, entry_points, version
from pathlib import Path

from thinksafe.core.cache import source_hash
from thinksafe.core.model.extensions import READS_FILES, extension_module
from thinksafe.core.model.lessons import Lesson
from thinksafe.core.packs.pdf import renderer
from thinksafe.core.packs.printable import PrintSettings, References
from thinksafe.core.model.settings import SiteConfig

# Bump when what a record holds, or what it is checked against, changes.
RECORD_FORMAT = 2

# `printable_lesson` is a function of the lesson, the site's settings, the printing settings, the
# Markdown extensions, the code and libraries that run, and two questions it asks as it goes:
# where a link leads and what a picture holds (`References.link` and `References.image`). A
# record keeps a hash of the first lot (`inputs`) and every question in the order asked with its
# answer (`calls`); the next build hashes the first lot again and asks every question again
# (`replay`). Same answers, same copy.
# A record is kept only when it really describes the copy. That holds by construction: its
# questions are the ones `References` noted while rendering that very copy, not found by a
# second run that could differ from it; and the HTML's hash is of that copy too.

# Packages whose extensions and functions a record may name: their versions are in the record.
_LIBRARIES = {"markdown": "Markdown", "pymdownx": "pymdown-extensions", "material": "mkdocs-material",
              "pygments": "Pygments"}
_EXTENSION_HOMES = {"markdown", "pymdownx"}
# The code that makes a printable copy, plans a pack from it and checks its record. packs.py
# is among them, so a change to PACK_FORMAT drops every record too.
_CODE_FILES = ("core/packs/printable.py", "core/html/offline.py", "core/packs/pdf.py", "core/packs/archive.py",
               "core/model/lessons.py", "core/model/settings.py", "core/packs/contents.py", "core/packs/record.py")


class _Unrecordable(Exception):
    """An input whose every effect a record cannot vouch for."""


def new_record(inputs: str, html_sha256: str, questions: list[list]) -> dict:
    """The record of a printable copy just rendered: its inputs' hash, its HTML's hash and the
    questions it asked (`Printable.questions`), as the cache keeps it."""
    return {"inputs": inputs, "calls": questions, "html": html_sha256}


def replay(record: object, inputs: str, lesson: Lesson, docs_dir: Path, printing: PrintSettings,
           url_for: Callable[[str], str | None], pupil_of=None) -> tuple[str, References] | None:
    """The hash of the copy the record vouches for, and its questions asked again (whose
    `images` and `linked` are the copy's), when its inputs and every answer are still the same."""
    try:
        if not isinstance(record, dict) or record.get("inputs") != inputs:
            return None
        html_sha256, calls = record["html"], record["calls"]
        if not (isinstance(html_sha256, str) and re.fullmatch(r"[0-9a-f]{64}", html_sha256)):
            return None
        refs = References(lesson, Path(docs_dir), printing.site_url, url_for, pupil_of)
        ask = {"link": refs.link, "image": refs.image}
        for kind, question, answer in calls:
            if kind not in ask:
                return None
            ask[kind](question)
            if refs.questions[-1][2] != answer:
                return None
    except Exception:  # a record that cannot be read or checked vouches for nothing
        return None
    return html_sha256, refs


def inputs(lesson: Lesson, site: SiteConfig, printing: PrintSettings) -> str | None:
    """A hash of everything a lesson's printable copy is made from but the questions it asks:
    what `printable_lesson` is given (the packs' other settings do not reach it; the pack's key
    has them), the code and the libraries. None when an extension may act in ways a record
    cannot vouch for. (For many lessons, make one `Inputs` and ask it for each.)"""
    return Inputs(site, printing).of(lesson)


class Inputs:
    """`inputs` for the lessons of one build: what they all share (the code, the libraries, the
    site's and the printing settings) is checked and hashed once, not once a lesson."""

    def __init__(self, site: SiteConfig, printing: PrintSettings):
        self.site, self.printing = site, printing
        self.shared = _shared(site, printing)  # None: no lesson's copy can be recorded

    def made_for(self, site: SiteConfig, printing: PrintSettings) -> bool:
        """Whether these are the very settings it was made from (and so its hash stands for)."""
        return site is self.site and printing is self.printing

    def of(self, lesson: Lesson) -> str | None:
        """`inputs(lesson, site, printing)`."""
        if self.shared is None:
            return None
        try:
            return _sha256(_json({"shared": self.shared, "lesson": _stable(lesson)}))
        except (_Unrecordable, TypeError, ValueError, RecursionError):
            return None


def _shared(site: SiteConfig, printing: PrintSettings) -> str | None:
    """A hash of what every lesson's printable copy is made from but the lesson itself."""
    if _CODE is None:
        return None
    try:
        for name in printing.extensions:
            module = extension_module(name)
            if module.split(".")[0] not in _EXTENSION_HOMES or module in READS_FILES:
                return None
        return _sha256(_json({
            "record": RECORD_FORMAT, "code": _CODE, "python": sys.version,
            "libraries": _library_versions(), "renderer": renderer(),
            "printing": _stable(printing), "site": _stable(site),
        }))
    except (_Unrecordable, TypeError, ValueError, RecursionError):
        return None


def _json(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8")


_CODE = source_hash(*_CODE_FILES)  # read when this module is imported


@functools.lru_cache(maxsize=1)
def _library_versions() -> dict:
    """The versions of the libraries a printable copy may come from, and of Pygments' plug-ins
    (a highlighted block may use a lexer or style another package adds)."""
    versions: dict = {}
    for name in sorted(_LIBRARIES.values()):
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = None
    found = entry_points()
    versions["pygments plug-ins"] = sorted(
        [group, point.name, point.value, point.dist.name if point.dist else None,
         point.dist.version if point.dist else None]
        for group in ("pygments.lexers", "pygments.formatters", "pygments.styles", "pygments.filters")
        for point in found.select(group=group))
    return versions


def _stable(value: object) -> object:
    """`value` as JSON that stands for it alone: the same on every run, different when it differs."""
    if value is None or type(value) in (bool, int, float, str):  # not a subclass, which may act otherwise
        return value
    if isinstance(value, (list, tuple)):
        return {type(value).__name__: [_stable(item) for item in value]}
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise _Unrecordable("a mapping with keys other than text")
        if value.get("custom_icons"):  # Material's emoji: icons read from the author's folders
            raise _Unrecordable("custom icons")
        return {"dict": {key: _stable(item) for key, item in value.items()}}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        kind = type(value)
        return {"dataclass": f"{kind.__module__}.{kind.__qualname__}",
                "fields": {f.name: _stable(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, functools.partial):
        return {"partial": [_stable(value.func), _stable(value.args), _stable(value.keywords)]}
    module, qualname = getattr(value, "__module__", None), getattr(value, "__qualname__", None)
    if isinstance(module, str) and isinstance(qualname, str) and module.split(".")[0] in _LIBRARIES \
            and "<" not in qualname and _named(module, qualname) is value:
        return {"callable": f"{module}:{qualname}"}  # the library's version covers what it does
    raise _Unrecordable(f"{type(value).__name__} {value!r}")


def _named(module: str, qualname: str) -> object:
    found = sys.modules.get(module)
    for part in qualname.split("."):
        found = getattr(found, part, None)
    return found


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
