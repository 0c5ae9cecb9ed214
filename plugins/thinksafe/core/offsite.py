"""What a page would fetch from another host by itself: pictures, frames, scripts, styles, fonts.

The contract: no page asks any other host for anything. A link is fine (the reader chooses to
follow it); an address the browser loads on its own as the page opens is not, since it tells
that host who is reading what.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser

from .addresses import INLINE_LINK, REFERENCE, prose_lines
from .problems import Problem

# Attributes whose address a browser loads by itself, on any tag that has them.
_LOADED = {"src", "srcset", "poster", "background", "data", "imagesrcset"}
# <link rel=…> kinds that are fetched as the page loads (others, like rel=canonical, are not).
_FETCHED_LINKS = {"stylesheet", "icon", "apple-touch-icon", "mask-icon", "preload", "prefetch",
                  "modulepreload", "manifest", "preconnect", "dns-prefetch", "prerender"}
_SVG_HREF = {"image", "use", "feimage", "script"}  # SVG tags whose href is loaded
_CSS_ADDRESS = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)
_REFRESH = re.compile(r"url\s*=\s*['\"]?([^'\";\s]+)", re.I)
MERMAID = "https://unpkg.com/mermaid@11/dist/mermaid.min.js"  # what Material 9.8 loads for diagrams
_DIAGRAM = re.compile(r"""class=["'][^"']*\bmermaid\b""")
_REMOTE = re.compile(r"^(?:https?|ftp|wss?):|^//", re.I)
# A cheap test before parsing: HTML that may load something.
_MAY_LOAD = re.compile(r"<(?:img|script|iframe|frame|embed|object|video|audio|source|track|link"
                       r"|style|input|image|use|meta)\b|\s(?:style|background)\s*=", re.I)
_PICTURE = re.compile(r"!\[[^\]]*" + INLINE_LINK.pattern)  # ![words](address)
_PICTURE_REF = re.compile(r"!\[([^\]]*)\](?:\[([^\]]*)\])?")  # ![words][name] or ![name]


def remote(address: str) -> bool:
    """Whether a browser would fetch `address` from another host (`//host/x` too; a backslash
    counts as a slash, as browsers read it)."""
    return bool(_REMOTE.match(address.strip().replace("\\", "/")))


def fetched_by_html(html: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, address) for each address on another host that this HTML makes a browser load."""
    if not _MAY_LOAD.search(html):
        return []
    collector = _Collector(first_line)
    collector.feed(html)
    collector.close()
    return collector.found


def fetched_by_theme(html: str, scripts: Iterable) -> list[str]:
    """What Material's own script would load from another host for this page: Mermaid, to draw
    a diagram, unless the site brings its own copy among its `scripts` (extra_javascript)."""
    if _DIAGRAM.search(html) and not any("mermaid" in str(script).lower() for script in scripts):
        return [MERMAID]
    return []


def fetched_by_markdown(body: str, first_line: int) -> list[tuple[int, str]]:
    """(line, address) for each address on another host that this Markdown makes a browser load
    by itself: its pictures and its raw HTML. Code is left out."""
    if "![" not in body and "<" not in body:  # no picture and no HTML: most lessons
        return []
    found, pictures, references, text = [], [], {}, []
    for number, line in prose_lines(body, first_line):
        text.append(line)
        if "![" in line:  # most lines show no picture: skip the patterns
            found += [(number, bracketed or bare) for bracketed, bare in _PICTURE.findall(line)]
            pictures += [(name or words).strip().lower() for words, name in _PICTURE_REF.findall(line)]
        if "]:" in line:
            for name, bracketed, bare in REFERENCE.findall(line):
                references.setdefault(name.strip().lower(), (number, bracketed or bare))
    found += [references[name] for name in pictures if name in references]
    found += fetched_by_html("\n".join(text), first_line)  # a tag may span lines
    return sorted({(n, a) for n, a in found if remote(a)})


def offsite_problems(path: str, body: str, first_line: int) -> list[Problem]:
    """A problem for each address on another host the page at `path` would load."""
    return [
        Problem(path, "(picture or embed)",
                f"'{address}' would be loaded from another site as the page opens, which tells "
                "that site who is reading", "pictures, videos and files from inside the content folder",
                "save the file inside the content folder (a lesson's, in its own folder) and "
                "point to it there, or make it an ordinary link the reader can choose to follow",
                line)
        for line, address in fetched_by_markdown(body, first_line)
    ]


def converted_problems(path: str, html: str, scripts: Iterable) -> list[Problem]:
    """What a converted page would load from another host that its text did not say (an
    extension's doing, such as emoji pictures from a CDN, or Material's Mermaid; the text is
    checked by `offsite_problems`). `scripts`: the site's extra_javascript."""
    expected = "pictures, files and scripts from this site only"
    return [
        Problem(path, "(picture or embed)",
                f"'{address}' would be loaded from another site as the page opens; a Markdown "
                "extension or its settings in mkdocs.yml put it there", expected,
                "change that extension's settings (for emoji: 'emoji_generator: "
                "!!python/name:thinksafe.emoji.icons_or_text' under pymdownx.emoji)")
        for _line, address in fetched_by_html(html)
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
    theme = config.get("theme") if hasattr(config.get("theme"), "get") else {}  # or just a name
    extra = config.get("extra") if hasattr(config.get("extra"), "get") else {}
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


def _addresses(value: object) -> list[str]:
    """A setting's addresses: one or a list, each a path or (a script) a mapping with a path."""
    items = value if isinstance(value, list) else [value] if value else []
    return [str(item.get("path") or "") if isinstance(item, dict) else str(item or "") for item in items]


class _Collector(HTMLParser):
    """Gathers the addresses a browser would load by itself from another host."""

    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self.first_line = first_line
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name in _LOADED:
                self._add(*_srcset(value) if "srcset" in name else [value])
            elif name == "style":
                self._add_css(value)
        if tag == "link" and _FETCHED_LINKS & set(values.get("rel", "").lower().split()):
            self._add(values.get("href", ""))
        if tag in _SVG_HREF:
            self._add(values.get("href", ""), values.get("xlink:href", ""))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self._add(*_REFRESH.findall(values.get("content", "")))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._add_css(data)

    def _add_css(self, css: str) -> None:
        self._add(*(a or b for a, b in _CSS_ADDRESS.findall(css)))

    def _add(self, *addresses: str) -> None:
        line = self.first_line + self.getpos()[0] - 1
        self.found += [(line, a.strip()) for a in addresses if a and remote(a)]


def _srcset(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]
