"""Author HTML checked against the allow-list (`allowlist`), with the file, line and a fix.

Three kinds of text are read: a lesson's or page's Markdown (its raw HTML, links, pictures and
`{: attribute lists }`), a whole HTML file published as it is (a worksheet), and an SVG file.
Each is parsed, never searched with patterns for what is bad: every element, attribute,
address and CSS property found must be on the list. A second, browser-grade parse (html5ever,
through nh3) then makes sure the HTML holds nothing that a browser would see and this parse
missed (a comment or a raw-text element read differently).
"""

from __future__ import annotations

import functools
import re
import string
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from thinksafe.core.html import allowlist as allow
from thinksafe.core.model.addresses import INLINE_LINK, REFERENCE, prose_lines
from thinksafe.core.problems import Problem

LIST = "docs/html-allow-list.md"
_OFFSITE_EXPECTED = "pictures, videos and files from inside the content folder"
_OFFSITE_FIX = ("save the file inside the content folder (a lesson's, in its own folder) and point "
                "to it there, or make it an ordinary link the reader can choose to follow")


@dataclass(frozen=True)
class Finding:
    """One thing off the list: where (line, counted from 1 in the text read), what and what to do."""

    line: int | None
    key: str
    message: str
    expected: str
    fix: str
    kind: str = "html"  # "address" for something fetched from another host
    address: str = ""  # that address

    def problem(self, path: str, first_line: int = 1) -> Problem:
        line = None if self.line is None else self.line + first_line - 1
        return Problem(path, self.key, self.message, self.expected, self.fix, line)


# ---------------------------------------------------------------- addresses

_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")


def address_kind(value: str) -> str:
    """'fragment', 'relative', 'remote' (another host), or a scheme ('javascript', 'data', …),
    read as a browser reads it: spaces and controls around it and tabs and newlines in it dropped."""
    url = re.sub(r"[\t\n\r]", "", value.strip(_C0_AND_SPACE)).replace("\\", "/")
    if url.startswith("#"):
        return "fragment"
    if url.startswith("//"):
        return "remote"
    scheme = _SCHEME.match(url)
    if scheme is None:
        return "relative"
    name = scheme.group(1).lower()
    return "remote" if name in {"http", "https", "ftp", "ws", "wss"} else name


def address_finding(line, key: str, value: str, loaded: bool, fragment_only: bool = False) -> Finding | None:
    """What is wrong with an address, or None. `loaded`: fetched as the page opens (a picture)
    rather than followed when the reader chooses (a link)."""
    kind = address_kind(value)
    shown = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\x{ord(m.group()):02x}", value.strip()[:80])
    if kind == "fragment" or (kind == "relative" and not fragment_only):
        return None
    if fragment_only:
        return Finding(line, key, f"'{shown}' is not a part of this drawing", "'#' and the id of a part "
                       "of the same drawing", "draw the part here, or save the picture as a file of the site")
    if kind in ("javascript", "vbscript"):
        return Finding(line, key, f"'{shown}' is a script address, which would run a script when followed",
                       "a link to a page (https://…, mailto:, tel: or a path in the site)",
                       "link to a page instead; lessons and pages run no scripts of their own")
    if kind == "data":
        return Finding(line, key, f"'{shown[:40]}…' is a data: address, a whole document or picture "
                       "hidden inside the page", "a file of the site, or a link to a page",
                       "save it as a file in the lesson's folder and point to that file")
    if loaded:
        if kind == "remote":
            return Finding(line, "(picture or embed)", f"'{shown}' would be loaded from another site as the page "
                           "opens, which tells that site who is reading", _OFFSITE_EXPECTED,
                           _OFFSITE_FIX, kind="address", address=value.strip())
        return Finding(line, key, f"'{shown}' is not a file of this site", _OFFSITE_EXPECTED, _OFFSITE_FIX)
    if kind == "remote" or kind in allow.LINK_SCHEMES:
        return None
    return Finding(line, key, f"the address scheme '{kind}:' is not on the list", "https:, http:, "
                   "mailto:, tel: or a path in the site", f"link to a web page instead (see {LIST})")


# ---------------------------------------------------------------- CSS

