"""Lesson packs in a MkDocs build: settings from mkdocs.yml, the ZIPs and the list page as Files."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from thinksafe.core.packs import record as packrecord
from thinksafe.core.checks.content import Content
from thinksafe.core.model.navigation import SiteModel, landing_src
from thinksafe.core import cache
from thinksafe.core.packs.cache import Pack, PackCache
from thinksafe.core.pages.pack_list import PACKS_PAGE, packs_markdown, page_clashes
from thinksafe.core.packs.contents import PackError, file_limit, PackPlan, PackSettings, epoch_from, pack_path, plan_pack, wants_pack
from thinksafe.core.packs.printable import PrintSettings
from thinksafe.core.problems import Problem
from thinksafe.core.model.settings import SiteConfig
from thinksafe.mkdocs.linked_file import CheckedCopy

PAGE_TITLE = "Lesson packs"
log = logging.getLogger("mkdocs.plugins.thinksafe")


class LessonPacks:
    """Plans, builds and publishes the packs of one build."""

    def __init__(self, options, site: SiteConfig, root: Path, source: str, shown_docs: str):
        self.options, self.site, self.root = options, site, root
        self.source, self.shown_docs = source, shown_docs  # mkdocs.yml and the content folder, as shown
        self.plans: list[PackPlan] = []
        self.packs: dict[str, Pack] = {}
        self.record: dict = {}
        self.cache: PackCache | None = None  # in use from `build` until `release`

    @property
    def enabled(self) -> bool:
        return bool(self.options.packs)

    def max_file_bytes(self) -> int | None:
        """The cap on each resource, for load_lessons; None when packs are off."""
        return file_limit(self.enabled, self.options.pack_max_file_mb)

    def check(self, config, content: Content) -> list[Problem]:
        """Plan every pack, reading but writing nothing; return every problem found.

        A lesson whose printable copy the cache's record vouches for is planned without rendering
        it (see `plan_pack`); its files are checked all the same."""
        self.plans, self.packs = [], {}
        if not self.enabled:
            return []
        problems = self._setting_problems()
        epoch, epoch_problems = epoch_from(os.environ)
        if problems or epoch_problems:
            return problems + epoch_problems
        self.settings = PackSettings(_print_settings(config, self.options), self.max_file_bytes(), epoch)
        model, docs = content.model, Path(config.docs_dir)
        problems += page_clashes(model) + _zip_clashes(content.files, model, self.shown_docs)
        records = PackCache(self._cache_folder()).records()
        inputs = packrecord.Inputs(self.site, self.settings.printing)  # what every lesson shares, once
        for lesson in model.lessons:
            if wants_pack(lesson):
                plan, found = plan_pack(lesson, docs, self.site, self.settings,
                                        lambda src: _url_of(src, config, model),
                                        recorded=records.get(lesson.slug, ()), inputs=inputs,
                                        pupil_of=model.by_src.get)
                self.plans.append(plan)
                problems += found
        return problems

    def _cache_folder(self) -> Path | None:
        return cache.folder(self.root, self.options.cache_dir, self.options.cache)  # None: `cache: false`

    def _setting_problems(self) -> list[Problem]:
        limit = self.options.pack_max_file_mb
        if isinstance(limit, bool) or limit <= 0:
            return [Problem(self.source, "plugins.thinksafe.pack_max_file_mb", f"got {limit!r}",
                            "a number of megabytes above 0, such as 25")]
        return []

    def build(self) -> None:
        """Make each planned pack, or take it from the cache; raise PackError if one cannot be made.

        The cache stays in use (other builds leave its packs alone) until `release`, after the
        packs are published."""
        if not self.enabled:
            return
        self.release()
        self.cache = PackCache(self._cache_folder())
        try:
            self.packs = self.cache.packs(self.plans, self.settings)
        except BaseException:
            self.release()
            raise
        self.record = self.cache.finish(release=False)
        if self.cache.fallback:
            log.info(f"Lesson packs: {self.cache.fallback}; this build made its packs in a temporary "
                     "folder, and the next build will make them again")

    def release(self) -> None:
        """Done with the cache (the packs are published, or the build failed)."""
        if self.cache is not None:
            self.cache.release()
            self.cache = None

    def paths(self) -> dict[str, str]:
        """`{slug: 'packs/<slug>.zip'}`, for the catalogue."""
        return {slug: pack.path for slug, pack in self.packs.items()}

    def add_files(self, files: Files, config, model: SiteModel, replace) -> None:
        """Each pack's ZIP, and the teachers' list of packs (the author's page there is its intro)."""
        if not self.enabled:
            return
        for pack in self.packs.values():
            # A copy of the cached ZIP, its bytes checked against its hash (see linked_file.py).
            files.append(CheckedCopy.of(config, pack.path, str(pack.file), pack.sha256))
        if not self.has_teachers():  # the list lives in the teachers' section: none, no list
            return
        here = File.generated(config, PACKS_PAGE, content="").url

        def href(target: str) -> str:
            return get_relative_url(files.get_file_from_path(target).url, here)

        packs = list(self.packs.values())
        replace(files, config, PACKS_PAGE,
                lambda intro: _titled(packs_markdown(packs, model, intro, href,
                                                     self.options.other_topic_title)))

    def has_teachers(self) -> bool:
        return "teachers" in self.site.audience_ids

    def page_src(self) -> str | None:
        """The list page's content path, when this build has one in the teachers' section."""
        return PACKS_PAGE if self.enabled and self.has_teachers() else None

    def nav(self, nav: list) -> list:
        """The list page put in the teachers' tab, after its landing page."""
        if self.page_src() is None:
            return nav
        for entry in nav:
            children = next(iter(entry.values())) if isinstance(entry, dict) else None
            if isinstance(children, list) and children and \
                    list(children[0].values()) == [landing_src("teachers")]:
                children.insert(1, {PAGE_TITLE: PACKS_PAGE})
        return nav

    def sequence(self, chain: list[str]) -> list[str]:
        """A chain of pages for previous/next, with the list page after the teachers' landing page."""
        landing = landing_src("teachers")
        if self.page_src() is None or landing not in chain:
            return chain
        at = chain.index(landing) + 1
        return chain[:at] + [PACKS_PAGE] + chain[at:]

    def link(self, lesson, page_url: str) -> tuple[Pack | None, str | None]:
        """A lesson's pack and the link to it from a page, or (None, None)."""
        pack = self.packs.get(lesson.slug) if lesson is not None else None
        return (pack, get_relative_url(pack.path, page_url)) if pack else (None, None)


def _print_settings(config, options) -> PrintSettings:
    names = tuple(e for e in config.markdown_extensions if isinstance(e, str))
    return PrintSettings(
        site_name=config.site_name, licence=options.licence, site_url=_published_url(config),
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


def _zip_clashes(files: frozenset[str], model: SiteModel, shown_as: str) -> list[Problem]:
    """A file of the author's own at a pack's address would be silently replaced."""
    return [
        Problem(f"{shown_as}/{pack_path(lesson.slug)}", "(file name)",
                f"this file has the same address as the pack of the lesson '{lesson.slug}'",
                "no file of your own in the content folder's packs/ folder", "move or rename this file")
        for lesson in model.lessons if wants_pack(lesson) and pack_path(lesson.slug) in files
    ]


def _titled(markdown: str) -> str:
    """The page's title, unless the author's intro gives its own front matter."""
    return markdown if markdown.startswith("---") else f"---\ntitle: {PAGE_TITLE}\n---\n" + markdown


__all__ = ["LessonPacks", "PackError"]
