"""Reading levels kept between builds, so that a rebuild measures only the lessons that changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

from thinksafe.core.cache import READING_LEVELS, KeptEntries
from thinksafe.core.reading import readability
from thinksafe.core.reading.readability import Reading


class ReadingCache(KeptEntries):
    """`<cache folder>/reading-levels.json`: each measured text's SHA-256 → its reading level,
    stamped with the code's fingerprint (core/cache.py).

    With no folder (caching off), nothing is kept. `save()` writes only the texts measured in this build.
    """

    def __init__(self, folder: Path | None):
        super().__init__(folder, READING_LEVELS, "levels")

    def reading(self, markdown: str) -> Reading | None:
        """`readability.reading(markdown)`, measured now or in an earlier build."""
        key = hashlib.sha256(markdown.encode("utf-8")).hexdigest()
        if key not in self.used:
            kept = self.kept.get(key, False)
            if kept is False or not _valid(kept):
                measured = readability.reading(markdown)
                kept = [measured.grade, measured.longest] if measured else None
            self.used[key] = kept
        kept = self.used[key]
        return Reading(kept[0], list(kept[1])) if kept else None


def _valid(kept: object) -> bool:
    return kept is None or (isinstance(kept, list) and len(kept) == 2
                            and isinstance(kept[0], (int, float)) and isinstance(kept[1], list))
