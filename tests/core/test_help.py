"""Help settings: the four presets as data, the owner's changes, every mistake named, plain words."""

from __future__ import annotations

import datetime
import re

import pytest
import textstat

from thinksafe.core.help.page import SITUATION_TEXT, adults_part, child_card, help_markdown, situation_part
from thinksafe.core.help.settings import PRESET_IDS, SITUATIONS, parse_help, stale_facts


def test_uk_is_the_default_with_the_official_services():
    help, problems = parse_help(None)
    assert problems == [] and help.preset == "uk"
    assert help.emergency == "999"
    assert help.report.url == "https://www.ceop.police.uk/Safety-Centre/"
    assert (help.box("children").name, help.box("children").phone) == ("Childline", "0800 1111")
    assert (help.box("adults").name, help.box("adults").phone) == ("NSPCC Helpline", "0808 800 5000")


@pytest.mark.parametrize("preset, emergency, child_line, adult_line", [
    ("au", "000", "1800 55 1800", "ACCCE"),
    ("us", "911", "1-800-422-4453", "Childhelp"),
    ("ie", "112 or 999", "1800 66 66 66", "Garda"),
])
def test_other_presets(preset, emergency, child_line, adult_line):
    help, problems = parse_help({"preset": preset})
    assert problems == []
    assert help.emergency == emergency
    assert help.box("children").phone == child_line and adult_line in help.box("adults").name


@pytest.mark.parametrize("preset", PRESET_IDS)
def test_boxes_never_cross(preset):
    help, _ = parse_help({"preset": preset})
    assert "children" in help.box("children").groups and help.box("children").kind == "helpline"
    assert "adults" in help.box("adults").groups
    for situation in SITUATIONS:
        group = "adults" if situation == "for-adults" else "children"
        assert all(group in s.groups for s in help.situation(situation)), situation


def test_ncmec_is_never_offered_as_someone_to_talk_to():
    help, _ = parse_help({"preset": "us"})
    assert help.services["cybertipline"].kind == "report"
    assert all("NCMEC" not in s.name for s in help.helplines)


def test_owner_changes_a_fact_adds_a_service_and_routes_a_situation():
    help, problems = parse_help({
        "preset": "uk", "exit_url": "https://www.google.co.uk/",
        "services": {"childline": {"hours": "Every day"},
                     "local": {"kind": "helpline", "for": ["adults"], "name": "Town line",
                               "who": "parents in our town", "phone": "01234 567890"},
                     "report-harmful-content": {"remove": True}},
        "situations": {"bullying": ["childline"], "for-adults": ["local", "nspcc"]},
        "roles": {"adults_helpline": "local"},
    })
    assert problems == [], [str(p) for p in problems]
    assert help.services["childline"].hours == "Every day"
    assert help.services["childline"].phone == "0800 1111"  # other facts kept
    assert "report-harmful-content" not in help.services
    assert [s.id for s in help.situation("for-adults")] == ["local", "nspcc"]
    assert help.box("adults").name == "Town line"


@pytest.mark.parametrize("raw, key, words", [
    ({"preset": "uk2"}, "help.preset", "did you mean 'uk'?"),
    ({"exit_url": "http://example.org/"}, "help.exit_url", "starting with https://"),
    ({"emergency": ""}, "help.emergency", "the number to call"),
    ({"situations": {"bulying": ["childline"]}}, "help.situations.bulying", "did you mean 'bullying'?"),
    ({"situations": {"bullying": ["childlin"]}}, "help.situations.bullying", "did you mean 'childline'?"),
    ({"situations": {"bullying": ["nspcc"]}}, "help.situations.bullying", "not a service for children"),
    ({"situations": {"for-adults": ["childline"]}}, "help.situations.for-adults", "not a service for adults"),
    ({"roles": {"children_helpline": "nspcc"}}, "help.roles.children_helpline", "never cross"),
    ({"roles": {"adults_helpline": "childline"}}, "help.roles.adults_helpline", "never cross"),
    ({"roles": {"children_helpline": "ceop"}}, "help.roles.children_helpline", "not a helpline"),
    ({"roles": {"report": "ceopp"}}, "help.roles.report", "did you mean 'ceop'?"),
    ({"services": {"nspcc": {"remove": True}}}, "help.roles.adults_helpline", "names no service"),
    ({"services": {"x": {"kind": "helpline", "for": ["kids"], "name": "X", "who": "y", "phone": "1"}}},
     "help.services.x.for", "'children' and/or 'adults'"),
    ({"services": {"childline": {"phone": "", "url": ""}}}, "help.services.childline.phone", "is empty"),
    ({"services": {"childline": {"contacts_you": "maybe"}}}, "help.services.childline.contacts_you", "'yes'"),
    ({"helplines": []}, "help.helplines", "no longer a setting"),
    ({"exit": "https://x.org/"}, "help.exit", "did you mean 'exit_url'?"),
    ({"max_fact_age_months": 0}, "help.max_fact_age_months", "1 or more"),
])
def test_bad_help_settings_are_named(raw, key, words):
    help, problems = parse_help(raw)
    assert help is None
    assert any(p.key == f"plugins.thinksafe.{key}" and words in str(p) for p in problems), \
        [str(p) for p in problems]


