"""The site's search index after a build: each page's entries once, the newest ones."""

from __future__ import annotations

from thinksafe.core.pages.search import latest_only


def entry(location, text):
    return {"location": location, "title": location, "text": text}


def test_a_page_indexed_again_keeps_only_its_newest_entries():
    # As Material leaves the index under `mkdocs serve --dirty`: the last build's entries
    # (one page's dropped), then this build's.
    docs = [entry("", "home"), entry("8-10/a/", "old a"), entry("8-10/a/#tips", "old tips"),
            entry("8-10/b/", "b"),
            entry("8-10/a/", "new a"), entry("8-10/a/#tips", "new tips"), entry("8-10/c/", "c")]
    assert [d["text"] for d in latest_only(docs)] == ["home", "b", "new a", "new tips", "c"]


def test_an_index_of_one_build_is_left_as_it_is():
    docs = [entry("", "home"), entry("8-10/a/", "a"), entry("8-10/a/#tips", "tips"), entry("8-10/b/", "b")]
    assert latest_only(docs) == docs and latest_only([]) == []
