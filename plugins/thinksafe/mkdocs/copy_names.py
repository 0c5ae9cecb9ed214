"""MkDocs's own messages about a lesson's copy also name the lesson's file, which is what a
maintainer can open: `Doc file '8-10/a.md' (the copy of content/lessons/kids/a.md) …`."""

from __future__ import annotations

import logging

_PAGES = logging.getLogger("mkdocs.structure.pages")  # where MkDocs reports links that lead nowhere
_START = "Doc file '"


class CopyNames(logging.Filter):
    """Adds the lesson's file to each message about one of its copies; never drops a message."""

    def __init__(self) -> None:
        super().__init__()
        self.copies: dict[str, str] = {}  # copy path in the site → the lesson's file, as shown

    def filter(self, record: logging.LogRecord) -> bool:
        if self.copies and isinstance(record.msg, str) and record.msg.startswith(_START):
            src = record.msg[len(_START):].split("'", 1)[0]
            if src in self.copies:
                named = f"{_START}{src}' (the copy of {self.copies[src]})"
                record.msg = named + record.msg[len(_START) + len(src) + 1:]
        return True


NAMES = CopyNames()


def name_copies(copies: dict[str, str]) -> None:
    """From now on, name each copy's lesson file (`copies`: copy path → file) in MkDocs's messages."""
    NAMES.copies = copies
    if NAMES not in _PAGES.filters:
        _PAGES.addFilter(NAMES)
