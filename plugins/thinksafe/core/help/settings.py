"""Where to get help: a country preset (package data, one YAML file per country) and the
site owner's changes in mkdocs.yml, checked into one `HelpConfig`.

Every fact of a preset (a number, an address, who a service is for, what it handles,
whether a report is anonymous, whether the service gets in touch) carries the page that
states it and the day it was checked; see docs/help.md.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from importlib import resources
from urllib.parse import urlsplit

import yaml

from thinksafe.core.problems import Problem, describe, did_you_mean, one_of

PRESET_IDS = ["uk", "au", "us", "ie"]
KEY = "plugins.thinksafe.help"

# The situations of the help page's "What's happening?" list, in order (PLACEHOLDERS.md
# fixes their anchors), then the adults' part.
CHILD_SITUATIONS = ["in-danger", "asked-for-pictures", "threatened-with-a-picture",
                    "nude-picture-online", "bullying", "saw-something-upsetting", "want-to-talk"]
ADULTS = "for-adults"
SITUATIONS = CHILD_SITUATIONS + [ADULTS]

ROLES = ["children_helpline", "adults_helpline", "report", "professionals_helpline"]
KINDS = ["helpline", "report"]
GROUPS = ["children", "adults"]
CONTACTS = ["yes", "no", "if-you-leave-details"]
# The facts a service can have: each is a value, or {value, source, checked}.
TEXT_FACTS = ["name", "phone", "text", "url", "who", "handles", "not_for", "hours"]
FLAG_FACTS = ["anonymous", "contacts_you"]
FACTS = TEXT_FACTS + FLAG_FACTS
_SERVICE_KEYS = ["kind", "for", "match", "remove"] + FACTS
_TOP_KEYS = ["preset", "country", "emergency", "exit_url", "roles", "services", "situations",
             "max_fact_age_months", "button"]  # button: checked by helpbutton.parse_button
_OLD_KEYS = {"report": "services and roles.report", "helplines": "services"}


@dataclass(frozen=True)
class Fact:
    value: object
    source: str = ""  # the page that states it
    checked: datetime.date | None = None  # when it was checked against that page


@dataclass(frozen=True)
class Service:
    id: str
    kind: str  # "helpline" (someone to talk to) or "report" (somewhere to report)
    groups: tuple[str, ...]  # who the site sends there: "children", "adults" or both
    facts: dict[str, Fact]
    match: tuple[str, ...] = ()  # words that name it in prose (the "other country" check)
    where: str = ""  # the file that set it, for messages

    def get(self, name: str):
        fact = self.facts.get(name)
        return fact.value if fact else None

    name = property(lambda self: self.get("name") or self.id)
    phone = property(lambda self: self.get("phone") or "")
    text = property(lambda self: self.get("text") or "")
    url = property(lambda self: self.get("url") or "")
    who = property(lambda self: self.get("who") or "")
    handles = property(lambda self: self.get("handles") or "")
    not_for = property(lambda self: self.get("not_for") or "")
    hours = property(lambda self: self.get("hours") or "")
    anonymous = property(lambda self: self.get("anonymous"))
    contacts_you = property(lambda self: self.get("contacts_you"))
    audience = property(lambda self: self.groups[0])  # templates written before groups


@dataclass(frozen=True)
class HelpConfig:
    preset: str
    country: str
    emergency_fact: Fact
    services: dict[str, Service]
    roles: dict[str, str]
    situations: dict[str, list[str]]
    exit_url: str = ""
    max_fact_age_months: int = 12
    preset_file: str = ""

    @property
    def emergency(self) -> str:
        return str(self.emergency_fact.value).strip()

    def role(self, name: str) -> Service | None:
        return self.services.get(self.roles.get(name, ""))

    @property
    def report(self) -> Service | None:
        return self.role("report")

    @property
    def helplines(self) -> list[Service]:
        return [s for s in self.services.values() if s.kind == "helpline"]

    def for_audience(self, group: str) -> list[Service]:
        """The helplines the site sends `group` ("children" or "adults") to."""
        return [s for s in self.helplines if group in s.groups]

    def box(self, group: str) -> Service | None:
        """The service a "Worried?" box names for `group`: never one for the other group."""
        service = self.role("children_helpline" if group == "children" else "adults_helpline")
        return service if service is not None and group in service.groups else None

    def situation(self, situation_id: str) -> list[Service]:
        return [self.services[i] for i in self.situations.get(situation_id, []) if i in self.services]


def needed_groups(site) -> tuple[str, ...]:
    """The groups a site has pages for (each needs a service for its "Worried?" box)."""
    groups = {"children" if a.children else "adults" for a in site.audiences}
    return tuple(g for g in GROUPS if g in groups)


def preset_path(preset: str) -> str:
    """A preset file's path as messages show it."""
    return f"thinksafe/presets/{preset}.yml"


