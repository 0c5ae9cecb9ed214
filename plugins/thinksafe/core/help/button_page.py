"""/help/button/: the page for other websites' owners, written from the help settings.

It says what the help button does and what happens when a child presses it, in whole
sentences chosen by the facts (never fragments glued around a setting), then gives each
snippet with a live preview, its code, and a copy button (the page's script is a file,
thinksafe-copy-snippet.js; without it the code is still there to select and copy).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

from thinksafe.core.help.button import HELP_PAGE, ButtonSettings, Snippet, snippets
from thinksafe.core.help.settings import HelpConfig, Service
from thinksafe.core.model.frontmatter import split_block

TITLE = "A help button for your website"
SCRIPT = "assets/thinksafe-copy-snippet.js"


@dataclass(frozen=True)
class ButtonPlace:
    """Where things are, as the button page needs them."""

    site_name: str
    site_url: str | None  # the site's published address, or None when mkdocs.yml has none
    help_path: str  # the help page's path from the site's root, such as 'help/'
    help_href: str  # a link from the button page to the help page, such as '../'

    def help_address(self) -> str | None:
        """The help page's full address, without anything added to it."""
        if not self.site_url:
            return None
        parts = urlsplit(self.site_url)
        return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}/{self.help_path}"


def button_href(help: HelpConfig, button: ButtonSettings, place: ButtonPlace) -> str | None:
    """Where the button leads: the help page, or the report service itself."""
    if button.target == HELP_PAGE:
        return place.help_address()
    report = help.report  # None only with settings the check refuses
    return report.url if report else None


def button_markdown(help: HelpConfig, button: ButtonSettings, place: ButtonPlace, intro: str = "") -> str:
    """The whole page: what the button does, what it does not do, then the code."""
    head, intro = split_block(intro)
    if not head:
        head = f"---\ntitle: {TITLE}\n---\n"
    words = button.words(help.report.name if help.report is not None else "")
    href = button_href(help, button, place)
    parts = [head]  # Material writes the title as the page's heading
    if intro.strip():
        parts.append(intro.strip() + "\n")
    parts += [
        _p(f"Do you run a website that children use, such as a school's, a club's or a game "
           f"community's? You can put a button on it that leads to help, so that a child who is "
           f"worried about something online is one click away from it. The button is a plain link "
           f"to {escape(place.site_name)}: copy its code below and paste it into your page."),
        "## What happens when a child presses it {#what-happens}\n",
        _div("ts-button-what", _what_happens(help, button, place)),
        "## What the button does not do {#what-it-does-not-do}\n",
        _div("ts-button-privacy", _promises()),
        "## The code {#code}\n",
        _code(snippets(href, words, place.site_name)) if href else _no_address(),
    ]
    return "\n".join(parts)


def _what_happens(help: HelpConfig, button: ButtonSettings, place: ButtonPlace) -> str:
    report = help.report
    if button.target == HELP_PAGE or report is None:  # None: only with a target the check refuses
        address = place.help_address()
        where = (f'the help page of {escape(place.site_name)} (<a href="{escape(place.help_href)}">'
                 f"{escape(address or 'this site’s help page')}</a>)")
        lines = [
            _p(f"The child's browser opens {where} in place of your page. The Back button brings "
               f"them back to your page."),
            _p(f"The help page is written for children first, in plain words. It tells a child "
               f"to call {escape(help.emergency)} if they are in danger right now, who they can "
               f"talk to, and how to report what happened. It names the services for "
               f"{escape(help.country)}."),
            _services(help),
        ]
        if report is not None:
            lines.append(_p(f"It also leads to {escape(report.name)}, where a child can report "
                            f"what happened. " + _after_report(report)))
    else:
        lines = [
            _p(f"The child's browser opens the report page of {escape(report.name)} "
               f"({escape(_host(report.url))}) in place of your page. The Back button brings them "
               f"back to your page."),
            _p(" ".join(sentence for sentence in (
                f"{escape(report.name)} is for reporting {escape(report.handles)}." if report.handles else "",
                f"It is not for {escape(report.not_for)}." if report.not_for else "") if sentence)),
            _p(_after_report(report)),
            _p(f'A child who is worried about something else can find every service for '
               f'{escape(help.country)} on <a href="{escape(place.help_href)}">the help page of '
               f"{escape(place.site_name)}</a>."),
        ]
    lines.append(_p("Pressing the button only opens a page. It sends no message to anyone, and "
                    "nobody will get in touch with the child because they pressed it."))
    return "\n".join(line for line in lines if line and line != "<p></p>")


