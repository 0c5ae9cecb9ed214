"""MkDocs's cleaning and writing, wrapped for a build: pages kept, rewritten only when they change,
and the folder left as a clean build leaves it."""

from __future__ import annotations

import hashlib
import os
import time

import pytest
from mkdocs import utils

from thinksafe.mkdocs.speed.site_writes import SiteWrites


def site_with(tmp_path, files: dict[str, bytes]):
    site = tmp_path / "site"
    for name, data in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)
    return site


def listing(site) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_build_keeps_unchanged_pages_rewrites_changed_ones_and_drops_stale_ones(tmp_path):
    site = site_with(tmp_path, {"a/index.html": b"same", "b/index.html": b"old", "gone/index.html": b"x",
                                "deep/er/page.html": b"y", "search/index.json": b"{}", ".hidden": b"h"})
    same_before = os.stat(site / "a/index.html").st_mtime_ns
    writes = SiteWrites()
    original_write = utils.write_file
    writes.start()
    utils.clean_directory(str(site))
    assert not (site / "search").exists() and (site / ".hidden").exists()  # as MkDocs's cleaning
    utils.write_file(b"same", str(site / "a/index.html"))
    utils.write_file(b"new", str(site / "b/index.html"))
    utils.write_file(b"{}", str(site / "search/index.json"))
    writes.finish()
    assert utils.write_file is original_write
    assert listing(site) == {".hidden": b"h", "a/index.html": b"same", "b/index.html": b"new",
                             "search/index.json": b"{}"}
    assert not (site / "gone").exists() and not (site / "deep").exists()  # no empty folders left
    assert os.stat(site / "a/index.html").st_mtime_ns == same_before  # not written again
    assert (writes.written, writes.unchanged) == (2, 1)


def test_a_kept_page_that_another_step_rewrote_stays(tmp_path):
    site = site_with(tmp_path, {"sheet.html": b"old", "other.html": b"x"})
    writes = SiteWrites()
    writes.start()
    utils.clean_directory(str(site))
    os.utime(site / "sheet.html", ns=(1, 1))  # as a copy of a static file or a plugin's own write
    writes.finish()
    assert listing(site) == {"sheet.html": b"old"}


def test_a_failed_build_gives_mkdocs_its_functions_back_and_removes_nothing(tmp_path):
    site = site_with(tmp_path, {"a.html": b"a"})
    originals = utils.clean_directory, utils.write_file
    writes = SiteWrites()
    writes.start()
    writes.start()  # a second build in the same process (mkdocs serve) wraps once
    utils.clean_directory(str(site))
    writes.finish_wrapping()
    assert (utils.clean_directory, utils.write_file) == originals
    assert listing(site) == {"a.html": b"a"}


def _published(tmp_path, site, sha: str = "a" * 64, settled: bool = True):
    """A SiteWrites whose last build published site/packs/a.zip, recorded as settled or not."""
    from thinksafe.mkdocs.speed import published_copies
    cache = tmp_path / "cache"
    path = os.path.normpath(site / "packs/a.zip")
    writes = SiteWrites(published_copies.PublishedCopies(cache))
    writes.start()
    assert not writes.publish_copy(path, sha)  # nothing recorded yet
    writes.finish()
    recorded = published_copies.PublishedCopies(cache).recorded
    assert list(recorded) == [path] and recorded[path][0] == sha
    recorded[path][5] = settled  # a copy written more, or less, than two seconds before it was recorded
    from thinksafe.core import cache as cache_files
    cache_files.write_stamped(cache / cache_files.PUBLISHED, "copies", recorded)
    return SiteWrites(published_copies.PublishedCopies(cache)), path


def test_a_copy_published_by_the_last_build_is_kept_unread_and_dropped_when_not_published_again(tmp_path):
    site = site_with(tmp_path, {"packs/a.zip": b"zip", "packs/b.zip": b"other", "index.html": b"i"})
    writes, path = _published(tmp_path, site)
    before = os.stat(path)
    writes.start()
    utils.clean_directory(str(site))
    assert listing(site) == {"index.html": b"i", "packs/a.zip": b"zip"}  # the copy it did not record goes
    assert writes.publish_copy(path, "a" * 64)  # kept: those bytes, not read again
    assert not writes.publish_copy(path, "b" * 64)  # other bytes are wanted: published anew
    utils.write_file(b"i", str(site / "index.html"))
    writes.finish()
    assert listing(site) == {"index.html": b"i", "packs/a.zip": b"zip"}
    assert os.stat(path).st_ino == before.st_ino and os.stat(path).st_mtime_ns == before.st_mtime_ns
    # A build that publishes no pack leaves none, nor the folder.
    writes, _ = _published(tmp_path, site)
    writes.start()
    utils.clean_directory(str(site))
    writes.finish()
    assert listing(site) == {} and not (site / "packs").exists()


