"""Lesson packs in a MkDocs build: settings from mkdocs.yml, the ZIPs and the list page as Files."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from thinksafe.core.checks.content import Content
from thinksafe.core.checks.sequence import Project
from thinksafe.core.model.navigation import PACKS_TITLE, SiteModel
from thinksafe.core.model.paths import PACKS_PAGE, TEACHERS
from thinksafe.core.packs import record as packrecord
from thinksafe.core.packs.cache import Pack, PackCache
from thinksafe.core.packs.contents import PackError, PackPlan, PackSettings, plan_pack, wants_pack
from thinksafe.core.packs.early import EarlyPacks
from thinksafe.core.packs.printable import PrintSettings
from thinksafe.core.packs.pupils import PupilCopies
from thinksafe.core.pages.pack_list import packs_markdown, page_clashes, zip_clashes
from thinksafe.core.problems import Problem
from thinksafe.mkdocs.file_lookup import file_at
from thinksafe.mkdocs.linked_file import CheckedCopy
from thinksafe.mkdocs.speed.site_writes import SiteWrites

log = logging.getLogger("mkdocs.plugins.thinksafe")


class LessonPacks:
    """Plans, builds and publishes the packs of one build."""

    def __init__(self, project: Project, cache_folder: Path | None, begin: bool = False):
        self.project, self.settings = project, project.settings
        self.cache_folder = cache_folder  # None: `cache: false`
        self.begin = begin  # whether `check` begins the packs to make (a build's, not `thinksafe check`'s)
        self.early: EarlyPacks | None = None  # packs begun by `check`, from then until `build` or `release`
        self.plans: list[PackPlan] = []
        self.packs: dict[str, Pack] = {}
        self.record: dict = {}
        self.cache: PackCache | None = None  # in use from `build` until `release`
        self.pupils: PupilCopies | None = None  # the copies of the pupil lessons the plans link to

    @property
    def enabled(self) -> bool:
        return self.settings.packs

    def check(self, config, content: Content) -> list[Problem]:
        """Plan every pack, reading but writing nothing; return every problem found.

        A lesson whose printable copy the cache's record vouches for is planned without rendering
        it (see `plan_pack`); its files are checked all the same. With `begin`, each pack to make
        is begun in a worker as soon as its printable copy is rendered (`EarlyPacks`): nothing
        reaches the cache before `build`."""
        self.plans, self.packs = [], {}
        if not self.enabled:
            return []
        try:
            return self._plan(config, content)
        except BaseException:
            self.release()
            raise

    def _plan(self, config, content: Content) -> list[Problem]:
        settings = self.settings
        self.pack_settings = PackSettings(_print_settings(config, settings.licence), settings.pack_file_bytes,
                                          settings.epoch)
        model, docs = content.model, Path(config.docs_dir)
        problems = page_clashes(model) + zip_clashes(content.files, model, self.project.docs_shown)
        kept = PackCache(self.cache_folder)
        records = kept.records()
        inputs = packrecord.Inputs(settings.site, self.pack_settings.printing)  # what every lesson shares, once

        def url_for(src: str) -> str | None:
            return _url_of(src, config, model)
        # Each pupil lesson's copy, rendered once for all the plans that link to it, or vouched for.
        self.pupils = PupilCopies(docs, settings.site, self.pack_settings.printing, url_for, inputs,
                                  kept.pupil_records())
        lessons = [lesson for lesson in model.lessons if wants_pack(lesson)]
        if self.begin:
            self.early = EarlyPacks(self.cache_folder, self.pack_settings, len(lessons))
        for lesson in lessons:
            plan, found = plan_pack(lesson, docs, settings.site, self.pack_settings, url_for,
                                    recorded=records.get(lesson.slug, ()), inputs=inputs,
                                    pupil_of=model.by_src.get, pupil_copies=self.pupils)
            self.plans.append(plan)
            problems += found
            if self.early is not None and not found:  # a plan with a problem stops the build
                self.early.offer(plan)
        return problems

    def build(self) -> None:
        """Make each planned pack, or take it from the cache; raise PackError if one cannot be made.

        The cache stays in use (other builds leave its packs alone) until `release`, after the
        packs are published."""
        if not self.enabled:
            return
        early, self.early = self.early, None
        self.release()
        self.cache = PackCache(self.cache_folder)
        try:
            self.packs = self.cache.packs(self.plans, self.pack_settings, early)
        except BaseException:
            self.release()
            raise
        finally:
            if early is not None:
                early.close()
        if early is not None and early.begun:
            log.debug(f"Lesson packs: {early.begun} begun in {early.workers} processes while the lessons were checked")
        self.record = self.cache.finish(release=False, pupils=self.pupils)
        if self.cache.fallback:
            log.info(f"Lesson packs: {self.cache.fallback}; this build made its packs in a temporary "
                     "folder, and the next build will make them again")

    def release(self) -> None:
        """Done with the cache (the packs are published, or the build failed), and with any packs begun."""
        if self.early is not None:
            self.early.close()
            self.early = None
        if self.cache is not None:
            self.cache.release()
            self.cache = None

    def paths(self) -> dict[str, str]:
        """`{slug: 'packs/<slug>.zip'}`, for the catalogue."""
        return {slug: pack.path for slug, pack in self.packs.items()}

    def add_files(self, files: Files, config, model: SiteModel, replace, writes: SiteWrites | None = None) -> None:
        """Each pack's ZIP, and the teachers' list of packs (the author's page there is its intro);
        `writes`: the build's SiteWrites, which keeps a ZIP already published (linked_file.py)."""
        if not self.enabled:
            return
        for pack in self.packs.values():
            # A copy of the cached ZIP, its bytes checked against its hash (see linked_file.py).
            files.append(CheckedCopy.of(config, pack.path, str(pack.file), pack.sha256, writes))
        if not self.has_teachers():  # the list lives in the teachers' section: none, no list
            return
        here = File.generated(config, PACKS_PAGE, content="").url

        def href(target: str) -> str:
            file = file_at(files, target)  # every page and pack the list links is there
            return get_relative_url(file.url if file is not None else target, here)

        packs = list(self.packs.values())
        replace(files, config, PACKS_PAGE,
                lambda intro: _titled(packs_markdown(packs, model, intro, href,
                                                     self.settings.other_topic_title)))

    def has_teachers(self) -> bool:
        return TEACHERS in self.settings.site.audience_ids

    def page_src(self) -> str | None:
        """The list page's content path, when this build has one in the teachers' section."""
        return PACKS_PAGE if self.enabled and self.has_teachers() else None

    def link(self, lesson, page_url: str) -> tuple[Pack | None, str | None]:
        """A lesson's pack and the link to it from a page, or (None, None)."""
        pack = self.packs.get(lesson.slug) if lesson is not None else None
        return (pack, get_relative_url(pack.path, page_url)) if pack else (None, None)


def _print_settings(config, licence: str) -> PrintSettings:
    names = tuple(e for e in config.markdown_extensions if isinstance(e, str))
    return PrintSettings(
        site_name=config.site_name, licence=licence, site_url=_published_url(config),
        language=config.theme.get("language") or "en", extensions=names,
        extension_configs={name: config.mdx_configs[name] for name in names if name in config.mdx_configs},
    )


def _published_url(config) -> str | None:
    """The site's address, but not the one `mkdocs serve` puts in its place: a pack keeps no
    preview address, and a preview reuses the packs of the last build."""
    url = config.site_url or None
    host, port = config.dev_addr
    if url and urlsplit(url).netloc == f"{host}:{port}":
        return None
    return url


def _url_of(src: str, config, model: SiteModel) -> str | None:
    """Where the page or file made from content path `src` is, from the site's root (None: nowhere)."""
    lesson = model.by_src.get(src)
    if lesson is not None:
        src = model.canonical_src(lesson)
    elif src in model.drafts_by_src or not (Path(config.docs_dir) / src).is_file():
        return None
    return File(src, None, config.site_dir, config.use_directory_urls).url


def _titled(markdown: str) -> str:
    """The page's title, unless the author's intro gives its own front matter."""
    return markdown if markdown.startswith("---") else f"---\ntitle: {PACKS_TITLE}\n---\n" + markdown


__all__ = ["LessonPacks", "PackError"]
