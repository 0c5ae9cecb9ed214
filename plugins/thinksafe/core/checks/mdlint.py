"""Accessibility lint of Markdown: what a screen reader or a reader skimming links would trip on."""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+\S")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(")
_HTML_IMAGE = re.compile(r"<img\b(?![^>]*\balt=)[^>]*>", re.I)
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_URL = re.compile(r"^(https?://|www\.)\S+$", re.I)
VAGUE = {"here", "click here", "click", "this", "this link", "link", "read more", "more"}


@dataclass(frozen=True)
class Finding:
    line: int
    key: str
    message: str
    expected: str
    suggestion: str


def lint(markdown: str, first_line: int = 1, top_level: int = 1) -> list[Finding]:
    """Every finding in `markdown`, whose first line is line `first_line` of its file.

    `top_level` is the heading level the page already has above its text (its title).
    """
    findings, in_code, level = [], False, top_level
    # Each pattern needs a piece of text a plain line of prose lacks, and substring tests cost far
    # less than a regular expression: they come first, so most lines are passed over at once.
    for number, line in enumerate(markdown.splitlines(), start=first_line):
        if ("```" in line or "~~~" in line) and _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        if line[:1] == "#":
            heading = _HEADING.match(line)
            if heading:
                findings += _heading_finding(len(heading.group(1)), level, number)
                level = len(heading.group(1))
        if "](" in line or "<" in line:  # every image and link pattern has one or the other
            findings += _line_findings(line, number)
    return findings


def _heading_finding(new: int, level: int, number: int) -> list[Finding]:
    """A heading of level `new` under one of `level`: a finding when it skips a level."""
    if new <= level + 1:
        return []
    return [Finding(number, "(heading)", f"jumps from level {level} to level {new}",
                    f"a level-{level + 1} heading ({'#' * (level + 1)}) here",
                    f"use {'#' * (level + 1)}, or add the missing level above it")]


def _line_findings(line: str, number: int) -> list[Finding]:
    """The image and link findings of one line (outside code), in the order they are reported."""
    found = []
    if "![" in line:
        for match in _IMAGE.finditer(line):
            if not match.group(1).strip():
                found.append(Finding(number, "(image)", "has no alt text", "a few words saying what it shows",
                                     "write them between the brackets: ![A padlock on a phone](…)"))
    if "<" in line and _HTML_IMAGE.search(line):
        found.append(Finding(number, "(image)", "an <img> has no alt attribute", "alt=\"what it shows\"",
                             "add alt=\"…\" (alt=\"\" if it is only decoration)"))
    if "](" in line:
        for match in _LINK.finditer(line):
            found += _link_text_finding(match.group(1).strip(), number)
    if "<" in line:
        for match in _AUTOLINK.finditer(line):
            found.append(Finding(number, "(link text)",
                                 f"a bare web address ('{match.group(1)}') is the link text",
                                 "words a screen reader can say", "write [what it is](address) instead"))
    return found


def _link_text_finding(text: str, number: int) -> list[Finding]:
    """A link whose text says nothing of where it goes, or is its address."""
    if text.lower().strip(".!: ") in VAGUE:
        return [Finding(number, "(link text)", f"'{text}' does not say where the link goes",
                        "link text that makes sense on its own",
                        "name the destination, e.g. [Childline's website](…)")]
    if _URL.match(text):
        return [Finding(number, "(link text)", f"a bare web address ('{text}') is the link text",
                        "words a screen reader can say", "name the destination instead")]
    return []