def load_preset(preset: str) -> dict:
    """The preset's YAML, as data: read by libyaml when PyYAML has it (~8× faster; a build reads
    every preset to find another country's help named in a lesson), the same data as
    `yaml.safe_load` gives (tests/core/test_help_presets.py compares them for every preset)."""
    text = resources.files("thinksafe").joinpath("presets", f"{preset}.yml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def parse_help(raw: object, *, source: str = "mkdocs.yml", key: str = KEY,
               needs: tuple[str, ...] = ("children", "adults")) -> tuple[HelpConfig | None, list[Problem]]:
    """The preset (UK by default) with the owner's settings on top, or every mistake in them.

    `needs` names the groups the site has pages for: each must have a service for its
    "Worried?" box."""
    problems: list[Problem] = []
    raw = {} if raw is None else raw
    if not isinstance(raw, dict):
        return None, [Problem(source, key, f"got {describe(raw)}", "a mapping such as {preset: uk}")]
    for old, new in _OLD_KEYS.items():
        if old in raw:
            problems.append(Problem(source, f"{key}.{old}", "is no longer a setting",
                                    f"'{new}'", "see docs/help.md for the settings"))
    _unknown({k: v for k, v in raw.items() if k not in _OLD_KEYS}, _TOP_KEYS, key, source, problems)
    preset = raw.get("preset", "uk")
    if preset not in PRESET_IDS:
        problems.append(Problem(source, f"{key}.preset", f"unknown preset {describe(preset)}",
                                one_of(PRESET_IDS), did_you_mean(preset, PRESET_IDS)))
        preset = "uk"  # a stand-in, so that the owner's own settings are still checked in this run
    base = load_preset(preset)
    shown = preset_path(preset)
    services = {sid: _service(sid, entry, shown) for sid, entry in base["services"].items()}
    emergency = _fact(base["emergency"])
    country = base["country"]
    if "emergency" in raw:
        emergency = _owner_fact(raw["emergency"], f"{key}.emergency", source, problems, "emergency")
    if "country" in raw:
        country = raw["country"]
        _need_text({"country": country}, "country", key, source, problems)
    exit_url = raw.get("exit_url", base["exit_url"])
    _need_https({"exit_url": exit_url}, "exit_url", key, source, problems)
    _merge_services(services, raw.get("services"), key, source, problems)
    roles = dict(base.get("roles") or {})
    roles.update(_mapping(raw, "roles", key, source, problems))
    situations = {sid: list(base["situations"].get(sid, [])) for sid in SITUATIONS}
    situations.update(_owner_situations(raw, key, source, problems))
    age = raw.get("max_fact_age_months", 12)
    if isinstance(age, bool) or not isinstance(age, int) or age < 1:
        problems.append(Problem(source, f"{key}.max_fact_age_months", f"got {describe(age)}",
                                "a whole number of months, 1 or more (12 by default)"))
    if emergency is None or not isinstance(emergency.value, str) or not emergency.value.strip():
        problems.append(Problem(source, f"{key}.emergency", f"got {describe(emergency and emergency.value)}",
                                "the number to call in an emergency", "write it in quotes, such as '999'"))
    if problems:
        return None, problems
    help = HelpConfig(preset=preset, country=country, emergency_fact=emergency, services=services,
                      roles=roles, situations=situations, exit_url=exit_url,
                      max_fact_age_months=age, preset_file=shown)
    problems = _check(help, key, source, needs)
    return (None, problems) if problems else (help, [])


def _service(sid: str, entry: dict, where: str) -> Service:
    facts = {name: _fact(entry[name]) for name in FACTS if name in entry}
    return Service(id=sid, kind=entry.get("kind", "helpline"), groups=tuple(entry.get("for") or ()),
                   facts=facts, match=tuple(entry.get("match", [facts["name"].value] if "name" in facts else [])),
                   where=where)