@pytest.mark.parametrize("change", ["written", "replaced", "linked", "racy"])
def test_a_copy_changed_since_it_was_published_is_not_kept(tmp_path, change):
    site = site_with(tmp_path, {"packs/a.zip": b"zip"})
    writes, path = _published(tmp_path, site, sha=hashlib.sha256(b"zip").hexdigest(),
                              settled=change != "racy")
    if change == "written":  # the same size, the same modification time: only ctime tells
        stat = os.stat(path)
        time.sleep(0.05)  # past a tick of the file system's clock
        with open(path, "r+b") as stream:
            stream.write(b"ZIP")
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    elif change == "replaced":
        (site / "packs/new.zip").write_bytes(b"zip")
        os.replace(site / "packs/new.zip", path)
    elif change == "linked":
        time.sleep(0.05)
        os.link(path, tmp_path / "elsewhere.zip")
    else:  # recorded within two seconds of its last change, and changed since within the same tick
        with open(path, "r+b") as stream:
            stream.write(b"ZIP")
        stat = os.stat(path)
        writes.copies.recorded[path][1:5] = [stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]
    writes.start()
    utils.clean_directory(str(site))
    assert listing(site) == {}
    assert not writes.publish_copy(path, hashlib.sha256(b"zip").hexdigest())
    writes.finish()


def test_a_racily_recorded_copy_whose_bytes_are_right_is_kept(tmp_path):
    site = site_with(tmp_path, {"packs/a.zip": b"zip"})
    writes, path = _published(tmp_path, site, sha=hashlib.sha256(b"zip").hexdigest(), settled=False)
    writes.start()
    utils.clean_directory(str(site))
    assert listing(site) == {"packs/a.zip": b"zip"}  # read again, and found to hold the recorded bytes
    assert writes.publish_copy(path, hashlib.sha256(b"zip").hexdigest())
    writes.finish()


def test_after_the_cleaning_a_file_neither_kept_nor_made_is_written_without_being_read(tmp_path, monkeypatch):
    from thinksafe.mkdocs.speed import site_writes
    site = site_with(tmp_path, {"kept/index.html": b"same"})
    read = []
    holds = site_writes._holds
    monkeypatch.setattr(site_writes, "_holds", lambda path, content: read.append(path) or holds(path, content))
    monkeypatch.setattr(utils, "write_file", _write_file)  # MkDocs's, whatever an earlier test left wrapped
    writes = SiteWrites()
    writes.start()
    utils.clean_directory(str(site))
    (site / "copied").mkdir()
    (site / "copied/index.html").write_bytes(b"another step's")  # as a static file's copy
    utils.write_file(b"same", str(site / "kept/index.html"))
    utils.write_file(b"new", str(site / "new/index.html"))
    utils.write_file(b"page", str(site / "copied/index.html"))
    utils.write_file(b"page", str(site / "copied/index.html"))  # made in this build: looked at
    writes.finish()
    assert listing(site) == {"kept/index.html": b"same", "new/index.html": b"new", "copied/index.html": b"page"}
    assert [os.path.relpath(p, site) for p in read] == ["kept/index.html", "copied/index.html"]
    assert (writes.written, writes.unchanged) == (2, 2)


def _write_file(content: bytes, output_path: str) -> None:
    """What MkDocs's `write_file` does."""
    os.makedirs(os.path.dirname(output_path), exist_ok=True)
    with open(output_path, "wb") as stream:
        stream.write(content)


def test_the_cleaning_leaves_what_mkdocs_cleaning_leaves_but_the_pages(tmp_path):
    # Links are removed, never followed; hidden entries go below the top; a folder goes only
    # once nothing is left in it (a page kept, deep down, keeps its folders).
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.css").write_bytes(b"not the site's")
    site = site_with(tmp_path, {"a/b/c/page.html": b"p", "a/b/style.css": b"s", "a/.hidden/x.js": b"x",
                                "empty/er/.dot": b"d", "top.html": b"t", "assets/app.js": b"j"})
    (site / "a/empty").mkdir()
    (site / "a/link").symlink_to(outside, target_is_directory=True)
    (site / "a/link.html").symlink_to(site / "top.html")
    (site / "a/broken.html").symlink_to(tmp_path / "nowhere.html")
    writes = SiteWrites()
    writes.start()
    try:
        utils.clean_directory(str(site))
    finally:
        writes.finish_wrapping()
    left = sorted(str(p.relative_to(site)) for p in site.rglob("*"))
    assert left == ["a", "a/b", "a/b/c", "a/b/c/page.html", "top.html"]
    assert (outside / "keep.css").read_bytes() == b"not the site's"
    assert writes.kept_state(str(site / "a/b/c/page.html")) is not None
