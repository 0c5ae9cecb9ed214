"""Problems found in content or configuration, and how they are told to a maintainer."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One mistake: where it is, which key, what was wrong, what was expected, and a fix."""

    path: str
    key: str
    message: str
    expected: str = ""
    suggestion: str = ""
    line: int | None = None
    severity: str = "error"

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        text = f"{self.location}: {self.key}: {self.message}"
        if self.expected:
            text += f"; expected {self.expected}"
        if self.suggestion:
            text += f"; {self.suggestion}"
        return text.translate(_ESCAPED)  # one problem, one line: a '\r' in a file name is shown so


# A text as the checks read it: (its path as shown, the text, the file line it starts on).
Text = tuple[str, str, int]
# What one check (by its name) finds in one text: `find()`, or what a cache kept of it
# (core/checks/kept.py). Every check whose findings depend on the text alone goes through one.
TextMemo = Callable[[str, Text, Callable[[], "list[Problem]"]], "list[Problem]"]


def fresh(check: str, text: Text, find: Callable[[], list[Problem]]) -> list[Problem]:
    """The `TextMemo` that keeps nothing: every text is checked again."""
    return find()


# What one scan (by its name) finds on the lines of one text, as (line number, what): `find()`,
# or what a cache kept of it (core/checks/kept.py). For what many files' checks read, such as
# each lesson's links, whose problems depend on the other files too.
LineMemo = Callable[[str, Text, Callable[[], "list[tuple[int, str]]"]], "list[tuple[int, str]]"]


def fresh_lines(scan: str, text: Text, find: Callable[[], list[tuple[int, str]]]) -> list[tuple[int, str]]:
    """The `LineMemo` that keeps nothing: every text is scanned again."""
    return find()


# Characters that would end or garble a message's line (in a file name, a key, a value), shown
# as Python writes them in a string: '\r', '\x00', '\u2028'.
_ESCAPED = {code: repr(chr(code))[1:-1] for code in [*range(0x20), *range(0x7f, 0xa0), 0x2028, 0x2029]}


def did_you_mean(value: object, choices: list[str]) -> str:
    """A 'did you mean' hint for an unknown value, or '' when nothing is close."""
    text = str(value)
    lowered = {choice.lower(): choice for choice in choices}
    if text.lower() in lowered:
        return f"did you mean '{lowered[text.lower()]}'?"
    close = difflib.get_close_matches(text, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def describe(value: object) -> str:
    """A value as a maintainer would recognise it in a message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (list, dict)) and not value:
        return "an empty " + ("list" if isinstance(value, list) else "mapping")
    kind = {str: "text", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    return f"{kind.get(type(value), type(value).__name__)} {shown(value)}"


SHOWN_CHARS = 60  # a value quoted in a message is cut to about this length


def shown(value: object, limit: int = SHOWN_CHARS) -> str:
    """`repr(value)` cut to about `limit` characters, found without building the whole (a value
    made of YAML aliases may stand for billions of items)."""
    parts: list[str] = []
    room = [limit]

    def put(text: str) -> bool:
        parts.append(text[: max(room[0], 0)])
        room[0] -= len(text)
        return room[0] > 0

    def walk(item: object, depth: int) -> bool:
        if isinstance(item, (list, tuple, dict)) and depth < 20:
            is_dict = isinstance(item, dict)
            if not put("{" if is_dict else "["):
                return False
            for index, entry in enumerate(item.items() if isinstance(item, dict) else item):
                if index and not put(", "):
                    return False
                if is_dict:
                    if not walk(entry[0], depth + 1) or not put(": ") or not walk(entry[1], depth + 1):
                        return False
                elif not walk(entry, depth + 1):
                    return False
            return put("}" if is_dict else "]")
        if isinstance(item, str) and len(item) > limit:
            item = item[:limit]  # repr of a long text is cut anyway: no need to quote all of it
            return put(repr(item)[:-1])
        if isinstance(item, int) and not isinstance(item, bool) and item.bit_length() > 200:
            # str() of a number over 4,300 digits raises ValueError: the digits are estimated.
            return put(f"a number of about {int(item.bit_length() * 0.30103) + 1:,} digits")
        return put(repr(item) if depth < 20 else "…")

    whole = walk(value, 0)
    return "".join(parts) + ("" if whole else "…")


def one_of(choices: list[str]) -> str:
    """'one of a, b, c' for an expected-values message."""
    return "one of " + ", ".join(f"'{c}'" for c in choices)


def report(problems: list[Problem], outcome: str = "nothing was built") -> str:
    """Every problem, one a line, under a heading that counts them and their files."""
    errors = [p for p in problems if p.severity == "error"]
    files = sorted({p.path for p in errors})
    noun = "problem" if len(errors) == 1 else "problems"
    where = "1 file" if len(files) == 1 else f"{len(files)} files"
    lines = [f"ThinkSafe found {len(errors)} {noun} in {where}; {outcome}:"]
    lines += [f"  {p}" for p in sorted(errors, key=_sort_key)]
    return "\n".join(lines)


def _sort_key(problem: Problem) -> tuple:
    return (problem.path, problem.line or 0, problem.key)