_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\r\n\f]?|(\n)|(.))", re.S)
_CSS_STRING = re.compile(r"""(["'])(?:\\.|(?!\1)[^\\\n])*(?:\1|$)""", re.S | re.M)
_CSS_FUNCTION = re.compile(r"([-a-zA-Z_][-\w]*)\s*\(")
_CSS_URL = re.compile(r"""url\(\s*(?:(["'])(.*?)\1|([^)'"\s]*))\s*\)""", re.I | re.S)
_VENDOR = re.compile(r"^-(?:webkit|moz|ms|o)-")
_FONT_FACE = {"src", "unicode-range", "font-display", "panose-1"}


def _unescape_css(css: str) -> str:
    def one(match: re.Match) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return "" if match.group(2) else match.group(3)
    # Comments go first, keeping their newlines so that lines still count right.
    css = _CSS_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), css)
    return _CSS_ESCAPE.sub(one, css)


def css_findings(css: str, line: int | None, key: str, declarations_only: bool = True) -> list[Finding]:
    """Every property, function, address and at-rule off the list in a `style` attribute
    (`declarations_only`) or a <style> block, as the browser reads it (escapes decoded)."""
    text = _unescape_css(css).replace("<!--", "    ").replace("-->", "   ")
    if declarations_only:
        return _declarations(text, line, key)
    found, plain = [], _CSS_STRING.sub(lambda m: re.sub(r"[^\n]", "x", m.group(0)), text)
    for match in re.finditer(r"@([-\w]+)", plain):
        if match.group(1).lower() not in allow.CSS_AT_RULES:
            found.append(Finding(_at(line, text, match.start()), key, f"'@{match.group(1)}' is not on "
                                 "the list of CSS rules (an @import loads another style sheet)",
                                 "@media, @page or @font-face", "put the rules themselves in this <style>"))
    for match in re.finditer(r"\{([^{}]*)\}", text):
        found += _declarations(match.group(1), _at(line, text, match.start(1)), key, block=True)
    return found


def _at(line: int | None, text: str, offset: int) -> int | None:
    return None if line is None else line + text.count("\n", 0, offset)


def _declarations(text: str, line: int | None, key: str, block: bool = False) -> list[Finding]:
    found, offset = [], 0
    for part in re.split(r";", text):
        here, offset = _at(line, text, offset), offset + len(part) + 1
        if ":" not in part:
            continue
        name, value = part.split(":", 1)
        name = name.strip().lower()
        found += _property(name, value, here + part.count("\n", 0, len(part) - len(part.lstrip()))
                           if here is not None else None, key, block)
    return found


def _property(name: str, value: str, line, key: str, block: bool) -> list[Finding]:
    plain = _VENDOR.sub("", name)
    if plain.startswith(allow.CSS_IGNORED_PREFIXES):
        return []
    if not (plain in allow.CSS_PROPERTIES or plain.startswith("--") or (block and plain in _FONT_FACE)):
        if plain in allow.COVERING:
            why = "could move this part of the page over the Get help and Quick exit buttons"
        else:
            why = "is not on the list of CSS properties a page may use"
        return [Finding(line, key, f"the CSS property '{name}' {why}", f"a property listed in {LIST}",
                        "use Markdown, or a class styled by a style sheet in extra_css (mkdocs.yml)")]
    return css_value_findings(value, line, key)


def css_value_findings(value: str, line, key: str) -> list[Finding]:
    """Functions off the list, and addresses, in one CSS value (escapes already decoded)."""
    found = []
    plain = _CSS_STRING.sub('""', value)
    for match in _CSS_FUNCTION.finditer(plain):
        function = _VENDOR.sub("", match.group(1).lower())
        if function not in allow.CSS_FUNCTIONS:
            found.append(Finding(line, key, f"the CSS function '{match.group(1)}()' is not on the list"
                                 + (" (it loads pictures)" if "image" in function else ""),
                                 "colours, sizes and gradients; url() only for a file of this site",
                                 "save any picture as a file and show it with Markdown: ![words](file.png)"
                                 if "image" in function else f"write the value without it (see {LIST})"))
    for match in _CSS_URL.finditer(value):
        address = match.group(2) if match.group(1) else match.group(3)
        finding = address_finding(line, key, address or "", loaded=True)
        if finding is not None:
            found.append(finding)
    return found


