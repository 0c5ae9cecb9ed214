"""Prose naming another country's help is a warning with file and line; code and this country's help are not."""

from __future__ import annotations

import pytest

from thinksafe.core.help.other_country import problems_in
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
