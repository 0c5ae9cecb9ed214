"""The per-audience model: which pages each audience has, in what order, and where copies live.

The one place the audience navigation is decided: the tabs (`nav`, `site_nav`), previous and
next (`chains`), and the sidebar's link to a long topic's list (`topic_link`). The adapter only
hands them to MkDocs, and mkdocs/speed/material_nav.py renders them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from thinksafe.core.model.lessons import Lesson
from thinksafe.core.model.paths import PACKS_PAGE, TEACHERS, copy_src, landing_src
from thinksafe.core.model.plugin_settings import DEFAULTS
from thinksafe.core.model.settings import Audience, SiteConfig, Topic

PACKS_TITLE = "Lesson packs"  # the teachers' list of packs, in their tab


@dataclass
class TopicGroup:
    """The lessons an audience has on one topic; `topic` is None for lessons with no topic."""

    topic: Topic | None
    title: str
    lessons: list[Lesson] = field(default_factory=list)


@dataclass
class Section:
    audience: Audience
    groups: list[TopicGroup]

    @property
    def lessons(self) -> list[Lesson]:
        """Every lesson of the audience in reading order: topic by topic."""
        return [lesson for group in self.groups for lesson in group.lessons]


class SiteModel:
    """Audiences, their topic groups and lessons, built once and shared by every output."""

    def __init__(self, site: SiteConfig, lessons: list[Lesson], *, drafts: Sequence[Lesson] = (),
                 other_title: str = DEFAULTS.other_topic_title):
        self.site = site
        self.lessons = sorted(lessons, key=lambda lesson: lesson.slug)
        self.by_src = {lesson.src: lesson for lesson in self.lessons}
        self.by_slug = {lesson.slug: lesson for lesson in self.lessons}
        self.drafts_by_src = {lesson.src: lesson for lesson in drafts}
        self.sections = [self._section(a, other_title) for a in site.audiences]
        self._copies = {
            copy_src(section.audience.id, lesson.slug): (lesson, section.audience.id)
            for section in self.sections for lesson in section.lessons
        }

    def _section(self, audience: Audience, other_title: str) -> Section:
        mine = sorted((l for l in self.lessons if audience.id in l.audiences),
                      key=Lesson.sort_key)
        groups = [TopicGroup(topic, topic.title) for topic in self.site.topics]
        other = TopicGroup(None, other_title)
        by_topic = {topic.id: group for topic, group in zip(self.site.topics, groups, strict=True)}
        for lesson in mine:
            # A lesson sits under its first topic, so it has one place in the sidebar.
            (by_topic[lesson.topics[0]] if lesson.topics else other).lessons.append(lesson)
        return Section(audience, [g for g in groups + [other] if g.lessons])

    def section(self, audience_id: str) -> Section:
        return next(s for s in self.sections if s.audience.id == audience_id)

    def group_of(self, audience_id: str, lesson: Lesson) -> TopicGroup:
        """The topic group that holds the lesson in the audience's sidebar: its first topic's."""
        return next(g for g in self.section(audience_id).groups if lesson in g.lessons)

    def copies(self) -> dict[str, tuple[Lesson, str]]:
        """Every page a lesson has: `{copy path: (lesson, audience id)}`."""
        return dict(self._copies)

    def copy_for(self, lesson: Lesson, from_audience: str | None) -> str:
        """The copy a reader in `from_audience` should reach: theirs if it exists, else the canonical."""
        audience = from_audience if from_audience in lesson.audiences else lesson.canonical_audience
        return copy_src(audience, lesson.slug)

    def canonical_src(self, lesson: Lesson) -> str:
        return copy_src(lesson.canonical_audience, lesson.slug)

    def sequence(self, audience_id: str, packs_page: bool = False) -> list[str]:
        """Pages of an audience in reading order, for previous and next: its landing page (then,
        for teachers, the list of packs when the site has one), then its lessons."""
        section = self.section(audience_id)
        listed = [PACKS_PAGE] if packs_page and audience_id == TEACHERS else []
        return [landing_src(audience_id)] + listed + [copy_src(audience_id, l.slug) for l in section.lessons]

    def chains(self, pages: list[str], packs_page: bool = False) -> list[list[str]]:
        """Previous and next stay inside the reader's audience: each audience's `sequence`, then
        the rest of `pages` (every page, in the nav's order) as one chain of their own."""
        chains = [self.sequence(audience_id, packs_page) for audience_id in self.site.audience_ids]
        inside = {src for chain in chains for src in chain}
        return chains + [[src for src in pages if src not in inside]]

    def nav(self, packs_page: bool = False) -> list[dict]:
        """The audience tabs as an MkDocs-style nav list: landing page (then, for teachers, the
        list of packs when the site has one), then a group per topic."""
        return [
            {section.audience.title: self._landing_entries(section, packs_page) + [
                {group.title: [{l.title: copy_src(section.audience.id, l.slug)} for l in group.lessons]}
                for group in section.groups
            ]}
            for section in self.sections
        ]

    def _landing_entries(self, section: Section, packs_page: bool) -> list[dict]:
        entries = [{section.audience.title: landing_src(section.audience.id)}]
        if packs_page and section.audience.id == TEACHERS:
            entries.append({PACKS_TITLE: PACKS_PAGE})
        return entries

    def site_nav(self, nav: list | None, pages: list[str], tabs: list[dict]) -> list:
        """The site's nav: the author's (or, without one, every page outside the audiences'
        folders, the home page first) with the audience `tabs` (`nav`) after its first entry."""
        if nav is None:
            audience_ids = set(self.site.audience_ids)
            nav = sorted((src for src in pages if src.split("/")[0] not in audience_ids),
                         key=lambda src: (src != "index.md", src))
        return nav[:1] + tabs + nav[1:]

    def topic_link(self, audience_id: str, lesson: Lesson) -> tuple[str, str, str]:
        """For a sidebar topic too long to list in full, from one of its lessons: the landing page
        that lists it, the anchor of its heading there, and the link's words."""
        group = self.group_of(audience_id, lesson)
        return landing_src(audience_id), topic_anchor(group), \
            f"All {len(group.lessons)} lessons in {group.title}"


def topic_anchor(group: TopicGroup) -> str:
    """The id of a topic's heading on the landing page, which the sidebar's "All … lessons" links to."""
    return f"topic-{group.topic.id}" if group.topic else "topic-other"