# ---------------------------------------------------------------- HTML

ELEMENT_ADVICE = {
    "script": ("would run a script in the reader's browser", "remove it: lessons and pages run no "
               "scripts of their own; describe an activity in words, or make it a worksheet to print"),
    "iframe": ("would show another page inside this one, and load it from wherever it lives",
               "link to the video or page instead: [words](https://…)"),
    "frame": ("would show another page inside this one", "link to the page instead"),
    "object": ("would load a plug-in or another document", "link to the file instead"),
    "embed": ("would load a plug-in or another document", "link to the file instead"),
    "base": ("would change where every link and script of the page leads",
             "remove it; write each link relative to this file"),
    "meta": ("would change how the page behaves (a refresh takes the reader to another page)",
             "remove it; link to the other page instead"),
    "link": ("would load a style sheet or another file into the page",
             "remove it; a site's own style sheets go in extra_css in mkdocs.yml"),
    "style": ("would restyle the whole page, and could hide the Get help and Quick exit buttons",
              "use Markdown and classes ({ .class }), with their style in a style sheet in extra_css"),
    "form": ("would send what a reader types to somewhere", "remove it; link to the service's own form"),
    "noscript": ("is read in two different ways by browsers, which can hide markup from this check",
                 "remove it; pages work without JavaScript anyway"),
    "template": ("holds markup that a script could add later", "remove it"),
    "feimage": ("would load a picture into a drawing, from wherever its address leads",
                "save the picture as a file and show it with Markdown: ![words](file.png)"),
    "image": ("would load a picture into a drawing", "show the picture with Markdown: ![words](file.png)"),
    "foreignobject": ("puts a page's HTML inside a drawing, out of sight of this check", "remove it"),
    "animate": ("can change a drawing's links into scripts as it plays", "draw it without animation"),
    "set": ("can change a drawing's links into scripts", "draw it without animation"),
}
for _name in ("input", "button", "select", "textarea", "option", "label", "fieldset", "output"):
    ELEMENT_ADVICE[_name] = ELEMENT_ADVICE["form"]
for _name in ("animatetransform", "animatemotion", "animatecolor"):
    ELEMENT_ADVICE[_name] = ELEMENT_ADVICE["animate"]
for _name in ("applet", "portal", "frameset", "xmp", "plaintext", "noembed", "noframes"):
    ELEMENT_ADVICE[_name] = ("is not on the list, and browsers read what follows it unlike this check", "remove it")

# What Markdown extensions put in a converted page besides the author's own HTML: tabbed
# sets' and task lists' inputs and labels, emoji icons and code line anchors.
_MARKDOWN_OUTPUT = {"input": {"type", "id", "name", "checked", "disabled"}, "label": {"for"}}


@dataclass(frozen=True)
class Mode:
    """What kind of text is read, and so which part of the list applies."""

    elements: frozenset
    name: str  # "fragment" (Markdown's HTML), "document" (an .html file), "svg", "converted"

    @property
    def xml(self) -> bool:
        return self.name == "svg"


FRAGMENT = Mode(frozenset(allow.ELEMENTS), "fragment")
DOCUMENT = Mode(frozenset(allow.ELEMENTS | allow.DOCUMENT), "document")
SVG_FILE = Mode(frozenset(allow.SVG | {"style", "a"}), "svg")
CONVERTED = Mode(frozenset(allow.ELEMENTS | set(_MARKDOWN_OUTPUT)), "converted")


