"""`prose_lines`: code spans left out of each line, code blocks blanked; a line without a
backtick is handed on as it is, unsearched."""

from __future__ import annotations

import random
import re

from thinksafe.core.model.addresses import prose_lines

_CODE_SPAN = re.compile(r"(`+).+?\1")
_FENCE = re.compile(r"^\s*(```|~~~)")


def every_line_searched(body: str, first_line: int):
    """`prose_lines` as it was: every line searched for code spans."""
    in_code = False
    for number, line in enumerate(body.splitlines(), start=first_line):
        if _FENCE.match(line):
            in_code = not in_code
            yield number, ""
        else:
            yield number, "" if in_code else _CODE_SPAN.sub("", line)


def test_code_spans_and_blocks_are_left_out_and_other_lines_kept_whole():
    body = "See [a](a.md) and `[b](b.md)` here.\nPlain [c](c.md).\n```\n[d](d.md)\n```\n``x`` [e](e.md) `"
    assert list(prose_lines(body, 5)) == [
        (5, "See [a](a.md) and  here."), (6, "Plain [c](c.md)."), (7, ""), (8, ""), (9, ""),
        (10, " [e](e.md) `")]


def test_prose_lines_equal_searching_every_line():
    rng = random.Random(3)
    pieces = ["`", "``", "```", "~~~", "word", " ", "[a](b.md)", "\n", "\r\n", "x`y", "\u2028"]
    for _ in range(5000):
        body = "".join(rng.choice(pieces) for _ in range(rng.randrange(12)))
        assert list(prose_lines(body, 1)) == list(every_line_searched(body, 1)), repr(body)
