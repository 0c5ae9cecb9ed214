"""Per-audience search indexes cut from the site's whole index, so a phone fetches only its section's."""

from __future__ import annotations

from .siteconfig import Audience


def label_and_split(index: dict, audiences: list[Audience]) -> tuple[dict, dict[str, dict]]:
    """The whole index with each audience page's title labelled, and one index per audience.

    `index` is MkDocs's search index: `{"config": …, "docs": [{"location", "title", "text"}]}`,
    each location a path from the site's root such as `8-10/strong-passwords/#tips`.
    """
    titles = {a.id: a.title for a in audiences}
    docs = [_labelled(doc, titles) for doc in index.get("docs", [])]
    whole = {**index, "docs": docs}
    parts = {a.id: {**index, "docs": [d for d in docs if _audience(d) == a.id]} for a in audiences}
    return whole, parts


def _audience(doc: dict) -> str:
    return doc.get("location", "").split("/", 1)[0]


def _labelled(doc: dict, titles: dict[str, str]) -> dict:
    """A page's own entry (not a heading's) gets its audience after its title."""
    audience = titles.get(_audience(doc))
    if audience is None or "#" in doc.get("location", "") or doc.get("title") == audience:
        return doc
    return {**doc, "title": f"{doc['title']} · {audience}"}