def attribute_findings(tag: str, name: str, value: str, line, mode: Mode) -> list[Finding]:
    """What is wrong with one attribute of an allowed element, or nothing."""
    key = f"<{tag} {name}>"
    if name.startswith("on"):
        return [Finding(line, key, f"'{name}' would run a script when the reader (or the page) "
                        "does something", "no event handlers", "remove it: lessons and pages run no "
                        "scripts of their own")]
    if name == "srcdoc":
        return [Finding(line, key, "'srcdoc' puts a whole other page inside this one", "no srcdoc",
                        "remove it; link to the page instead")]
    if not _attribute_allowed(tag, name, mode):
        return [Finding(line, key, f"the attribute '{name}' is not on the list for <{tag}>",
                        f"an attribute listed for <{tag}> in {LIST}", "remove it")]
    if tag == "meta":
        return _meta_findings(name, value, line)
    if name == "style":
        return css_findings(value, line, key)
    if tag in allow.SVG and name in {"fill", "stroke", "clip-path", "mask", "marker-start",
                                     "marker-mid", "marker-end"}:
        return css_value_findings(_unescape_css(value), line, key)
    if (tag, name) in allow.FRAGMENT_ONLY or (name in {"href", "xlink:href"} and tag in allow.SVG):
        finding = address_finding(line, key, value, loaded=True, fragment_only=True)
        return [finding] if finding else []
    if name in allow.LINKS or name == "xlink:href":
        finding = address_finding(line, key, value, loaded=False)
        return [finding] if finding else []
    if name in allow.LOADED:
        addresses = _srcset(value) if name == "srcset" else [value]
        return [f for f in (address_finding(line, key, a, loaded=True) for a in addresses) if f]
    return []


def _attribute_allowed(tag: str, name: str, mode: Mode) -> bool:
    if name in allow.GLOBAL or name.startswith(allow.PREFIXES) or name in allow.PER_ELEMENT.get(tag, ()):
        return True
    if mode.name == "converted" and name in _MARKDOWN_OUTPUT.get(tag, ()):
        return True
    return tag in allow.SVG and (name in allow.SVG_ATTRIBUTES or mode.xml and ":" in name
                                 and name.split(":")[0] in {"xmlns", "xml", "sodipodi", "inkscape"})


def _meta_findings(name: str, value: str, line) -> list[Finding]:
    if name == "http-equiv" and value.strip().lower() != "content-type":
        return [Finding(line, f"<meta {name}>", f"http-equiv '{value.strip()[:40]}' would change how "
                        "the page behaves (a refresh takes the reader to another page)",
                        "<meta charset> or <meta name=… content=…> only", "remove this line")]
    return []


def _srcset(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


class _Reader(HTMLParser):
    """Every start tag, style text, comment and declaration, with its line."""

    def __init__(self, mode: Mode):
        super().__init__(convert_charrefs=True)
        if mode.xml:  # in XML a <style> holds markup like any other element
            # typeshed marks it Final, yet html.parser reads it through `self` on every start tag:
            # set on the instance, it changes which elements hold raw text for this parser only.
            self.CDATA_CONTENT_ELEMENTS = ()  # type: ignore[misc]
        self.mode = mode
        self.found: list[Finding] = []
        self.tags: Counter = Counter()
        self.attributes: set[tuple[str, str]] = set()
        self.open: list[str] = []
        self.in_style = 0

    def line(self) -> int:
        return self.getpos()[0]

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs)
        if tag not in {"br", "hr", "img", "meta", "link", "source", "track", "wbr", "col", "input"}:
            self.open.append(tag)
            self.in_style += tag == "style"

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open:
                closed = self.open.pop()
                self.in_style -= closed == "style"
                if closed == tag:
                    break

    def _start(self, tag: str, attrs: list) -> None:
        line = self.line()
        self.tags[tag] += 1
        if tag not in self.mode.elements:
            self.found.append(_element_finding(tag, line))
            return
        if tag == "style" and not self.mode.xml and {"svg", "math"} & set(self.open):
            self.found.append(Finding(line, "<style>", "a <style> inside a drawing is read as markup "
                                      "by browsers, and could hide a script", "no <style> inside <svg>",
                                      "put the style rules in the <style> in the <head>"))
        for name, value in attrs:
            self.attributes.add((tag, name))
            self.found += attribute_findings(tag, name, value or "", line, self.mode)

    def handle_data(self, data):
        if self.in_style and data.strip():
            self.found += css_findings(data, self.line(), "<style>", declarations_only=False)

    def handle_comment(self, data):
        if "--!>" in data or data.startswith((">", "->")) or (self.mode.xml and "--" in data):
            self.found.append(Finding(self.line(), "(comment)", "this comment ends in a different "
                                      "place for browsers than it seems to", "a comment <!-- like this -->",
                                      "remove the comment"))

    def handle_decl(self, decl):
        if "[" in decl:
            self.found.append(Finding(self.line(), "(DOCTYPE)", "a DOCTYPE with its own definitions "
                                      "can put markup where it cannot be seen", "<!DOCTYPE html>, or none in an SVG",
                                      "remove the part in [ ]; in a drawing program, save as plain SVG"))

    def handle_pi(self, data):
        if not (self.mode.xml and re.match(r"xml\s", data)):
            self.found.append(Finding(self.line(), "(processing instruction)", f"'<?{data[:40]}' can "
                                      "load a style sheet from elsewhere", "no processing instructions "
                                      "but <?xml …?>", "remove it; in a drawing program, save as plain SVG"))

    def unknown_decl(self, data):
        if not data.upper().startswith("CDATA["):
            self.found.append(Finding(self.line(), "(declaration)", f"'<![{data[:30]}' is not HTML",
                                      "HTML on the list", "remove it"))


