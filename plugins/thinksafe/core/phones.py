"""Phone numbers a reader can tap: each number in a short text becomes a tel: link."""

from __future__ import annotations

import re
from html import escape

# A number as written for people: digits, perhaps a leading +, spaces between groups
# ("999", "0800 1111", "1800 55 1800", "+44 20 7946 0000"); "112 or 999" holds two.
_NUMBER = re.compile(r"(?<![\w+])\+?\d(?:[\d ]*\d)?(?!\w)")


def tel_links(text: str) -> str:
    """`text` as HTML, with every phone number in it a tel: link."""
    out, last = [], 0
    for match in _NUMBER.finditer(text):
        number = match.group(0)
        digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
        out += [escape(text[last:match.start()]), f'<a href="tel:{digits}">{escape(number)}</a>']
        last = match.end()
    return "".join(out) + escape(text[last:])


_SKIP = re.compile(r"<(a|code|pre|script|style|textarea|title)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")


def numbers_in(*texts: str) -> list[str]:
    """Every phone number written in `texts` ("112 or 999" gives two), longest first."""
    found = {m.group(0) for text in texts for m in _NUMBER.finditer(text or "")}
    return sorted(found, key=len, reverse=True)


def link_numbers(page_html: str, numbers: list[str]) -> str:
    """`page_html` with each of `numbers` in its text a tel: link, except where it already is
    in a link, or in code (which shows what to type, not what to call)."""
    if not numbers:
        return page_html
    # Not part of a longer number: "10,000" holds no "000", "1.999" no "999".
    pattern = re.compile(r"(?<![\w+])(?<![\d][.,])(" + "|".join(re.escape(n) for n in numbers) +
                         r")(?![\w])(?![.,]\d)")

    out, last = [], 0
    for match in _NUMBER.finditer(text):
        number = match.group(0)
        digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
        out += [escape(text[last:match.start()]), f'<a href="tel:{digits}">{escape(number)}</a>']
        last = match.end()
    return "".join(out) + escape(text[last:])


_SKIP = re.compile(r"<(a|code|pre|script|style|textarea|title)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")


def numbers_in(*texts: str) -> list[str]:
    """Every phone number written in `texts` ("112 or 999" gives two), longest first."""
    found = {m.group(0) for text in texts for m in _NUMBER.finditer(text or "")}
    return sorted(found, key=len, reverse=True)


def link_numbers(page_html: str, numbers: list[str]) -> str:
    """`page_html` with each of `numbers` in its text a tel: link, except where it already is
    in a link, or in code (which shows what to type, not what to call)."""
    if not numbers:
        return page_html
    # Not part of a longer number: "10,000" holds no "000", "1.999" no "999".
    pattern = re.compile(r"(?<![\w+])(?<![\d][.,])(" + "|".join(re.escape(n) for n in numbers) +
                         r")(?![\w])(?![.,]\d)")

    def in_text(chunk: str) -> str:
        return _TAG.sub(lambda tag: "\0" + str(len(tags)) + "\0" if tags.append(tag.group(0)) is None else "",
                        chunk)

    out, last = [], 0
    for skipped in _SKIP.finditer(page_html):
        out += [_link_text(page_html[last:skipped.start()], pattern), skipped.group(0)]
        last = skipped.end()
    out.append(_link_text(page_html[last:], pattern))
    return "".join(out)


def _link_text(chunk: str, pattern: re.Pattern) -> str:
    """Numbers linked in the text between the tags of `chunk`; the tags stay as they are."""
    pieces = re.split(r"(<[^>]*>)", chunk)
    for i in range(0, len(pieces), 2):  # even pieces are text, odd ones tags
        pieces[i] = pattern.sub(
            lambda m: f'<a href="tel:{"".join(c for c in m.group(1) if c.isdigit() or c == "+")}">{m.group(1)}</a>',
            pieces[i])
    return "".join(pieces)
