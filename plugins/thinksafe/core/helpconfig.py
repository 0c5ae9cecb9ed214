"""Where to get help: per-country presets of official services, and the site owner's changes."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .problems import Problem, describe, did_you_mean, one_of


@dataclass(frozen=True)
class ReportService:
    name: str
    url: str
    handles: str  # what to report there, in plain words
    not_for: str  # what it does not handle, and where to go instead
    anonymous: bool
    reader: str  # who reads a report
    phone: str = ""


@dataclass(frozen=True)
class Helpline:
    id: str
    name: str
    audience: str  # "children" or "adults"
    who: str  # who it is for, in plain words
    phone: str = ""
    text: str = ""
    url: str = ""
    hours: str = ""
    anonymous: bool | None = None


@dataclass(frozen=True)
class HelpConfig:
    preset: str
    country: str
    emergency: str
    report: ReportService
    helplines: list[Helpline] = field(default_factory=list)
    exit_url: str = ""

    def for_audience(self, audience: str) -> list[Helpline]:
        return [h for h in self.helplines if h.audience == audience]


PRESETS: dict[str, dict] = {
    "uk": {
        "country": "the United Kingdom",
        "emergency": "999",
        "exit_url": "https://www.bbc.co.uk/weather",
        "report": {
            "name": "CEOP Safety Centre",
            "url": "https://www.ceop.police.uk/Safety-Centre/",
            "handles": "someone online being sexual with a child or young person, asking for "
                       "sexual pictures, or trying to meet them (online sexual abuse and grooming)",
            "not_for": "bullying, mean comments or a hacked account; for those, tell a trusted "
                       "adult or your school, use the app's report button, or call Childline",
            "anonymous": False,
            "reader": "a child protection advisor",
        },
        "helplines": [
            {"id": "childline", "name": "Childline", "audience": "children",
             "who": "anyone under 19, about anything", "phone": "0800 1111",
             "url": "https://www.childline.org.uk/", "hours": "Free to call. Opening times are on the website.",
             "anonymous": True},
            {"id": "nspcc", "name": "NSPCC Helpline", "audience": "adults",
             "who": "adults who are worried about a child", "phone": "0808 800 5000",
             "url": "https://www.nspcc.org.uk/", "hours": "Opening times are on the website.",
             "anonymous": True},
        ],
    },
    "au": {
        "country": "Australia",
        "emergency": "000",
        "exit_url": "https://www.bom.gov.au/",
        "report": {
            "name": "eSafety Commissioner",
            "url": "https://www.esafety.gov.au/report",
            "handles": "serious online abuse, cyberbullying of a child, image-based abuse "
                       "(intimate pictures shared without permission) and illegal or restricted content",
            "not_for": "emergencies; if someone is in danger right now, call 000",
            "anonymous": False,
            "reader": "an eSafety investigator",
        },
        "helplines": [
            {"id": "kids-helpline", "name": "Kids Helpline", "audience": "children",
             "who": "children and young people aged 5 to 25", "phone": "1800 55 1800",
             "url": "https://kidshelpline.com.au/", "hours": "Any time, day or night.",
             "anonymous": True},
        ],
    },
    "us": {
        "country": "the United States",
        "emergency": "911",
        "exit_url": "https://www.weather.gov/",
        "report": {
            "name": "NCMEC CyberTipline",
            "url": "https://report.cybertip.org/",
            "phone": "1-800-843-5678",
            "handles": "online sexual exploitation of a child: someone asking a child for sexual "
                       "pictures, sharing them, or trying to meet a child for sex",
            "not_for": "bullying or mean comments; for those, tell a trusted adult or your "
                       "school and use the app's report button",
            "anonymous": True,
            "reader": "a staff member at the National Center for Missing & Exploited Children, "
                      "who passes it on to the police",
        },
        "helplines": [
            {"id": "ncmec", "name": "NCMEC (National Center for Missing & Exploited Children)",
             "audience": "adults", "who": "adults with information about a child being exploited",
             "phone": "1-800-843-5678", "url": "https://report.cybertip.org/",
             "hours": "Any time, day or night."},
        ],
    },
    "ie": {
        "country": "Ireland",
        "emergency": "112 or 999",
        "exit_url": "https://www.met.ie/",
        "report": {
            "name": "Hotline.ie",
            "url": "https://hotline.ie/report",
            "handles": "child sexual abuse material and other illegal content found online",
            "not_for": "bullying or mean comments; for those, tell a trusted adult or your "
                       "school, use the app's report button, or call Childline",
            "anonymous": True,
            "reader": "a trained Hotline.ie analyst",
        },
        "helplines": [
            {"id": "ispcc-childline", "name": "ISPCC Childline", "audience": "children",
             "who": "anyone under 18, about anything", "phone": "1800 66 66 66", "text": "50101",
             "url": "https://www.childline.ie/", "hours": "Any time, day or night.",
             "anonymous": True},
        ],
    },
}

_REPORT_KEYS = ["name", "url", "handles", "not_for", "anonymous", "reader", "phone"]
_HELPLINE_KEYS = ["id", "name", "audience", "who", "phone", "text", "url", "hours", "anonymous",
                  "remove"]
_TOP_KEYS = ["preset", "emergency", "report", "helplines", "exit_url", "country",
             "button"]  # button: checked by helpbutton.parse_button


def parse_help(raw: object, *, source: str = "mkdocs.yml",
               key: str = "plugins.thinksafe.help") -> tuple[HelpConfig | None, list[Problem]]:
    """The preset (UK by default) with the owner's settings on top, or every mistake in them."""
    problems: list[Problem] = []
    raw = {} if raw is None else raw
    if not isinstance(raw, dict):
        return None, [Problem(source, key, f"got {describe(raw)}", "a mapping such as {preset: uk}")]
    _unknown(raw, _TOP_KEYS, key, source, problems)
    preset = raw.get("preset", "uk")
    if preset not in PRESETS:
        problems.append(Problem(source, f"{key}.preset", f"unknown preset {describe(preset)}",
                                one_of(list(PRESETS)), did_you_mean(preset, list(PRESETS))))
        preset = "uk"  # a stand-in, so that the owner's own settings are still checked in this run
    values = copy.deepcopy(PRESETS[preset])
    for name in ("emergency", "exit_url", "country"):
        if name in raw:
            values[name] = raw[name]
    if "report" in raw:
        if isinstance(raw["report"], dict):
            _unknown(raw["report"], _REPORT_KEYS, f"{key}.report", source, problems)
            values["report"].update({k: v for k, v in raw["report"].items() if k in _REPORT_KEYS})
        else:
            problems.append(Problem(source, f"{key}.report", f"got {describe(raw['report'])}",
                                    "a mapping with name, url, …"))
    values["helplines"] = _merge_helplines(values["helplines"], raw.get("helplines"), key, source,
                                           problems)
    _check(values, key, source, problems)
    if problems:
        return None, problems
    return HelpConfig(
        preset=preset, country=values["country"], emergency=values["emergency"].strip(),
        report=ReportService(**values["report"]), exit_url=values["exit_url"],
        helplines=[Helpline(**h) for h in values["helplines"]],
    ), []


