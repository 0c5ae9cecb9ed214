"""Issue 14's hostile HTML, every attack a fixture: each stops the build and `thinksafe check`
with an error naming the file, the line and what was found (one site holds them all, so one
build and one check prove every case)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from support import lesson

EVIL = "https://evil.example"

# id: (file under content/, its text or bytes, the marker on the offending line, the key named)
LESSON_ATTACKS = {
    "base": (f'<base href="{EVIL}/">', "<base>"),
    "iframe-srcdoc": (f'<iframe srcdoc="<img src=&quot;{EVIL}/x.png&quot;>"></iframe>', "<iframe>"),
    "iframe-data": (f'<iframe src="data:text/html,<img src={EVIL}/x.png>"></iframe>', "<iframe>"),
    "div-srcdoc": (f'<div srcdoc="<img src={EVIL}/x.png>">x</div>', "<div srcdoc>"),
    "feimage": (f'<svg><filter id="f"><feImage href="{EVIL}/x.png"/></filter></svg>', "<feimage>"),
    "image-set-style-attr": (f"<p style=\"background: image-set('{EVIL}/x.png' 1x)\">x</p>", "<p style>"),
    "image-set-style-block": (f'<style>p {{ background: image-set("{EVIL}/x.png" 1x) }}</style>', "<style>"),
    "css-escape-url": (f'<p style="background: \\75 rl({EVIL}/x.png)">x</p>', "(picture or embed)"),
    "css-escape-import": (f'<style>@\\69mport "{EVIL}/x.css";</style>', "<style>"),
    "tab-in-scheme": ('<img src="ht&#9;tps://evil.example/x.png" alt="x">', "(picture or embed)"),
    "protocol-relative": ('<img src="//evil.example/x.png" alt="x">', "(picture or embed)"),
    "backslashes": ('<img src="\\\\evil.example\\x.png" alt="x">', "(picture or embed)"),
    "srcset": (f'<img src="a.png" srcset="a.png 1x, {EVIL}/b.png 2x" alt="x">', "(picture or embed)"),
    "poster": (f'<video src="a.mp4" poster="{EVIL}/p.jpg"></video>', "(picture or embed)"),
    "meta-refresh": (f'<meta http-equiv="refresh" content="0; {EVIL}/">', "<meta>"),
    "noscript": ('<noscript><p title="</noscript><img src=//evil.example/x>"></p></noscript>', "<noscript>"),
    "comment": ('<!-- a --!><img src="//evil.example/x.png" alt="x"> -->', "(comment)"),
    "svg-style": ('<svg><style><img src=x onerror=alert(1)></style></svg>', "<style>"),
    "script": ('<script>alert(1)</script>', "<script>"),
    "script-remote": (f'<script src="{EVIL}/x.js"></script>', "<script>"),
    "onerror": ('<img src="x.png" alt="x" onerror="alert(1)">', "<img onerror>"),
    "javascript-link": ('<a href="javascript:alert(1)">x</a>', "<a href>"),
    "javascript-entities": ('<a href="&#106;ava&#x73;cript&colon;alert(1)">x</a>', "<a href>"),
    "javascript-case-space": ('<a href=" JaVaScRiPt:alert(1)">x</a>', "<a href>"),
    "vbscript-link": ('<a href="vbscript:msgbox(1)">x</a>', "<a href>"),
    "data-document": ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "<a href>"),
    "markdown-javascript": ("[click](javascript:alert(1))", "(link)"),
    "markdown-data-picture": ("![x](data:image/svg+xml;base64,PHN2Zz4=)", "(picture)"),
    "markdown-reference": ("[x][r]\n\n[r]: javascript:alert(1)", "(link)"),
    "attr-list-handler": ('Some words.\n{: onclick="alert(1)" }', "{: onclick }"),
    "attr-list-style": ('Some words.\n{: style="position: fixed; inset: 0" }', "{: style }"),
    "covering-style": ('<div style="position:fixed;top:0;left:0;z-index:999">x</div>', "<div style>"),
    "svg-use-remote": (f'<svg><use href="{EVIL}/s.svg#a"/></svg>', "<use href>"),
    "svg-animate": ('<svg><a><animate attributeName="href" to="javascript:alert(1)"/></a></svg>', "<animate>"),
    "object": (f'<object data="{EVIL}/x.swf"></object>', "<object>"),
    "form": (f'<form action="{EVIL}/"><input name="q"></form>', "<form>"),
    "link-stylesheet": (f'<link rel="stylesheet" href="{EVIL}/x.css">', "<link>"),
}

FILE_ATTACKS = {
    "worksheet-script": ("lessons/ws/sheet.html",
                         f'<!DOCTYPE html>\n<html><head><title>S</title>\n<script src="{EVIL}/x.js"></script>\n'
                         "</head><body><p>Hi</p></body></html>\n", "<script", "<script>"),
    "worksheet-style-import": ("lessons/ws/style.html",
                               f'<html><head>\n<style>@import url({EVIL}/x.css);</style>\n</head><body></body></html>',
                               "@import", "<style>"),
    "worksheet-picture": ("lessons/ws/pic.htm", f'<html><body>\n<img src="{EVIL}/x.png" alt="x">\n</body></html>',
                          "<img", "(picture or embed)"),
    "worksheet-refresh": ("lessons/ws/refresh.html",
                          f'<html><head>\n<meta http-equiv="refresh" content="0; url={EVIL}/">\n</head></html>',
                          "refresh", "<meta http-equiv>"),
    "worksheet-utf16": ("lessons/ws/wide.html",
                        b"\xff\xfe" + '<html><body>\n<script>alert(1)</script>\n</body></html>'.encode("utf-16-le"),
                        "<script", "<script>"),
    "svg-script": ("lessons/ws/drawing.svg",
                   '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>',
                   "<script", "<script>"),
    "svg-onload": ("lessons/ws/load.svg", '<svg xmlns="http://www.w3.org/2000/svg"\n onload="alert(1)">\n</svg>',
                   "<svg", "<svg onload>"),
    "svg-stylesheet": ("lessons/ws/sheet.svg",
                       f'<?xml version="1.0"?>\n<?xml-stylesheet href="{EVIL}/x.css"?>\n'
                       '<svg xmlns="http://www.w3.org/2000/svg"/>',
                       "xml-stylesheet", "(processing instruction)"),
    "svg-image": ("lessons/ws/image.svg",
                  f'<svg xmlns="http://www.w3.org/2000/svg">\n<image href="{EVIL}/x.png"/>\n</svg>',
                  "<image", "<image>"),
    "svg-entities": ("lessons/ws/entities.svg",
                     '<!DOCTYPE svg [ <!ENTITY x "&#60;script&#62;alert(1)&#60;/script&#62;"> ]>\n'
                     '<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>', "DOCTYPE", "(DOCTYPE)"),
    "page-script": ("about.md", "# About\n\nWords.\n\n<script>alert(1)</script>\n", "<script", "<script>"),
}


def _line_of(text: str | bytes, marker: str) -> int:
    if isinstance(text, bytes):
        text = text[2:].decode("utf-16-le")
    return next(n for n, line in enumerate(text.splitlines(), 1) if marker in line)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """One site holding every attack; its build's and `thinksafe check`'s output, and where
    each attack is expected to be named (file and line)."""
    from support import FixtureSite
    site = FixtureSite(tmp_path_factory.mktemp("hostile") / "site-src")
    expected = {}
    for name, (payload, key) in LESSON_ATTACKS.items():
        text = lesson(f"Lesson {name}", body="Intro words.\n\n" + payload)
        site.write(f"lessons/{name}.md", text)
        expected[name] = (f"content/lessons/{name}.md", _line_of(text, payload.splitlines()[-1][:12]), key)
    site.write("lessons/ws/index.md", lesson("Worksheets", audiences=["teachers"]))
    for name, (path, text, marker, key) in FILE_ATTACKS.items():
        site.write(path, text)
        expected[name] = (f"content/{path}", _line_of(text, marker), key)
    build = site.build()
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(site.config), encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "thinksafe.cli", "check", str(site.root)],
                           capture_output=True, text=True)
    return build, check, expected


@pytest.mark.parametrize("name", list(LESSON_ATTACKS) + list(FILE_ATTACKS))
def test_each_attack_is_a_named_error_of_the_build_and_the_check(hostile, name):
    build, check, expected = hostile
    path, line, key = expected[name]
    assert build.returncode != 0 and check.returncode == 1
    assert not (build.site / "index.html").exists()  # nothing was published
    where = re.escape(f"{path}:{line}: {key}:")
    assert re.search(where, build.output), f"{name}: no '{path}:{line}: {key}:' in\n{build.output}"
    assert re.search("ERROR: " + where, check.stdout), f"{name}: not in\n{check.stdout}"


def test_what_markdown_and_the_extensions_make_passes(site):
    """Admonitions, details, tabs, md_in_html, attribute lists and icons are not author HTML
    off the list: a lesson full of them, and of ordinary allowed HTML, builds strictly."""
    site.config["markdown_extensions"] = [
        "admonition", "attr_list", "md_in_html", "tables", "footnotes", "pymdownx.details",
        "pymdownx.superfences", "pymdownx.tasklist", {"pymdownx.tabbed": {"alternate_style": True}},
        {"pymdownx.emoji": {"emoji_index": "!!python/name:material.extensions.emoji.twemoji",
                            "emoji_generator": "!!python/name:thinksafe.emoji.icons_or_text"}}]
    body = "\n".join([
        "Intro :material-phone: words.[^1]", "", "!!! note \"Remember\"", "    Be kind.", "",
        "??? tip \"More\"", "    Hidden words.", "", "=== \"One\"", "    First.", "", "=== \"Two\"",
        "    Second.", "", "- [x] done", "- [ ] to do", "", "Words.", "{: .big #para }", "",
        '<div markdown="1" class="ts-box" style="color: #333; padding: 1em">', "**Bold** inside.", "</div>",
        "", '<details open><summary>Open</summary><p>Text <abbr title="Short">S</abbr>.</p></details>',
        "", '<figure><img src="pic.png" alt="A picture" width="200"><figcaption>Cap</figcaption></figure>',
        "", '<a href="https://www.example.org/" target="_blank" rel="noopener">A site</a> '
        '<a href="mailto:a@example.org">mail</a> <a href="tel:+441234">call</a>',
        "", '<svg viewBox="0 0 10 10" width="20" role="img" aria-label="dot"><circle cx="5" cy="5" r="4" '
        'fill="url(#g)"/><defs><linearGradient id="g"><stop offset="0" stop-color="red"/>'
        '</linearGradient></defs></svg>', "", "[^1]: A note.", "", "```html", "<script>alert(1)</script>",
        "```", "", "`<script>` in code is only words.",
    ])
    site.write("lessons/rich/index.md", lesson("Rich", audiences=["parents"], body=body))
    site.write("lessons/rich/pic.png", b"\x89PNG\r\n\x1a\n")
    site.write("lessons/rich/sheet.html", '<!DOCTYPE html><html><head><meta charset="utf-8"><title>W</title>'
               '<style>body { font-family: sans-serif; margin: 2em } td { border: 1px solid #000 }</style>'
               '</head><body><table><tr><td>Name</td></tr></table></body></html>')
    site.write("lessons/rich/drawing.svg", '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
               'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><style>.a { fill: red }</style>'
               '<rect class="a" width="5" height="5"/><use xlink:href="#r"/></svg>')
    build = _build_with_python_names(site, "--strict")
    assert build.returncode == 0, build.output
    page = build.html("parents/rich/index.html")
    assert "tabbed-set" in page and "twemoji" in page and "admonition" in page


def _build_with_python_names(site, *args):
    """Build with mkdocs.yml's '!!python/name:' values written as the tags they are."""
    import os

    from support import Build
    text = yaml.safe_dump(site.config, allow_unicode=True)
    (site.root / "mkdocs.yml").write_text(re.sub(r"'(!!python/name:[\w.]+)'", r"\1", text), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=site.root,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    return Build(done.returncode, done.stdout + done.stderr, site.root / "site")


@pytest.mark.parametrize("title", ["<img src=x onerror=alert(1)>", "Keep <friends> safe",
                                   "</title><script>alert(1)</script>"])
def test_a_title_is_text_on_every_page_that_shows_it(site, title):
    site.config["plugins"] = ["search", "thinksafe"]
    site.write("lessons/a/index.md", lesson(title, summary=f"About {title}", audiences=["8-10", "teachers"],
                                            topics=["online-bullying"], order=1, objectives=[title],
                                            resources=["x<b>y.txt"]))
    site.write("lessons/a/x<b>y.txt", "A resource whose name looks like HTML.")
    site.write("lessons/b.md", lesson("After", topics=["online-bullying"], order=2))
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    shown = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for page in ("8-10/a/index.html", "8-10/b/index.html", "8-10/index.html", "teachers/packs/index.html"):
        html = build.html(page)
        assert title not in html, page  # never as markup
        assert shown in html, page  # but always as its words
    lesson_page = build.html("8-10/a/index.html")
    assert f"<title>{shown} - Fixture</title>" in lesson_page
    assert f"<h1>{shown}</h1>" in lesson_page
    assert f"<li>{shown}</li>" in build.html("teachers/a/index.html")  # an objective
    assert "<li>x&lt;b&gt;y.txt</li>" in lesson_page  # a resource's file name, in the pack's contents
    after = build.html("8-10/b/index.html")
    assert re.search(r'md-footer__link--prev" aria-label="[^"]*' + re.escape(shown), after)
    import json
    import zipfile
    catalog = json.loads(build.html("catalog.json"))
    assert catalog["lessons"][0]["title"] == title  # data, as written
    with zipfile.ZipFile(build.site / "packs/a.zip") as pack:
        assert json.loads(pack.read("manifest.json"))["title"] == title
        printable = pack.read("lesson.html").decode()
        assert f"<h1>{shown}</h1>" in printable and title not in printable


@pytest.mark.parametrize("title", ["\u200b", "\u200d\ufeff", " \u3164 ", "\x07"])
def test_a_title_of_only_invisible_or_control_characters_is_an_error(site, title):
    site.write("lessons/a.md", lesson(title))
    build = site.build()
    assert build.returncode != 0
    assert "content/lessons/a.md:2: title: has only invisible or control characters" in build.output
