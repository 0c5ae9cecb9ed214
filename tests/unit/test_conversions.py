"""The parts of the conversion cache a build cannot show: stable keys and watched logs."""

from __future__ import annotations

import logging
from collections import UserDict
from enum import Enum

from markdown.extensions.toc import TocExtension

from thinksafe.conversions import LogWatch, stable


class Level(Enum):
    INFO = "info"
    WARN = "warn"


class Setting:
    """An object with no settings of its own: named by its class, never by its address."""


def test_settings_are_written_the_same_in_every_process():
    written = stable({"b": [Setting(), len], "a": {"x", "y"}, "ext": TocExtension(permalink=True)})
    assert "0x" not in repr(written)
    assert written["b"] == [[f"{__name__}.Setting", None], "builtins.len"]
    assert written["a"] == ["x", "y"]
    assert written["ext"][0] == "markdown.extensions.toc.TocExtension"
    assert written["ext"][1]["permalink"] is True
    assert stable(TocExtension(permalink=False)) != stable(TocExtension(permalink=True))
    # MkDocs's settings are mappings of their own; a choice may be an Enum.
    assert stable(UserDict({"links": UserDict({"anchors": Level.INFO})})) == {"links": {"anchors": "Level.INFO"}}
    assert stable(Level.INFO) != stable(Level.WARN)


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
