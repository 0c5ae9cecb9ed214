"""A cached file is published as a hard link, never written through, and copied where links fail."""

from __future__ import annotations

import os

import pytest

from thinksafe.linked_file import LinkedFile


def _file(tmp_path, data=b"pack bytes"):
    cached = tmp_path / "cache" / "a.zip"
    cached.parent.mkdir()
    cached.write_bytes(data)
    file = LinkedFile("packs/a.zip", src_dir=None, dest_dir=str(tmp_path / "site"), use_directory_urls=True)
    file.abs_src_path = str(cached)
    return file, cached, tmp_path / "site" / "packs" / "a.zip"


def test_a_cached_file_is_published_as_a_link(tmp_path):
    file, cached, published = _file(tmp_path)
    file.copy_file()
    assert published.read_bytes() == b"pack bytes" and published.samefile(cached)


def test_an_older_published_file_is_replaced_not_written_through(tmp_path):
    file, cached, published = _file(tmp_path)
    older = tmp_path / "older.zip"
    older.write_bytes(b"older pack")
    published.parent.mkdir(parents=True)
    os.link(older, published)  # what an earlier build published
    file.copy_file()
    assert older.read_bytes() == b"older pack" and published.samefile(cached)


def test_where_links_cannot_be_made_the_file_is_copied(tmp_path, monkeypatch):
    def no_links(*args):
        raise OSError("links not supported here")
    monkeypatch.setattr(os, "link", no_links)
    file, cached, published = _file(tmp_path)
    file.copy_file()
    assert published.read_bytes() == b"pack bytes" and not published.samefile(cached)


@pytest.mark.parametrize("content", ["text", b"bytes"])
def test_a_file_with_content_of_its_own_is_written_as_usual(tmp_path, content):
    file = LinkedFile("packs/b.txt", src_dir=None, dest_dir=str(tmp_path / "site"), use_directory_urls=True)
    file.content_bytes = content.encode() if isinstance(content, str) else content
    file.copy_file()
    assert (tmp_path / "site/packs/b.txt").read_bytes() == file.content_bytes
