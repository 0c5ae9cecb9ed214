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


def test_each_audience_gets_its_entries_in_order_and_the_whole_index_labels_its_pages():
    from thinksafe.core.model.settings import parse_site_config
    from thinksafe.core.pages.search import label_and_split
    site, problems = parse_site_config(None, None, source="mkdocs.yml")
    assert not problems
    docs = [entry("", "home"), entry("8-10/a/", "a"), entry("parents/b/", "b"), entry("8-10/a/#tips", "tips"),
            entry("nowhere/c/", "c"), entry("8-10/", "landing")]
    whole, parts = label_and_split({"config": {"lang": ["en"]}, "docs": docs}, site.audiences)
    ages, parents = site.audience("8-10").title, site.audience("parents").title
    assert [d["title"] for d in whole["docs"]] == ["", f"8-10/a/ · {ages}", f"parents/b/ · {parents}",
                                                   "8-10/a/#tips", "nowhere/c/", f"8-10/ · {ages}"]
    assert list(parts) == list(site.audience_ids)
    assert [d["text"] for d in parts["8-10"]["docs"]] == ["a", "tips", "landing"]
    assert [d["text"] for d in parts["parents"]["docs"]] == ["b"] and parts["11-13"]["docs"] == []
    assert all(part["config"] == {"lang": ["en"]} for part in parts.values())