def _merge_helplines(base: list[dict], raw: object, key: str, source: str, problems) -> list[dict]:
    """The owner's helplines change the preset's of the same id, add new ones, or remove one."""
    if raw is None:
        return base
    if not isinstance(raw, list):
        problems.append(Problem(source, f"{key}.helplines", f"got {describe(raw)}",
                                "a list of helplines, each with an id"))
        return base
    merged = {h["id"]: h for h in base}
    places = {}  # where the owner wrote each helpline, so messages point there
    for index, entry in enumerate(raw):
        where = f"{key}.helplines[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            problems.append(Problem(source, where, f"got {describe(entry)}",
                                    "a mapping with an 'id', such as {id: childline, phone: …}"))
            continue
        _unknown(entry, _HELPLINE_KEYS, where, source, problems)
        if entry.get("remove") is True:
            merged.pop(entry["id"], None)
            continue
        known = {k: v for k, v in entry.items() if k in _HELPLINE_KEYS and k != "remove"}
        merged[entry["id"]] = {**merged.get(entry["id"], {}), **known}
        places[entry["id"]] = where
    for helpline in merged.values():
        helpline["_where"] = places.get(helpline["id"])
    return list(merged.values())


def _check(values: dict, key: str, source: str, problems: list[Problem]) -> None:
    _need_text(values, "emergency", key, source, problems, "the number to call in an emergency")
    _need_https(values, "exit_url", key, source, problems)
    report = values["report"]
    for name in ("name", "handles", "not_for", "reader"):
        _need_text(report, name, f"{key}.report", source, problems)
    _need_https(report, "url", f"{key}.report", source, problems)
    if not isinstance(report.get("anonymous"), bool):
        problems.append(Problem(source, f"{key}.report.anonymous",
                                f"got {describe(report.get('anonymous'))}", "true or false"))
    for index, helpline in enumerate(values["helplines"]):
        where = helpline.pop("_where", None) or f"{key}.helplines[{index}]"
        for name in ("name", "who"):
            _need_text(helpline, name, where, source, problems)
        if helpline.get("audience") not in ("children", "adults"):
            problems.append(Problem(source, f"{where}.audience", f"got {describe(helpline.get('audience'))}",
                                    "'children' or 'adults'"))
        if not any(isinstance(helpline.get(k), str) and helpline[k].strip() for k in ("phone", "text", "url")):
            problems.append(Problem(source, f"{where}.phone", "is empty", "a phone number, a text number or a web address"))
        if helpline.get("url"):
            _need_https(helpline, "url", where, source, problems)


def _need_text(values, name, key, source, problems, expected="some text") -> None:
    value = values.get(name)
    if not isinstance(value, str) or not value.strip():
        problems.append(Problem(source, f"{key}.{name}", f"got {describe(value)}",
                                expected, "write it in quotes, such as '999'" if name == "emergency" else ""))


def _need_https(values, name, key, source, problems) -> None:
    value = values.get(name)
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme != "https" or not parts.netloc:
        problems.append(Problem(source, f"{key}.{name}", f"got {describe(value)}",
                                "a full web address starting with https://"))


def _unknown(mapping: dict, allowed: list[str], key: str, source: str, problems) -> None:
    for name in mapping:
        if name not in allowed:
            problems.append(Problem(source, f"{key}.{name}", "unknown setting", one_of(allowed),
                                    did_you_mean(name, allowed)))
