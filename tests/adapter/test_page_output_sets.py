"""Builds that differ in what every page shares (`mkdocs serve` and `mkdocs build`, -v and -q)
keep their page outputs side by side: neither drops the other's, and only the sets used least
recently beyond a few are dropped."""

from __future__ import annotations

import os

from test_page_outputs import render, setup

from thinksafe.mkdocs.speed.page_outputs import _KEPT_SETS, PageOutputs


def build(cache, tmp_path, description="A site.") -> PageOutputs:
    outputs = PageOutputs(cache)
    render(outputs, *setup(tmp_path, description))
    outputs.save()
    return outputs


def test_two_builds_taking_turns_keep_each_others_outputs(tmp_path):
    cache = tmp_path / "cache"
    build(cache, tmp_path, "Served.")
    build(cache, tmp_path, "Built.")
    for description in ("Served.", "Built.", "Served."):
        outputs = build(cache, tmp_path, description)
        assert (outputs.rendered, outputs.kept) == (0, 1), description


def test_sets_beyond_the_limit_are_dropped_least_recently_used_first(tmp_path):
    cache = tmp_path / "cache"
    descriptions = [f"Site {n}." for n in range(_KEPT_SETS + 2)]
    for description in descriptions:
        build(cache, tmp_path, description)
        for folder in (cache / "pages").iterdir():  # each earlier one older: mtimes can tie
            os.utime(folder, (folder.stat().st_mtime - 10, folder.stat().st_mtime - 10))
    assert len(list((cache / "pages").iterdir())) == _KEPT_SETS
    assert build(cache, tmp_path, descriptions[-1]).kept == 1
    assert build(cache, tmp_path, descriptions[0]).kept == 0


def test_an_output_kept_before_there_were_sets_is_dropped(tmp_path):
    cache = tmp_path / "cache"
    (cache / "pages").mkdir(parents=True)
    (cache / "pages" / "0123.html").write_text("old")
    build(cache, tmp_path)
    assert not (cache / "pages" / "0123.html").exists()
