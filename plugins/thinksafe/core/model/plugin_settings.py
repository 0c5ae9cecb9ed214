"""The plugin's settings under `plugins: - thinksafe:` in mkdocs.yml: each one's default, declared
once (config.py declares MkDocs's options from here), and the checks of the plain ones.

The settings with a structure of their own are read by their own modules (audiences and topics:
settings.py; help: core/help/settings.py), and all of them together by read_settings in
core/checks/sequence.py."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from thinksafe.core.model.provenance import DEFAULT_MAX_AGE_MONTHS
from thinksafe.core.problems import Problem

KEY = "plugins.thinksafe"


@dataclass(frozen=True)
class Options:
    """Every plain setting, with its default."""

    lessons_dir: str = "lessons"
    other_topic_title: str = "More lessons"
    packs: bool = True  # lesson packs: /packs/<slug>.zip for lesson plans and lessons with resources
    pack_max_file_mb: float = 25  # each file in a pack; 1 MB = 1,000,000 bytes
    licence: str = "CC BY-NC-SA 4.0"  # the content's licence, named in every pack
    # Warn when a lesson's `reviewed` date is older than this many months, or missing on a lesson
    # for adults (provenance.py); 0 turns the warning off.
    review_max_age_months: int = DEFAULT_MAX_AGE_MONTHS
    cache_dir: str = ".cache/thinksafe"  # work kept between builds (core/cache.py); from mkdocs.yml's folder
    cache: bool = True  # false: nothing is read from or written to cache_dir
    # Write Material's pruned sidebar in Python (same markup, much faster); false uses Material's template.
    fast_navigation: bool = True
    # A lesson page's sidebar lists at most this many lessons of its topic, around its own, and
    # links to the topic on the landing page for the rest (fast navigation only); 0 lists them all.
    topic_nav_limit: int = 20
    # Render the parts of the page that an audience's lesson pages share once for all of them
    # (same HTML: see mkdocs/speed/fragments.py); false renders every part on every page.
    fast_templates: bool = True


DEFAULTS = Options()
NAMES = tuple(option.name for option in dataclasses.fields(Options))


def given(options: Mapping[str, Any]) -> dict[str, Any]:
    """The plain settings as written, each missing one at its default."""
    return {name: options.get(name, getattr(DEFAULTS, name)) for name in NAMES}


def option_problems(options: Mapping[str, Any], source: str) -> list[Problem]:
    """Every mistake in the plain settings that their types alone do not catch."""
    values = given(options)
    problems = []
    limit = values["topic_nav_limit"]
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        problems.append(Problem(source, f"{KEY}.topic_nav_limit", f"got {limit!r}",
                                "a whole number of lessons, 0 or more (0 lists every lesson of a topic)"))
    size = values["pack_max_file_mb"]
    if values["packs"] and (isinstance(size, bool) or not isinstance(size, (int, float)) or size <= 0):
        problems.append(Problem(source, f"{KEY}.pack_max_file_mb", f"got {size!r}",
                                "a number of megabytes above 0, such as 25"))
    return problems