def _element_finding(tag: str, line: int | None) -> Finding:
    what, fix = ELEMENT_ADVICE.get(tag, ("is not on the list of HTML a page may use", f"use Markdown, "
                                         f"or an element listed in {LIST}; to show '<{tag}>' as "
                                         f"words, write &lt;{tag}&gt;"))
    return Finding(line, f"<{tag}>", f"<{tag}> {what}", f"an element listed in {LIST}", fix)


def html_findings(html: str, mode: Mode = FRAGMENT) -> list[Finding]:
    """Everything off the list in `html`; each finding's line counts from the text's first."""
    if mode is CONVERTED and _allowed_whole(html):
        return []  # a converted page is long and seldom holds anything off the list: asked fast first
    reader = _Reader(mode)
    try:
        reader.feed(html)
        reader.close()
    except (AssertionError, ValueError) as error:  # html.parser's own complaints about broken markup
        return reader.found + [Finding(reader.line(), "(HTML)", f"this HTML cannot be read ({error})",
                                       "well-formed HTML", "check the brackets and quotes on this line")]
    found = reader.found
    if not mode.xml:
        found += _unseen(html, reader, mode)
    return found


# ---------------------------------------------------------------- a browser's view (nh3)

# Every element name nh3 should keep to show what a browser builds (html5ever's tree).
_KNOWN = {e for e in allow.ELEMENTS | allow.DOCUMENT} | set(ELEMENT_ADVICE) | {
    "main", "nav", "dialog", "menu", "search", "slot", "math", "mi", "mo", "mn", "mtext", "ms",
    "mglyph", "malignmark", "annotation-xml", "marquee", "blink", "isindex", "keygen", "param",
    "area", "map", "canvas", "optgroup", "datalist", "meter", "progress", "legend", "hgroup",
    "tt", "big", "strike", "nobr", "listing", "bgsound", "basefont", "dir", "multicol",
    "spacer", "acronym", "xml", "foreignObject", "feImage", "animateTransform", "animateMotion",
    "linearGradient", "radialGradient", "clipPath", "textPath", "filter", "view", "switch",
} - {"html", "head", "body"}
_EVERY_ATTRIBUTE = set(string.ascii_lowercase) | {"_", ":"}
_EVERY_SCHEME = {"http", "https", "ftp", "mailto", "tel", "javascript", "vbscript", "data", "file",
                 "blob", "about", "ws", "wss", "filesystem", "intent", "livescript", "jar", "view-source"}
_START_TAG = re.compile(r"<([a-zA-Z][^\s/>]*)")


_seen: list[tuple[str, str, str]] = []  # what `_record` was shown in the last parse


def _record(element: str, attribute: str, value: str) -> str:
    _seen.append((element.lower(), attribute.lower(), value))
    return value


def _unseen(html: str, reader: _Reader, mode: Mode) -> list[Finding]:
    """What a browser would build from `html` that the line-by-line reading did not see.

    nh3 parses as browsers do; kept whole (every element it knows, every attribute), its
    output is the browser's tree. Each element or attribute there that the reader never met,
    and that the list does not allow, is a finding: markup hidden from one parse but not the other."""
    _seen.clear()
    tree = _everything(_record).clean(html)
    attributes, _seen[:] = list(_seen), []
    found = []
    built = Counter(name.lower() for name in _START_TAG.findall(tree))
    for tag, count in built.items():
        if count > reader.tags[tag] and tag not in mode.elements and tag != "tbody":
            found.append(_hidden(_element_finding(tag, None), html, tag))
    for element, attribute, value in attributes:
        if (element, attribute) not in reader.attributes and element in mode.elements:
            found += [_hidden(f, html, attribute) for f in attribute_findings(element, attribute, value, None, mode)]
    return found


