"""Phone numbers a reader can tap: each number in a short text becomes a tel: link."""

from __future__ import annotations

import re
from html import escape

# A number as written for people: digits, perhaps a leading +, spaces between groups
# ("999", "0800 1111", "1800 55 1800", "1-800-422-4453", "+44 20 7946 0000"); "112 or 999"
# holds two.
_NUMBER = re.compile(r"(?<![\w+])\+?\d(?:[\d \-]*\d)?(?!\w)")


def tel_links(text: str) -> str:
    """`text` as HTML, with every phone number in it a tel: link."""
    out, last = [], 0
    for match in _NUMBER.finditer(text):
        number = match.group(0)
        digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
        out += [escape(text[last:match.start()]), f'<a href="tel:{digits}">{escape(number)}</a>']
        last = match.end()
    return "".join(out) + escape(text[last:])

