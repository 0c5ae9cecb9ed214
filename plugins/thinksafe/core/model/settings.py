"""The site's audiences and topics: defaults, and the site owner's settings checked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from thinksafe.core.model.slugs import slugify
from thinksafe.core.problems import Problem, describe, did_you_mean, one_of

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Audience:
    id: str
    title: str
    description: str
    children: bool = False
    reading_level: float | None = None
    colour: str = "#3949ab"
    icon: str = "material/account-group"


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    description: str = ""


DEFAULT_AUDIENCES: tuple[Audience, ...] = (
    Audience(
        "8-10", "Ages 8–10",
        "Short, friendly lessons about games, chat, pictures and what to do if something feels wrong.",
        children=True, reading_level=5, colour="#7b1fa2", icon="material/star-face",
    ),
    Audience(
        "11-13", "Ages 11–13",
        "Lessons about friendships, group chats, sharing, your reputation and getting help.",
        children=True, reading_level=7, colour="#00695c", icon="material/rocket-launch",
    ),
    Audience(
        "parents", "Parents and carers",
        "Clear guidance on children's online lives, and what to do and who to call if you are worried.",
        colour="#1565c0", icon="material/home-heart",
    ),
    Audience(
        "teachers", "Teachers and trainers",
        "Lesson plans with objectives, timings and worksheets, ready to teach.",
        colour="#4e342e", icon="material/school",
    ),
)

DEFAULT_TOPICS: tuple[Topic, ...] = (
    Topic("self-image-and-identity", "Self-image and identity"),
    Topic("online-relationships", "Online relationships"),
    Topic("online-reputation", "Online reputation"),
    Topic("online-bullying", "Online bullying"),
    Topic("managing-online-information", "Managing online information"),
    Topic("health-wellbeing-and-lifestyle", "Health, well-being and lifestyle"),
    Topic("privacy-and-security", "Privacy and security"),
    Topic("copyright-and-ownership", "Copyright and ownership"),
)

# Addresses the site itself uses: an audience there would overwrite them.
RESERVED_IDS = {"help", "packs", "search", "assets", "lessons", "catalog", "404", "sitemap"}
_AUDIENCE_KEYS = ["id", "title", "description", "children", "reading_level", "colour", "icon"]
_TOPIC_KEYS = ["id", "title", "description"]
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass
class SiteConfig:
    audiences: list[Audience] = field(default_factory=lambda: list(DEFAULT_AUDIENCES))
    topics: list[Topic] = field(default_factory=lambda: list(DEFAULT_TOPICS))

    def audience(self, audience_id: str) -> Audience:
        return next(a for a in self.audiences if a.id == audience_id)

    @property
    def audience_ids(self) -> list[str]:
        return [a.id for a in self.audiences]

    @property
    def children_ids(self) -> set[str]:
        """The ids of the children's audiences."""
        return {a.id for a in self.audiences if a.children}

    @property
    def topic_ids(self) -> list[str]:
        return [t.id for t in self.topics]

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)


def parse_site_config(
    audiences: object = None, topics: object = None, *, source: str = "mkdocs.yml",
    prefix: str = "plugins.thinksafe",
) -> tuple[SiteConfig, list[Problem]]:
    """Check the site owner's audiences and topics; fill what they leave out from the defaults."""
    problems: list[Problem] = []
    site = SiteConfig()
    if audiences is not None:
        defaults = {a.id: a for a in DEFAULT_AUDIENCES}
        site.audiences = _parse_entries(
            audiences, f"{prefix}.audiences", source, problems, _AUDIENCE_KEYS,
            lambda entry, key: _build_audience(entry, defaults, key, source, problems),
        )
    if topics is not None:
        topic_defaults = {t.id: t for t in DEFAULT_TOPICS}
        site.topics = _parse_entries(
            topics, f"{prefix}.topics", source, problems, _TOPIC_KEYS,
            lambda entry, key: _build_topic(entry, topic_defaults, key, source, problems),
        )
    return site, problems


