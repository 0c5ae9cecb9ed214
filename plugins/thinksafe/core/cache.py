"""Files in the cache folder: written whole or not at all, and tied to the code that made them."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file, so that a build stopped half-way never leaves half a file.

    A file that already holds `data` is left alone, so that a build that changed nothing writes
    nothing to the cache (and a copy of the folder, such as CI's, sees no change)."""
    if _holds(path, data):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def source_hash(*names: str) -> str | None:
    """A hash of these files of the package (paths from its folder), so that a cache made by
    other code is not used; None when a source cannot be read."""
    digest = hashlib.sha256()
    for name in names:
        try:
            digest.update((Path(__file__).parents[1] / name).read_bytes())
        except OSError:
            return None
    return digest.hexdigest()


def read_stamped(path: Path | None, stamp: dict, field: str) -> dict:
    """The mapping under `field` of a JSON file that carries every item of `stamp` (the code's
    fingerprint, or a format number); {} when there is no such file, a broken one, or one
    made by other code."""
    if path is None or None in stamp.values():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or any(data.get(k) != v for k, v in stamp.items()):
        return {}
    kept = data.get(field)
    return kept if isinstance(kept, dict) else {}


class KeptEntries:
    """A cache file of entries by key (`<folder>/<name>`, under `field`), tied by `fingerprint`
    to the code that made them: `kept` is what an earlier build wrote, `used` what this build
    used or made, and `save()` writes `used` when it differs. With no folder nothing is kept."""

    def __init__(self, folder: Path | None, name: str, fingerprint: str | None, field: str):
        self.path = Path(folder) / name if folder is not None else None
        self.fingerprint, self.field = fingerprint, field
        self.kept = read_stamped(self.path, {"fingerprint": fingerprint}, field)
        self.used: dict = {}

    @property
    def enabled(self) -> bool:
        return self.path is not None and self.fingerprint is not None

    def save(self) -> None:
        if not self.enabled or self.used == self.kept:
            return
        data = {"fingerprint": self.fingerprint, self.field: self.used}
        try:
            write_atomically(self.path, json.dumps(data).encode("ascii"))  # ASCII: a lone surrogate too
        except OSError:  # a folder we may not write to: the next build does the work again
            pass
