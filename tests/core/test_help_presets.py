"""Each preset file: every fact has the page that states it and the day it was checked."""

from __future__ import annotations

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

import thinksafe
from thinksafe.core.help.settings import FACTS, PRESET_IDS

PRESETS = Path(thinksafe.__file__).parent / "presets"


@pytest.mark.parametrize("preset", PRESET_IDS)
def test_every_fact_has_a_source_and_a_checked_date(preset):
    data = yaml.safe_load((PRESETS / f"{preset}.yml").read_text(encoding="utf-8"))
    facts = [("emergency", data["emergency"])]
    facts += [(f"{sid}.{name}", entry[name]) for sid, entry in data["services"].items()
              for name in FACTS if name in entry]
    assert len(facts) > 10
    for name, fact in facts:
        assert isinstance(fact, dict) and set(fact) == {"value", "source", "checked"}, name
        assert urlsplit(fact["source"]).scheme in ("http", "https") and urlsplit(fact["source"]).netloc, name
        assert isinstance(fact["checked"], datetime.date), name
        assert fact["value"] not in (None, ""), name
    for sid, entry in data["services"].items():
        unknown = set(entry) - set(FACTS) - {"kind", "for", "match"}
        assert not unknown, (sid, unknown)


def test_presets_are_shipped_in_the_wheel():
    import tomllib
    project = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    assert "presets/*.yml" in project["tool"]["setuptools"]["package-data"]["thinksafe"]
