"""The per-audience model: which pages each audience has, in what order, and where copies live."""

from __future__ import annotations

from thinksafe.core.model.paths import copy_src, landing_src

from dataclasses import dataclass, field

from thinksafe.core.model.lessons import Lesson
from thinksafe.core.model.settings import Audience, SiteConfig, Topic


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

    def __init__(self, site: SiteConfig, lessons: list[Lesson], *, drafts: list[Lesson] = (),
                 other_title: str = "More lessons"):
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
        by_topic = {group.topic.id: group for group in groups}
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

    def sequence(self, audience_id: str) -> list[str]:
        """Pages of an audience in reading order, for previous and next."""
        section = self.section(audience_id)
        return [landing_src(audience_id)] + [copy_src(audience_id, l.slug) for l in section.lessons]

    def nav(self) -> list[dict]:
        """The audience tabs as an MkDocs-style nav list: landing page, then a group per topic."""
        return [
            {section.audience.title: [{section.audience.title: landing_src(section.audience.id)}] + [
                {group.title: [{l.title: copy_src(section.audience.id, l.slug)} for l in group.lessons]}
                for group in section.groups
            ]}
            for section in self.sections
        ]