def _allowed_whole(html: str) -> bool:
    """Whether nh3 keeps all of `html` under the converted pages' list: the browser's tree
    with the list applied equals the tree with everything kept. Fast (nh3 is compiled); when
    it says no, the line-by-line reading says what and where."""
    if {name.lower() for name in _START_TAG.findall(html)} - _CONVERTED_NAMES:
        return False
    strict, loose = _cleaners()
    return strict.clean(html) == loose.clean(html)


@functools.cache
def _cleaners() -> tuple[nh3.Cleaner, nh3.Cleaner]:
    """The converted pages' list as nh3 applies it, and nh3 keeping everything it knows."""
    strict = nh3.Cleaner(tags=_CONVERTED_TAGS, clean_content_tags=set(), attributes=_CONVERTED_ATTRIBUTES,
                         generic_attribute_prefixes=set(allow.PREFIXES), attribute_filter=_value_allowed,
                         strip_comments=True, link_rel=None, url_schemes=_EVERY_SCHEME)
    return strict, _everything(None)


@functools.cache
def _everything(record) -> nh3.Cleaner:
    """nh3 keeping every element it knows and every attribute (each shown to `record`)."""
    return nh3.Cleaner(tags=_KNOWN, clean_content_tags=set(), attributes={},
                       generic_attribute_prefixes=_EVERY_ATTRIBUTE, attribute_filter=record,
                       strip_comments=True, link_rel=None, url_schemes=_EVERY_SCHEME)


# nh3 asks this of every attribute of every converted page: many are the same (a class, an
# admonition's), and the answer depends on the three values alone.
@functools.lru_cache(maxsize=4096)
def _value_allowed(element: str, attribute: str, value: str) -> str | None:
    findings = attribute_findings(element.lower(), attribute.lower(), value, None, CONVERTED)
    return None if findings else value


def _camel(names: set[str]) -> set[str]:
    """Names as the list writes them (lower case) and as a browser keeps SVG's (camel case)."""
    return names | {camel for camel in _KNOWN | _SVG_CAMEL_ATTRIBUTES if camel.lower() in names}


_SVG_CAMEL_ATTRIBUTES = {
    "viewBox", "preserveAspectRatio", "gradientUnits", "gradientTransform", "spreadMethod",
    "clipPathUnits", "maskUnits", "maskContentUnits", "patternUnits", "patternContentUnits",
    "patternTransform", "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "pathLength",
    "textLength", "lengthAdjust"}


def _hidden(finding: Finding, html: str, word: str) -> Finding:
    """A finding of the browser's parse, placed on the first line naming it, said to be hidden."""
    line = next((n for n, text in enumerate(html.splitlines(), 1) if word.lower() in text.lower()), None)
    return Finding(line, finding.key, finding.message + ", hidden where a browser would still find it",
                   finding.expected, finding.fix + "; also check this line's quotes, comments and tags",
                   finding.kind, finding.address)


# ---------------------------------------------------------------- Markdown

_AUTOLINK = re.compile(r"<(?:(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*|(?:mailto:)?[-.\w]+@[-\w]+(?:\.[-\w]+)*\.[a-z]+)>")
_PICTURE = re.compile(r"!\[[^\]]*" + INLINE_LINK.pattern)  # ![words](address)
_PICTURE_REF = re.compile(r"!\[([^\]]*)\](?:\[([^\]]*)\])?")  # ![words][name] or ![name]
_ATTR_LIST = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*)[ ]*\}")
_ATTR_PAIR = re.compile(r"""([^\s=#.{}'"]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s}]*))""")


