"""The machine-readable catalogue of audiences, topics and lessons (`catalog.json`)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

from thinksafe.core.model.navigation import SiteModel
from thinksafe.core.model.paths import copy_src, landing_src


def build_catalog(model: SiteModel, url_for: Callable[[str], str],
                  packs: Mapping[str, str] | None = None) -> dict:
    """The catalogue as a dict; `url_for` turns a content path into a path from the site's root."""
    packs = packs or {}
    return {
        "audiences": [
            {"id": a.id, "title": a.title, "url": url_for(landing_src(a.id))}
            for a in model.site.audiences
        ],
        "topics": [{"id": t.id, "title": t.title} for t in model.site.topics],
        "lessons": [
            {
                "slug": lesson.slug,
                "title": lesson.title,
                "summary": lesson.summary,
                "audiences": list(lesson.audiences),
                "topics": list(lesson.topics),
                "urls": {a: url_for(copy_src(a, lesson.slug)) for a in lesson.audiences},
                "canonical": url_for(model.canonical_src(lesson)),
                "pack": packs.get(lesson.slug),
                # When the advice was last checked ('YYYY-MM-DD' or null), and against what.
                "reviewed": lesson.reviewed,
                "sources": [{"title": s.title, "url": s.url} for s in lesson.sources],
            }
            for lesson in model.lessons
        ],
    }


def catalog_json(catalog: dict) -> str:
    return json.dumps(catalog, ensure_ascii=False, indent=2) + "\n"
