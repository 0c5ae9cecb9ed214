"""`prose` takes pictures, link targets and markup out of all its lines in one pass: the same
text as the line-by-line reading it replaced, kept here as the reference."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from thinksafe.core.model.frontmatter import decode, parse
from thinksafe.core.reading.readability import _close, prose

REPO = Path(__file__).resolve().parents[2]
LESSON_FILES = sorted((REPO / "content" / "lessons").rglob("*.md"))

_FENCE = re.compile(r"^\s*(```|~~~)")
_SKIP_LINE = re.compile(r"^\s*(#{1,6}\s|\||!!!|\?\?\?|<|---\s*$|\*\*\*\s*$|\[\^?[^\]]+\]:)")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`~]+|<[^>]+>|\{[:#.][^}]*\}")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def line_by_line(markdown: str) -> str:
    """`prose` as it was: each line's pictures, links and markup taken out on their own."""
    blocks: list[str] = []
    current: list[str] = []
    in_code = False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code or _SKIP_LINE.match(line):
            blocks, current = _close(blocks, current)
            continue
        if not line.strip() or _LIST_MARK.match(line):
            blocks, current = _close(blocks, current)
        text = _MARKUP.sub("", _LINK.sub(r"\1", _IMAGE.sub("", _LIST_MARK.sub("", line)))).strip()
        if text:
            current.append(text)
    blocks, _ = _close(blocks, current)
    return " ".join(blocks)


# Pieces that would match across a line break if the lines were read as one text.
PIECES = ["word", "Two words.", "![a picture", "](pic.png)", "[a link", "](x.md)", "[", "]", "(", ")",
          "<b", ">", "</i>", "{: .class", "}", "{#id}", "*", "**bold**", "_", "`", "~", "- ", "* ", "1. ",
          "2) ", "# ", "## Heading", "| a | b |", "!!! note", "??? tip", "---", "***", "[^1]: note",
          "[ref]: https://example.org", "```", "~~~", "    ", " ", "\t", "end!", "why?", "so:", "",
          "\r", "\u2028", "\x0c", "\x85"]


def random_markdown(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randrange(1, 12)):
        lines.append("".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 6))))
    return rng.choice(["\n", "\r\n", "\n\n"]).join(lines)


def test_prose_equals_the_line_by_line_reading_for_random_markdown():
    rng = random.Random(13)
    for _ in range(20000):
        markdown = random_markdown(rng)
        assert prose(markdown) == line_by_line(markdown), repr(markdown)


@pytest.mark.parametrize("markdown", [
    "See ![a\npicture](p.png) and [a\nlink](x.md).",  # a picture or link cut by a line break
    "<b\n>bold</b> and {: .a\n} and <i>x</i>",
    "- item\n  more\n\n1. one\n2) two",
    "text\n```\ncode\n```\nafter",
    "", "\n", "   \n\t\n",
])
def test_prose_equals_the_line_by_line_reading_across_line_breaks(markdown):
    assert prose(markdown) == line_by_line(markdown)


def test_prose_equals_the_line_by_line_reading_for_every_bundled_lesson():
    assert LESSON_FILES
    for path in LESSON_FILES:
        body = parse(decode(path.read_bytes())).body
        assert prose(body) == line_by_line(body), path
