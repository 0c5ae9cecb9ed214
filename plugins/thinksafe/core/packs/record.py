"""The record of a lesson's printable copy: what it was made from, so that the next build can tell,
without rendering it, that the copy would come out the same."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from thinksafe.core import cache
from thinksafe.core.model.extensions import READS_FILES, extension_module
from thinksafe.core.model.lessons import Lesson
from thinksafe.core.model.settings import SiteConfig
from thinksafe.core.packs.printable import PrintSettings, References

# `printable_lesson` is a function of the lesson, the site's settings, the printing settings, the
# Markdown extensions, the code and libraries that run, and two questions it asks as it goes:
# where a link leads and what a picture holds (`References.link` and `References.image`). A
# record keeps a hash of the first lot (`inputs`) and every question in the order asked with its
# answer (`calls`); the next build hashes the first lot again and asks every question again
# (`replay`). Same answers, same copy.
# A record is kept only when it really describes the copy. That holds by construction: its
# questions are the ones `References` noted while rendering that very copy, not found by a
# second run that could differ from it; and the HTML's hash is of that copy too.

# The only Markdown extensions a record may vouch for: Python-Markdown's and PyMdown's.
_EXTENSION_HOMES = {"markdown", "pymdownx"}


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


def vouching(records: Sequence[object], inputs: str | None, lesson: Lesson, docs_dir: Path, printing: PrintSettings,
             url_for: Callable[[str], str | None], pupil_of=None) -> tuple[dict, str, References] | None:
    """The first of `records` that `replay` finds still holds, with what `replay` gives; None
    when none does, or when the copy cannot be recorded (`inputs` None)."""
    if inputs is None:
        return None
    for record in records:
        replayed = replay(record, inputs, lesson, docs_dir, printing, url_for, pupil_of)
        if replayed is not None:
            assert isinstance(record, dict)  # `replay` vouches for none other
            return record, *replayed
    return None


def inputs(lesson: Lesson, site: SiteConfig, printing: PrintSettings) -> str | None:
    """A hash of everything a lesson's printable copy is made from but the questions it asks:
    what `printable_lesson` is given (the packs' other settings do not reach it; the pack's key
    has them) and the code's fingerprint (core/cache.py). None when an extension may act in ways a record
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
            return cache.digest(self.shared, lesson)
        except (cache.Unkeyable, RecursionError):
            return None


def _shared(site: SiteConfig, printing: PrintSettings) -> str | None:
    """A hash of what every lesson's printable copy is made from but the lesson itself: the
    code's fingerprint (the package and the libraries, WeasyPrint's too) and the settings."""
    try:
        for name in printing.extensions:
            module = extension_module(name)
            if module.split(".")[0] not in _EXTENSION_HOMES or module in READS_FILES:
                return None
        return cache.digest(cache.fingerprint(), printing, site)
    except (cache.Unkeyable, RecursionError):
        return None
