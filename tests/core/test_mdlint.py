"""The accessibility lint: what it finds, word for word, and the shortcuts that make it quick."""

from __future__ import annotations

import random

import pytest

from thinksafe.core.checks import mdlint
from thinksafe.core.checks.mdlint import Finding, lint

NO_ALT = ("(image)", "has no alt text", "a few words saying what it shows",
          "write them between the brackets: ![A padlock on a phone](…)")
NO_ALT_ATTRIBUTE = ("(image)", "an <img> has no alt attribute", "alt=\"what it shows\"",
                    "add alt=\"…\" (alt=\"\" if it is only decoration)")


def vague(text):
    return ("(link text)", f"'{text}' does not say where the link goes", "link text that makes sense on its own",
            "name the destination, e.g. [Childline's website](…)")


def bare(address):
    return ("(link text)", f"a bare web address ('{address}') is the link text", "words a screen reader can say",
            "name the destination instead")


def autolink(address):
    return ("(link text)", f"a bare web address ('{address}') is the link text", "words a screen reader can say",
            "write [what it is](address) instead")


def jump(level, new):
    return ("(heading)", f"jumps from level {level} to level {new}",
            f"a level-{level + 1} heading ({'#' * (level + 1)}) here",
            f"use {'#' * (level + 1)}, or add the missing level above it")


def found(markdown, first_line=1, top_level=1):
    return [(f.line, f.key, f.message, f.expected, f.suggestion) for f in lint(markdown, first_line, top_level)]


def test_every_finding_of_one_line_word_for_word_and_in_order():
    line = '<https://a.org> [Click here!](x.md) <IMG SRC="p.png"> ![ ](b.png) [www.b.org](https://b.org)'
    assert found(line, first_line=4) == [(4, *NO_ALT), (4, *NO_ALT_ATTRIBUTE), (4, *vague("Click here!")),
                                         (4, *bare("www.b.org")), (4, *autolink("https://a.org"))]


def test_a_heading_that_skips_a_level_is_found_before_the_links_on_its_line():
    assert found("#### See [here](x.md)", top_level=1) == [(1, *jump(1, 4)), (1, *vague("here"))]


@pytest.mark.parametrize("line", ["#hashtag", "####### seven", " ## indented", "#", "#\t", "text ## not"])
def test_what_is_not_a_heading(line):
    assert found(line + "\n#### Deep", top_level=1) == [(2, *jump(1, 4))]  # the level is still the title's


@pytest.mark.parametrize("fence", ["```", "~~~", "```python", "   ```", "\t~~~", "\u00a0```", "\u3000~~~ js"])
def test_fenced_code_is_left_out_whatever_its_fence(fence):
    body = (f"[here](a.md)\n{fence}\n![](in-code.png) [here](b.md) #### Deep\n#### Deep\n{fence.strip()}\n"
            "![](after.png)")
    assert found(body) == [(1, *vague("here")), (6, *NO_ALT)]


@pytest.mark.parametrize("line", ["text ``` more", "`inline` code", "a ~~strike~~ b", "~~ two", "`` ` ``"])
def test_a_fence_mark_inside_a_line_opens_no_code(line):
    assert found(f"{line}\n![](p.png)") == [(2, *NO_ALT)]


def test_lines_are_counted_as_python_splits_them():
    body = "one\r\ntwo\rthree\u2028four\x0cfive\x85![](p.png)\n"
    assert found(body, first_line=10) == [(15, *NO_ALT)]


@pytest.mark.parametrize("line", [
    "![A padlock](p.png)", '<img src="p.png" alt="">', "<IMG ALT='x' src=p.png>", "[Childline's website](x)",
    "a < b and c > d", "[here]", "[here] (x.md)", "![] (x)", "text](x) only", "<b>bold</b>", "<http://no space>",
])
def test_what_is_not_a_finding(line):
    assert found(line) == []


def test_findings_are_findings():
    [finding] = lint("![](p.png)", first_line=3)
    assert finding == Finding(3, *NO_ALT)


# The shortcuts: a line passes a pattern by only when it lacks what the pattern needs. Were a
# pattern changed to match without it, these would find the line it would be skipped on.

PIECES = ["```", "~~~", "``", "~", "`", "#", "##", "####", "#######", " ", "\t", "\u00a0", "\u3000", "x", "word",
          "![", "!", "[", "]", "(", ")", "](", "] (", "<", ">", "<img", "<IMG", "img", " alt=", "src=a",
          "<https://x.org>", "https://x.org", "www.x.org", "here", "click here", "Read more.", "\\"]


def lines(count=20000, seed=7):
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12))) for _ in range(count)]


def test_a_fence_always_has_three_backticks_or_tildes():
    for line in lines():
        if mdlint._FENCE.match(line):
            assert "```" in line or "~~~" in line, line


def test_a_heading_always_starts_with_a_hash():
    for line in lines():
        if mdlint._HEADING.match(line):
            assert line[:1] == "#", line


def test_an_image_or_link_always_has_a_bracket_and_parenthesis_or_an_angle_bracket():
    hits = 0
    for line in lines():
        for pattern, needs in [(mdlint._IMAGE, "!["), (mdlint._LINK, "]("), (mdlint._HTML_IMAGE, "<"),
                               (mdlint._AUTOLINK, "<")]:
            if pattern.search(line):
                hits += 1
                assert needs in line and ("](" in line or "<" in line), (pattern.pattern, line)
    assert hits > 1000  # the lines do exercise the patterns