def test_a_site_with_children_needs_a_childrens_service():
    help, problems = parse_help({"roles": {"children_helpline": None}}, needs=("children",))
    assert help is None
    help, problems = parse_help({"preset": "uk", "services": {"childline": {"remove": True}},
                                 "situations": {s: ["ceop"] for s in SITUATION_TEXT}},
                                needs=("children", "adults"))
    assert any(p.key == "plugins.thinksafe.help.roles.children_helpline" for p in problems), problems


def _text(html: str) -> str:
    """What a reader reads, each paragraph and list item a sentence of its own."""
    return re.sub(r"<[^>]+>", " ", re.sub(r"</(p|li)>", ". </\\1>", html)).replace("..", ".")


@pytest.mark.parametrize("preset", PRESET_IDS)
@pytest.mark.parametrize("situation", list(SITUATION_TEXT))
def test_each_childrens_part_reads_at_the_8_to_10_level(preset, situation):
    help, _ = parse_help({"preset": preset})
    grade = textstat.flesch_kincaid_grade(_text(situation_part(help, situation)))
    assert grade <= 5, (preset, situation, grade)


@pytest.mark.parametrize("preset", PRESET_IDS)
def test_what_happens_after_a_report_follows_each_services_facts(preset):
    """Whole sentences, chosen by the facts; nothing promised that the data does not say."""
    help, _ = parse_help({"preset": preset})
    for service in help.services.values():
        text = _text(child_card(service, help))
        assert ("You do not have to say who you are." in text) == (service.anonymous is True)
        assert ("get in touch with you to help" in text) == (service.contacts_you == "yes")
        assert ("only get in touch if you leave" in text) == (service.contacts_you == "if-you-leave-details")
        assert "may get in touch" not in text


def test_hotline_ie_promises_no_contact_and_ceop_says_it_will():
    ie, _ = parse_help({"preset": "ie"})
    hotline = _text(child_card(ie.services["hotline-ie"], ie))
    assert "get in touch" not in hotline and "You do not have to say who you are." in hotline
    uk, _ = parse_help({"preset": "uk"})
    assert "Someone from CEOP Safety Centre will get in touch with you to help." in \
        _text(child_card(uk.services["ceop"], uk))


def test_page_opens_with_danger_then_whats_happening_and_keeps_author_words():
    help, _ = parse_help(None)
    page = help_markdown(help, "---\ntitle: Help\n---\nOur school's own words.\n")
    assert page.startswith("---\ntitle: Help\n---\n<div class=\"ts-emergency\"")
    assert page.index("tel:999") < page.index("Our school's own words.") < page.index("## What's happening?")
    for anchor in SITUATIONS:
        assert f'href="#{anchor}"' in page and f"{{#{anchor}}}" in page
    assert "does not delete this site from your browser's history" in page
    assert "do not pay" in adults_part(help)


def test_stale_facts_are_named_with_their_source():
    help, _ = parse_help({"services": {"childline": {"phone": {
        "value": "0800 1111", "source": "https://www.childline.org.uk/", "checked": "2024-01-01"}}}})
    problems = stale_facts(help, datetime.date(2026, 11, 30))
    assert [p.key for p in problems] == ["services.childline.phone"]
    assert "https://www.childline.org.uk/" in str(problems[0]) and problems[0].severity == "warning"
    assert stale_facts(parse_help(None)[0], datetime.date(2027, 11, 29)) == []
    assert len(stale_facts(parse_help(None)[0], datetime.date(2027, 12, 1))) > 20
    short, _ = parse_help({"max_fact_age_months": 6})
    assert stale_facts(short, datetime.date(2027, 6, 1))