def markdown_findings(body: str) -> list[Finding]:
    """Everything off the list in one lesson's or page's Markdown: raw HTML, the addresses of
    links and pictures, and attribute lists. Code is left out. Lines count from the body's first."""
    if not any(mark in body for mark in ("<", "](", "]:", "{")):  # plain prose: nothing to read
        return []
    found: list[Finding] = []
    text: list[str] = []
    pictures: set[str] = set()
    references: dict[str, tuple[int, str]] = {}  # a reference's name: its line and address
    for number, line in prose_lines(body, 1):
        text.append(_AUTOLINK.sub(lambda m: " " * len(m.group(0)), line))  # not HTML
        if "](" in line:
            pictured = {m.start(1) if m.group(1) is not None else m.start(2) for m in _PICTURE.finditer(line)}
            for match in INLINE_LINK.finditer(line):
                start = match.start(1) if match.group(1) is not None else match.start(2)
                address = match.group(1) if match.group(1) is not None else match.group(2)
                loaded = start in pictured
                finding = address_finding(number, "(picture)" if loaded else "(link)", address, loaded)
                found += [finding] if finding else []
        if "![" in line:
            pictures |= {(name or words).strip().lower() for words, name in _PICTURE_REF.findall(line)}
        if "]:" in line:
            for name, bracketed, bare in REFERENCE.findall(line):
                references.setdefault(name.strip().lower(), (number, bracketed or bare))
        if "{" in line:
            found += _attr_list_findings(line, number)
    for name, (number, address) in references.items():
        loaded = name in pictures
        finding = address_finding(number, "(picture)" if loaded else "(link)", address, loaded)
        found += [finding] if finding else []
    if "<" in body:
        found += html_findings("\n".join(text), FRAGMENT)
    return found


def _attr_list_findings(line: str, number: int) -> list[Finding]:
    """`{: name="value" }` gives any element any attribute: each is checked as on any element."""
    found = []
    for block in _ATTR_LIST.finditer(line):
        for name, double, single, bare in _ATTR_PAIR.findall(block.group(1)):
            value = double or single or bare
            # The list lands on whichever element it follows: read as on one that may have it.
            tag = next((t for t, names in allow.PER_ELEMENT.items() if name.lower() in names
                        and t in allow.ELEMENTS), "div")
            for finding in attribute_findings(tag, name.lower(), value, number, FRAGMENT):
                found.append(Finding(finding.line, "{: " + name + " }", finding.message,
                                     finding.expected, finding.fix, finding.kind, finding.address))
    return found


def markdown_problems(path: str, body: str, first_line: int) -> list[Problem]:
    """A problem, with the file and line, for everything off the list in a lesson or page."""
    return [finding.problem(path, first_line) for finding in markdown_findings(body)]


# ---------------------------------------------------------------- published files

PUBLISHED_HTML = (".html", ".htm", ".xhtml", ".xht")
PUBLISHED_SVG = (".svg",)


def published_mode(path: str) -> Mode | None:
    """How a file the site publishes as it is must be read, or None when it holds no HTML."""
    lowered = path.lower()
    if lowered.endswith(PUBLISHED_SVG):
        return SVG_FILE
    if lowered.endswith(PUBLISHED_HTML):
        return DOCUMENT
    return None


def decoded(data: bytes) -> str:
    """Markup as a browser finds it: by its byte-order mark, else one character a byte (every
    tag and address is in ASCII in any encoding a browser guesses without a mark)."""
    for mark, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(mark):
            return data[len(mark):].decode(codec, errors="replace")
    return data.decode("latin-1")


def published_problems(shown: str, data: bytes, mode: Mode) -> list[Problem]:
    """Everything off the list in one HTML or SVG file published as it is."""
    return [finding.problem(shown) for finding in html_findings(decoded(data), mode)]


_CONVERTED_TAGS = _camel(set(CONVERTED.elements))
_CONVERTED_NAMES = {name.lower() for name in _CONVERTED_TAGS}
_CONVERTED_ATTRIBUTES = {
    "*": _camel(allow.GLOBAL),
    **{tag: set(names) for tag, names in allow.PER_ELEMENT.items()},
    **{tag: set(names) for tag, names in _MARKDOWN_OUTPUT.items()},
    **{tag: _camel(set(allow.SVG_ATTRIBUTES)) for tag in _camel(set(allow.SVG))},
}