def _fact(value: object) -> Fact:
    if isinstance(value, dict):
        checked = value.get("checked")
        if isinstance(checked, str):
            try:
                checked = datetime.date.fromisoformat(checked)
            except ValueError:
                checked = None
        return Fact(value.get("value"), str(value.get("source") or ""),
                    checked if isinstance(checked, datetime.date) else None)
    return Fact(value)


def _owner_fact(value: object, where: str, source: str, problems: list, name: str) -> Fact:
    """An owner's fact: a plain value, or {value, source, checked} like the presets'."""
    if isinstance(value, dict):
        _unknown(value, ["value", "source", "checked"], where, source, problems)
        checked = value.get("checked")
        if checked is not None and not isinstance(checked, datetime.date):
            try:
                datetime.date.fromisoformat(str(checked))
            except ValueError:
                problems.append(Problem(source, f"{where}.checked", f"got {describe(checked)}",
                                        "a date such as 2026-11-30"))
        if value.get("source") is not None:
            _need_https(value, "source", where, source, problems)
    return _fact(value)


def _mapping(raw: dict, name: str, key: str, source: str, problems: list) -> dict:
    value = raw.get(name)
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append(Problem(source, f"{key}.{name}", f"got {describe(value)}", "a mapping"))
        return {}
    if name == "roles":
        _unknown(value, ROLES, f"{key}.roles", source, problems)
        return {k: v for k, v in value.items() if k in ROLES}
    return value


def _owner_situations(raw: dict, key: str, source: str, problems: list) -> dict[str, list[str]]:
    value = _mapping(raw, "situations", key, source, problems)
    _unknown(value, SITUATIONS, f"{key}.situations", source, problems)
    chosen = {}
    for sid, ids in value.items():
        if sid not in SITUATIONS:
            continue
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            problems.append(Problem(source, f"{key}.situations.{sid}", f"got {describe(ids)}",
                                    "a list of service ids, such as [childline]"))
            continue
        chosen[sid] = ids
    return chosen


def _merge_services(services: dict[str, Service], raw: object, key: str, source: str, problems) -> None:
    """The owner's services change the preset's of the same id, add new ones, or remove one."""
    if raw is None:
        return
    if not isinstance(raw, dict):
        problems.append(Problem(source, f"{key}.services", f"got {describe(raw)}",
                                "a mapping from service id to its settings, such as {childline: {hours: …}}"))
        return
    for sid, entry in raw.items():
        where = f"{key}.services.{sid}"
        if not isinstance(entry, dict):
            problems.append(Problem(source, where, f"got {describe(entry)}", "a mapping of settings"))
            continue
        _unknown(entry, _SERVICE_KEYS, where, source, problems)
        if entry.get("remove") is True:
            services.pop(sid, None)
            continue
        old = services.get(sid)
        facts = dict(old.facts) if old else {}
        for name in FACTS:
            if name in entry:
                facts[name] = _owner_fact(entry[name], f"{where}.{name}", source, problems, name)
        kind = entry.get("kind", old.kind if old else None)
        groups = entry.get("for", list(old.groups) if old else None)
        match = entry.get("match", list(old.match) if old else [facts["name"].value] if "name" in facts else [])
        if not isinstance(kind, str) or kind not in KINDS:
            problems.append(Problem(source, f"{where}.kind", f"got {describe(kind)}", one_of(KINDS)))
            kind = "helpline"  # a stand-in, so that the rest is still checked: the problem stops the build
        if not isinstance(groups, list) or not groups or any(g not in GROUPS for g in groups):
            problems.append(Problem(source, f"{where}.for", f"got {describe(groups)}",
                                    "a list of 'children' and/or 'adults'"))
            groups = []
        if not isinstance(match, list) or not all(isinstance(m, str) for m in match):
            problems.append(Problem(source, f"{where}.match", f"got {describe(match)}", "a list of words"))
            match = []
        services[sid] = Service(sid, kind, tuple(groups), facts, tuple(match), where=source)


