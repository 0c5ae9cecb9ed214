"""Help settings: the four presets, the owner's changes, every mistake named, and plain words."""

from __future__ import annotations

import re

import pytest
import textstat

from thinksafe.core.helpconfig import PRESETS, parse_help
from thinksafe.core.helppage import children_part, help_markdown


def test_uk_is_the_default_with_the_official_services():
    help, problems = parse_help(None)
    assert problems == [] and help.preset == "uk"
    assert help.emergency == "999"
    assert help.report.url == "https://www.ceop.police.uk/Safety-Centre/"
    assert help.report.anonymous is False and "bullying" in help.report.not_for
    assert {h.name: h.phone for h in help.helplines} == {"Childline": "0800 1111",
                                                         "NSPCC Helpline": "0808 800 5000"}
    assert [h.audience for h in help.helplines] == ["children", "adults"]


@pytest.mark.parametrize("preset, emergency, report_url, phone", [
    ("au", "000", "https://www.esafety.gov.au/report", "1800 55 1800"),
    ("us", "911", "https://report.cybertip.org/", "1-800-843-5678"),
    ("ie", "112 or 999", "https://hotline.ie/report", "1800 66 66 66"),
])
def test_other_presets(preset, emergency, report_url, phone):
    help, problems = parse_help({"preset": preset})
    assert problems == []
    assert (help.emergency, help.report.url) == (emergency, report_url)
    assert phone in [h.phone for h in help.helplines]


def test_owner_overrides_and_extends_any_field():
    help, problems = parse_help({
        "preset": "uk",
        "exit_url": "https://www.google.co.uk/",
        "report": {"name": "Our local team"},
        "helplines": [{"id": "childline", "hours": "Every day"},
                      {"id": "local", "name": "Local line", "audience": "adults",
                       "who": "parents in our town", "phone": "01234 567890"},
                      {"id": "nspcc", "remove": True}],
    })
    assert problems == []
    assert help.exit_url == "https://www.google.co.uk/" and help.report.name == "Our local team"
    assert help.report.url == PRESETS["uk"]["report"]["url"]
    assert [(h.id, h.hours) for h in help.helplines][0] == ("childline", "Every day")
    assert [h.id for h in help.helplines] == ["childline", "local"]


@pytest.mark.parametrize("raw, key, words", [
    ({"preset": "uk2"}, "help.preset", "did you mean 'uk'?"),
    ({"exit_url": "http://example.org/"}, "help.exit_url", "starting with https://"),
    ({"report": {"url": ""}}, "help.report.url", "starting with https://"),
    ({"emergency": ""}, "help.emergency", "the number to call"),
    ({"helplines": [{"id": "childline", "phone": "", "url": ""}]}, "help.helplines[0].phone", "is empty"),
    ({"helplines": [{"id": "x", "name": "X", "who": "y", "audience": "kids", "phone": "1"}]},
     "help.helplines[0].audience", "'children' or 'adults'"),
    ({"exit": "https://x.org/"}, "help.exit", "did you mean 'exit_url'?"),
])
def test_bad_help_settings_are_named(raw, key, words):
    help, problems = parse_help(raw)
    assert help is None
    assert any(p.key == f"plugins.thinksafe.{key}" and words in str(p) for p in problems), \
        [str(p) for p in problems]


@pytest.mark.parametrize("preset", list(PRESETS))
def test_childrens_part_reads_at_the_8_to_10_level(preset):
    help, _ = parse_help({"preset": preset})
    text = re.sub(r"<[^>]+>", " ", children_part(help))
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= 5, (preset, grade)


def test_page_puts_danger_first_and_keeps_author_words_and_front_matter():
    help, _ = parse_help(None)
    page = help_markdown(help, "---\ntitle: Help\n---\nOur school's own words.\n")
    assert page.startswith("---\ntitle: Help\n---\n<div class=\"ts-emergency\"")
    assert page.index("call 999") < page.index("Our school's own words.") < page.index("## If you are a child")
    assert "does not delete this site from your browser's history" in page
    assert "It is not secret who sent it" in page  # CEOP reports are not anonymous
