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
    """A hash of these modules of the core (file names), so that a cache made by other code is
    not used; None when a source cannot be read."""
    digest = hashlib.sha256()
    for name in names:
        try:
            digest.update(Path(__file__).with_name(name).read_bytes())
        except OSError:
            return None
    return digest.hexdigest()


def load_kept(path: Path | None, fingerprint: str | None, field: str) -> dict:
    """What `save_kept` wrote under `field` with this fingerprint; {} when there is no such
    file, a broken one, or one made by other code (another fingerprint)."""
    if path is None or fingerprint is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("fingerprint") != fingerprint:
        return {}
    kept = data.get(field)
    return kept if isinstance(kept, dict) else {}


def save_kept(path: Path, fingerprint: str, field: str, kept: dict) -> None:
    """Write `kept` under `field` with the fingerprint of the code that made it. A folder we
    may not write to is no error: the next build does the work again."""
    data = {"fingerprint": fingerprint, field: kept}
    try:
        write_atomically(path, json.dumps(data).encode("ascii"))  # ASCII: a lone surrogate too
    except OSError:
        pass
