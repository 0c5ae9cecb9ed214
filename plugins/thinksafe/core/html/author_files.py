"""HTML files an author publishes as they are (worksheets): read in their own encoding, and
changed only by what the site inserts, written back in that same encoding.

Word's "Save as Web Page" writes windows-1252 with a `<meta charset>` naming it; other tools
write UTF-16 with a byte-order mark. Reading such a file as UTF-8 and writing it back would
replace "Café “quotes”" with U+FFFD; so the encoding is found as a browser finds it (byte-order
mark, then a `<meta>` charset near the top, else UTF-8), the site's insertions are encoded in it,
and every byte of the author's stays as it was. A file that cannot be read in the encoding it
names (or, naming none, is not UTF-8) is refused with a message naming the file.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from thinksafe.core.problems import Problem

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# As browsers do (the HTML standard's prescan), the first 1024 bytes are searched for a charset.
_PRESCAN = 1024
_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
# A page that names UTF-16 in a <meta> but has no byte-order mark is read by browsers as UTF-8.
_MARK_ONLY = {"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}


class AuthorHtmlError(Exception):
    """The file cannot be read in its own encoding; carries what to tell the author."""

    def __init__(self, message: str, expected: str, suggestion: str):
        super().__init__(message)
        self.message, self.expected, self.suggestion = message, expected, suggestion

    def problem(self, path: str) -> Problem:
        return Problem(path, "(encoding)", self.message, self.expected, self.suggestion)


def encoding_of(data: bytes) -> tuple[str, int]:
    """The Python codec a browser would read `data` with, and the length of its byte-order mark."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    found = _CHARSET.search(data[:_PRESCAN])
    if found:
        name = found.group(1).decode("ascii").lower()
        try:
            codec = codecs.lookup(_WHATWG.get(name, name)).name
        except LookupError:
            raise AuthorHtmlError(f"names the character set '{name}', which is not one this site "
                                  "can read", "a file saved as UTF-8 (or in the character set it "
                                  "names)", "save it as UTF-8 ('Web Options' > 'Encoding' in Word)") from None
        return ("utf-8" if codec.replace("_", "-") in _MARK_ONLY else codec), 0
    return "utf-8", 0


def read_author_html(data: bytes) -> tuple[str, str, int]:
    """The file's text, its codec and the length of its byte-order mark; AuthorHtmlError when
    its bytes are not text in that encoding, or would not be written back byte for byte."""
    codec, mark = encoding_of(data)
    try:
        text = data[mark:].decode(codec)
    except UnicodeDecodeError as error:
        bad = mark + error.start
        # Lines are counted in bytes: not in UTF-16, where a newline is two.
        line = data[:bad].count(b"\n") + 1
        where = "" if codec.startswith("utf-16") else f" on line {line}"
        named = mark or _CHARSET.search(data[:_PRESCAN])
        shown = "UTF-8" if codec == "utf-8" else codec
        raise AuthorHtmlError(
            f"is not {shown} as it says (byte 0x{data[bad]:02x}{where} cannot be read)" if named else
            f"is not UTF-8 and does not say which character set it is in (byte 0x{data[bad]:02x}"
            f"{where} cannot be read)",
            "a file saved as UTF-8, or one whose <meta charset> names its character set",
            "save it as UTF-8, or add <meta charset=\"windows-1252\"> (or its own) near the top") from None
    if text.encode(codec) != data[mark:]:  # a stateful or ambiguous encoding: not kept byte for byte
        raise AuthorHtmlError(f"is in {codec}, which this site cannot keep unchanged",
                              "a file saved as UTF-8", "save it as UTF-8")
    return text, codec, mark


def insert_into_author_html(data: bytes, insert: Callable[[str], str]) -> bytes:
    """`data` with what `insert` adds to its text (only adds: the help bar, the policy), the
    additions encoded in the file's own encoding (as character references where it has no such
    character); AuthorHtmlError when the file cannot be read in its own encoding."""
    text, codec, mark = read_author_html(data)
    changed = insert(text)
    return data[:mark] + changed.encode(codec, errors="xmlcharrefreplace")


def author_html_problems(path: str, data: bytes) -> list[Problem]:
    """The file's encoding problem, if any (checked before the build writes anything)."""
    try:
        read_author_html(data)
    except AuthorHtmlError as error:
        return [error.problem(path)]
    return []


HTML_ENDINGS = (".html", ".htm")


def published_html_problems(docs_dir: Path, files: Iterable[str], shown_as: str) -> list[Problem]:
    """Every HTML file of the content folder (published as it is, with the help bar added) that
    cannot be read in its own encoding; `files` as `Content.files` lists them."""
    problems = []
    for src in sorted(files):
        if not src.lower().endswith(HTML_ENDINGS):
            continue
        shown = f"{shown_as}/{src}"
        try:
            data = (Path(docs_dir) / src).read_bytes()
        except OSError as error:
            problems.append(Problem(shown, "(file)", f"cannot be read ({error.strerror or error})",
                                    "a file this site can read", "check the file's permissions"))
            continue
        problems += author_html_problems(shown, data)
    return problems


# Labels the HTML standard maps to another encoding than Python's codec of the same name: a page
# that says 'iso-8859-1' or 'ascii' is read by every browser as windows-1252.
_WHATWG = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
           "l1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252", "x-cp1252": "cp1252",
           "iso-8859-9": "cp1254", "latin5": "cp1254", "iso-8859-11": "cp874", "tis-620": "cp874",
           "x-sjis": "shift_jis", "gb2312": "gbk", "x-gbk": "gbk", "unicode": "utf-16-le",
           "x-user-defined": "cp1252"}
