"""A cached file is published as a copy whose bytes are checked against the cache's record."""

from __future__ import annotations

import hashlib
import os

import pytest
from mkdocs.exceptions import PluginError

from thinksafe.mkdocs.linked_file import CheckedCopy

DATA = b"pack bytes"
DATA_SHA256 = hashlib.sha256(DATA).hexdigest()


def _file(tmp_path, data=DATA, sha256=DATA_SHA256):
    cached = tmp_path / "cache" / "a.zip"
    cached.parent.mkdir()
    cached.write_bytes(data)
    file = CheckedCopy("packs/a.zip", src_dir=None, dest_dir=str(tmp_path / "site"), use_directory_urls=True)
    file.abs_src_path, file.sha256 = str(cached), sha256
    return file, cached, tmp_path / "site" / "packs" / "a.zip"


def test_a_cached_file_is_published_as_a_copy_not_a_link(tmp_path):
    file, cached, published = _file(tmp_path)
    file.copy_file()
    assert published.read_bytes() == DATA and not published.samefile(cached)
    assert cached.stat().st_nlink == 1


def test_an_older_published_link_is_replaced_not_written_through(tmp_path):
    file, cached, published = _file(tmp_path)
    older = tmp_path / "older.zip"
    older.write_bytes(b"older pack")
    published.parent.mkdir(parents=True)
    os.link(older, published)  # what an earlier build published
    file.copy_file()
    assert older.read_bytes() == b"older pack" and published.read_bytes() == DATA


@pytest.mark.parametrize("dirty", [False, True])
def test_a_published_file_changed_since_is_written_again(tmp_path, dirty):
    file, cached, published = _file(tmp_path)
    file.copy_file()
    published.write_bytes(b"changed by someone")
    file.copy_file(dirty=dirty)
    assert published.read_bytes() == DATA and cached.read_bytes() == DATA


def test_a_cached_file_whose_bytes_are_not_the_recorded_ones_is_not_published(tmp_path):
    file, cached, published = _file(tmp_path, sha256="0" * 64)
    with pytest.raises(PluginError, match="changed while the site was being built"):
        file.copy_file()
    assert not published.exists()


@pytest.mark.parametrize("content", ["text", b"bytes"])
def test_a_file_with_content_of_its_own_is_written_as_usual(tmp_path, content):
    file = CheckedCopy("packs/b.txt", src_dir=None, dest_dir=str(tmp_path / "site"), use_directory_urls=True)
    file.content_bytes = content.encode() if isinstance(content, str) else content
    file.copy_file()
    assert (tmp_path / "site" / "packs" / "b.txt").read_bytes() == file.content_bytes
