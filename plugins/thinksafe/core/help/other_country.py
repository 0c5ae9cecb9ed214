"""Prose that names another country's help: "call 999" or "Childline" on an Australian site.

The words to look for come from the other presets' data (each service's phone and text
numbers, its `match` words, each country's emergency numbers), less every word the active
settings use too (Ireland and the United Kingdom share 999 and "Childline"). A number of
four digits or fewer counts only after a word such as "call", "dial", "ring", "text" or
"on", so that "10,000" or "Privacy 101" are not taken for a phone number. Code is skipped.
"""

from __future__ import annotations

import functools
import re

from thinksafe.core.help.settings import PRESET_IDS, HelpConfig, parse_help
from thinksafe.core.problems import Problem, TextMemo, fresh

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|\bhttps?://\S+|\btel:[\d+]+")
_CALL_WORD = r"(?:call|dial|ring|phone|text|txt|on|number|tel)\b\W{0,3}(?:\w+\W{1,3}){0,2}"


@functools.cache
def _preset(preset: str) -> HelpConfig:
    help, problems = parse_help({"preset": preset})
    assert help is not None, problems  # the bundled presets are checked by their own tests
    return help


def terms(help: HelpConfig) -> list[tuple[str, str, re.Pattern]]:
    """(word as shown, the preset it belongs to, pattern) for every other preset's help word."""
    return [term for term, _ in _terms_and_needles(help)[0]]


_Term = tuple[str, str, re.Pattern]  # see `terms`


def _terms_and_needles(help: HelpConfig) -> tuple[list[tuple[_Term, str]], re.Pattern, re.Pattern]:
    """`terms`, each with its needle, then two patterns that each find, in one search, text that any term's match
    contains, so that a line where they find nothing is spared the terms' own patterns (a search
    each, some trying every position) and, for the first, the removal of code and link targets.

    The second searches the prose (the line less code and link targets) for a needle: the word
    itself, or a number's first group of digits. The first searches the line as written for the
    longest piece without a space of the term's match (a word's longest piece, a number's longest
    group of digits): the prose is the line with some parts replaced by one space each, so any
    run of text without a space in the prose is in the line too. The longest, since a short
    piece ("An" of "An Garda Síochána", "1" of "1-800-422-4453") is on most lines."""
    mine_words, mine_numbers = _words(help)
    found: dict[str, tuple[_Term, str]] = {}
    pieces: set[str] = set()
    for preset in PRESET_IDS:
        if preset == help.preset:
            continue
        words, numbers = _words(_preset(preset))
        for word in words - mine_words:
            found.setdefault(word, ((word, preset, re.compile(r"(?<![\w.])" + re.escape(word) + r"(?![\w])")), word))
            pieces.add(_longest(word.split(" ")))
        for number in numbers - mine_numbers:
            digits = re.findall(r"\d+", number)  # see _number_pattern: its match starts with them
            # "" (no digits): every line is searched
            found.setdefault(number, ((number, preset, _number_pattern(number)), digits[0] if digits else ""))
            pieces.add(_longest(digits))  # its match holds every group, one after the other
    ordered = sorted(found.values(), key=lambda term_and_needle: term_and_needle[0])
    needles = {needle for _, needle in ordered}
    return ordered, _any_of(pieces), _any_of(needles)


def _longest(pieces: list[str]) -> str:
    """The longest of the pieces (the first of those as long); "": none."""
    return max(pieces, key=len, default="")


def _any_of(texts: set[str]) -> re.Pattern:
    """A pattern finding any of `texts` (the longest first); "" among them: it finds every line."""
    return re.compile("|".join(re.escape(t) for t in sorted(texts, key=lambda t: (-len(t), t))))


def problems_in(texts: list[tuple[str, str, int]], help: HelpConfig, memo: TextMemo = fresh) -> list[Problem]:
    """A warning for every line of prose naming a number or service of another preset.

    `memo`: each text's warnings, kept or found (keyed by the help settings too); the other
    presets are read only when a text is searched."""
    found: list = []  # the terms, found when a text is first searched

    def search(text: tuple[str, str, int]) -> list[Problem]:
        found[:] = found or [_terms_and_needles(help)]
        return _text_problems(text, help, found[0])
    return [problem for text in texts
            for problem in memo("other country's help", text, functools.partial(search, text))]


def _text_problems(text: tuple[str, str, int], help: HelpConfig,
                   found: tuple[list[tuple[_Term, str]], re.Pattern, re.Pattern]) -> list[Problem]:
    checks, in_line, in_prose = found
    path, body, first_line = text
    problems = []
    in_fence = False
    for number, line in enumerate(body.splitlines(), start=first_line):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if not in_line.search(line):  # most lines: no term can match (see _terms_and_needles)
            continue
        prose = _LINK_TARGET.sub(" ", _CODE_SPAN.sub(" ", line))
        if not in_prose.search(prose):
            continue
        for (word, preset, pattern), needle in checks:
            # A term's match holds its needle: where the prose lacks it, its pattern is not tried.
            if needle in prose and pattern.search(prose):
                problems.append(Problem(
                    path, "(help for another country)",
                    f"names '{word}', which is help in the '{preset}' preset, not in this "
                    f"site's ('{help.preset}', {help.country})",
                    "a help placeholder such as {{ children_helpline }} or {{ emergency }}",
                    "see docs/help.md for the placeholders", line=number, severity="warning"))
    return problems


def _words(help: HelpConfig) -> tuple[set[str], set[str]]:
    words = {m for s in help.services.values() for m in s.match if m}
    numbers = {n.strip() for n in help.emergency.split(" or ")}
    numbers |= {s.get(k).strip() for s in help.services.values() for k in ("phone", "text") if s.get(k)}
    return words, {n for n in numbers if n}


def _number_pattern(number: str) -> re.Pattern:
    """A phone number with any spaces or hyphens between its digit groups."""
    groups = re.findall(r"\d+", number)
    body = r"[\s-]?".join(re.escape(g) for g in groups)
    bounded = r"(?<![\d,.])" + body + r"(?![\d])"
    if sum(len(g) for g in groups) <= 4:
        bounded = r"(?i:" + _CALL_WORD + r")" + bounded
    return re.compile(bounded)
