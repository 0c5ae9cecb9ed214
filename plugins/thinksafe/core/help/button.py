"""The help button other websites can put on their pages (`help.button`): its settings and
the code a partner copies.

Each snippet is one link that loads nothing: its picture is inline SVG and its colours are
inline styles, so a page that pastes it asks nothing of this site or any other until a child
presses it. A `<style>` in the snippet, scoped by a class of its own, hides it when the page
is printed and draws a strong focus ring; a partner whose editor strips `<style>` still has a
working, readable button (it then prints, and keeps the browser's own focus ring).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from html import escape

from thinksafe.core.problems import Problem, describe, did_you_mean, one_of

HELP_PAGE, REPORT_SERVICE = "help_page", "report_service"
TARGETS = [HELP_PAGE, REPORT_SERVICE]
KEYS = ["enabled", "target", "label"]
LABEL_MAX = 40  # a button's words: short enough for a wide button on a phone
BADGE_WORDS_MAX = 12  # words that fit in the round badge under its picture (two short lines)
KEY = "plugins.thinksafe.help.button"

# The lifebuoy of Pictogrammers' Material Design Icons (Apache License 2.0), the picture the
# site's own "Get help" button shows, so that the button looks the same on both sites.
LIFEBUOY = ("M19.79 15.41c.95-2.17.95-4.66 0-6.82l-2.74 1.24c.6 1.38.6 2.95.01 4.34zm-4.37-11.2a8.54 "
            "8.54 0 0 0-6.83 0l1.24 2.73c1.39-.59 2.96-.59 4.35.01zM4.21 8.58a8.56 8.56 0 0 0 0 "
            "6.84l2.74-1.25c-.6-1.38-.6-2.96 0-4.35zm4.38 11.21a8.5 8.5 0 0 0 6.83-.01l-1.24-2.73a5.5 "
            "5.5 0 0 1-4.34.01zM12 2a10 10 0 0 1 10 10 10 10 0 0 1-10 10A10 10 0 0 1 2 12 10 10 0 0 1 "
            "12 2m0 6a4 4 0 0 0-4 4 4 4 0 0 0 4 4 4 4 0 0 0 4-4 4 4 0 0 0-4-4")


@dataclass(frozen=True)
class ButtonSettings:
    """`help.button`: whether the site offers the button, where it leads, and its words."""

    enabled: bool = True
    target: str = HELP_PAGE
    label: str = ""  # empty: the default words for the target (see `words`)

    def words(self, report_name: str) -> str:
        """The button's words: the owner's label, or a default that says where it leads."""
        if self.label:
            return self.label
        return "Get help" if self.target == HELP_PAGE else f"Report to {report_name}"


def parse_button(raw: object, *, source: str = "mkdocs.yml", key: str = KEY,
                 has_report: bool = True) -> tuple[ButtonSettings | None, list[Problem]]:
    """The owner's `help.button` settings over the defaults, or every mistake in them.

    `has_report`: whether the help settings name a report service (the report_service target
    leads there)."""
    if raw is None:
        return ButtonSettings(), []
    if not isinstance(raw, dict):
        return None, [Problem(source, key, f"got {describe(raw)}",
                              "a mapping such as {enabled: true, target: help_page, label: Get help}")]
    problems = [Problem(source, f"{key}.{name}", "unknown setting", one_of(KEYS), did_you_mean(name, KEYS))
                for name in raw if name not in KEYS]
    enabled, target, label = raw.get("enabled", True), raw.get("target", HELP_PAGE), raw.get("label", "")
    if not isinstance(enabled, bool):
        problems.append(Problem(source, f"{key}.enabled", f"got {describe(enabled)}", "true or false"))
    if target not in TARGETS:
        problems.append(Problem(source, f"{key}.target", f"got {describe(target)}", one_of(TARGETS),
                                did_you_mean(target, TARGETS) if isinstance(target, str) else ""))
    if target == REPORT_SERVICE and not has_report:
        problems.append(Problem(source, f"{key}.target", "is 'report_service', but the help settings "
                                "name no report service", "a report service in the help settings",
                                "name one, or leave 'target' out to lead to the help page"))
    if "label" in raw:
        problems += _label_problems(label, source, f"{key}.label")
    if problems:
        return None, problems
    return ButtonSettings(enabled, target, " ".join(label.split())), []


def _label_problems(label: object, source: str, key: str) -> list[Problem]:
    if not isinstance(label, str) or not label.strip():
        return [Problem(source, key, f"got {describe(label)}", "the button's words, such as 'Get help'",
                        "leave it out to use the default words")]
    if len(" ".join(label.split())) > LABEL_MAX:
        return [Problem(source, key, f"is {len(label.strip())} characters long",
                        f"at most {LABEL_MAX} characters", "a button's words must fit on a phone")]
    return []


@dataclass(frozen=True)
class Look:
    """How one snippet looks: its shape and the background it is made for."""

    shape: str  # "badge", "wide" or "link"
    scheme: str  # "light" (for light pages) or "dark" (for dark pages)
    title: str  # as the help-button page names it
    foreground: str
    background: str
    ring: str  # the focus ring's colour, seen against the partner's page

    @property
    def id(self) -> str:
        return f"{self.shape}-{self.scheme}"


# Colours checked in tests/core/test_help_button.py: text at least 4.5:1 on its background.
LOOKS = [
    Look("badge", "light", "Round badge, for light pages", "#ffffff", "#283593", "#283593"),
    Look("badge", "dark", "Round badge, for dark pages", "#1a237e", "#ffffff", "#ffffff"),
    Look("wide", "light", "Wide button, for light pages", "#ffffff", "#283593", "#283593"),
    Look("wide", "dark", "Wide button, for dark pages", "#1a237e", "#ffffff", "#ffffff"),
    Look("link", "light", "Text link, for light pages", "#1a237e", "#ffffff", "#1a237e"),
    Look("link", "dark", "Text link, for dark pages", "#ffffff", "#1f1f1f", "#ffffff"),
]

_FONT = "font:700 16px/1.25 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif"
_HIDDEN = ("position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;"
           "overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap")
_SHAPES = {
    # Every shape is at least 44 by 44 CSS pixels: the size WCAG 2.5.5 asks of a target.
    "badge": ("position:relative;display:inline-flex;flex-direction:column;align-items:center;"
              "justify-content:center;gap:2px;box-sizing:border-box;width:88px;height:88px;"
              "border-radius:50%;text-align:center;"),
    "wide": ("display:inline-flex;align-items:center;gap:10px;box-sizing:border-box;min-height:48px;"
             "min-width:44px;padding:8px 20px;border-radius:8px;"),
    "link": ("display:inline-flex;align-items:center;box-sizing:border-box;min-height:44px;"
             "min-width:44px;padding:4px 8px;text-decoration:underline;text-underline-offset:3px;"),
}


@dataclass(frozen=True)
class Snippet:
    look: Look
    html: str  # the code a partner pastes, exactly as shown on /help/button/


def snippet_class(href: str, look: Look) -> str:
    """A class name no partner page already uses: from the address the button leads to."""
    return f"thinksafe-help-{hashlib.sha256(href.encode()).hexdigest()[:8]}-{look.id}"


def snippets(href: str, words: str, site_name: str) -> list[Snippet]:
    """Every look's snippet for a button with these `words` leading to `href` (absolute)."""
    return [Snippet(look, snippet(href, words, site_name, look)) for look in LOOKS]


