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


# Where each service's facts may come from: its own site, or its operator's (docs/help.md, "The presets").
OWN_SITES = {
    "childline": {"childline.org.uk", "nspcc.org.uk"},  # the NSPCC runs Childline
    "report-remove": {"iwf.org.uk", "childline.org.uk"},
    "ceop": {"ceop.police.uk", "thinkuknow.co.uk", "ceopeducation.co.uk"},  # the NCA's CEOP and CEOP Education
    "nspcc": {"nspcc.org.uk"},
    "iwf": {"iwf.org.uk", "saferinternet.org.uk"},  # the IWF is a partner of the UK Safer Internet Centre
    "police-101": {"askthe.police.uk"},
    "report-harmful-content": {"reportharmfulcontent.com", "swgfl.org.uk"},  # SWGfL runs it
    "kids-helpline": {"kidshelpline.com.au", "kidshelp.com.au", "yourtown.com.au"},  # yourtown runs it
    "accce": {"accce.gov.au"},
    "esafety": {"esafety.gov.au"},
    "ispcc-childline": {"ispcc.ie", "childline.ie"},
    "garda": {"garda.ie"},
    "hotline-ie": {"hotline.ie"},
    "childhelp": {"childhelphotline.org", "childhelp.org"},
    "cybertipline": {"cybertip.org", "ncmec.org", "missingkids.org"},  # NCMEC runs both
    "take-it-down": {"ncmec.org"},
    "lifeline-988": {"988lifeline.org", "samhsa.gov"},  # SAMHSA funds and oversees the Lifeline
}
# Emergency numbers: an official page of the country's police or government.
EMERGENCY_SITES = {"uk": {"thinkuknow.co.uk"}, "au": {"nt.gov.au"}, "us": {"911.gov"}, "ie": {"garda.ie", "gov.ie"}}
# Facts a child's route depends on for which no such page could be found: an official secondary source instead,
# each with a comment above it in the preset. Adding to this list is a decision, not a convenience.
SECONDARY = {
    ("ie", "emergency"): "kildarestreet.com",  # a Dáil written answer quoting An Garda Síochána
    ("ie", "garda.url"): "kildarestreet.com",  # the same kind of answer, giving the Garda's contact page
    ("us", "childhelp.phone"): "childwelfare.gov",  # HHS's Child Welfare Information Gateway
}


def _on(host: str, sites: set[str]) -> bool:
    return any(host == site or host.endswith("." + site) for site in sites)


@pytest.mark.parametrize("preset", PRESET_IDS)
def test_every_source_is_the_services_own_site_or_a_listed_exception(preset):
    data = yaml.safe_load((PRESETS / f"{preset}.yml").read_text(encoding="utf-8"))
    facts = [("emergency", data["emergency"], EMERGENCY_SITES[preset])]
    facts += [(f"{sid}.{name}", entry[name], OWN_SITES[sid]) for sid, entry in data["services"].items()
              for name in FACTS if name in entry]
    for name, fact, sites in facts:
        host = (urlsplit(fact["source"]).hostname or "").removeprefix("www.")
        if (preset, name) in SECONDARY:
            assert not _on(host, sites), f"{preset} {name}: its source is now the service's own; drop the exception"
            assert _on(host, {SECONDARY[preset, name]}), (preset, name, host)
        else:
            assert _on(host, sites), f"{preset} {name}: {host} is not the service's own site or its operator's"


@pytest.mark.parametrize("preset", PRESET_IDS)
def test_a_preset_loads_as_yaml_safe_load_reads_it(preset):
    """load_preset reads with libyaml when it can: the same data, of the same types."""
    from thinksafe.core.help.settings import load_preset
    expected = yaml.safe_load((PRESETS / f"{preset}.yml").read_text(encoding="utf-8"))
    loaded = load_preset(preset)
    assert loaded == expected and repr(loaded) == repr(expected)
