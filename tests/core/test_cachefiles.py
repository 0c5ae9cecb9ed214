"""Cache files are written whole, and not at all when they already hold the same bytes."""

from __future__ import annotations

import pytest

from thinksafe.core.cache import write_atomically


def test_the_same_bytes_leave_the_file_alone_and_new_bytes_replace_it(tmp_path):
    path = tmp_path / "folder" / "record.json"
    write_atomically(path, b"one")
    first = path.stat()
    write_atomically(path, b"one")
    assert path.stat().st_ino == first.st_ino and path.stat().st_mtime_ns == first.st_mtime_ns
    write_atomically(path, b"two")
    assert path.read_bytes() == b"two" and path.stat().st_ino != first.st_ino
    assert [p.name for p in path.parent.iterdir()] == ["record.json"]  # no temporary file left


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    path = tmp_path / "record.json"
    write_atomically(path, b"old")
    monkeypatch.setattr("os.replace", lambda *args: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        write_atomically(path, b"new")
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["record.json"]
