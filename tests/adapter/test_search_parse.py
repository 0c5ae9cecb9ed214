"""Material's search entries from the faster reading of a page's HTML: the same as Material's, always."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from material.plugins.search import plugin as material_search

from thinksafe.core.model.frontmatter import decode, parse
from thinksafe.mkdocs.speed import search_parse
from thinksafe.mkdocs.speed.search_parse import END, START, TEXT, Unsupported, add_entries, adder, events

REPO = Path(__file__).resolve().parents[2]
LESSON_FILES = sorted((REPO / "content" / "lessons").rglob("*.md"))
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "fenced_code", "pymdownx.details"]
CONFIG = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stemmer"], "fields": {}}

READ = [  # HTML that `events` reads itself
    '<p>a &amp; b &lt;c&gt; &copy; &#169; &#xA9; &nota; &notit; &amp</p>',
    '<H2 ID="x" Class=\'y\'>T<a class="headerlink" href="#x" title="Permanent link">&para;</a></H2><p>t</p>',
    '<p>one<br/>two<br />three</p><img src="a.png" alt="A &amp; B &quot;C&quot;"><hr /><input disabled>',
    '<div data-search-exclude><p>x</p></div><p>y</p><div class="linenodiv"><pre>1</pre></div>',
    '<pre><code>a\n  b &lt;i&gt;\n\n</code></pre><p>  spaced\n  text  </p>',
    '<h1 id="a">A</h1><div><h2 id="b">B <em>b</em></h2><p>in</p></div><p>after</p><h3 id="c">C</h3>',
    '<p title="a&gt;b" data-x=\'q"r\'>x</p><p title="">y</p><p hidden title = "v">z</p><p\ntitle="n">w</p>',
    '<ul>\n<li>One</li>\n<li><p>Two</p>\n</li>\n</ul>\n<ol><li></li></ol><table><tr><td>c</td></tr></table>',
    '<details class="note"><summary>Open</summary><p>Inside</p></details><x-y:z a.b="1">custom</x-y:z>',
    'text only &amp; more &', '', '</p>stray end<p>', '<span>trailing &amp', '<p>&#', '<p>x &#12',
    '<b>&#x1F600;&#0;&#1114112;</b>',
]
LEFT_TO_MATERIAL = [  # markup `events` leaves to Material's parser, as HTMLParser reads it differently
    '<!-- a comment --><p>x</p>', '<script>var a = "<p>";</script><p>x</p>', '<style>p{}</style>',
    'x < y', '<p a=b>x</p>', '<p\x0bx="1">x</p>', '<p>x</p', '</ p>', '<p/x>', '<a href="x"title="y">',
    '<!DOCTYPE html><p>x</p>', '<?php ?>', '<p a==="b">x</p>', '<a / >', '<',
]

# Material's parser compares elements by tag: an excluded element skips every open one of its tag.
TAG_QUIRKS = [
    '<div data-search-exclude><div>x</div><p>in</p></div><p>y<span data-search-exclude>z</span> w</p>',
    '<p>a<span data-search-exclude>b</span><span>c</span></p><span><span data-search-exclude>d</span>e</span>f',
    '<pre>a <span>b</span>\n\n  </pre><p> \n </p><pre>\n</pre>x  \n y',
    '<div data-search-exclude><h2 id="in">In</h2><p>x</p></div><h2 id="out">Out <code>c</code></h2><p> </p>',
    '<h2 id="a"><a class="headerlink" href="#a">A</a> and <em>b</em></h2><h3 id="c">C<p></p></h3><ul><li> </li></ul>',
    '<div class="linenodiv"><pre>1</pre></div><pre><code>x</code></pre><script>a</script><p>after</p>',
    '<p>one<p>two</div></p><h2>no id</h2><h1 id="top">Top</h1><sub> </sub><sup>2</sup>',
]


class Recorder(HTMLParser):
    """Python's HTMLParser, writing down its calls as `events` gives them."""

    def __init__(self):
        super().__init__()
        self.calls: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.calls.append((START, tag, attrs))

    def handle_endtag(self, tag):
        self.calls.append((END, tag))

    def handle_data(self, data):
        self.calls.append((TEXT, data))


def html_parser_calls(html: str) -> list[tuple]:
    recorder = Recorder()
    recorder.feed(html)
    recorder.close()
    return recorder.calls


def converted_lessons() -> list[str]:
    return [markdown.markdown(parse(decode(path.read_bytes())).body, extensions=EXTENSIONS)
            for path in LESSON_FILES]


def entries(html: str, add) -> list[dict]:
    index = material_search.SearchIndex(**CONFIG)
    toc = [SimpleNamespace(id="b", url="#b", children=[])]
    add(index, SimpleNamespace(url="8-10/a/", title="A", content=html, toc=toc, meta={"tags": ["t"]}))
    return index.entries


def test_there_are_bundled_lessons_to_read():
    assert len(LESSON_FILES) >= 15


@pytest.mark.parametrize("html", READ)
def test_events_are_html_parsers_calls(html):
    assert events(html) == html_parser_calls(html)


def test_every_bundled_lesson_is_read_with_html_parsers_calls():
    for html in converted_lessons():
        assert events(html) == html_parser_calls(html)


@pytest.mark.parametrize("html", LEFT_TO_MATERIAL)
def test_other_markup_is_left_to_materials_parser(html):
    with pytest.raises(Unsupported):
        events(html)


@pytest.mark.parametrize("html", READ + LEFT_TO_MATERIAL + TAG_QUIRKS)
def test_the_entries_are_materials(html):
    assert entries(html, add_entries) == entries(html, material_search.SearchIndex.add_entry_from_context)


def test_every_bundled_lessons_entries_are_materials():
    for html in converted_lessons():
        made = entries(html, add_entries)
        assert made and made == entries(html, material_search.SearchIndex.add_entry_from_context)


def test_an_excluded_page_has_no_entries():
    index = material_search.SearchIndex(**CONFIG)
    excluded = SimpleNamespace(url="a/", title="A", content="<p>x</p>", toc=[], meta={"search": {"exclude": True}})
    add_entries(index, excluded)
    assert index.entries == []


def test_only_the_verified_materials_method_is_replaced(monkeypatch):
    index = material_search.SearchIndex(**CONFIG)
    assert adder(index) != index.add_entry_from_context  # the fast one, on this Material
    monkeypatch.setattr(search_parse, "VERIFIED_MATERIAL", ("0.0.0",))
    assert adder(index) == index.add_entry_from_context
    monkeypatch.undo()

    class Other(material_search.SearchIndex):
        def add_entry_from_context(self, page):
            pass

    other = Other(**CONFIG)
    assert adder(other) == other.add_entry_from_context
    wrapped = material_search.SearchIndex(**CONFIG)
    wrapped.add_entry_from_context = lambda page: None  # another plugin's wrapping
    assert adder(wrapped) is wrapped.add_entry_from_context
