"""What one build knows, kept in one object: made in on_pre_build, read by the later events."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from thinksafe.core.checks.content import Content
from thinksafe.core.checks.sequence import Project
from thinksafe.core.model.lessons import Lesson
from thinksafe.core.model.navigation import SiteModel
from thinksafe.core.model.settings import Audience
from thinksafe.core.problems import Problem
from thinksafe.core.reading.levels_cache import ReadingCache
from thinksafe.mkdocs.file_lookup import file_at
from thinksafe.mkdocs.packs import LessonPacks
from thinksafe.mkdocs.speed.conversions import ConversionCache
from thinksafe.mkdocs.speed.early_pages import EarlyPages
from thinksafe.mkdocs.speed.page_outputs import PageOutputs
from thinksafe.mkdocs.speed.search_cache import SearchEntryCache
from thinksafe.mkdocs.speed.site_writes import SiteWrites
from thinksafe.mkdocs.speed.theme_listing import ThemeListing


@dataclass
class Rendering:
    """A lesson's one conversion, from which each of its copies' HTML is finished."""

    src: str  # the copy that was converted
    url: str  # and its URL
    html: str  # with its links to lessons tagged and its leaving links' placeholders
    tagged: list[str]  # each tagged link, as written
    toc: TableOfContents
    anchors: set[str] | None

    def take_into(self, page: Page) -> str:
        """Give another copy this rendering's table of contents and anchors; return the HTML."""
        page.toc, page.present_anchor_ids = self.toc, self.anchors
        page.links_to_anchors = {}  # checked once, on the copy that was converted
        return self.html


@dataclass(frozen=True)
class Origin:
    """Where a page comes from: the file its text was written in (a lesson's source for its
    copies), its audience and its lesson, where it has them."""

    src: str
    audience: Audience | None = None
    lesson: Lesson | None = None


@dataclass
class Build:
    """One build's state. The checks' findings and the caches come first (on_pre_build); the
    files, pages and renderings are filled in as MkDocs's events arrive."""

    project: Project
    content: Content
    packs: LessonPacks
    levels: ReadingCache
    search_entries: SearchEntryCache
    conversions: ConversionCache
    cache_folder: Path | None  # None: `cache: false`
    outputs: PageOutputs  # pages not rendered again
    writes: SiteWrites  # pages not written again
    files: Files = field(default_factory=lambda: Files([]))  # every file of the site (on_files)
    help_file: File | None = None
    origins: dict[str, Origin] = field(default_factory=dict)  # of the pages ThinkSafe makes
    rendered: dict[str, Rendering] = field(default_factory=dict)  # each lesson's one conversion
    reusing: dict[str, Rendering] = field(default_factory=dict)  # copy -> the conversion it takes
    search_copies: list[tuple[str, str]] = field(default_factory=list)  # (converted, finished) URLs
    offsite: list[Problem] = field(default_factory=list)  # what pages would load from another host
    shared_places: set[str] = field(default_factory=set)  # audiences whose lesson pages share fragments
    catalog: str = ""  # the catalogue's SHA-256 (on_files): every lesson's place, title, summary, pack
    early: EarlyPages | None = None  # pages not read nor rendered again (None: caching is off)
    theme_listing: ThemeListing = field(default_factory=ThemeListing)  # until on_files

    @property
    def model(self) -> SiteModel:
        return self.content.model

    @property
    def packs_page(self) -> bool:
        """Whether the teachers' section lists the packs."""
        return self.packs.page_src() is not None

    def origin(self, src: str) -> Origin:
        """A page's origin, audience and lesson: the page itself, for one of the author's."""
        return self.origins.get(src) or Origin(src)

    def file(self, src: str) -> File:
        """The site's file made from content path `src` (one ThinkSafe made, or checked is there)."""
        file = file_at(self.files, src)
        assert file is not None, src
        return file