def _parse_entries(raw, key, source, problems, allowed, build) -> list:
    """Turn a list of `{id: …}` mappings (or bare ids) into objects, naming every bad entry."""
    if not isinstance(raw, list) or not raw:
        problems.append(Problem(source, key, f"got {describe(raw)}",
                                "a list with at least one entry, each with an 'id'"))
        return []
    built, seen = [], set()
    for index, entry in enumerate(raw):
        entry_key = f"{key}[{index}]"
        if isinstance(entry, str):
            entry = {"id": entry}
        if not isinstance(entry, dict):
            problems.append(Problem(source, entry_key, f"got {describe(entry)}",
                                    "a mapping such as {id: 8-10, title: Ages 8–10}"))
            continue
        for unknown in sorted(set(entry) - set(allowed)):
            problems.append(Problem(source, f"{entry_key}.{unknown}", "unknown setting",
                                    one_of(allowed), did_you_mean(unknown, allowed)))
        entry_id = entry.get("id")
        if not isinstance(entry_id, str) or not ID_PATTERN.match(entry_id):
            problems.append(Problem(
                source, f"{entry_key}.id", f"'{entry_id}' cannot be used as an id",
                "lower-case letters, digits and single hyphens, such as '8-10' or 'parents'",
                f"try '{slugify(entry_id)}'" if slugify(entry_id) else ""))
            continue
        if key.endswith(".audiences") and entry_id in RESERVED_IDS:
            problems.append(Problem(source, f"{entry_key}.id", f"'{entry_id}' is an address the site uses itself",
                                    "an id other than " + ", ".join(sorted(RESERVED_IDS)),
                                    f"try '{entry_id}-section'"))
            continue
        if entry_id in seen:
            problems.append(Problem(source, f"{entry_key}.id", f"'{entry_id}' is listed twice",
                                    "each id once", "remove or rename one of them"))
            continue
        seen.add(entry_id)
        item = build(entry, entry_key)
        if item is not None:
            built.append(item)
    return built


def _build_audience(entry, defaults, key, source, problems) -> Audience | None:
    values = _merged(entry, defaults, _AUDIENCE_KEYS)
    ok = _require_text(values, ["title", "description"], key, source, problems, _new_id(entry, defaults))
    if "children" in values and not isinstance(values["children"], bool):
        problems.append(Problem(source, f"{key}.children", f"got {describe(values['children'])}",
                                "true or false"))
        ok = False
    level = values.get("reading_level")
    if level is not None and (isinstance(level, bool) or not isinstance(level, (int, float)) or level <= 0):
        problems.append(Problem(source, f"{key}.reading_level", f"got {describe(level)}",
                                "a school grade above 0, such as 5, or leave it out"))
        ok = False
    if "colour" in values and not (isinstance(values["colour"], str) and _COLOUR.match(values["colour"])):
        problems.append(Problem(source, f"{key}.colour", f"got {describe(values['colour'])}",
                                "a colour such as '#7b1fa2' (in quotes)"))
        ok = False
    return Audience(**values) if ok else None


def _build_topic(entry, defaults, key, source, problems) -> Topic | None:
    values = _merged(entry, defaults, _TOPIC_KEYS)
    if not _require_text(values, ["title"], key, source, problems, _new_id(entry, defaults)):
        return None
    return Topic(**values)


def _merged(entry: dict, defaults: dict, allowed: list[str]) -> dict:
    """The default entry of the same id (if any) with the owner's known settings on top."""
    base = defaults.get(entry["id"])
    known = {key: value for key, value in entry.items() if key in allowed}
    return {**(base.__dict__ if base else {}), **known}


def _new_id(entry: dict, defaults: dict) -> str:
    """For an id that is not a default one: the default id it is probably a typo of, if any."""
    return "" if entry["id"] in defaults else did_you_mean(entry["id"], list(defaults))


def _require_text(values, keys, key, source, problems, hint="") -> bool:
    missing = [name for name in keys if not isinstance(values.get(name), str) or not values[name].strip()]
    if missing and hint:  # most likely a typo of a default id: one message, with the fix
        problems.append(Problem(source, f"{key}.id", f"'{values['id']}' is not a default id, and a "
                                "new one needs " + " and ".join(f"a {name}" for name in missing),
                                "a default id, or a new id with " + " and ".join(missing), hint))
        return False
    ok = True
    for name in missing:
        problems.append(Problem(source, f"{key}.{name}", f"got {describe(values.get(name))}",
                                "some text (it has no default for a new id)"))
        ok = False
    return ok
