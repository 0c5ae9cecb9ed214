"""The plain Material equivalent of a generated ThinkSafe site: the pages it outputs, as files.

Each lesson is copied to `<audience>/<slug>.md` for each of its audiences, with its link
pointed where ThinkSafe points it; each audience gets an `index.md` listing its lessons by
topic; the help page ThinkSafe writes from its default settings is written as `help.md`, and
the teachers' list of lesson packs as `teachers/packs.md` (a list of their lessons by topic);
the nav has a tab per audience (landing page, packs, a section per topic), then help, as
ThinkSafe's has.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from generate import (
    AUDIENCES,
    FEATURES,
    PRUNED_FEATURES,
    TOPICS,
    Lesson,
    home_markdown,
    site_config,
    write_site,
)
from thinksafe.core.help.button import ButtonSettings
from thinksafe.core.help.button_page import ButtonPlace, button_markdown
from thinksafe.core.help.page import help_markdown
from thinksafe.core.help.settings import parse_help
from thinksafe.core.model.paths import BUTTON_SRC
from thinksafe.core.model.settings import DEFAULT_AUDIENCES, DEFAULT_TOPICS

AUDIENCE_INFO = {a.id: a for a in DEFAULT_AUDIENCES}
TOPIC_TITLES = {t.id: t.title for t in DEFAULT_TOPICS}
TEACHERS = "teachers"
PACKS = f"{TEACHERS}/packs.md"
PACKS_INTRO = "Every lesson plan as one download: the plan to print, and its resources."
LESSON_LINK = re.compile(r"\]\((lesson-\d+)\.md\)")


def by_audience_and_topic(lessons: list[Lesson]) -> dict[str, dict[str, list[Lesson]]]:
    """`{audience: {topic: lessons in reading order}}`, a lesson under its first topic only."""
    groups = {a: {t: [] for t in TOPICS} for a in AUDIENCES}
    for lesson in sorted(lessons, key=lambda l: (l.order, l.title.casefold(), l.slug)):
        for audience in lesson.audiences:
            groups[audience][lesson.topics[0]].append(lesson)
    return {a: {t: ls for t, ls in topics.items() if ls}
            for a, topics in groups.items() if any(topics.values())}


def copy_body(lesson: Lesson, audience: str, by_slug: dict[str, Lesson]) -> str:
    """A lesson's copy for one audience, its links to lessons pointed at the copy ThinkSafe picks."""
    def link(match: re.Match) -> str:
        """The link as ThinkSafe rewrites it for this audience."""
        target = by_slug[match[1]]
        if audience in target.audiences:
            return match[0]
        return f"](../{target.audiences[0]}/{target.slug}.md)"

    front = yaml.safe_dump({"description": lesson.summary}, allow_unicode=True)
    return f"---\n{front}---\n{LESSON_LINK.sub(link, lesson.body)}"


def lesson_lists(intro: str, topics: dict[str, list[Lesson]]) -> str:
    """A paragraph, then a heading and a list of links to lessons per topic."""
    parts = [intro]
    for topic, lessons in topics.items():
        parts.append(f"## {TOPIC_TITLES[topic]}")
        parts.append("\n".join(f"- [{l.title}]({l.slug}.md): {l.summary}" for l in lessons))
    return "\n\n".join(parts) + "\n"


def default_help():
    """ThinkSafe's default help settings."""
    settings, problems = parse_help({})
    if problems:
        raise ValueError(f"ThinkSafe's default help settings have problems: {problems}")
    return settings


def help_page() -> str:
    """The Markdown of the help page ThinkSafe generates with its default help settings."""
    return help_markdown(default_help())


def button_page() -> str:
    """The Markdown of the help button page (/help/button/) ThinkSafe generates by default:
    not in the navigation, as in ThinkSafe; the site has no site_url."""
    place = ButtonPlace(site_config([], [])["site_name"], None, "help/", "../")
    return button_markdown(default_help(), ButtonSettings(), place)


def output_pages(lessons: list[Lesson]) -> dict[str, str]:
    """Every page ThinkSafe outputs for these lessons, as `{content path: Markdown}`."""
    by_slug = {l.slug: l for l in lessons}
    pages = {"index.md": home_markdown(), "help.md": help_page(), BUTTON_SRC: button_page()}
    for audience, topics in by_audience_and_topic(lessons).items():
        pages[f"{audience}/index.md"] = lesson_lists(AUDIENCE_INFO[audience].description, topics)
        if audience == TEACHERS:
            pages[PACKS] = "---\ntitle: Lesson packs\n---\n" + lesson_lists(PACKS_INTRO, topics)
        for lesson in (l for ls in topics.values() for l in ls):
            pages[f"{audience}/{lesson.slug}.md"] = copy_body(lesson, audience, by_slug)
    return pages


def nav(lessons: list[Lesson]) -> list:
    """Home, then a tab per audience (its landing page and a section per topic), then help."""
    tabs = []
    for audience, topics in by_audience_and_topic(lessons).items():
        title = AUDIENCE_INFO[audience].title
        sections = [{TOPIC_TITLES[t]: [{l.title: f"{audience}/{l.slug}.md"} for l in ls]}
                    for t, ls in topics.items()]
        packs = [{"Lesson packs": PACKS}] if audience == TEACHERS else []
        tabs.append({title: [{title: f"{audience}/index.md"}] + packs + sections})
    return ["index.md"] + tabs + [{"Get help": "help.md"}]


def write_plain_site(site_dir: Path, lessons: list[Lesson], prune: bool) -> None:
    """The plain Material site, as Material ships (or with navigation.prune added)."""
    features = PRUNED_FEATURES if prune else FEATURES
    write_site(site_dir, site_config(features, ["search"], nav(lessons)), output_pages(lessons))
