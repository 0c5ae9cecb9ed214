"""MkDocs's cleaning and writing, wrapped for a build: pages kept, rewritten only when they change,
and the folder left as a clean build leaves it."""

from __future__ import annotations

import os

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
