"""Prose naming another country's help is a warning with file and line; code and this country's help are not."""

from __future__ import annotations

import pytest

from thinksafe.core.help.other_country import _terms_and_needles, problems_in, terms
from thinksafe.core.help.settings import parse_help


def found(preset: str, text: str) -> list[str]:
    help, _ = parse_help({"preset": preset})
    return [p.message.split("'")[1] for p in problems_in([("content/x.md", text, 3)], help)]


@pytest.mark.parametrize("preset, text, words", [
    ("au", "If anyone is in danger, call 999.", ["999"]),
    ("au", "Talk to Childline on 0800 1111.", ["0800 1111", "Childline"]),
    ("uk", "Kids Helpline is on 1800 55 1800.", ["1800 55 1800", "Kids Helpline"]),
    ("uk", "Call the police on 911 now.", ["911"]),
    ("us", "Report it to CEOP.", ["CEOP"]),
    ("ie", "Ring 0808-800-5000.", ["0808 800 5000"]),
])
def test_another_countrys_help_is_found(preset, text, words):
    assert sorted(found(preset, text)) == sorted(words)


@pytest.mark.parametrize("preset, text", [
    ("ie", "Call 999 or talk to Childline."),  # Ireland's too
    ("uk", "Call 999, or Childline on 0800 1111."),
    ("au", "There are 10,000 lessons; see Privacy 101 and page 911."),  # not phone numbers
    ("au", "Write `call 999` in code."),
    ("au", "```\ncall 999\n```"),
    ("au", "See [the service](https://www.childline.org.uk/)."),  # an address is not prose
])
def test_this_countrys_help_and_code_are_not_warned(preset, text):
    assert found(preset, text) == []


def test_the_warning_names_file_line_and_the_fix():
    help, _ = parse_help({"preset": "au"})
    problem = problems_in([("content/x.md", "First line.\nCall 999.\n", 3)], help)[0]
    assert problem.severity == "warning" and problem.location == "content/x.md:4"
    assert "'uk' preset" in str(problem) and "{{ emergency }}" in str(problem)


@pytest.mark.parametrize("preset", ["au", "uk", "us", "ie"])
def test_every_other_countrys_term_is_found_past_the_line_filter(preset):
    """The line filter looks for each term's longest piece: a line naming any term, a number
    written with spaces or hyphens too, is still read and warned of."""
    help, _ = parse_help({"preset": preset})
    for word, _preset, _pattern in terms(help):
        number = all(c.isdigit() or c in " -" for c in word)
        for spelling in {word, word.replace(" ", "-"), word.replace("-", " ")} if number else {word}:
            assert word in found(preset, f"Talk to them: call {spelling} today."), spelling


@pytest.mark.parametrize("preset", ["au", "uk", "us", "ie"])
def test_the_line_filter_passes_over_common_words_and_digits(preset):
    """A term's first piece may be a common word or digit ("An" of "An Garda Síochána", "1" of
    "1-800-422-4453"); its longest is not, so most lines are not read further."""
    help, _ = parse_help({"preset": preset})
    in_line = _terms_and_needles(help)[1]
    assert in_line.search("An older cousin said 1 thing to 2 friends at 10.") is None