def _services(help: HelpConfig) -> str:
    children = [h.name for h in help.for_audience("children")]
    adults = [h.name for h in help.for_audience("adults")]
    sentences = []
    if children:
        sentences.append(f"Its helplines for children: {_and(children)}.")
    if adults:
        sentences.append(f"Its helplines for adults worried about a child: {_and(adults)}.")
    return _p(" ".join(sentences)) if sentences else ""


def _after_report(report: Service) -> str:
    """What the help settings say happens after a child reports: whether the child must give
    their name, and whether the service gets in touch. A fact the settings do not state is
    not said (each sentence is whole, one for each case)."""
    name = escape(report.name)
    anonymous = {
        True: f"A child can report to {name} without giving their name.",
        False: f"A child who reports to {name} must say who they are.",
    }.get(report.anonymous, "")
    contact = {
        "yes": f"After a report, someone from {name} will get in touch with the child to help.",
        "no": f"{name} does not get in touch with the child after a report.",
        "if-you-leave-details": f"{name} gets in touch only if the child leaves a way to reach them.",
    }.get(report.contacts_you, "")
    return " ".join(sentence for sentence in (anonymous, contact) if sentence)


def _promises() -> str:
    items = [
        "<strong>It loads nothing.</strong> Its picture and its colours are written into the code, "
        "so your page asks nothing of this site, or of any other, until a child presses it.",
        "<strong>It tracks nobody.</strong> Its address has no tracking code in it. The link "
        "carries <code>rel=\"noopener noreferrer\"</code>: the page it opens is not told which page "
        "the child came from, and cannot reach back into yours.",
        "<strong>It needs no JavaScript.</strong> It is an ordinary link, and it opens in the same "
        "tab, so the child is never surprised by a new window.",
        "<strong>Everyone can use it.</strong> Screen readers read out its words. It is at least "
        "44 by 44 pixels, its words stand out from its background by a contrast of 4.5 to 1 or "
        "more, and it shows a clear outline when it has keyboard focus.",
        "<strong>It is left out when your page is printed.</strong>",
    ]
    notes = _p(
        "The code has two parts: a short <code>&lt;style&gt;</code> that only hides the button "
        "when the page is printed and draws its focus outline, and the link itself. If your "
        "website's editor removes the <code>&lt;style&gt;</code> part, the button still works; it "
        "is then printed with the page. If your website's Content-Security-Policy does not allow "
        "inline styles, the button shows as a plain link, and still works.")
    return "<ul>\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>\n" + notes


def _code(every: list[Snippet]) -> str:
    parts = [_p("Choose the one that suits your page. Each shows what it looks like, then its "
                "code. Copy the code with its button, or select it and copy it yourself.")]
    for snippet in every:
        look = snippet.look
        code_id = f"ts-snippet-{look.id}"
        parts.append(
            f"### {escape(look.title)} {{#{look.id}}}\n\n"
            f'<div class="ts-snippet" data-snippet="{look.id}">\n'
            f'<div class="ts-snippet__preview ts-snippet__preview--{look.scheme}" role="group" '
            f'aria-label="Preview: {escape(look.title)}">{snippet.html}</div>\n'
            f'<pre class="ts-snippet__code"><code id="{code_id}">{escape(snippet.html)}</code></pre>\n'
            f'<p class="ts-snippet__actions"><button type="button" class="md-button ts-snippet__copy" '
            f'data-copy-snippet="{code_id}" hidden>Copy the code</button> '
            f'<span class="ts-snippet__status" role="status" data-copy-status="{code_id}"></span></p>\n'
            "</div>\n")
    return "\n\n".join(parts) + "\n"


def _no_address() -> str:
    return (
        '<div class="admonition warning" data-site-url-missing>'
        '<p class="admonition-title">This site does not know its own address yet</p>'
        + _p("A button on another website must say in full where it leads, so this page cannot "
             "give you its code until the site's address is set. The site's owner sets it in "
             "<code>mkdocs.yml</code>, as <code>site_url</code>, and builds the site again:")
        + "<pre><code>site_url: https://help.example.org/</code></pre>"
        + _p("Write the address the site is published at, in place of the example.")
        + "</div>")


def _and(names: list[str]) -> str:
    names = [escape(n) for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _host(url: str) -> str:
    host = urlsplit(url).netloc
    return host[4:] if host.startswith("www.") else host


def _p(html: str) -> str:
    return f"<p>{html}</p>"


def _div(css_class: str, html: str) -> str:
    return f'<div class="{css_class}">\n{html}\n</div>\n'
