"""Per-audience search indexes cut from the site's whole index, so a phone fetches only its section's."""

from __future__ import annotations

from itertools import accumulate

from thinksafe.core.model.settings import Audience


def label_and_split(index: dict, audiences: list[Audience]) -> tuple[dict, dict[str, dict]]:
    """The whole index with each audience page's title labelled, and one index per audience.

    `index` is MkDocs's search index: `{"config": …, "docs": [{"location", "title", "text"}]}`,
    each location a path from the site's root such as `8-10/strong-passwords/#tips`.
    """
    titles = {a.id: a.title for a in audiences}
    docs = [_labelled(doc, titles) for doc in index.get("docs", [])]
    whole = {**index, "docs": docs}
    by_audience: dict[str, list[dict]] = {a.id: [] for a in audiences}
    for doc in docs:  # one pass, each entry's audience found once
        if (found := by_audience.get(_audience(doc))) is not None:
            found.append(doc)
    parts = {a.id: {**index, "docs": by_audience[a.id]} for a in audiences}
    return whole, parts


def latest_only(docs: list[dict]) -> list[dict]:
    """`docs` with only the last run of each page's entries.

    A build indexes each page's entries together, so a page has one run of them. Under
    `mkdocs serve --dirty` the search plugin keeps the last build's entries and adds this
    build's, dropping the old ones of a single page: every other page built again (ThinkSafe
    makes its lesson copies anew each time) would be listed twice, the older words first.
    """
    pages = [doc.get("location", "").split("#", 1)[0] for doc in docs]
    runs = list(accumulate(int(i == 0 or page != pages[i - 1]) for i, page in enumerate(pages)))
    last_run = dict(zip(pages, runs, strict=True))  # a later run of a page replaces an earlier one
    return [doc for doc, page, run in zip(docs, pages, runs, strict=True) if last_run[page] == run]


def with_copies(docs: list[dict], copies: list[tuple[str, str]]) -> list[dict]:
    """`docs` with the entries of each `(page, copy)` page repeated for its copy.

    A lesson's copies have the same text, so only one of them is indexed by the search plugin;
    each other copy gets that copy's entries, at its own location (`page` and `copy` are URLs
    from the site's root, such as `8-10/strong-passwords/`).
    """
    by_page: dict[str, list[dict]] = {}
    for doc in docs:
        by_page.setdefault(doc.get("location", "").split("#", 1)[0], []).append(doc)
    added = [{**doc, "location": copy + doc["location"][len(page):]}
             for page, copy in copies for doc in by_page.get(page, [])]
    return docs + added


def _audience(doc: dict) -> str:
    return doc.get("location", "").split("/", 1)[0]


def _labelled(doc: dict, titles: dict[str, str]) -> dict:
    """A page's own entry (not a heading's) gets its audience after its title."""
    audience = titles.get(_audience(doc))
    if audience is None or "#" in doc.get("location", "") or doc.get("title") == audience:
        return doc
    return {**doc, "title": f"{doc['title']} · {audience}"}
