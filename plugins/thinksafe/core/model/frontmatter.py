"""Reading a lesson file's front matter with the line of every key, loudly on any mistake."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import yaml

from thinksafe.core.problems import Problem

_FENCE = "---"
_BLOCK = re.compile(r"\A---[ \t]*\n.*?^(?:---|\.\.\.)[ \t]*\n", re.S | re.M)
_CLOSERS = ("---", "...")


@dataclass
class FrontMatter:
    data: dict
    key_lines: dict[str, int]
    body: str
    body_line: int  # the file line on which the body starts


class FrontMatterError(Exception):
    def __init__(self, key: str, message: str, expected: str = "", suggestion: str = "",
                 line: int | None = None):
        super().__init__(message)
        self.key, self.message, self.expected = key, message, expected
        self.suggestion, self.line = suggestion, line

    def problem(self, path: str) -> Problem:
        return Problem(path, self.key, self.message, self.expected, self.suggestion, self.line)


def decode(raw: bytes) -> str:
    """The file's text; a file that is not UTF-8 is named, with the place of the first bad byte,
    and so is one holding a NUL character (it would reach the page's HTML)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise FrontMatterError(
            "(file)", f"is not UTF-8 (byte 0x{raw[error.start]:02x} cannot be read)",
            "a file saved as UTF-8", "in your editor choose 'Save with encoding: UTF-8'", line,
        ) from None
    nul = text.find("\0")
    if nul >= 0:
        raise FrontMatterError(
            "(file)", "holds a NUL character (byte 0x00), which is not text",
            "a text file", "delete the character (it may have come from a copy and paste)",
            text.count("\n", 0, nul) + 1)
    return text


# Loads a front matter block's YAML (its text, the file line it starts on) as
# (data, each key's line), or raises FrontMatterError: `load_mapping`, or a cache of it.
MappingLoader = Callable[[str, int], tuple[dict, dict[str, int]]]


def parse(text: str, load: MappingLoader | None = None) -> FrontMatter:
    """Split the `---` block from the body and load it as a YAML mapping (with `load`, when
    given: `load_mapping` or a cache of its results)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != _FENCE:
        raise FrontMatterError(
            "(front matter)", "the file does not start with a front matter block",
            "a first line of '---', then keys such as 'title:', then a line of '---'",
            "add the block at the very top of the file", 1,
        )
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in _CLOSERS), None)
    if end is None:
        raise FrontMatterError(
            "(front matter)", "the front matter block is never closed",
            "a line of '---' after the last key", "add a line '---' after the front matter", 1,
        )
    data, key_lines = (load or load_mapping)("".join(lines[1:end]), 2)
    return FrontMatter(data, key_lines, "".join(lines[end + 1:]), end + 2)


# libyaml's loader when PyYAML has it: the same YAML, several times faster on a big site.
if TYPE_CHECKING:
    _Base = yaml.SafeLoader
else:
    _Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """Dates stay text (`reviewed: 2026-02-30` is then named by the lessons' check, not a
    traceback from YAML's date reader); everything else as YAML reads it."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


# Which YAML reader loads the blocks: its error messages differ from the other's.
LOADER = _Base.__name__


def load_mapping(source: str, first_line: int) -> tuple[dict, dict[str, int]]:
    """A front matter block's mapping and the file line of each key; FrontMatterError on a mistake."""
    loader = _Loader(source)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if not isinstance(node, yaml.MappingNode):
            raise FrontMatterError(
                "(front matter)", "the front matter is not a list of 'key: value' lines",
                "lines such as 'title: Strong passwords'", line=first_line,
            )
        key_lines = _key_lines(node, first_line)
        _refuse_alias_bombs(node, first_line)
        data = loader.construct_document(node)
    except (yaml.YAMLError, ValueError) as error:  # ValueError: a tagged value such as '!!timestamp 2026-02-30'
        mark = getattr(error, "problem_mark", None)
        line = first_line + mark.line if mark else None
        what = getattr(error, "problem", None) or str(error)
        context, start = getattr(error, "context", None), getattr(error, "context_mark", None)
        if context and start and start.line != getattr(mark, "line", None):
            what += f", {context} on line {first_line + start.line}"
        raise FrontMatterError(
            "(front matter)", f"the YAML cannot be read ({what})",
            "valid YAML 'key: value' lines",
            "check quotes, colons and indentation on this line; text with ': ' needs quotes",
            line,
        ) from None
    finally:
        loader.dispose()
    return data, key_lines


_TEXT_TAG = "tag:yaml.org,2002:str"
# More values than any lesson's front matter needs, and few enough to check and report at once.
MAX_VALUES = 10_000


def _refuse_alias_bombs(node: yaml.Node, first_line: int) -> None:
    """Refuse front matter whose aliases (`*name`) repeat so much that it would stand for more
    than MAX_VALUES values ("a billion laughs"): counted on the parsed nodes, each counted once,
    before anything is built from them."""
    sizes: dict[int, int] = {}

    def size(item: yaml.Node) -> int:
        known = sizes.get(id(item))
        if known is not None:
            return known
        sizes[id(item)] = MAX_VALUES + 1  # a node inside itself stands for no end of values
        if isinstance(item, yaml.MappingNode):
            total = 1 + sum(size(k) + size(v) for k, v in item.value)
        elif isinstance(item, yaml.SequenceNode):
            total = 1 + sum(size(v) for v in item.value)
        else:
            total = 1
        sizes[id(item)] = min(total, MAX_VALUES + 1)
        return sizes[id(item)]

    for key_node, value_node in node.value:
        if size(value_node) > MAX_VALUES:
            raise FrontMatterError(
                str(key_node.value)[:40], f"repeats aliases ('*name') until it stands for more than "
                f"{MAX_VALUES:,} values", "plain values, written out",
                "write the value out instead of repeating anchors and aliases",
                first_line + key_node.start_mark.line)


def _key_lines(node: yaml.MappingNode, first_line: int) -> dict[str, int]:
    seen: dict[str, int] = {}
    for key_node, _ in node.value:
        key, line = str(key_node.value), first_line + key_node.start_mark.line
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _TEXT_TAG:
            shown = key if isinstance(key_node, yaml.ScalarNode) and len(key) <= 40 else "this key"
            raise FrontMatterError(
                shown, "is not a setting name (YAML reads it as "
                f"{_KINDS.get(key_node.tag, 'something other than a word')})",
                "a name such as 'title'", "write the setting's name, or put it in quotes", line)
        if key in seen:
            raise FrontMatterError(key, f"is written twice (first on line {seen[key]})",
                                   "each key once", "delete one of the two lines", line)
        seen[key] = line
    return seen


_KINDS = {"tag:yaml.org,2002:null": "nothing (null)", "tag:yaml.org,2002:bool": "true/false",
          "tag:yaml.org,2002:int": "a number", "tag:yaml.org,2002:float": "a number",
          "tag:yaml.org,2002:seq": "a list", "tag:yaml.org,2002:map": "a mapping"}


def split_block(text: str) -> tuple[str, str]:
    """A page's front matter block, untouched (empty if none), and the rest of its text."""
    match = _BLOCK.match(text)
    return (match.group(0), text[match.end():]) if match else ("", text)