def snippet(href: str, words: str, site_name: str, look: Look) -> str:
    """One snippet: a comment saying what it is, its scoped style, and the link."""
    css = snippet_class(href, look)
    style = (f"<style>@media print{{.{css}{{display:none!important}}}}"
             f".{css}:focus-visible{{outline:3px solid {look.ring}!important;outline-offset:3px!important}}"
             "</style>")
    colours = f"color:{look.foreground};background:{look.background};"
    # A transparent border is drawn in the system's colour in forced-colours (high contrast) mode.
    decoration = "" if look.shape == "link" else "text-decoration:none;border:2px solid transparent;"
    link_style = _SHAPES[look.shape] + colours + decoration + _FONT
    inside = _inside(words, look)
    # A tooltip, for a badge whose words are too long to be shown in it.
    title = f' title="{escape(words)}"' if look.shape == "badge" and len(words) > BADGE_WORDS_MAX else ""
    comment = f"<!-- Help button from {_comment_safe(site_name)}: a plain link; it loads nothing. -->"
    return (f'{comment}\n{style}\n'
            f'<a class="{css}" href="{escape(href)}" rel="noopener noreferrer"{title} style="{link_style}">'
            f"{inside}</a>")


def _inside(words: str, look: Look) -> str:
    if look.shape == "link":
        return escape(words)
    size = 32 if look.shape == "badge" else 24
    picture = (f'<svg aria-hidden="true" focusable="false" width="{size}" height="{size}" '
               f'viewBox="0 0 24 24" style="flex:none;fill:currentColor"><path d="{LIFEBUOY}"/></svg>')
    if look.shape != "badge":
        return f"{picture}<span>{escape(words)}</span>"
    if len(words) <= BADGE_WORDS_MAX:  # under the picture, in the circle
        return f'{picture}<span style="font-size:13px;line-height:1.1">{escape(words)}</span>'
    # Longer words would not fit in the circle: the picture is seen, the words are read out.
    return f'{picture}<span style="{_HIDDEN}">{escape(words)}</span>'



def _comment_safe(text: str) -> str:
    """Text that cannot end or confuse an HTML comment."""
    return escape(text).replace("--", "–")


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
