"""Reading level of a lesson's body text: Flesch–Kincaid grade of its prose only.

The grade is textstat's, to the last digit; `syllables.flesch_kincaid_grade` only spares
the build textstat's 0.6 s load of the whole CMU pronouncing dictionary.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from thinksafe.core.reading.syllables import flesch_kincaid_grade

_FENCE = re.compile(r"^\s*(```|~~~)")
_SKIP_LINE = re.compile(r"^\s*(#{1,6}\s|\||!!!|\?\?\?|<|---\s*$|\*\*\*\s*$|\[\^?[^\]]+\]:)")
# Taken out of each line of prose; `prose` runs them once on the kept lines joined by "\n",
# which no line holds (`splitlines` broke the text there), so no match may cross a "\n".
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_MARKUP = re.compile(r"[*_`~]+|<[^>\n]+>|\{[:#.][^}\n]*\}")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+")


@dataclass(frozen=True)
class Reading:
    grade: float
    longest: list[str]  # the three longest sentences, longest first


def prose(markdown: str) -> str:
    """The text a reader reads: no headings, code, tables, HTML or link targets.

    Each paragraph and list item ends a sentence, so that a list without full stops
    does not read as one endless sentence.
    """
    kept, starts = _kept_lines(markdown)
    # Pictures, link targets and markup are taken out of all the kept lines in one pass each
    # rather than four per line (a third of the time of measuring a lesson).
    cleaned = _MARKUP.sub("", _LINK.sub(r"\1", _IMAGE.sub("", "\n".join(kept)))).split("\n") if kept else []
    blocks: list[str] = []
    current: list[str] = []
    for line, starts_block in zip(cleaned, starts, strict=True):
        if starts_block:
            blocks, current = _close(blocks, current)
        text = line.strip()
        if text:
            current.append(text)
    blocks, _ = _close(blocks, current)
    return " ".join(blocks)


def _kept_lines(markdown: str) -> tuple[list[str], list[bool]]:
    """The lines of prose, list marks taken off, each with whether a paragraph or list item
    ends before it (a blank line or a left-out one before it, or a list mark on it)."""
    kept: list[str] = []
    starts: list[bool] = []
    closing = False  # a left-out line since the last kept one
    in_code = False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code or _SKIP_LINE.match(line):
            closing = True
            continue
        mark = _LIST_MARK.match(line)
        kept.append(line[mark.end():] if mark else line)
        starts.append(closing or mark is not None or not line.strip())
        closing = False
    return kept, starts


def _close(blocks: list[str], current: list[str]) -> tuple[list[str], list[str]]:
    if current:
        sentence = " ".join(current)
        blocks.append(sentence if sentence[-1] in ".!?:;" else sentence + ".")
    return blocks, []


@functools.lru_cache(maxsize=8192)  # `mkdocs serve` measures only what changed
def reading(markdown: str) -> Reading | None:
    """The grade and longest sentences of the body's prose, or None when it has no prose."""
    text = prose(markdown)
    if not text.strip():
        return None
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
    longest = sorted(sentences, key=lambda s: len(s.split()), reverse=True)[:3]
    return Reading(round(flesch_kincaid_grade(text), 1), longest)
