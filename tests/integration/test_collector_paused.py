"""The cycle collector is paused while a build makes its pages, and given back after it, failed or not."""

from __future__ import annotations

import gc
import os

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from support import lesson
from thinksafe.mkdocs.lesson_page import LessonPage
from thinksafe.mkdocs.speed.collector import PausedCollector


def _site(site):
    site.write("lessons/one.md", lesson("One", audiences=["8-10", "parents"]))
    site.plugin_options(packs=False)
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(site.config), encoding="utf-8")
    return load_config(os.fspath(site.root / "mkdocs.yml"))


def test_paused_while_pages_are_made_and_on_again_after(site, monkeypatch):
    config, seen = _site(site), []
    render = LessonPage.render
    monkeypatch.setattr(LessonPage, "render", lambda page, *a: seen.append(gc.isenabled()) or render(page, *a))
    monkeypatch.chdir(site.root)
    assert gc.isenabled()
    build(config)
    assert seen and not any(seen)
    assert gc.isenabled()
    assert (site.root / "site" / "8-10" / "one" / "index.html").is_file()


def test_on_again_after_a_failed_build(site, monkeypatch):
    config = _site(site)

    def fail(page, *args):
        raise RuntimeError("a page that cannot be made")

    monkeypatch.setattr(LessonPage, "render", fail)
    monkeypatch.chdir(site.root)
    with pytest.raises(RuntimeError):
        build(config)
    assert gc.isenabled()


def test_left_off_when_something_else_turned_it_off(site, monkeypatch):
    config = _site(site)
    monkeypatch.chdir(site.root)
    gc.disable()
    try:
        build(config)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_mkdocs_build_made_is_frozen_at_its_end_and_given_back_at_a_next_build(site, monkeypatch):
    """The process ends after `mkdocs build`: no last walk over everything the build made. One
    that lives on (a second build) has the collector walk them again, so memory does not grow."""
    config = _site(site)
    _restored_after(config, monkeypatch)
    monkeypatch.chdir(site.root)
    assert gc.get_freeze_count() == 0
    try:
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        assert gc.isenabled() and gc.get_freeze_count() > 0
        seen = []
        pause = PausedCollector.pause  # as the pages' making begins
        monkeypatch.setattr(PausedCollector, "pause", lambda self: seen.append(gc.get_freeze_count()) or pause(self))
        build(_site(site))  # as `mkdocs serve --clean` builds again, with the same plugin object
        assert seen == [0]
    finally:
        gc.unfreeze()


def test_nothing_frozen_while_serving(site, monkeypatch):
    config = _site(site)
    _restored_after(config, monkeypatch)
    monkeypatch.chdir(site.root)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    assert gc.isenabled() and gc.get_freeze_count() == 0


def _restored_after(config, monkeypatch) -> None:
    """MkDocs keeps one plugin object for the process (it has on_startup): what on_startup told
    it is put back after the test, for the tests after it."""
    plugin = config.plugins["thinksafe"]
    monkeypatch.setattr(plugin, "building", getattr(plugin, "building", False), raising=False)
    monkeypatch.setattr(plugin, "serving", plugin.serving)
