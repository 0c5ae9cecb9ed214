"""Reading levels kept between builds, so that a rebuild measures only the lessons that changed."""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path

from . import readability
from .cachefiles import source_hash, write_atomically
from .readability import Reading

FILE = "reading-levels.json"


def _fingerprint() -> str:
    """What the measurements depend on besides the text: textstat and our own code."""
    code = source_hash("readability.py", "syllables.py")
    return hashlib.sha256(f"textstat {version('textstat')}, code {code}".encode()).hexdigest()


class ReadingCache:
    """`<cache folder>/reading-levels.json`: each measured text's SHA-256 → its reading level.

    With no folder, nothing is kept. `save()` writes only the texts measured in this build.
    """

    def __init__(self, folder: Path | None):
        self.path = Path(folder) / FILE if folder is not None else None
        self.fingerprint = _fingerprint()
        self.kept = self._load()
        self.used: dict[str, list | None] = {}

    def _load(self) -> dict[str, list | None]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (AttributeError, OSError, ValueError):  # no folder, no file yet, or a broken one
            return {}
        if not isinstance(data, dict) or data.get("fingerprint") != self.fingerprint:
            return {}
        levels = data.get("levels")
        return levels if isinstance(levels, dict) else {}

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

    def save(self) -> None:
        """Write what this build measured, when it differs from what was kept."""
        if self.path is None or self.used == self.kept:
            return
        data = {"fingerprint": self.fingerprint, "levels": self.used}
        try:
            write_atomically(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        except OSError:  # a folder we may not write to: the next build measures again, no harm
            pass


def _valid(kept: object) -> bool:
    return kept is None or (isinstance(kept, list) and len(kept) == 2
                            and isinstance(kept[0], (int, float)) and isinstance(kept[1], list))
