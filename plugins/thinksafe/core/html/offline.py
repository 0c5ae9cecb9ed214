"""Rewrite an HTML fragment so that it loads nothing: every link and picture goes through a policy."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from html import escape
from html.parser import HTMLParser

import nh3

from thinksafe.core.html import allowlist as allow
from thinksafe.core.html.check import address_kind, css_findings

# Elements that would fetch or run something; the tag goes, any fallback content stays.
_DROPPED_TAGS = {"iframe", "object", "embed", "link", "base", "video", "audio", "source", "track",
                 "frame", "frameset", "applet", "portal", "meta"}
# Elements whose content goes too: a printed lesson runs no script.
_DROPPED_WITH_CONTENT = {"script"}
_URL_ATTRIBUTES = {"src", "href", "srcset", "data", "poster", "action", "formaction", "background",
                   "xlink:href", "ping", "longdesc", "manifest", "imagesrcset"}
_VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)
_CSS_IMPORT = re.compile(r"@import[^;]*;?", re.I)

Link = Callable[[str], "str | None"]  # a link's new href, or None to keep its words only
Image = Callable[[str], "str | None"]  # a picture's data: URI, or None to show its alt text


def make_offline(html: str, link: Link, image: Image) -> str:
    """`html` with links passed through `link`, pictures through `image`, and every other
    reference to a file or host removed."""
    rewriter = _Rewriter(link, image)
    rewriter.feed(html)
    rewriter.close()
    return allowed_only("".join(rewriter.out))


def allowed_only(html: str) -> str:
    """`html` with only what the allow-list permits (`allowlist`), by nh3: the printed copy is
    held to the same list as the site's pages, whatever an extension put in its HTML. Pictures
    are the embedded data: pictures that `make_offline` made."""
    return _cleaner().clean(html)


@functools.cache
def _cleaner() -> nh3.Cleaner:
    """The list as nh3 applies it, made once: `nh3.clean` makes its cleaner anew on every call,
    most of its time on a printable copy (~520 µs of ~600 µs)."""
    return nh3.Cleaner(tags=_NH3_TAGS, clean_content_tags={"script", "style"}, attributes=_NH3_ATTRIBUTES,
                       generic_attribute_prefixes=set(allow.PREFIXES), attribute_filter=_allowed_value,
                       url_schemes=allow.LINK_SCHEMES | {"data"}, strip_comments=True, link_rel=None)


def _allowed_value(element: str, attribute: str, value: str) -> str | None:
    if attribute == "style":
        return value if not css_findings(value, 1, "style") else None
    if attribute in ("src", "srcset", "poster"):
        return value if element == "img" and attribute == "src" and value[:11].lower() == "data:image/" else None
    if attribute in ("href", "xlink:href", "cite"):
        kind = address_kind(value)
        if element in ("a",) and kind not in ("data", "javascript", "vbscript"):
            return value
        return value if kind == "fragment" else None
    return value


def _svg_names(names: set[str]) -> set[str]:
    """SVG's names both as the check reads them (lower case) and as a browser keeps them."""
    camel = {"lineargradient": "linearGradient", "radialgradient": "radialGradient",
             "clippath": "clipPath", "viewbox": "viewBox", "preserveaspectratio": "preserveAspectRatio",
             "gradientunits": "gradientUnits", "gradienttransform": "gradientTransform",
             "spreadmethod": "spreadMethod", "clippathunits": "clipPathUnits", "maskunits": "maskUnits",
             "maskcontentunits": "maskContentUnits", "patternunits": "patternUnits",
             "patterncontentunits": "patternContentUnits", "patterntransform": "patternTransform",
             "markerwidth": "markerWidth", "markerheight": "markerHeight", "markerunits": "markerUnits",
             "refx": "refX", "refy": "refY", "pathlength": "pathLength", "textlength": "textLength",
             "lengthadjust": "lengthAdjust"}
    return names | {camel[n] for n in names if n in camel}


