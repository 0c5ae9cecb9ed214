"""Link addresses that no page can be built with, found before the build with where and how to fix them.

Python cannot read an address such as `http://[oops` (brackets belong only around an IPv6
address), and MkDocs stops with a traceback on it. This names the file and line instead.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .lessons import Lesson
from .problems import Problem

# [words](address) or [words](<address with spaces>); and [name]: address, not a footnote [^1]:
INLINE_LINK = re.compile(r"\]\(\s*(?:<([^>\n]*)>|([^)\s>]+))")
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:\s*(?:<([^>\n]*)>|([^\s>]+))")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_FENCE = re.compile(r"^\s*(```|~~~)")


def addresses_in(line: str) -> list[str]:
    """The address of every link and picture on a line of Markdown, as written."""
    if "](" not in line and "]:" not in line:  # no link on the line: skip the patterns
        return []
    return [bracketed or bare for bracketed, bare in INLINE_LINK.findall(line) + _REFERENCE.findall(line)]


def prose_lines(body: str, first_line: int):
    """(line number, line) for each line of Markdown, code blocks blanked and code spans
    left out: what is read as text, links and HTML."""
    in_code = False
    for number, line in enumerate(body.splitlines(), start=first_line):
        if _FENCE.match(line):
            in_code = not in_code
            yield number, ""
        else:
            yield number, "" if in_code else _CODE_SPAN.sub("", line)


def link_lines(body: str, first_line: int):
    """(line number, line) for each line of Markdown that may hold a link: code left out."""
    for number, line in prose_lines(body, first_line):
        if "](" in line or "]:" in line:
            yield number, line


def unusable_addresses(lessons: list[Lesson], pages: list[tuple[str, str, int]]) -> list[Problem]:
    """Every link address that cannot be read, in the lessons and in the other Markdown pages
    (as `content.page_texts` gives them)."""
    problems = []
    for lesson in lessons:
        problems += _in_text(lesson.path, lesson.body, lesson.body_line)
    for path, body, first_line in pages:
        problems += _in_text(path, body, first_line)
    return problems


def readable(url: str) -> bool:
    try:
        urlsplit(url)
    except ValueError:
        return False
    return True


def _in_text(path: str, body: str, first_line: int) -> list[Problem]:
    problems = []
    for number, line in enumerate(body.splitlines(), start=first_line):
        for url in addresses_in(line):
            if not readable(url):
                problems.append(Problem(
                    path, "(link)", f"'{url}' is not an address a browser can follow",
                    "an address such as https://example.org/page or a path such as ../passwords.md",
                    "check the brackets: [ and ] may only go around the words of a link", number))
    return problems
