"""The allow-list check of author HTML (core/htmlcheck.py): what passes, what is named, and a
property test that no generated fragment ends in a traceback or passes with an off-site address."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import nh3
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thinksafe.core.html.check import (
    DOCUMENT,
    SVG_FILE,
    address_kind,
    css_findings,
    decoded,
    html_findings,
    markdown_findings,
)
from thinksafe.core.html.csp import PRINTABLE, site_policy, with_policy


def keys(body: str) -> list[str]:
    return [f.key for f in markdown_findings(body)]


@pytest.mark.parametrize("address, kind", [
    ("https://x.org/", "remote"), ("//x.org/a", "remote"), ("\\\\x.org\\a", "remote"),
    ("ht\ttps://x.org", "remote"), (" \x01https://x.org", "remote"), ("HTTPS://X.ORG", "remote"),
    ("java\nscript:alert(1)", "javascript"), ("JaVaScRiPt:x", "javascript"), ("data:text/html,x", "data"),
    ("pics/a.png", "relative"), ("../a.md#top", "relative"), ("#top", "fragment"), ("mailto:a@b.c", "mailto"),
])
def test_addresses_are_read_as_a_browser_reads_them(address, kind):
    assert address_kind(address) == kind


def test_ordinary_lesson_html_passes():
    body = ('<div markdown="1" class="note" id="n1" style="color: #333; text-align: center">\n**Hi**\n</div>\n'
            '<p>See <a href="https://example.org/" title="Example">a site</a> or <a href="../other.md">this</a>.</p>\n'
            '<img src="pics/cat.png" alt="A cat" width="300" loading="lazy">\n'
            '<table><thead><tr><th scope="col">A</th></tr></thead>'
            '<tbody><tr><td colspan="2">1</td></tr></tbody></table>\n'
            '<details><summary>More</summary><p>Words</p></details> <kbd>Ctrl</kbd> <mark>x</mark>\n'
            'Words {: .big } and <https://example.org/> and <someone@example.org>.\n'
            "```\n<script>alert(1)</script>\n```\n`<iframe>` in code.")
    assert markdown_findings(body) == []


def test_attribute_lists_may_give_an_element_what_it_may_have_and_nothing_else():
    assert markdown_findings('[A site](https://a.org){: target="_blank" rel="noopener" }') == []
    assert keys('Words.\n{: onclick="x" #id .big }') == ["{: onclick }"]
    assert keys('[x](a.md){: href="javascript:alert(1)" }') == ["{: href }"]


def test_words_in_angle_brackets_would_vanish_so_they_are_named_with_how_to_show_them():
    [finding] = markdown_findings("Keep <friends> safe.")
    assert finding.key == "<friends>" and "write &lt;friends&gt;" in finding.fix


def test_each_finding_has_the_line_it_is_on():
    body = "Line one.\n\nLine three <b>ok</b>.\n<img\n  src=x\n  onerror=alert(1)>\n"
    [finding] = markdown_findings(body)
    assert (finding.key, finding.line) == ("<img onerror>", 4)


@pytest.mark.parametrize("css, named", [
    ("position: fixed", "'position' could move this part of the page over the Get help"),
    ("background: image-set('a.png' 1x)", "'image-set()'"),
    ("background: u\\72l(https://e.example/x)", "would be loaded from another site"),
    ("behavior: url(x.htc)", "'behavior'"),
    ("width: expression(alert(1))", "'expression()'"),
    ("color: red; -moz-binding: url(x.xml#a)", "'-moz-binding'"),
])
def test_css_is_read_with_its_escapes_and_only_listed_properties_and_functions_pass(css, named):
    assert any(named in f.message for f in css_findings(css, 1, "style"))


def test_css_that_only_styles_passes():
    css = "color: rgb(0 0 0); background: linear-gradient(#fff, #eee); margin: 0 auto; -webkit-hyphens: auto"
    assert css_findings(css, 1, "style") == []
    block = "@media print { p { color: black } } td { border: 1px solid #000; mso-border-alt: solid }"
    assert css_findings(block, 1, "<style>", declarations_only=False) == []


def test_a_word_worksheet_and_an_inkscape_drawing_pass():
    word = ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
            '<meta http-equiv=Content-Type content="text/html; charset=windows-1252">'
            '<meta name=Generator content="Microsoft Word 15"><style><!-- p.MsoNormal {margin:0cm; '
            'font-size:12.0pt; font-family:"Calibri",sans-serif; mso-fareast-language:EN-US} --></style>'
            '</head><body lang=EN-GB><p class=MsoNormal>Caf\xe9</p></body></html>')
    assert html_findings(word, DOCUMENT) == []
    drawing = ('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
               'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
               '<defs><linearGradient id="g"><stop offset="0" style="stop-color:#f00"/></linearGradient></defs>'
               '<path d="M0 0h5v5z" style="fill:url(#g);stroke:#000"/><text x="1" y="9">Hi</text></svg>')
    assert html_findings(drawing, SVG_FILE) == []


def test_a_file_with_a_byte_order_mark_is_read_in_its_encoding():
    assert "<script>" in decoded(b"\xff\xfe" + "<script>".encode("utf-16-le"))
    assert decoded(b"<p>Caf\xe9</p>") == "<p>Caf\xe9</p>"  # windows-1252: the markup is ASCII


def test_the_policy_allows_the_pages_own_inline_scripts_by_hash_and_nothing_from_elsewhere():
    page = ('<!doctype html><html><head><meta charset="utf-8"><title>x</title></head><body>'
            '<script>var a=1</script><script id="__config" type="application/json">{}</script>'
            '<script src="assets/x.js"></script></body></html>')
    out = with_policy(page)
    assert out.index("Content-Security-Policy") > out.index('charset="utf-8"') and out.count("Content-Security") == 1
    policy = site_policy(page)
    assert "default-src 'self'" in policy and "object-src 'none'" in policy and "base-uri 'none'" in policy
    assert "'sha256-" in policy and policy.count("sha256-") == 1  # the JSON is data, not a script
    assert with_policy(out) == out  # once only
    assert "script-src" not in PRINTABLE and "img-src data:" in PRINTABLE
    assert with_policy("<p>No head</p>").startswith('<meta http-equiv="Content-Security-Policy"')


# ---------------------------------------------------------------- property test

EVIL = "evil.example"
_TAGS = ["p", "a", "img", "div", "span", "svg", "use", "feImage", "image", "style", "script", "iframe",
         "noscript", "meta", "base", "object", "video", "source", "link", "math", "mi", "table", "td",
         "template", "textarea", "title", "form", "input", "b", "filter", "animate", "set"]
_ATTRIBUTES = ["href", "src", "srcset", "poster", "style", "onerror", "onclick", "srcdoc", "xlink:href",
               "data", "action", "formaction", "background", "http-equiv", "content", "title", "class",
               "to", "values", "attributeName", "ONLOAD", "Src"]
_VALUES = [f"https://{EVIL}/x", f"//{EVIL}/x", f"\\\\{EVIL}\\x", f"ht\ttps://{EVIL}/x", f"ht&#9;tps://{EVIL}/x",
           f"&#x68;ttps://{EVIL}/x", "javascript:alert(1)", "jav&#x09;ascript:alert(1)", "data:text/html,<b>",
           f"url(https://{EVIL}/x)", f"\\75 rl(https://{EVIL}/x)", f"image-set('https://{EVIL}/x' 1x)",
           f"0; url=https://{EVIL}/", "refresh", "x.png", "#top", f"a.png 1x, https://{EVIL}/b.png 2x",
           "color:red", f"background:url(//{EVIL}/x)", "</noscript><img src=//evil.example/x>", ""]
_TEXT = ["words", "<", ">", "\"", "'", "<!--", "-->", "--!>", "<![CDATA[", "]]>", f"@import 'https://{EVIL}/x';",
         f"p{{background:url(https://{EVIL}/x)}}", "&", "\n", "{: onclick=\"x\" }", f"[x](https://{EVIL}/)",
         f"![x](https://{EVIL}/x.png)", "`", "```\n"]


@st.composite
def fragments(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        choice = draw(st.integers(0, 3))
        if choice == 0:
            parts.append(draw(st.sampled_from(_TEXT)))
        elif choice == 3:
            parts.append(f"</{draw(st.sampled_from(_TAGS))}>")
        else:
            tag = draw(st.sampled_from(_TAGS))
            attributes = draw(st.lists(st.tuples(st.sampled_from(_ATTRIBUTES), st.sampled_from(_VALUES),
                                                 st.sampled_from(['"', "'", ""])), max_size=3))
            written = "".join(f" {n}={q}{v}{q}" for n, v, q in attributes)
            parts.append(f"<{tag}{written}{draw(st.sampled_from(['>', '/>', '']))}")
    return "".join(parts) + draw(st.text(max_size=20))


_URL_ATTRIBUTES = {"src", "poster", "xlink:href", "href", "data", "action", "formaction", "background"}


def _fetches_from_another_host(value: str) -> bool:
    """Whether a browser on https://site.test/a/ resolves this one address to another host (it
    drops tabs and newlines, and reads a backslash as a slash); a relative path such as
    'url(https://…)' stays on the site."""
    address = re.sub(r"[\t\n\r]", "", value).strip().replace("\\", "/")
    resolved = urlsplit(urljoin("https://site.test/a/", address))
    if resolved.scheme in ("http", "https"):
        return resolved.hostname != "site.test"
    return EVIL in address


def _what_a_browser_builds(html: str) -> BeautifulSoup:
    """The tree as html5ever (a browser's parser, through nh3) builds it, every attribute kept."""
    kept = nh3.clean(html, tags={t.lower() for t in _TAGS} | {"feImage", "body"}, clean_content_tags=set(),
                     attributes={}, generic_attribute_prefixes=set("abcdefghijklmnopqrstuvwxyz"),
                     strip_comments=True, link_rel=None,
                     url_schemes={"http", "https", "javascript", "data", "ftp"})
    return BeautifulSoup(kept, "html.parser")


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(fragments())
def test_no_markdown_ends_in_a_traceback_and_every_finding_says_what_to_do(text):
    for finding in markdown_findings(text):
        assert finding.key and finding.message and finding.expected and finding.fix


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(fragments())
def test_html_that_passes_holds_nothing_a_browser_would_run_or_fetch_from_another_host(html):
    if html_findings(html):
        return
    tree = _what_a_browser_builds(html)
    for element in tree.find_all(True):
        assert element.name not in {"script", "iframe", "base", "meta", "object", "link", "style",
                                    "noscript", "template", "feimage", "image", "animate", "set"}, html
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            assert not name.startswith("on") and name != "srcdoc", (html, element)
            if name.lower() in _URL_ATTRIBUTES and (element.name, name) != ("a", "href"):
                assert not _fetches_from_another_host(value), (html, element)
            elif (element.name, name) != ("a", "href"):
                assert EVIL not in value.replace("\\", "/"), (html, element)
            else:
                assert address_kind(value) not in {"javascript", "data", "vbscript"}, (html, element)


def test_the_printable_copy_keeps_only_what_the_list_allows():
    from thinksafe.core.html.offline import make_offline
    html = ('<p onclick="x" style="color: red; background: image-set(\'https://e.example/x\' 1x)">Hi '
            '<a href="javascript:alert(1)">run</a> <a href="https://ok.example/">ok</a></p>'
            '<img src="cat.png" alt="A cat" onerror="alert(1)"><svg><use href="https://e.example/s#a"/></svg>'
            '<div class="admonition note"><p class="admonition-title">Note</p></div>')
    out = make_offline(html, lambda href: None if href.startswith("javascript") else href,
                       lambda src: "data:image/png;base64,AAAA")
    assert "onclick" not in out and "onerror" not in out and "image-set" not in out
    assert "javascript" not in out and "e.example" not in out
    assert '<a href="https://ok.example/">ok</a>' in out and 'src="data:image/png;base64,AAAA"' in out
    assert '<div class="admonition note">' in out
