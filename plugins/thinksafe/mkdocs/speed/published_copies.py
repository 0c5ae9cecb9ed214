"""The checked copies (lesson packs' ZIPs, linked_file.py) a build left in the site folder, and
the state each was in, so that the next build can keep one through MkDocs's emptying and need
not read it again.

A copy is recorded with the SHA-256 of its bytes and its file state (inode, size, mtime and
ctime in nanoseconds). Writing a file, replacing it or linking to it changes its ctime, which
no one but the clock sets, so a file still in that state holds the recorded bytes. The one gap
is a write in the same tick of the file system's clock as the recording: as git does with a
"racily clean" index entry, a copy changed less than `RACY_NS` before it was recorded is read
again (its SHA-256 checked) before it is trusted, and recorded again then.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from thinksafe.core import cache

RACY_NS = 2_000_000_000  # far above any file system's clock tick (FAT's is two seconds)


class PublishedCopies:
    """`{path: [sha256, inode, size, mtime_ns, ctime_ns, settled]}` of the copies the last build
    published (`cache.PUBLISHED`); `settled`: recorded at least `RACY_NS` after its ctime."""

    def __init__(self, folder: Path | None):
        self.path = cache.path(folder, cache.PUBLISHED)
        self.recorded = cache.read_stamped(self.path, "copies")
        self._found: dict[str, bool] = {}  # path → unchanged, as found in this build

    def unchanged(self, path: str, sha256: str | None = None) -> bool:
        """Whether the copy at `path` (normalised) holds the bytes recorded for it (and they are
        `sha256`'s, if given): it is in its recorded state, settled or read again."""
        entry = self.recorded.get(path)
        if not (isinstance(entry, list) and len(entry) == 6 and isinstance(entry[0], str)):
            return False
        if sha256 is not None and entry[0] != sha256:
            return False
        if path not in self._found:
            found = state(path)
            self._found[path] = found is not None and list(found[:4]) == entry[1:5] and found[4] == 1 \
                and (entry[5] is True or sha256_of(path) == entry[0])
        return self._found[path]

    def save(self, published: dict[str, str]) -> None:
        """Record these copies (`{path: sha256}`, each just published or found unchanged)."""
        if self.path is None:
            return
        now, copies = time.time_ns(), {}
        for path, sha256 in sorted(published.items()):
            found = state(path)
            if found is not None and found[4] == 1:  # no other name to write through
                copies[path] = [sha256, *found[:4], now - found[3] >= RACY_NS]
        if copies != self.recorded:
            cache.write_stamped(self.path, "copies", copies)
        self.recorded, self._found = copies, {}


def state(path: str) -> tuple[int, int, int, int, int] | None:
    """What changes when a file is written: its inode, size and times; and its number of names
    (None: no such file)."""
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_nlink


def sha256_of(path: str) -> str | None:
    """The SHA-256 of a file's bytes (None: it cannot be read)."""
    try:
        with open(path, "rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None
