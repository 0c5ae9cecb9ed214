"""Material's search entries kept between builds: the same index, parsed once, never stale."""

from __future__ import annotations

import copy
import datetime
import json
from types import SimpleNamespace

import pytest
from material.plugins.search import plugin as material_search
from mkdocs.structure.toc import AnchorLink

from thinksafe.core import cache as cache_layer
from thinksafe.mkdocs.speed.search_cache import SearchEntryCache, page_key, settings_key

CONFIG = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stemmer"],
          "fields": {"title": {"boost": 1e3}, "text": {"boost": 1.0}, "tags": {"boost": 1e6}}}


def page(url="8-10/a/", title="A", content=None, meta=None, toc=None):
    if toc is None:
        toc = [AnchorLink("A", "a", 1)]
        toc[0].children = [AnchorLink("Start", "start", 2), AnchorLink("End &amp; more", "end", 2)]
    content = content or ('<h1 id="a">A</h1><p>First words.</p><h2 id="start">Start</h2><p>Begin.</p>'
                          '<h2 id="end">End &amp; more</h2><ul><li>One</li></ul>')
    return SimpleNamespace(url=url, title=title, content=content, toc=toc,
                           meta={"tags": ["privacy"]} if meta is None else meta,
                           file=SimpleNamespace(src_uri=url + "index.md"))


PAGES = [page(), page("8-10/b/", "B", meta={"search": {"boost": 2}}),
         page("", "Home", '<h1 id="home">Home</h1><p>Welcome.</p>', meta={}, toc=[AnchorLink("Home", "home", 1)]),
         page("8-10/hidden/", meta={"search": {"exclude": True}})]


def index_all(cache: SearchEntryCache, pages=PAGES) -> material_search.SearchIndex:
    index = material_search.SearchIndex(**CONFIG)
    cache.wrap(index)
    for each in pages:
        index.add_entry_from_context(each)
    return index


def plain() -> str:
    """The index as Material writes it without any cache."""
    return index_all(SearchEntryCache(None)).generate_search_index(None)


def made(cache: SearchEntryCache, index: material_search.SearchIndex) -> dict | None:
    """The index data a wrapped index hands ThinkSafe instead of Material writing it down."""
    index.generate_search_index(None)
    return cache.made()


def key(**change) -> str:
    return page_key(page(**change), settings_key(CONFIG))


def test_the_key_changes_with_all_that_material_reads():
    base = key()
    assert key() == base
    toc = [AnchorLink("A", "a", 1)]
    deeper = [AnchorLink("A", "a", 1)]
    deeper[0].children = [AnchorLink("Start", "begin", 2)]
    changed = [key(url="8-10/b/"), key(title="B"), key(meta={"tags": ["privacy"], "title": "B"}),
               key(meta={"tags": ["privacy", "games"]}), key(meta={"tags": ["privacy"], "search": {"boost": 2}}),
               key(toc=toc), key(toc=deeper), key(content="<h1 id='a'>A</h1><p>Other words.</p>"),
               page_key(page(), settings_key({**CONFIG, "jieba_dict": "words.txt"}))]
    assert base not in changed and len(set(changed)) == len(changed)
    renamed = page()
    renamed.toc[0].children[0].title = "Begin"
    releveled = page()
    releveled.toc[0].children[1].level = 3
    assert len({base, page_key(renamed, settings_key(CONFIG)), page_key(releveled, settings_key(CONFIG))}) == 3


def test_the_key_tells_apart_what_json_alone_would_not():
    # `title: null` is indexed as "None", no title as the page's title; a date tag is left out.
    assert key(meta={}) != key(meta={"title": None})
    assert key(meta={"tags": [datetime.date(2024, 1, 2)]}) != key(meta={"tags": ["2024-01-02"]})


def test_a_second_build_takes_every_page_from_the_cache_without_parsing(tmp_path, monkeypatch):
    expected = plain()
    first = SearchEntryCache(tmp_path)
    assert made(first, index_all(first)) == json.loads(expected)
    first.save()
    assert (first.hits, first.parsed) == (0, 3)
    monkeypatch.setattr(material_search, "Parser", lambda: pytest.fail("parsed again"))
    second = SearchEntryCache(tmp_path)
    index = index_all(second)
    assert made(second, index) == json.loads(expected)
    assert (second.hits, second.parsed) == (3, 0)
    # The index gets copies: changing them changes nothing kept.
    index.entries[0]["tags"].append("changed")
    index.entries[0]["title"] = "changed"
    assert second.used == json.loads((tmp_path / cache_layer.SEARCH_ENTRIES).read_text())["pages"]


