"""The parts of the conversion cache a build cannot show: keys of what can be written down, and watched logs."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest

from thinksafe.core.cache import Unkeyable, canonical
from thinksafe.mkdocs.speed.conversions import ConversionCache, LogWatch


class Setting:
    """An object whose state its class does not tell: it cannot be part of a key."""

    def __init__(self, value):
        self.value = value


def test_a_watch_sees_what_is_logged_and_silences_nothing(monkeypatch, capsys, caplog):
    caplog.set_level(logging.INFO, logger="mkdocs")  # as `mkdocs build` without -q
    monkeypatch.setattr(logging.root, "handlers", [])  # as in `mkdocs build`: Python's last resort prints
    with LogWatch() as watch:
        logging.getLogger("mkdocs.plugins.other").debug("not worth noting")
    assert not watch.seen
    with LogWatch() as watch:
        logging.getLogger("MARKDOWN").warning("an extension complains")
    assert watch.seen and "an extension complains" in capsys.readouterr().err
    with LogWatch() as watch:
        logging.getLogger("mkdocs.structure.pages").info("an unrecognised link")
    assert watch.seen
    assert watch not in logging.root.handlers and watch not in logging.getLogger("mkdocs").handlers


def test_a_setting_that_cannot_be_written_keeps_nothing(tmp_path):
    page = SimpleNamespace(file=SimpleNamespace(src_uri="8-10/a.md", dest_uri="8-10/a/index.html"))

    def key(slugify, plugin_settings):
        cache = ConversionCache(tmp_path)  # a build
        cache.begin(["catalogue", [], plugin_settings])
        config = {"markdown_extensions": ["toc"], "mdx_configs": {"toc": {"slugify": slugify}},
                  "validation": {}, "use_directory_urls": True}
        return cache.key(page, "# A", config, [])

    assert key(len, {}) is not None
    for setting in [Setting(1), lambda: 1]:
        with pytest.raises(Unkeyable):
            canonical({"option": setting})
        assert key(setting, {}) is None
        assert key(len, {"option": setting}) is None  # the plugin's own settings too
