"""The help button other websites install: its settings, its snippets and its page's words."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest

from thinksafe.core.checks.site_url import site_url_message
from thinksafe.core.help.button import LOOKS, ButtonSettings, contrast, parse_button, snippets
from thinksafe.core.help.button_page import ButtonPlace, button_href, button_markdown
from thinksafe.core.help.settings import parse_help

SITE = ButtonPlace("Safe Club", "https://help.example.org/kids/", "help/", "../")
HREF = "https://help.example.org/kids/help/"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text, of a snippet."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data


# Settings

def test_on_by_default_leading_to_the_help_page():
    settings, problems = parse_button(None)
    assert problems == [] and settings == ButtonSettings(True, "help_page", "")
    assert settings.words("CEOP Safety Centre") == "Get help"
    assert ButtonSettings(target="report_service").words("CEOP Safety Centre") == "Report to CEOP Safety Centre"


def test_owner_settings_are_taken_and_the_label_is_tidied():
    settings, problems = parse_button({"enabled": False, "target": "report_service", "label": "  Need  help? "})
    assert problems == [] and settings == ButtonSettings(False, "report_service", "Need help?")


@pytest.mark.parametrize("raw, words", [
    ({"taget": "help_page"}, "mkdocs.yml: plugins.thinksafe.help.button.taget: unknown setting; "
                             "expected one of 'enabled', 'target', 'label'; did you mean 'target'?"),
    ({"target": "help-page"}, "plugins.thinksafe.help.button.target: got text 'help-page'; expected one of "
                              "'help_page', 'report_service'; did you mean 'help_page'?"),
    ({"target": "ceop"}, "plugins.thinksafe.help.button.target: got text 'ceop'; expected one of"),
    ({"enabled": "yes"}, "plugins.thinksafe.help.button.enabled: got text 'yes'; expected true or false"),
    ({"label": ""}, "plugins.thinksafe.help.button.label: got text ''; expected the button's words"),
    ({"label": "x" * 41}, "plugins.thinksafe.help.button.label: is 41 characters long; expected at most 40"),
    ("on", "plugins.thinksafe.help.button: got text 'on'; expected a mapping"),
])
def test_every_mistake_is_named_with_its_key_and_a_fix(raw, words):
    settings, problems = parse_button(raw)
    assert settings is None
    assert any(words in str(p) for p in problems), [str(p) for p in problems]


def test_every_mistake_at_once():
    _settings, problems = parse_button({"enabled": 1, "target": None, "colour": "red"})
    assert sorted(p.key.rsplit(".", 1)[1] for p in problems) == ["colour", "enabled", "target"]


def test_help_settings_accept_button_and_suggest_it_for_a_typo():
    assert parse_help({"button": {"enabled": False}})[1] == []
    _help, problems = parse_help({"buton": {}})
    assert "did you mean 'button'?" in str(problems[0])


# Snippets

def test_six_snippets_three_shapes_in_light_and_dark():
    every = snippets(HREF, "Get help", "Safe Club")
    assert [(s.look.shape, s.look.scheme) for s in every] == [
        (shape, scheme) for shape in ("badge", "wide", "link") for scheme in ("light", "dark")]


@pytest.mark.parametrize("look", LOOKS, ids=lambda look: look.id)
def test_snippet_is_one_plain_link_that_loads_nothing(look):
    html = snippets(HREF, "Get help", "Safe Club")[LOOKS.index(look)].html
    tags = Tags(html).tags
    links = [attrs for tag, attrs in tags if tag == "a"]
    assert len(links) == 1 and links[0]["href"] == HREF
    assert links[0]["rel"] == "noopener noreferrer" and "target" not in links[0]
    assert "Get help" in Tags(html).text
    assert {tag for tag, _ in tags} <= {"style", "a", "svg", "path", "span"}
    # Nothing a browser would fetch: no src, no url(), no @import, no address but the link's.
    assert not any(name in ("src", "srcset", "xmlns", "xlink:href") for _, attrs in tags for name in attrs)
    assert "url(" not in html and "@import" not in html
    assert re.findall(r"https?://[^\"' <]+", html) == [HREF]
    # Its own class, and only that, in the <style>; hidden in print.
    css = links[0]["class"]
    style = html[html.index("<style>"):html.index("</style>")]
    assert set(re.findall(r"\.([\w-]+)", style)) == {css}
    assert f"@media print{{.{css}{{display:none!important}}}}" in style


@pytest.mark.parametrize("look", LOOKS, ids=lambda look: look.id)
def test_colours_meet_wcag_aa_contrast(look):
    assert contrast(look.foreground, look.background) >= 4.5


def test_words_and_addresses_are_escaped():
    html = snippets('https://x.example/help/?a="b"', '<b>Help</b> & "more"', "A --> B")[2].html
    assert "<b>" not in html and "&lt;b&gt;Help&lt;/b&gt; &amp; &quot;more&quot;" in html
    assert 'href="https://x.example/help/?a=&quot;b&quot;"' in html
    assert html.startswith("<!-- Help button from A –&gt; B:") and "-->" not in html[4:html.index("\n")-3]


def test_badge_shows_short_words_and_reads_out_long_ones():
    short = snippets(HREF, "Get help", "Safe Club")[0].html
    assert '<span style="font-size:13px;line-height:1.1">Get help</span>' in short and "title=" not in short
    long = snippets(HREF, "Talk to someone you trust", "Safe Club")[0].html
    assert 'title="Talk to someone you trust"' in long and "clip:rect(0 0 0 0)" in long
    assert "clip:rect" not in snippets(HREF, "Talk to someone you trust", "Safe Club")[2].html


def test_contrast_formula():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


# The page

@dataclass
class Service:
    """What the page reads of a service in the help settings."""

    name: str
    url: str = ""
    handles: str = ""
    not_for: str = ""
    anonymous: bool | None = None
    contacts_you: str | None = None


@dataclass
class Help:
    """What the page reads of the help settings."""

    report: Service | None
    country: str = "the United Kingdom"
    emergency: str = "999"
    children: tuple[str, ...] = ("Childline",)
    adults: tuple[str, ...] = ("NSPCC Helpline",)

    def for_audience(self, group):
        return [Service(name) for name in (self.children if group == "children" else self.adults)]


CEOP = Service("CEOP Safety Centre", "https://www.ceop.police.uk/Safety-Centre/",
               handles="online sexual abuse and grooming", not_for="bullying or hacked accounts")


def text_of(markdown: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markdown)))


def test_page_says_where_the_button_leads_and_what_happens_there():
    markdown = button_markdown(Help(CEOP), ButtonSettings(), SITE)
    page = text_of(markdown)
    assert HREF in page
    assert "call 999 if they are in danger right now" in page
    assert "It names the services for the United Kingdom." in page
    assert "Its helplines for children: Childline." in page
    assert "Its helplines for adults worried about a child: NSPCC Helpline." in page
    assert "It also leads to CEOP Safety Centre, where a child can report what happened." in page
    assert "nobody will get in touch with the child because they pressed it" in page
    assert markdown.count('class="ts-snippet"') == 6


def test_page_from_the_real_default_help_settings():
    help, problems = parse_help(None)
    assert problems == []
    page = text_of(button_markdown(help, ButtonSettings(), SITE))
    assert f"call {help.emergency} if they are in danger right now" in page
    assert help.report.name in page and HREF in page


@pytest.mark.parametrize("anonymous, contacts, sentences", [
    (True, None, ["A child can report to CEOP Safety Centre without giving their name."]),
    (False, "yes", ["A child who reports to CEOP Safety Centre must say who they are.",
                    "After a report, someone from CEOP Safety Centre will get in touch with the child to help."]),
    (None, "no", ["CEOP Safety Centre does not get in touch with the child after a report."]),
    (None, "if-you-leave-details", ["CEOP Safety Centre gets in touch only if the child leaves a way to reach them."]),
    (None, None, []),
])
def test_what_happens_after_a_report_is_what_the_settings_say_and_nothing_more(anonymous, contacts, sentences):
    report = Service(CEOP.name, CEOP.url, anonymous=anonymous, contacts_you=contacts)
    page = text_of(button_markdown(Help(report), ButtonSettings(), SITE))
    for sentence in sentences:
        assert sentence in page
    said = [s for s in ("without giving their name", "must say who they are",
                        "will get in touch with the child to help", "does not get in touch",
                        "gets in touch only if") if s in page]
    assert len(said) == len(sentences)


def test_without_a_report_service_the_page_still_reads_whole():
    page = text_of(button_markdown(Help(None), ButtonSettings(), SITE))
    assert "It also leads to" not in page and "CEOP" not in page and "None" not in page
    assert "Get help" in page


def test_report_service_target_leads_there_and_says_what_it_is_for():
    help = Help(CEOP)
    settings = ButtonSettings(target="report_service")
    assert button_href(help, settings, SITE) == CEOP.url
    markdown = button_markdown(help, settings, SITE)
    page = text_of(markdown)
    assert "opens the report page of CEOP Safety Centre (ceop.police.uk)" in page
    assert ("CEOP Safety Centre is for reporting online sexual abuse and grooming. "
            "It is not for bullying or hacked accounts.") in page
    assert "every service for the United Kingdom" in page
    assert 'href="https://www.ceop.police.uk/Safety-Centre/" rel="noopener noreferrer"' in markdown
    assert "Report to CEOP Safety Centre" in markdown


def test_report_service_target_needs_a_report_service():
    settings, problems = parse_button({"target": "report_service"}, has_report=False)
    assert settings is None
    assert ("plugins.thinksafe.help.button.target: is 'report_service', "
            "but the help settings name no report service") in str(problems[0])


def test_without_site_url_the_page_explains_and_gives_no_code():
    place = ButtonPlace("Safe Club", None, "help/", "../")
    markdown = button_markdown(Help(CEOP), ButtonSettings(), place)
    assert "data-site-url-missing" in markdown and "site_url: https://help.example.org/" in markdown
    assert "ts-snippet" not in markdown and "<a class=\"thinksafe-help" not in markdown


def test_owner_words_come_first_and_their_title_is_kept():
    markdown = button_markdown(Help(CEOP), ButtonSettings(), SITE, "---\ntitle: Our button\n---\nHello partners.\n")
    assert markdown.startswith("---\ntitle: Our button\n---\n") and "Hello partners." in markdown
    assert button_markdown(Help(CEOP), ButtonSettings(), SITE).startswith(
        "---\ntitle: A help button for your website\n---\n")


def test_site_url_is_used_without_its_query_or_fragment():
    place = ButtonPlace("Safe Club", "https://help.example.org/?utm_source=x#top", "help/", "../")
    assert place.help_address() == "https://help.example.org/help/"


# The one site_url message

def test_site_url_message_names_the_button_only_when_it_is_offered():
    message = site_url_message(None, help_button=True)
    assert message.startswith("site_url is not set in mkdocs.yml")
    assert "/help/button/" in message and "canonical" in message
    assert "/help/button/" not in site_url_message(None, help_button=False)
    assert site_url_message("https://x.example/", help_button=True) is None
