"""The help page, written from the help settings: plain HTML that works with JavaScript off.

It opens with "What's happening?": a list of situations, each a link to its own part, each
part saying in a child's words what to do and which of this country's services to use.
Then a part for adults, with adults' services only.

What the page says a service does after a report is chosen whole, sentence by sentence,
from that service's facts (anonymous or not, whether it gets in touch); nothing is said
where the preset has no verified fact.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from thinksafe.core.help.settings import ADULTS, HelpConfig, Service
from thinksafe.core.model.frontmatter import split_block

ADULTS_ID = ADULTS
SITUATIONS_ID = "whats-happening"

# Each situation: the words in the "What's happening?" list, and what to do, in a child's words.
SITUATION_TEXT: dict[str, tuple[str, list[str]]] = {
    "in-danger": ("I am in danger right now", [
        "Get to a safe place if you can.",
        "Call {emergency} now. Say where you are and what is happening.",
        "Then tell a grown-up you trust.",
    ]),
    "asked-for-pictures": ("Someone online asked me for pictures, asked to meet, or said sexual things", [
        "You have done nothing wrong, and you are not in trouble.",
        "Do not send any pictures. Do not go to meet them.",
        "Keep the messages. They show what the person did.",
        "Tell a grown-up you trust, and report it.",
    ]),
    "threatened-with-a-picture": ("Someone says they will share a picture of me unless I pay or send more", [
        "This is a crime. It is not your fault, even if you sent a picture.",
        "Do not pay, and do not send more. Paying often does not make them stop.",
        "Stop talking to them, and block them.",
        "Keep the messages and their name. Do not delete them.",
        "Tell a grown-up you trust, and report it.",
    ]),
    "nude-picture-online": ("A nude picture of me is online", [
        "You are not in trouble. It is not too late to get help.",
        "Do not share the picture again, even to show someone.",
        "There are ways to try to get it taken down.",
        "Tell a grown-up you trust.",
    ]),
    "bullying": ("Someone is being mean to me or bullying me", [
        "It is not your fault.",
        "Do not reply to mean messages. Keep them to show a grown-up.",
        "Block the person. Use the report button in the app or game.",
        "Tell a grown-up you trust, like a parent, a carer or a teacher.",
    ]),
    "saw-something-upsetting": ("I saw something that upset me", [
        "Close it, or turn the screen off. You did nothing wrong.",
        "Tell a grown-up you trust what you saw.",
        "Talking about it can help you feel better.",
    ]),
    "want-to-talk": ("I just want to talk to someone", [
        "You can talk about anything, big or small.",
        "No worry is too small.",
    ]),
}


def help_markdown(help: HelpConfig, intro: str = "", for_partners: str = "") -> str:
    """The whole help page: danger line, "What's happening?", the situations, then adults.

    `for_partners`: HTML the adults' part ends with (the link to /help/button/)."""
    head, intro = split_block(intro)
    parts = [head + _emergency(help)]
    if intro.strip():
        parts.append(intro.strip() + "\n")
    parts += [f"## What's happening? {{#{SITUATIONS_ID}}}\n", _div("ts-situations", situation_list(help))]
    for situation_id in SITUATION_TEXT:
        title = SITUATION_TEXT[situation_id][0]
        parts += [f"### {title} {{#{situation_id}}}\n",
                  _div("ts-help-children ts-situation", situation_part(help, situation_id))]
    parts += [
        f"## If you are an adult worried about a child {{#{ADULTS_ID}}}\n",
        _div("ts-help-adults", adults_part(help) + ("\n" + for_partners if for_partners else "")),
        "## Every service {#helplines}\n",
        _service_table(help),
        "## Leaving this site quickly {#leaving-quickly}\n",
        _div("ts-help-exit", _leaving(help)),
    ]
    return "\n".join(parts)


def situation_list(help: HelpConfig) -> str:
    items = "".join(f'<li><a href="#{sid}">{escape(title)}</a></li>'
                    for sid, (title, _) in SITUATION_TEXT.items())
    return (f'<ul class="ts-situations__list">{items}'
            f'<li><a href="#{ADULTS_ID}">I am an adult worried about a child</a></li></ul>')


def situation_part(help: HelpConfig, situation_id: str) -> str:
    """One situation's part: what to do, then this country's services for it."""
    _, steps = SITUATION_TEXT[situation_id]
    lines = [f"<p>{_fill_step(step, help)}</p>" for step in steps]
    lines += [child_card(service, help) for service in help.situation(situation_id)]
    return "\n".join(lines)


def child_card(service: Service, help: HelpConfig) -> str:
    """A service, in words a child of eight can read: how to reach it, then what happens."""
    name = escape(service.name)
    ways = []
    if service.kind == "helpline":
        if service.phone:
            ways.append(f"Call {name} on {_tel(service.phone)}.")
        if service.text:
            ways.append(f"You can also send a text to {escape(service.text)}.")
        if service.url:
            ways.append(f"You can also go to {_link(service.url)}." if ways else f"Go to {_link(service.url)}.")
    else:
        if service.url:
            ways.append(f"Report it to {name} here: {_report_link(service, help)}")
        if service.phone:
            ways.append(f"Or call {_tel(service.phone)}." if service.url else f"Call {name} on {_tel(service.phone)}.")
    after = []
    if service.anonymous is True:
        after.append("You do not have to say who you are.")
    elif service.anonymous is False:
        after.append("You will need to say who you are.")
    after.append({
        "yes": f"Someone from {name} will get in touch with you to help.",
        "no": f"No one from {name} will get in touch with you.",
        "if-you-leave-details": "They only get in touch if you leave a way to reach you.",
    }.get(service.contacts_you, ""))
    if service.hours:
        after.append(escape(service.hours))
    return _card(service, ways, [a for a in after if a], child=True)


