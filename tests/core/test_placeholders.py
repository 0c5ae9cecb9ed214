"""Help placeholders: filled from the active country, code left alone, every mistake named."""

from __future__ import annotations

import pytest

from thinksafe.core.help.placeholders import fill
from thinksafe.core.help.settings import parse_help


def help_for(preset="uk", **changes):
    help, problems = parse_help({"preset": preset, **changes})
    assert problems == []
    return help


@pytest.mark.parametrize("preset, text, expected", [
    ("uk", "Call {{ emergency }}.", "Call [999](tel:999)."),
    ("ie", "Call {{emergency}}.", "Call [112](tel:112) or [999](tel:999)."),
    ("uk", "{{ children_helpline }} on {{ children_helpline.phone }}",
     "Childline on [0800 1111](tel:08001111)"),
    ("au", "{{ children_helpline.url }}", "[kidshelpline.com.au](https://kidshelpline.com.au/)"),
    ("us", "Tell {{ report }}: {{ report.url }}", "Tell NCMEC CyberTipline: [report.cybertip.org](https://report.cybertip.org/)"),
    ("uk", "in {{ country }}", "in the United Kingdom"),
    ("uk", "{{ professionals_helpline | your local safeguarding team }}", "your local safeguarding team"),
    ("us", "{{ adults_helpline.phone }}", "[1-800-422-4453](tel:18004224453)"),
])
def test_placeholders_are_filled_from_the_active_country(preset, text, expected):
    filled, problems = fill(text, help_for(preset))
    assert (filled, problems) == (expected, [])


def test_code_is_left_alone():
    text = "Write `{{ emergency }}` like this:\n\n```\n{{ emergency }}\n```\n\nThen {{ emergency }}.\n"
    filled, problems = fill(text, help_for())
    assert problems == []
    assert filled == "Write `{{ emergency }}` like this:\n\n```\n{{ emergency }}\n```\n\nThen [999](tel:999).\n"


def test_unknown_placeholder_names_file_line_and_did_you_mean():
    _, problems = fill("One.\nCall {{ childrens_helpline.phone }}.\n", help_for(), "content/x.md", 5)
    assert len(problems) == 1
    text = str(problems[0])
    assert text.startswith("content/x.md:6: {{ childrens_helpline.phone }}: unknown help placeholder")
    assert "did you mean 'children_helpline.phone'?" in text


def test_a_missing_fact_without_fallback_names_the_setting():
    _, problems = fill("Text {{ children_helpline.text }}.", help_for("uk"), "content/x.md")
    assert "plugins.thinksafe.help.services.childline.text" in str(problems[0])
    filled, problems = fill("Text {{ children_helpline.text | them online }}.", help_for("uk"))
    assert (filled, problems) == ("Text them online.", [])
    _, problems = fill("{{ professionals_helpline }}", help_for("uk"), "content/x.md")
    assert "plugins.thinksafe.help.roles.professionals_helpline" in str(problems[0])
