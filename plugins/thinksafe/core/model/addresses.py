"""Link addresses that no page can be built with, found before the build with where and how to fix them.

Python cannot read an address such as `http://[oops` (brackets belong only around an IPv6
address), and MkDocs stops with a traceback on it. This names the file and line instead.
It also holds how the checks read addresses in Markdown (the link and reference patterns,
and the lines outside code) for the link review and the offsite check.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from thinksafe.core.problems import Problem

# [words](address) or [words](<address with spaces>): the address, bracketed or bare.
INLINE_LINK = re.compile(r"\]\(\s*(?:<([^>\n]*)>|([^)\s>]+))")
# [name]: address (not a footnote, [^1]: text): the name, then the address as above.
REFERENCE = re.compile(r"^ {0,3}\[(?!\^)([^\]]+)\]:\s*(?:<([^>\n]*)>|([^\s>]+))")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_FENCE = re.compile(r"^\s*(```|~~~)")


def addresses_in(line: str) -> list[str]:
    """The address of every link and picture on a line of Markdown, as written."""
    if "](" not in line and "]:" not in line:  # no link on the line: skip the patterns
        return []
    inline = [bracketed or bare for bracketed, bare in INLINE_LINK.findall(line)]
    return inline + [bracketed or bare for _name, bracketed, bare in REFERENCE.findall(line)]


def prose_lines(body: str, first_line: int):
    """(line number, line) for each line of Markdown, code blocks blanked and code spans
    left out: what is read as text, links and HTML."""
    in_code = False
    for number, line in enumerate(body.splitlines(), start=first_line):
        if _FENCE.match(line):
            in_code = not in_code
            yield number, ""
        else:
            # A code span starts with a backtick: a line without one is left as it is, unsearched.
            yield number, "" if in_code else _CODE_SPAN.sub("", line) if "`" in line else line


def readable(url: str) -> bool:
    try:
        urlsplit(url)
    except ValueError:
        return False
    return True


def unusable_in(path: str, body: str, first_line: int) -> list[Problem]:
    """Every link address in one text (a lesson's or a page's body) that cannot be read."""
    problems = []
    for number, line in enumerate(body.splitlines(), start=first_line):
        for url in addresses_in(line):
            if not readable(url):
                problems.append(Problem(
                    path, "(link)", f"'{url}' is not an address a browser can follow",
                    "an address such as https://example.org/page or a path such as ../passwords.md",
                    "check the brackets: [ and ] may only go around the words of a link", number))
    return problems