def _check(help: HelpConfig, key: str, source: str, needs: tuple[str, ...]) -> list[Problem]:
    """Every service complete, every role and situation leading to a service for its readers."""
    problems: list[Problem] = []
    ids = list(help.services)
    for sid, service in help.services.items():
        where, shown = f"{key}.services.{sid}", _shown(service, source)
        base = where if shown == source else f"services.{sid}"
        for name in ("name", "who"):
            if not _text(service.get(name)):
                problems.append(Problem(shown, f"{base}.{name}", f"got {describe(service.get(name))}", "some text"))
        if not any(_text(service.get(k)) for k in ("phone", "text", "url")):
            problems.append(Problem(shown, f"{base}.phone", "is empty",
                                    "a phone number, a text number or a web address"))
        if service.get("url"):
            _need_https(service.facts["url"].__dict__, "value", f"{base}.url", shown, problems)
        for name in ("anonymous",):
            if name in service.facts and not isinstance(service.get(name), bool):
                problems.append(Problem(shown, f"{base}.{name}", f"got {describe(service.get(name))}", "true or false"))
        if "contacts_you" in service.facts and service.get("contacts_you") not in CONTACTS:
            problems.append(Problem(shown, f"{base}.contacts_you", f"got {describe(service.get('contacts_you'))}",
                                    one_of(CONTACTS)))
    for role, sid in help.roles.items():
        where = f"{key}.roles.{role}"
        if sid not in help.services:
            problems.append(Problem(source, where, f"names no service: {describe(sid)}", one_of(ids),
                                    did_you_mean(sid, ids) or "add it under 'services', or change the role"))
            continue
        service = help.services[sid]
        group = {"children_helpline": "children", "adults_helpline": "adults"}.get(role)
        if group and group not in service.groups:
            problems.append(Problem(source, where, f"'{sid}' is not a service for {group}",
                                    f"a service whose 'for' includes '{group}'",
                                    "children's and adults' services never cross"))
        if role in ("children_helpline", "professionals_helpline") and service.kind != "helpline":
            problems.append(Problem(source, where, f"'{sid}' is a place to report, not a helpline",
                                    "a service of kind 'helpline'"))
    for group in needs:
        role = f"{group}_helpline"
        if group in GROUPS and role not in help.roles:
            problems.append(Problem(source, f"{key}.roles.{role}", "is not set",
                                    f"the id of a service for {group}",
                                    f"the site has pages for {group}, whose 'Worried?' box names it"))
    for sid_, chosen in help.situations.items():
        group = "adults" if sid_ == ADULTS else "children"
        for sid in chosen:
            where = f"{key}.situations.{sid_}"
            if sid not in help.services:
                problems.append(Problem(source, where, f"names no service: {describe(sid)}", one_of(ids),
                                        did_you_mean(sid, ids)))
            elif group not in help.services[sid].groups:
                problems.append(Problem(source, where, f"'{sid}' is not a service for {group}",
                                        f"services whose 'for' includes '{group}'",
                                        "children's and adults' services never cross"))
    return problems


def stale_facts(help: HelpConfig, today: datetime.date, source: str = "mkdocs.yml") -> list[Problem]:
    """A warning for every fact checked longer ago than `max_fact_age_months`, with its source."""
    months = help.max_fact_age_months
    limit = _months_before(today, months)
    problems = []
    facts = [("emergency", help.emergency_fact, help.preset_file if help.emergency_fact.source else source)]
    facts += [(f"services.{s.id}.{name}", fact, s.where or source)
              for s in help.services.values() for name, fact in s.facts.items()]
    for name, fact, where in facts:
        if fact.checked is not None and fact.checked < limit:
            problems.append(Problem(
                where, name, f"was checked on {fact.checked.isoformat()}, more than {months} months ago",
                f"a check against {fact.source or 'its source'}",
                "open the source, compare, then update the value and 'checked' "
                f"(in mkdocs.yml: {KEY}.{name}); see docs/help.md", severity="warning"))
    return problems


def _months_before(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _shown(service: Service, source: str) -> str:
    return service.where or source


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _need_text(values, name, key, source, problems, expected="some text") -> None:
    if not _text(values.get(name)):
        problems.append(Problem(source, f"{key}.{name}", f"got {describe(values.get(name))}", expected))


def _need_https(values, name, key, source, problems) -> None:
    value = values.get(name)
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("https", "http") or not parts.netloc or \
            (name != "source" and parts.scheme != "https"):
        shown = key if name == "value" else f"{key}.{name}"
        problems.append(Problem(source, shown, f"got {describe(value)}",
                                "a full web address starting with https://"))


def _unknown(mapping: dict, allowed: list[str], key: str, source: str, problems) -> None:
    for name in mapping:
        if name not in allowed:
            problems.append(Problem(source, f"{key}.{name}", "unknown setting", one_of(allowed),
                                    did_you_mean(name, allowed)))
