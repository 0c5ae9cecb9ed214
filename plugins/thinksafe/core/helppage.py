"""The help page, written from the help settings: plain HTML that works with JavaScript off."""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from .frontmatter import split_block
from .helpconfig import HelpConfig, Helpline

HELP_SRC = "help.md"  # the help page's path in the site: /help/
CHILDREN_ID = "for-children"
ADULTS_ID = "for-adults"


def help_markdown(help: HelpConfig, intro: str = "", for_partners: str = "") -> str:
    """The whole help page: danger line first, then a part for children and one for adults.

    `for_partners`: HTML the adults' part ends with (the link to /help/button/)."""
    head, intro = split_block(intro)
    parts = [head + _emergency(help)]
    if intro.strip():
        parts.append(intro.strip() + "\n")
    parts += [
        f"## If you are a child or young person {{#{CHILDREN_ID}}}\n",
        _div("ts-help-children", children_part(help)),
        f"## If you are an adult worried about a child {{#{ADULTS_ID}}}\n",
        _div("ts-help-adults", _adults_part(help) + "\n" + for_partners),
        "## Every helpline {#helplines}\n",
        _helpline_table(help.helplines),
        "## Leaving this site quickly {#leaving-quickly}\n",
        _div("ts-help-exit", _leaving(help)),
    ]
    return "\n".join(parts)


def children_part(help: HelpConfig) -> str:
    """The children's part, in words a child of eight can read."""
    report = help.report
    lines = [
        "<p>If something online made you feel worried, sad or scared, it is not your fault. "
        "You are not in trouble.</p>",
        "<p><strong>Tell a grown-up you trust.</strong> This could be a parent, a carer, "
        "a teacher or another adult you know well. Keep telling until someone helps.</p>",
    ]
    for line in help.for_audience("children"):
        lines.append(_helpline_card(line, child=True))
    lines += [
        "<h3>The report button</h3>",
        f"<p>Did someone online ask you for pictures of your body? Did they talk about sex, "
        f"or ask to meet you? Then you can report it to {escape(report.name)}.</p>",
        _report_button(help),
        "<h3>What happens after you report</h3>",
        f"<p>The button takes you to the {escape(report.name)} website. You fill in a form "
        f"there. Then {escape(report.reader)} reads what you wrote.</p>",
        "<p>They may get in touch with you to help keep you safe.</p>",
        "<p>" + ("You do not have to give your name." if report.anonymous else
                 "It is not secret who sent it. You give your name so they can help you.") + "</p>",
        f"<p>{escape(report.name)} is not the place for everything. It is not for "
        f"{escape(report.not_for)}.</p>",
    ]
    return "\n".join(lines)


def _adults_part(help: HelpConfig) -> str:
    report = help.report
    anonymity = ("Reports can be made without giving your name."
                 if report.anonymous else
                 "Reports are not anonymous: you give your details so that they can follow up.")
    lines = [
        "<p>Stay calm, listen, and reassure the child that telling you was the right thing to do "
        "and that it is not their fault. Do not delete messages or pictures that may be evidence, "
        "but never copy, forward or save sexual images of a child: that is a crime, even to report it.</p>",
        f"<p><strong>Report to {escape(report.name)}</strong> about {escape(report.handles)}. "
        f"Reports are read by {escape(report.reader)}. {anonymity}</p>",
        _report_button(help),
        f"<p>It does not handle {escape(report.not_for)}.</p>",
    ]
    lines += [_helpline_card(line, child=False) for line in help.for_audience("adults")]
    return "\n".join(lines)


def _emergency(help: HelpConfig) -> str:
    return (f'<div class="ts-emergency" role="note"><p><strong>If anyone is in danger right now, '
            f'call {escape(help.emergency)}.</strong></p></div>\n')


def _report_button(help: HelpConfig) -> str:
    report = help.report
    phone = (f' <span class="ts-report-phone">or call {_tel(report.phone)}</span>'
             if report.phone else "")
    return (f'<p class="ts-report"><a class="md-button md-button--primary ts-report-button" '
            f'data-report-button href="{escape(report.url)}" rel="noopener noreferrer">'
            f'Report to {escape(report.name)}</a>{phone}</p>')


def _helpline_card(line: Helpline, child: bool) -> str:
    ways = []
    if line.phone:
        ways.append(f"Call {_tel(line.phone)}")
    if line.text:
        ways.append(f"Text {escape(line.text)}")
    if line.url:
        ways.append(f'<a href="{escape(line.url)}" rel="noopener noreferrer">'
                    f'{escape(line.name)} website ({escape(_host(line.url))})</a>')
    who = f"For {escape(line.who)}."
    secret = ""
    if line.anonymous:
        secret = " You do not have to say your name." if child else " You can stay anonymous."
    hours = f" {escape(line.hours)}" if line.hours else ""
    return (f'<div class="ts-helpline"><p class="ts-helpline__name"><strong>{escape(line.name)}</strong></p>'
            f'<p>{who}{secret}{hours}</p><p class="ts-helpline__ways">{" · ".join(ways)}</p></div>')


def _helpline_table(lines: list[Helpline]) -> str:
    rows = "".join(
        f"<tr><th scope=\"row\">{escape(h.name)}</th><td>{escape(h.who)}</td>"
        f"<td>{_tel(h.phone) if h.phone else '–'}</td><td>{escape(h.text) or '–'}</td>"
        f"<td>{_link(h.url) if h.url else '–'}</td><td>{escape(h.hours) or '–'}</td>"
        f"<td>{_anonymous(h.anonymous)}</td></tr>"
        for h in lines)
    return ('<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table><thead><tr>'
            '<th scope="col">Helpline</th><th scope="col">Who it is for</th><th scope="col">Phone</th>'
            '<th scope="col">Text</th><th scope="col">Website</th><th scope="col">When</th>'
            '<th scope="col">Without your name?</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div></div>\n")


def _leaving(help: HelpConfig) -> str:
    return (
        f"<p>The <strong>Quick exit</strong> button at the top of every page takes you straight to "
        f"{escape(_host(help.exit_url))}. You can also press the Shift key three times.</p>"
        "<p>Leaving quickly does not delete this site from your browser's history. To keep a visit "
        "private, use a private or incognito window, and close it when you are done. You can also "
        "clear your browsing history in your browser's settings.</p>"
    )


def _tel(number: str) -> str:
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    return f'<a href="tel:{digits}">{escape(number)}</a>'


def _link(url: str) -> str:
    return f'<a href="{escape(url)}" rel="noopener noreferrer">{escape(_host(url))}</a>'


def _host(url: str) -> str:
    host = urlsplit(url).netloc
    return host[4:] if host.startswith("www.") else host


def _anonymous(value: bool | None) -> str:
    return {True: "Yes", False: "No"}.get(value, "Ask them")


def _div(css_class: str, html: str) -> str:
    return f"<div class=\"{css_class}\">\n{html}\n</div>\n"
