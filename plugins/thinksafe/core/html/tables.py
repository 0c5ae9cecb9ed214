"""Tables that a phone can read: each body cell is labelled with its column's heading.

On a narrow screen the stylesheet (theme/assets/thinksafe.css) shows each row of a labelled
table as a block of "heading: value" lines instead of a row that scrolls sideways, so a
seven-column helpline table is read on a 320 px phone without scrolling (WCAG 1.4.10).
The labels are added when the page is built, so this works with JavaScript off.
"""

from __future__ import annotations

import html
import re

_TABLE = re.compile(r"<table\b[^>]*>.*?</table\s*>", re.S | re.I)
_HEAD = re.compile(r"<thead\b[^>]*>(.*?)</thead\s*>", re.S | re.I)
_BODY = re.compile(r"<tbody\b[^>]*>.*?</tbody\s*>", re.S | re.I)
_ROW = re.compile(r"<tr\b[^>]*>.*?</tr\s*>", re.S | re.I)
_CELL = re.compile(r"<(t[hd])\b([^>]*)>(.*?)</t[hd]\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_OPEN = re.compile(r"<table\b", re.I)
_LABELLED = "data-ts-stack"


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _label_row(row: str, headings: list[str]) -> str:
    column = iter(headings)

    def label(cell: re.Match) -> str:
        tag, attributes, inner = cell.groups()
        heading = next(column, "")
        if tag.lower() == "th" or not heading or "colspan" in attributes.lower():
            return cell.group(0)  # a row's own heading needs no label; a wide cell has none
        return f'<{tag}{attributes} data-label="{html.escape(heading)}">{inner}</{tag}>'

    return _CELL.sub(label, row)


def _label_table(table: str) -> str:
    if "data-label" in table:
        return table  # labelled by whoever made it, with its own layout
    head = _HEAD.search(table)
    if not head or "colspan" in head.group(1).lower() or len(_ROW.findall(head.group(1))) != 1:
        return table  # no single row of headings to name the cells by: left as it is
    headings = [_text(cell.group(3)) for cell in _CELL.finditer(head.group(1))]
    if len(headings) < 2:
        return table
    body = _BODY.search(table)
    if not body:
        return table
    labelled = _ROW.sub(lambda row: _label_row(row.group(0), headings), body.group(0))
    table = table[:body.start()] + labelled + table[body.end():]
    return _OPEN.sub(lambda tag: f"{tag.group(0)} {_LABELLED}", table, count=1)


def stackable_tables(page_html: str) -> str:
    """`page_html` with every table that has one row of column headings ready to stack."""
    if "<table" not in page_html:
        return page_html
    return _TABLE.sub(lambda match: _label_table(match.group(0)), page_html)
