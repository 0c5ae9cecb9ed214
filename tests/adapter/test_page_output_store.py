"""How page outputs are kept: a finished page as the site's file MkDocs wrote from it (no copy),
and every kept output read only while its bytes are those its set's index names."""

from __future__ import annotations

import os

from mkdocs import utils
from test_page_outputs import render, setup

from thinksafe.core.cache import PAGES, PAGES_INDEX
from thinksafe.mkdocs.speed.page_outputs import PageOutputs
from thinksafe.mkdocs.speed.site_writes import SiteWrites


def build(tmp_path, cache, finished: bool = True, write=None) -> tuple[PageOutputs, str, str]:
    """One build of the one-page site as the plugin runs it: MkDocs's writes wrapped, the
    finished page kept (`finished`), written by `write` (MkDocs's own by default)."""
    config, files, page, nav = setup(tmp_path)
    outputs = PageOutputs(cache)
    if finished:
        outputs.finish = lambda output, page: output
    writes = SiteWrites(observe=outputs.written)
    writes.start()
    try:
        made = str(render(outputs, config, files, page, nav))
        (write or utils.write_file)(made.encode("utf-8", "xmlcharrefreplace"), page.file.abs_dest_path)
    finally:
        writes.finish()
    outputs.save()
    return outputs, made, page.file.abs_dest_path


def entries(cache) -> list:
    return sorted((cache / PAGES).rglob("*.html"))


def test_a_rendered_page_is_kept_as_the_site_file_written_from_it(tmp_path):
    cache = tmp_path / "cache"
    _, made, site_file = build(tmp_path, cache)
    kept = entries(cache)
    assert kept and all(os.path.samefile(p, site_file) for p in kept)
    again, output, _ = build(tmp_path, cache)
    assert (again.rendered, again.kept) == (0, 1) and output == made


def test_a_site_file_written_over_in_place_is_not_taken_for_its_output(tmp_path):
    cache = tmp_path / "cache"
    _, made, site_file = build(tmp_path, cache)
    with open(site_file, "r+b") as stream:  # as MkDocs writes a changed page: the same file, other bytes
        stream.write(b"X" * 10)
    again, output, _ = build(tmp_path, cache)
    assert (again.rendered, again.kept) == (1, 0) and output == made


def test_bytes_other_than_the_output_written_to_the_site_are_kept_apart(tmp_path):
    cache = tmp_path / "cache"
    _, made, site_file = build(tmp_path, cache, write=lambda data, path: utils.write_file(b"other", path))
    kept = entries(cache)
    assert kept and not any(os.path.samefile(p, site_file) for p in kept)
    assert all(p.read_text(encoding="utf-8") == made for p in kept)
    assert build(tmp_path, cache)[0].kept == 1


def test_an_output_whose_bytes_changed_in_the_cache_is_rendered_again(tmp_path):
    cache = tmp_path / "cache"
    _, made, _ = build(tmp_path, cache, finished=False)
    for entry in entries(cache):
        entry.write_text(made.replace("Home", "Hacked"), encoding="utf-8")
    again, output, _ = build(tmp_path, cache, finished=False)
    assert (again.rendered, again.kept) == (1, 0) and output == made


def test_a_link_planted_in_place_of_an_output_is_not_followed(tmp_path):
    cache = tmp_path / "cache"
    _, made, _ = build(tmp_path, cache, finished=False)
    for n, entry in enumerate(entries(cache)):
        planted = tmp_path / f"planted-{n}.html"
        planted.write_bytes(entry.read_bytes())  # the very bytes the index names
        entry.unlink()
        entry.symlink_to(planted)
    again, output, _ = build(tmp_path, cache, finished=False)
    assert (again.rendered, again.kept) == (1, 0) and output == made


def test_a_damaged_or_foreign_index_reads_as_empty(tmp_path):
    cache = tmp_path / "cache"
    build(tmp_path, cache)
    (index,) = (cache / PAGES).rglob(PAGES_INDEX)
    for damaged in (b"\xff{", b'{"fingerprint": "other", "outputs": {}}', b"[]", b'{"outputs": 3}'):
        index.write_bytes(damaged)
        outputs, _, _ = build(tmp_path, cache)
        assert (outputs.rendered, outputs.kept) == (1, 0)
        build(tmp_path, cache)  # kept again for the next damage
