"""Packs begun in forked workers while the build still plans them (EarlyPacks): the same bytes,
nothing in the cache before the build takes them, nothing left behind when it does not."""

from __future__ import annotations

import dataclasses
import gc
import tempfile
import zipfile
from pathlib import Path

import pytest
from test_packs_cache import ALL, SETTINGS, Site, _make_one_noting_frozen_objects

from thinksafe.core.packs import cache as packcache
from thinksafe.core.packs.cache import PackCache
from thinksafe.core.packs.contents import PackError
from thinksafe.core.packs.early import EarlyPacks


@pytest.fixture(autouse=True)
def forking(monkeypatch, tmp_path):
    """As in `mkdocs build`, whatever threads other tests (a browser's server) left running; the
    temporary folders in a folder of this test's own, which no other build shares."""
    monkeypatch.setattr(packcache.threading, "active_count", lambda: 1)
    (tmp_path / "temporary").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temporary"))


def begun(site: Site, plans=None, workers=2) -> EarlyPacks:
    early = EarlyPacks(site.cache, SETTINGS, len(ALL), workers=workers)
    for plan in plans or site.plans(slugs=ALL):
        early.offer(plan)
    return early


def zips(site: Site) -> list[Path]:
    return sorted((site.cache / "packs").glob("*.zip"))


def temporary_folders() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("thinksafe-early-packs-*"))


def test_packs_begun_early_are_byte_identical_to_packs_made_one_by_one(tmp_path):
    serial, early_site = Site(tmp_path / "a"), Site(tmp_path / "b")
    by_one = PackCache(serial.cache, workers=1).packs(serial.plans(slugs=ALL), SETTINGS)
    before = temporary_folders()
    early = begun(early_site)
    assert early.started and temporary_folders() - before
    cache = PackCache(early_site.cache)
    made = cache.packs(early_site.plans(slugs=ALL), SETTINGS, early)
    assert cache.processes == 2 and list(made) == list(ALL)
    assert cache.built.keys() == set(ALL) and not cache.reused
    for slug in ALL:
        assert made[slug].key == by_one[slug].key and made[slug].file.parent == cache.folder
        assert made[slug].file.read_bytes() == by_one[slug].file.read_bytes()
        assert made[slug].names == by_one[slug].names and made[slug].sha256 == by_one[slug].sha256
    assert not early.started and temporary_folders() == before  # collected: the workers and their folder are gone


def test_nothing_reaches_the_cache_until_the_build_takes_the_packs(tmp_path):
    site = Site(tmp_path)
    before = temporary_folders()
    early = begun(site)
    for future in [future for _key, future in early._futures.values()]:
        assert isinstance(future.result(), str)  # every pack is made, in the temporary folder
    assert zips(site) == []
    early.close()  # the build stopped (a check failed): nothing is kept
    assert zips(site) == [] and temporary_folders() == before and not early.started


def test_the_workers_leave_the_builds_objects_to_the_parent(tmp_path, monkeypatch):
    monkeypatch.setattr(packcache, "_make_one", _make_one_noting_frozen_objects)
    site, before = Site(tmp_path), gc.get_freeze_count()
    early = begun(site)
    folder = early._folder
    assert folder is not None and gc.get_freeze_count() == before  # this process's collector has them back
    for _key, future in early._futures.values():
        future.result()
    assert all(int((folder / f"frozen-{slug}").read_text()) > 1000 for slug in ALL)
    early.close()


def changed(plan):
    """The plan as the build makes it again after its lesson changed."""
    return dataclasses.replace(plan, html=plan.html.replace("Second plan.", "Second plan, changed."))


def test_a_plan_changed_since_it_was_begun_is_made_from_the_build_s_plan(tmp_path):
    site = Site(tmp_path)
    plans = site.plans(slugs=ALL)
    early = begun(site, plans)
    # The build's plan is a new one (a plan's key is made from the copy it was made with, so a
    # plan is never changed in place: one sent to a worker may already have been pickled, or not).
    plans[1] = changed(plans[1])
    made = PackCache(site.cache).packs(plans, SETTINGS, early)
    assert b"Second plan, changed." in zipfile.ZipFile(made["second"].file).read("lesson.html")
    serial = Site(tmp_path / "serial")
    again = serial.plans(slugs=ALL)
    again[1] = changed(again[1])
    by_one = PackCache(serial.cache, workers=1).packs(again, SETTINGS)
    assert {s: p.file.read_bytes() for s, p in made.items()} == {s: p.file.read_bytes() for s, p in by_one.items()}


def test_a_refused_fetch_names_the_first_failing_plan_and_writes_no_pack_of_it(tmp_path):
    site = Site(tmp_path)
    good, bad, worse = site.plans(slugs=ALL)
    bad.html = bad.html.replace("</main>", '<img src="https://example.org/a.png"></main>')
    worse.html = worse.html.replace("</main>", '<img src="file:///etc/hostname"></main>')
    before = temporary_folders()
    early = begun(site, [good, bad, worse])
    with pytest.raises(PackError) as raised:
        PackCache(site.cache).packs([good, bad, worse], SETTINGS, early)
    assert raised.value.problem.path == "lessons/second.md" and raised.value.problem.key == "(lesson pack)"
    assert not list((site.cache / "packs").glob("second-*.zip")) and not list((site.cache / "packs").glob("third-*"))
    assert temporary_folders() == before


def test_packs_the_cache_has_or_a_record_vouches_for_are_not_begun(tmp_path):
    site = Site(tmp_path)
    site.build(slugs=ALL)
    vouched = site.plans(slugs=ALL)
    assert all(plan.html is None for plan in vouched)
    assert not begun(site, vouched).started
    rendered = site.plans(slugs=ALL, records=False)  # rendered again, but their packs are in the cache
    assert all(plan.html is not None for plan in rendered)
    assert not begun(site, rendered).started


def test_nothing_is_begun_with_one_worker_or_other_threads_running(tmp_path, monkeypatch):
    site = Site(tmp_path)
    assert not begun(site, workers=1).started
    monkeypatch.setattr(packcache.threading, "active_count", lambda: 2)
    early = begun(site)
    assert not early.started
    cache = PackCache(site.cache, workers=1)
    assert cache.packs(site.plans(slugs=ALL), SETTINGS, early).keys() == set(ALL) and cache.processes == 0
