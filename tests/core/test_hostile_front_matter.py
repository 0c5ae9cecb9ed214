"""Front matter an attacker (or an accident) writes ends in a message, quickly and briefly."""

from __future__ import annotations

import pytest

from thinksafe.core.model import frontmatter
from thinksafe.core.problems import describe, shown

BOMB = "\n".join(["a: &a [x, x, x, x, x, x, x, x, x]"] +
                 [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)] +
                 ["title: *i"])


def test_an_alias_bomb_is_refused_at_once_naming_the_key_and_line():
    # Built, the title would be 9**9 items (the test would not end); it is counted on the nodes.
    with pytest.raises(frontmatter.FrontMatterError) as error:
        frontmatter.parse(f"---\n{BOMB}\n---\nWords.\n")
    assert "repeats aliases" in str(error.value.message)
    assert error.value.key == "e" and error.value.line == 6  # the first key past the limit


def test_a_few_aliases_are_fine():
    parsed = frontmatter.parse("---\na: &a [x, y]\nb: *a\n---\nWords.\n")
    assert parsed.data["b"] == ["x", "y"]


@pytest.mark.parametrize("key, words", [("~", "nothing (null)"), ("1", "a number"), ("true", "true/false"),
                                        ("[a, b]", "a list")])
def test_a_key_that_is_not_text_is_named_with_its_line(key, words):
    with pytest.raises(frontmatter.FrontMatterError) as error:
        frontmatter.parse(f"---\ntitle: T\n{key}: c\n---\nWords.\n")
    assert error.value.line == 3 and words in error.value.message


def test_a_nul_character_is_refused_with_its_line():
    with pytest.raises(frontmatter.FrontMatterError) as error:
        frontmatter.decode(b"---\ntitle: T\n---\nWords\x00 here.\n")
    assert error.value.line == 4 and "NUL" in error.value.message


def test_a_huge_value_is_quoted_briefly_without_being_built():
    nested: list = ["x"] * 10
    for _ in range(30):
        nested = [nested] * 10  # 10**31 items by reference: repr would never end
    text = describe(nested)
    assert len(text) < 120 and text.endswith("…")
    assert len(shown("y" * 10**6)) < 80
    assert "about 5,001 digits" in shown(10 ** 5000)
    assert shown(["a", 1]) == "['a', 1]"