_NH3_TAGS = _svg_names(set(allow.ELEMENTS))
_NH3_ATTRIBUTES = {"*": allow.GLOBAL - {"markdown"},
                   **{tag: set(names) for tag, names in allow.PER_ELEMENT.items() if tag in allow.ELEMENTS},
                   **{tag: _svg_names(allow.SVG_ATTRIBUTES) for tag in _svg_names(set(allow.SVG))}}


def is_inline(url: str) -> bool:
    """A reference that needs nothing fetched: a data: URI or an anchor in the same page."""
    return url.startswith("#") or url[:5].lower() == "data:"


def offline_css(css: str) -> str:
    """CSS with every `@import` and every non-data `url()` removed."""
    css = _CSS_IMPORT.sub("", css)
    return _CSS_URL.sub(lambda m: m.group(0) if is_inline(m.group(2).strip()) else "none", css)


class _Rewriter(HTMLParser):
    def __init__(self, link: Link, image: Image):
        super().__init__(convert_charrefs=False)
        self.link, self.image = link, image
        self.out: list[str] = []
        self.unwrapped: list[bool] = []  # per open <a>: was its tag dropped?
        self.skipping = 0  # inside a dropped-with-content element
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, pairs: list[tuple[str, str | None]], closed: bool) -> None:
        if tag in _DROPPED_WITH_CONTENT:
            self.skipping += 0 if closed else 1
            return
        if self.skipping or tag in _DROPPED_TAGS:
            return
        attrs = dict(pairs)
        if tag == "img":
            self._image(attrs)
            return
        if tag == "a":
            href = attrs.get("href")
            new = self.link(href) if href is not None else href
            self.unwrapped.append(href is not None and new is None)
            if self.unwrapped[-1]:
                return
            if href is not None:
                attrs["href"] = new
        self.in_style = tag == "style" and not closed
        self._emit(tag, attrs, closed, keep=("href",) if tag == "a" else ())

    def _image(self, attrs: dict[str, str | None]) -> None:
        src = attrs.get("src") or ""
        data = self.image(src) if src else None
        if data is None:
            alt = attrs.get("alt") or ""
            if alt:
                self.out.append(f'<span class="ts-missing-image">[{escape(alt)}]</span>')
            return
        attrs["src"] = data
        self._emit("img", attrs, closed=False, keep=("src",))

    def _emit(self, tag: str, attrs: dict[str, str | None], closed: bool, keep: tuple[str, ...] = ()) -> None:
        parts = [tag]
        for name, value in attrs.items():
            if name in _URL_ATTRIBUTES and name not in keep and not is_inline(value or ""):
                continue
            if name == "style" and value:
                value = offline_css(value)
            parts.append(name if value is None else f'{name}="{escape(value, quote=True)}"')
        self.out.append("<" + " ".join(parts) + (" />" if closed else ">"))

    def handle_endtag(self, tag):
        if tag in _DROPPED_WITH_CONTENT:
            self.skipping = max(0, self.skipping - 1)
            return
        if self.skipping or tag in _DROPPED_TAGS or (tag in _VOID):
            return
        if tag == "a" and self.unwrapped and self.unwrapped.pop():
            return
        if tag == "style":
            self.in_style = False
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(offline_css(data) if self.in_style else data)

    def handle_entityref(self, name):
        if not self.skipping:
            self.out.append(f"&{name};")

    def handle_charref(self, name):
        if not self.skipping:
            self.out.append(f"&#{name};")

    def handle_decl(self, decl):
        pass  # a fragment has no doctype of its own

    def handle_comment(self, data):
        pass  # comments can hide old browsers' conditional loads; a print copy needs none

    def handle_pi(self, data):
        pass

    def unknown_decl(self, data):
        if data.upper().startswith("CDATA[") and not self.skipping:
            self.out.append(f"<![{data}]>")
