"""What a page would fetch from another host by itself: pictures, frames, scripts, styles, fonts.

The contract: no page asks any other host for anything. A link is fine (the reader chooses to
follow it); an address the browser loads on its own as the page opens is not, since it tells
that host who is reading what.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from thinksafe.core.html.check import CONVERTED, html_findings
from thinksafe.core.problems import Problem

MERMAID = "https://unpkg.com/mermaid@11/dist/mermaid.min.js"  # what Material 9.8 loads for diagrams
_DIAGRAM = re.compile(r"""class=["'][^"']*\bmermaid\b""")
_REMOTE = re.compile(r"^(?:https?|ftp|wss?):|^//", re.I)


def remote(address: str) -> bool:
    """Whether a browser would fetch `address` from another host (`//host/x` too; a backslash
    counts as a slash, as browsers read it)."""
    return bool(_REMOTE.match(address.strip().replace("\\", "/")))


def fetched_by_html(html: str) -> list[str]:
    """Each address on another host that this HTML makes a browser load by itself, as the
    allow-list's check finds it (`htmlcheck`)."""
    return [f.address for f in html_findings(html, CONVERTED) if f.kind == "address"]


def fetched_by_theme(html: str, scripts: Iterable) -> list[str]:
    """What Material's own script would load from another host for this page: Mermaid, to draw
    a diagram, unless the site brings its own copy among its `scripts` (extra_javascript)."""
    if _DIAGRAM.search(html) and not any("mermaid" in str(script).lower() for script in scripts):
        return [MERMAID]
    return []


def converted_problems(path: str, html: str, scripts: Iterable, authored: bool = True) -> list[Problem]:
    """What a converted page holds off the allow-list that its text did not show (the text is
    checked line by line by `htmlcheck.markdown_problems`): an extension's doing, such as emoji
    pictures from a CDN, or Material's Mermaid. Pages ThinkSafe writes itself (`authored`
    False) are checked for what they would load from another host only.
    `scripts`: the site's extra_javascript."""
    expected = "pictures, files and scripts from this site only"
    findings = [f for f in html_findings(html, CONVERTED) if authored or f.kind == "address"]
    return [
        Problem(path, "(picture or embed)" if f.kind == "address" else f.key,
                f"{f.message}; a Markdown extension or its settings in mkdocs.yml put it there",
                expected if f.kind == "address" else f.expected,
                "change that extension's settings (for emoji: 'emoji_generator: "
                "!!python/name:thinksafe.emoji.icons_or_text' under pymdownx.emoji)")
        for f in findings
    ] + [
        Problem(path, "(diagram)",
                f"Material's script would load Mermaid from another site ('{address}') to draw "
                "this page's diagram", expected,
                "save mermaid.min.js in overrides/assets/ and add 'assets/mermaid.min.js' to "
                "extra_javascript in mkdocs.yml, or show the diagram as a picture")
        for address in fetched_by_theme(html, scripts)
    ]


def settings_problems(source: str, config: Mapping) -> list[Problem]:
    """mkdocs.yml settings that would make every page load something from another host, or
    track its readers; `config` is MkDocs's settings or the file as written."""
    theme = _readable(config.get("theme"))  # or just a name
    extra = _readable(config.get("extra"))
    files = {"extra_css": config.get("extra_css"), "extra_javascript": config.get("extra_javascript"),
             "theme.logo": theme.get("logo"), "theme.favicon": theme.get("favicon")}
    problems = [
        Problem(source, f"{key}[{index}]" if key.startswith("extra_") else key,  # the lists
                f"'{address}' is on another site, and every page would load it from there",
                "a file of this site's own", "save the file in overrides/assets/ and write its path "
                "here, such as 'assets/name.js'")
        for key, value in files.items() for index, address in enumerate(_addresses(value))
        if remote(address)
    ]
    if extra.get("analytics"):
        problems.append(Problem(source, "extra.analytics", "would send every reader's visits to an "
                                "analytics service", "no analytics: a ThinkSafe site tracks nobody",
                                "remove 'analytics' and what is under it from 'extra'"))
    return problems


def _readable(value: Any) -> Any:
    """`value` if it answers `get` (a mapping, or MkDocs's Theme), else an empty mapping."""
    return value if hasattr(value, "get") else {}


def _addresses(value: object) -> list[str]:
    """A setting's addresses: one or a list, each a path or (a script) a mapping with a path."""
    items = value if isinstance(value, list) else [value] if value else []
    return [str(item.get("path") or "") if isinstance(item, dict) else str(item or "") for item in items]