def test_the_index_handed_over_is_what_materials_file_would_give_back(tmp_path):
    # Front matter Material copies into an entry as it is (a date tag, a boost of 2.5): JSON
    # writes a date as text, and ThinkSafe gets what the file would say, not the objects.
    odd = [page(meta={"tags": [datetime.date(2026, 1, 2), "privacy"]}),
           page("8-10/b/", "B", meta={"search": {"boost": 2.5}}), *PAGES[2:]]
    for pages in (PAGES, odd):
        expected = index_all(SearchEntryCache(None), pages).generate_search_index(None)
        cache = SearchEntryCache(tmp_path)
        index = index_all(cache, pages)
        written = index.generate_search_index(None)
        assert cache.made() == json.loads(expected)
        assert cache.made() is None  # handed over once
        assert json.loads(written)["docs"] == []  # Material writes no entries: ThinkSafe writes them


def test_a_changed_page_is_parsed_and_pages_no_longer_built_are_dropped(tmp_path):
    first = SearchEntryCache(tmp_path)
    index_all(first)
    first.save()
    changed = copy.copy(PAGES[1])
    changed.content = '<h1 id="a">B</h1><p>New words.</p>'
    second = SearchEntryCache(tmp_path)
    index = index_all(second, [PAGES[0], changed])
    assert (second.hits, second.parsed) == (1, 1)
    assert [e["text"] for e in index.entries if e["location"].startswith("8-10/b/")] == ["<p>New words.</p>"]
    second.save()
    kept = json.loads((tmp_path / cache_layer.SEARCH_ENTRIES).read_text())["pages"]
    assert sorted(kept) == sorted([page_key(PAGES[0], settings_key(CONFIG)), page_key(changed, settings_key(CONFIG))])


def test_other_code_or_a_broken_file_means_parsing_again(tmp_path, monkeypatch):
    first = SearchEntryCache(tmp_path)
    index_all(first)
    first.save()
    path = tmp_path / cache_layer.SEARCH_ENTRIES
    data = json.loads(path.read_text())
    broken = [{**data, "pages": {k: [{"location": 1}] for k in data["pages"]}},
              {**data, "pages": {k: "nonsense" for k in data["pages"]}},
              {**data, "pages": []}, [data], {**data, "fingerprint": "other code"}]
    for text in ["{not json", "\udcff".encode("utf-8", "surrogatepass")] + [json.dumps(b) for b in broken]:
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text)
        cache = SearchEntryCache(tmp_path)
        assert made(cache, index_all(cache)) == json.loads(plain())
        assert (cache.hits, cache.parsed) == (0, 3), text
    path.write_text(json.dumps(data))
    assert SearchEntryCache(tmp_path).kept == data["pages"]
    monkeypatch.setattr(cache_layer, "fingerprint", lambda: "newer code")
    assert SearchEntryCache(tmp_path).kept == {}


def test_without_a_folder_nothing_is_wrapped_or_written(tmp_path):
    cache = SearchEntryCache(None)
    index = material_search.SearchIndex(**CONFIG)
    cache.wrap(index)
    assert "add_entry_from_context" not in vars(index) and "generate_search_index" not in vars(index)
    assert made(cache, index) is None
    cache.save()
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_cache_folder_is_no_error(tmp_path):
    folder = tmp_path / "a-file"
    folder.write_text("not a folder")
    cache = SearchEntryCache(folder)
    assert made(cache, index_all(cache)) == json.loads(plain())
    cache.save()
    assert folder.read_text() == "not a folder"


def test_only_materials_search_index_is_wrapped(tmp_path):
    material = SimpleNamespace(search_index=material_search.SearchIndex(**CONFIG))
    mkdocs = SimpleNamespace(search_index=SimpleNamespace(add_entry_from_context=None))
    SearchEntryCache(tmp_path).wrap_search_of({"search": mkdocs, "material/search": material, "x": object()})
    assert "add_entry_from_context" in vars(material.search_index)
    assert mkdocs.search_index.add_entry_from_context is None


def test_index_settings_that_cannot_be_written_down_key_no_page(tmp_path):
    """As a page whose front matter cannot be written down: parsed, as Material does, and not kept."""
    cache = SearchEntryCache(tmp_path)
    index = material_search.SearchIndex(**{**CONFIG, "separator": object()})
    cache.wrap(index)
    for each in PAGES[:3]:
        index.add_entry_from_context(each)
    assert (cache.hits, cache.parsed) == (0, 0) and len(index.entries) > 3
    assert set(cache.noted.values()) == {False}
