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
    for number, line in enumerate(markdown.splitlines(), start=first_line):
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        heading = _HEADING.match(line)
        if heading:
            new = len(heading.group(1))
            if new > level + 1:
                findings.append(Finding(number, "(heading)", f"jumps from level {level} to level {new}",
                                        f"a level-{level + 1} heading ({'#' * (level + 1)}) here",
                                        f"use {'#' * (level + 1)}, or add the missing level above it"))
            level = new
        findings += _line_findings(line, number)
    return findings


def _line_findings(line: str, number: int) -> list[Finding]:
    found = []
    for match in _IMAGE.finditer(line):
        if not match.group(1).strip():
            found.append(Finding(number, "(image)", "has no alt text", "a few words saying what it shows",
                                 "write them between the brackets: ![A padlock on a phone](…)"))
    if _HTML_IMAGE.search(line):
        found.append(Finding(number, "(image)", "an <img> has no alt attribute", "alt=\"what it shows\"",
                             "add alt=\"…\" (alt=\"\" if it is only decoration)"))
    for match in _LINK.finditer(line):
        text = match.group(1).strip()
        if text.lower().strip(".!: ") in VAGUE:
            found.append(Finding(number, "(link text)", f"'{text}' does not say where the link goes",
                                 "link text that makes sense on its own",
                                 "name the destination, e.g. [Childline's website](…)"))
        elif _URL.match(text):
            found.append(Finding(number, "(link text)", f"a bare web address ('{text}') is the link text",
                                 "words a screen reader can say", "name the destination instead"))
    for match in _AUTOLINK.finditer(line):
        found.append(Finding(number, "(link text)", f"a bare web address ('{match.group(1)}') is the link text",
                             "words a screen reader can say", "write [what it is](address) instead"))
    return found
