"""pyphen's hyphenation points for the few words the CMU dictionary lacks, without its whole load.

textstat counts such a word's syllables with `Pyphen(lang=...)` (its `get_pyphen`), whose
`HyphDict` parses every line of the language's patterns (11,000 for en_US, ~0.1 s) to look
up the word's few dozen pieces (`HyphDict.positions` looks up every piece of ".word.").
A site's lessons hold a handful of such words, so `positions` hands pyphen's own `HyphDict`
only the lines whose pattern is one of the word's pieces, in file order (a later line of the
same pattern wins, as in pyphen), and pyphen's own `positions` reads them: the same points.

This depends on pyphen's internals (`HyphDict(path)` reads `path.open` and `path.read_text`;
`Pyphen` keeps `left`, `right` and `hd`), checked for VERIFIED_PYPHEN; another version, a
dictionary pyphen has already loaded, or a language it does not know is handed to pyphen.
tests/core/test_hyphenation.py compares every CMU word and random words with pyphen's.
"""

from __future__ import annotations

import functools
import inspect
import io
import re
from pathlib import Path

import pyphen  # type: ignore[import-untyped]
from textstat.backend.utils import get_pyphen

VERIFIED_PYPHEN = "0.18.1"
_DIGIT = re.compile(r"\d")  # what pyphen's `parse` reads as a value: a pattern's key is the rest
# A pattern pyphen reads as the empty piece, which `positions` never looks up: it keeps a
# `HyphDict` from being empty (pyphen takes the longest piece's length, `max` of none fails).
_NO_PIECE = "1"


def positions(word: str, lang: str) -> list[int]:
    """`get_pyphen(lang).positions(word)`, from the lines of the patterns that may apply."""
    path = _path(lang)
    index = _index(path) if path is not None and path not in pyphen.hdcache else None
    if index is None:
        return get_pyphen(lang).positions(word)
    header, lines, keyed, always = index
    pointed = f".{word.lower()}."
    pieces = {pointed[i:j] for i in range(len(pointed)) for j in range(i + 1, len(pointed) + 1)}
    numbers = sorted(always + [n for piece in pieces for n in keyed.get(piece, ())])
    hyphenator = pyphen.Pyphen.__new__(pyphen.Pyphen)
    hyphenator.left, hyphenator.right = _left_right()
    hyphenator.hd = pyphen.HyphDict(_Lines(header, "\n".join([_NO_PIECE] + [lines[n] for n in numbers])))
    return hyphenator.positions(word)


def _path(lang: str) -> Path | None:
    """The patterns' file `Pyphen(lang=lang)` reads; None: another pyphen, or no such language."""
    if pyphen.__version__ != VERIFIED_PYPHEN:
        return None
    name = pyphen.language_fallback(lang)
    return pyphen.LANGUAGES.get(name) if name is not None else None


@functools.cache
def _left_right() -> tuple[int, int]:
    """`left` and `right` as textstat's `get_pyphen` makes its Pyphen (the defaults)."""
    defaults = inspect.signature(pyphen.Pyphen).parameters
    return defaults["left"].default, defaults["right"].default


@functools.cache
def _index(path: Path) -> tuple[bytes, list[str], dict[str, list[int]], list[int]] | None:
    """The file's first line (its encoding, as pyphen reads it), its pattern lines as pyphen
    splits them, each key's line numbers, and the numbers of the lines to give whatever the
    word (a line whose key is not plain: `^^hh` characters, a `/` alternative, a space)."""
    with path.open("rb") as fd:
        header = fd.readline()
    encoding = header.decode()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    text = path.read_text(encoding)
    lines = text.split("\n")[1:]
    keys = _DIGIT.sub("", text).split("\n")[1:]  # a digit is never a line break: the same lines
    if len(keys) != len(lines):
        return None
    keyed: dict[str, list[int]] = {}
    always: list[int] = []
    for number, (line, key) in enumerate(zip(lines, keys, strict=True)):
        key = key.strip()
        if "^^" in line or "/" in line or len(key.split()) > 1:
            always.append(number)
        elif key:
            keyed.setdefault(key, []).append(number)
    return header, lines, keyed, always


class _Lines:
    """What `HyphDict` reads of its path: `open("rb")` for the first line, `read_text`."""

    def __init__(self, header: bytes, lines: str):
        self.header, self.lines = header, lines

    def open(self, mode: str) -> io.BytesIO:
        assert mode == "rb"
        return io.BytesIO(self.header)

    def read_text(self, encoding: str) -> str:
        return self.header.decode() + self.lines