def adult_card(service: Service, help: HelpConfig) -> str:
    name = escape(service.name)
    ways = []
    if service.phone:
        ways.append(f"Call {name} on {_tel(service.phone)}.")
    if service.text:
        ways.append(f"Text {escape(service.text)}.")
    if service.url:
        # "Report to X", not "Report online": a service's address may be its contacts page, not a form.
        ways.append(f"Report to {name}: {_report_link(service, help)}" if service.kind == "report"
                    else f"Website: {_link(service.url)}.")
    after = []
    if service.anonymous is True:
        after.append("You can report without giving your name." if service.kind == "report"
                     else "You do not have to give your name.")
    elif service.anonymous is False:
        after.append("Reports are not anonymous: you give your details.")
    after.append({
        "yes": f"Someone from {name} will contact you about what you reported.",
        "no": f"{name} does not contact you after a report.",
        "if-you-leave-details": "If you leave your contact details, they can tell you what happened.",
    }.get(service.contacts_you, ""))
    if service.hours:
        after.append(escape(service.hours))
    return _card(service, ways, [a for a in after if a], child=False)


def adults_part(help: HelpConfig) -> str:
    lines = [
        "<p>Stay calm and listen. Tell the child that telling you was the right thing to do, "
        "and that it is not their fault.</p>",
        f"<p>If a child is in danger right now, call {_tel(help.emergency)}.</p>",
        "<p>Keep messages, usernames and links as evidence. Never copy, save, forward or share a "
        "sexual picture of a child, not even to report it: that is a crime.</p>",
        "<p>If someone is threatening to share a picture of a child unless they pay or send more: "
        "do not pay, stop all contact and block them, keep the evidence, and report it.</p>",
    ]
    lines += [adult_card(service, help) for service in help.situation(ADULTS)]
    return "\n".join(lines)


def _card(service: Service, ways: list[str], after: list[str], child: bool) -> str:
    facts = []
    if service.who:
        facts.append(f"<li><strong>Who it is for:</strong> {_stop(service.who)}</li>")
    if service.handles:
        facts.append(f"<li><strong>What it is for:</strong> {_stop(service.handles)}</li>")
    if service.not_for:
        facts.append(f"<li><strong>Not for:</strong> {_stop(service.not_for)}</li>")
    parts = [f'<div class="ts-service ts-service--{service.kind}" data-service="{escape(service.id)}">',
             f'<p class="ts-service__name"><strong>{escape(service.name)}</strong></p>']
    if ways:
        parts.append(f'<p class="ts-service__ways">{" ".join(ways)}</p>')
    if after:
        parts.append(f'<p class="ts-service__after">{" ".join(after)}</p>')
    if facts:
        parts.append(f'<ul class="ts-service__facts">{"".join(facts)}</ul>')
    parts.append("</div>")
    return "".join(parts)


def _stop(text: str) -> str:
    """A fact as a list item that ends like a sentence."""
    text = escape(text.strip())
    return text if text.endswith((".", "!", "?")) else text + "."


def _fill_step(step: str, help: HelpConfig) -> str:
    return escape(step).replace("{emergency}", _tel(help.emergency))


def _emergency(help: HelpConfig) -> str:
    return (f'<div class="ts-emergency" role="note"><p><strong>If anyone is in danger right now, '
            f'call {_tel(help.emergency)}.</strong></p></div>\n')


def _report_link(service: Service, help: HelpConfig) -> str:
    marker = " data-report-button" if help.report is not None and help.report.id == service.id else ""
    return (f'<a class="md-button md-button--primary ts-report-button"{marker} '
            f'href="{escape(service.url)}" rel="noopener noreferrer">{escape(_host(service.url))}</a>')


def _service_table(help: HelpConfig) -> str:
    rows = "".join(
        f"<tr><th scope=\"row\">{escape(s.name)}</th><td>{escape(s.who)}</td>"
        f"<td>{_tel(s.phone) if s.phone else '–'}</td><td>{escape(s.text) or '–'}</td>"
        f"<td>{_link(s.url) if s.url else '–'}</td>"
        f"<td>{ {True: 'Yes', False: 'No'}.get(s.anonymous, 'Ask them')}</td></tr>"
        for s in help.services.values())
    return ('<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table><thead><tr>'
            '<th scope="col">Service</th><th scope="col">Who it is for</th><th scope="col">Phone</th>'
            '<th scope="col">Text</th><th scope="col">Website</th>'
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


def tel(number: str) -> str:
    """A number as tap-to-call links: '112 or 999' is two of them."""
    return " or ".join(_one_tel(part) for part in number.split(" or "))


_tel = tel


def _one_tel(number: str) -> str:
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    return f'<a href="tel:{digits}">{escape(number)}</a>' if digits else escape(number)


def _link(url: str) -> str:
    return f'<a href="{escape(url)}" rel="noopener noreferrer">{escape(_host(url))}</a>'


def _host(url: str) -> str:
    host = urlsplit(url).netloc
    return host[4:] if host.startswith("www.") else host


def _div(css_class: str, html: str) -> str:
    return f"<div class=\"{css_class}\">\n{html}\n</div>\n"
