"""Python-Markdown's block step without asking a block processor about a block it cannot take.

Markdown asks its block processors, in turn, whether each takes the next block of a page
(`test`), until one does: an admonition, a heading, an underlined heading, a rule, a quote and
a table are looked for in every paragraph, by a regular expression each (and, for an
admonition, a look at the page so far), about a tenth of a lesson's conversion. Most
paragraphs hold none of the characters these need. Each processor below cannot take a block
that holds none of the texts listed (every match of its expression holds one; a table's first
row has a `|`; an admonition's continuation is indented, and one still open is noted on the
processor), and its `test` then changes nothing (the rule's match and the table's borders are
noted for its `run`, which only follows a "yes"). So such a block gets "no" at once, as its
own `test` would answer.

A processor is asked this way only when it is of exactly Python-Markdown's class and its
`test` (with what it calls) and expression are the ones read here, by the SHA-256 of their
source: another version, a subclass or an extension's change leaves it asked as Markdown asks.
The HTML is Markdown's own, always (tests/adapter/test_block_tests.py).
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import re
from collections.abc import Callable
from typing import Any

from markdown import Markdown, blockprocessors
from markdown.extensions import admonition, tables

# Each class → what its `test` reads (methods and the expression's attribute), the SHA-256 of
# their source as Python-Markdown 3.11 has it, and the texts one of which a block it takes holds.
_KNOWN: dict[type, tuple[tuple[str, ...], str, tuple[str, ...]]] = {
    blockprocessors.HashHeaderProcessor: (
        ("test", "RE"), "9e4a974be6edf6a436ad02a5fc24706c5227f7dd8ab7d5c8ebd07f700efc26fb", ("#",)),
    blockprocessors.SetextHeaderProcessor: (
        ("test", "RE"), "d4dd215377a31dbc24b45c52561397b81638304326c933e51a631d5e0c13e82d", ("\n=", "\n-")),
    blockprocessors.HRProcessor: (
        ("test", "SEARCH_RE"), "31eeac54fdd9b58c4b4c6c7a365360c0ab15f5a3087466c48a59bbc05feb323c", ("-", "_", "*")),
    blockprocessors.BlockQuoteProcessor: (
        ("test", "RE"), "ffca01fe1e0e1f7f97da0279eaea1b2ea05208058378323ac907c0053c1e8a75", (">",)),
    tables.TableProcessor: (
        ("test", "_split_row", "_split", "RE_END_BORDER"),
        "dd78a0ec23c63ac1bf9eedb6722b5c6790c2dda67f3acce77169d417f2b76a8c", ("|",)),
    admonition.AdmonitionProcessor: (
        ("test", "parse_content", "RE"), "64e581a57d25a9956a77732c542b21b7293817be0aa1c2887bc11b0611fb9745", ("!!!",)),
}


def source_sha256(kind: type, names: tuple[str, ...]) -> str:
    """The SHA-256 of what `kind`'s `names` are: each method's source, each expression's text and flags."""
    parts = []
    for name in names:
        value = getattr(kind, name)
        if isinstance(value, re.Pattern):
            parts.append(f"{name} = re.compile({value.pattern!r}, {value.flags})\n")
        else:
            parts.append(inspect.getsource(value))
    return hashlib.sha256("".join(parts).encode("utf-8")).hexdigest()


@functools.cache
def _needs(kind: type) -> tuple[str, ...] | None:
    """The texts one of which a block `kind` takes must hold; None: not known (asked as Markdown asks)."""
    known = _KNOWN.get(kind)
    if known is None:
        return None
    names, sha256, texts = known
    try:
        return texts if source_sha256(kind, names) == sha256 else None
    except (AttributeError, OSError, TypeError):  # no source to read (a frozen install): not known
        return None


Test = Callable[[Any, str], bool]  # a block processor's `test(parent, block)`


def _asking_only(test: Test, texts: tuple[str, ...]) -> Test:
    def asked(parent, block: str) -> bool:
        for text in texts:
            if text in block:
                return test(parent, block)
        return False
    return asked


def _admonition_asking_only(processor: admonition.AdmonitionProcessor) -> Test:
    # Without '!!!' a block starts no admonition; it continues one only when one is open
    # (`current_sibling`) or when it is indented (`parse_content` says no otherwise, changing nothing).
    test = processor.test

    def asked(parent, block: str) -> bool:
        if "!!!" in block or processor.current_sibling is not None or block.startswith(" " * processor.tab_length):
            return test(parent, block)
        return False
    return asked


def install(md: Markdown) -> None:
    """Give each of `md`'s block processors whose answers are known the `test` that answers "no"
    at once to a block without what it needs."""
    for processor in md.parser.blockprocessors:
        kind: type = type(processor)  # a class, hashable, as _needs's cache needs
        texts = _needs(kind)
        if texts is None or "test" in vars(processor):  # unknown, or its test replaced already
            continue
        if isinstance(processor, admonition.AdmonitionProcessor):
            asked = _admonition_asking_only(processor)
        else:
            asked = _asking_only(processor.test, texts)
        setattr(processor, "test", asked)  # noqa: B010 (the instance's own, as Markdown calls it)
