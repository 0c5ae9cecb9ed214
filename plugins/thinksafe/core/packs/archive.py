"""A ZIP file whose bytes depend on its entries alone: fixed times, order and permissions."""

from __future__ import annotations

import io
import time
import zipfile

# 1980-01-01, the earliest time a ZIP entry can hold: the stamp when SOURCE_DATE_EPOCH is unset.
ZIP_EPOCH = 315532800
_LATEST = 4354819199  # 2107-12-31 23:59:59, the latest


def zip_time(epoch: int | None) -> tuple[int, int, int, int, int, int]:
    """The entries' timestamp: SOURCE_DATE_EPOCH in UTC, kept within what a ZIP can hold."""
    seconds = min(max(ZIP_EPOCH if epoch is None else epoch, ZIP_EPOCH), _LATEST)
    return time.gmtime(seconds)[:6]


def zip_bytes(entries: dict[str, bytes], epoch: int | None = None) -> bytes:
    """A deflated ZIP of `entries` (name → content), sorted by name, every entry stamped alike."""
    stamp = zip_time(epoch)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, wherever it was made, so the permissions below mean the same
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            archive.writestr(info, entries[name], compresslevel=9)
    return buffer.getvalue()
