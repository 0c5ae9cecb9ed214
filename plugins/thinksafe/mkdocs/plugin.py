"""The MkDocs plugin: a thin adapter from MkDocs's events to ThinkSafe's core.

What one build knows lives in one object, `Build` (build_state.py), made in on_pre_build; what
lasts across `mkdocs serve`'s rebuilds (the settings, the last good lessons) lives here."""

from __future__ import annotations

import functools
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from html import escape
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import jinja2
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, normalize_url

from thinksafe.core import cache
from thinksafe.core.cache import Unkeyable
from thinksafe.core.checks.committed_cache import committed_cache
from thinksafe.core.checks.content import Content, keep_last_good
from thinksafe.core.checks.kept import KeptChecks
from thinksafe.core.checks.sequence import Checked, Project, Settings, check, read_settings
from thinksafe.core.checks.site_url import site_url_message
from thinksafe.core.help.bar import with_help_bar
from thinksafe.core.help.page import help_markdown
from thinksafe.core.help.placeholders import fill as fill_placeholders
from thinksafe.core.help.settings import HelpConfig
from thinksafe.core.html.author_files import HTML_ENDINGS, AuthorHtmlError, insert_into_author_html
from thinksafe.core.html.csp import with_policy
from thinksafe.core.html.offsite import converted_problems
from thinksafe.core.html.phones import tel_links
from thinksafe.core.html.tables import stackable_tables
from thinksafe.core.model import links
from thinksafe.core.model.lessons import Lesson
from thinksafe.core.model.paths import CATALOG_SRC, HELP_SRC, HOME_SRC, PACKS_PAGE, copy_src, landing_src
from thinksafe.core.model.project import shown_path
from thinksafe.core.model.provenance import provenance_html
from thinksafe.core.model.settings import Audience, SiteConfig
from thinksafe.core.packs.cache import Pack
from thinksafe.core.pages.catalog import build_catalog, catalog_json
from thinksafe.core.pages.home import home_markdown, home_note
from thinksafe.core.pages.landing import landing_markdown
from thinksafe.core.pages.search import label_and_split, latest_only, with_copies
from thinksafe.core.problems import Problem, report
from thinksafe.core.reading.levels_cache import ReadingCache
from thinksafe.mkdocs import features
from thinksafe.mkdocs.build_state import Build, Origin, Rendering
from thinksafe.mkdocs.config import ThinkSafeConfig
from thinksafe.mkdocs.copy_names import name_copies
from thinksafe.mkdocs.file_lookup import file_at
from thinksafe.mkdocs.help_button import HelpButton
from thinksafe.mkdocs.lesson_page import LessonPage
from thinksafe.mkdocs.markdown_links import LEAVING_HTML, LessonLinks, finish
from thinksafe.mkdocs.packs import LessonPacks, PackError
from thinksafe.mkdocs.speed import material_nav
from thinksafe.mkdocs.speed.collector import PausedCollector, thaw
from thinksafe.mkdocs.speed.compiled_templates import bytecode_cache
from thinksafe.mkdocs.speed.conversions import ConversionCache, places
from thinksafe.mkdocs.speed.early_pages import EarlyPages
from thinksafe.mkdocs.speed.footer import Footers
from thinksafe.mkdocs.speed.fragments import Fragments, Once
from thinksafe.mkdocs.speed.material_nav import NavRenderer
from thinksafe.mkdocs.speed.owner_partials import SIDEBAR_ITEM, replaced_partials
from thinksafe.mkdocs.speed.owner_partials import message as partials_message
from thinksafe.mkdocs.speed.page_outputs import Finished, PageOutputs
from thinksafe.mkdocs.speed.published_copies import PublishedCopies
from thinksafe.mkdocs.speed.search_cache import SearchEntryCache
from thinksafe.mkdocs.speed.site_writes import SiteWrites
from thinksafe.mkdocs.speed.translations import Translations
from thinksafe.mkdocs.theme_files import use_theme_files

log = logging.getLogger("mkdocs.plugins.thinksafe")


@dataclass
class PageInfo:
    """What templates know of a page: its audience and lesson, if any (`thinksafe` in Jinja)."""

    site: SiteConfig
    audience: Audience | None = None
    lesson: Lesson | None = None
    copies: list[tuple[Audience, str | None]] = field(default_factory=list)  # href None: this page
    pack: Pack | None = None  # the lesson's pack, and the link to it from this page
    pack_href: str | None = None
    place: str | None = None  # shared with the other pages there (see speed/fragments.py), if any
    # What the primary navigation's list is made from, in the page's key instead of the list:
    # ["inputs", NavRenderer.inputs] when it is written on first use (`render_sidebar`), so a
    # page whose output is kept never writes it; ["html", the list] when written at once.
    sidebar: list | None = None
    render_sidebar: Callable[[], str | None] | None = field(default=None, metadata={"keyed_by": "sidebar"})

    @functools.cached_property
    def nav_list(self) -> str | None:
        """The primary navigation's list, written by material_nav (None: Material's template writes it)."""
        if self.sidebar is not None and self.sidebar[0] == "html":
            return self.sidebar[1]
        return self.render_sidebar() if self.render_sidebar is not None else None


class ThinkSafePlugin(BasePlugin[ThinkSafeConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.building = False  # `mkdocs build`: the process ends with the build (collector.py)
        self.told_features = False
        self.told_partials = False
        self.shared_parts = True  # fast_templates, unless the site replaces a partial (owner_partials.py)
        self.settings = Settings()  # read in on_config
        self.good_settings: Settings | None = None  # the last without a mistake, for `mkdocs serve`
        self.button = HelpButton()  # help.button: the help button other websites can install
        self.nav_renderer: NavRenderer | None = None  # Material's sidebar in Python (fast_navigation)
        self.links = LessonLinks()  # the Markdown extension, told each page's links as it comes
        self.fragments = Fragments(lambda info: info.place if isinstance(info, PageInfo) else None)
        self.last_good: dict[str, Lesson] = {}  # each lesson's last good version, for serve
        self.state: Build | None = None  # this build's, made in on_pre_build
        self.collector = PausedCollector()  # paused from the packs made to the build's end

    @property
    def build(self) -> Build:
        """This build's state; MkDocs runs on_pre_build before any event that reads it."""
        if self.state is None:
            raise PluginError("ThinkSafe: a build event came before on_pre_build")
        return self.state

    def on_startup(self, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this plugin object across `mkdocs serve` rebuilds.
        self.serving = command == "serve"
        self.building = command == "build"

    def on_config(self, config):
        problems = self.read_settings(config)
        if problems and self.serving and self.good_settings is not None:
            # MkDocs's server would leave the browser waiting until the settings are fixed.
            log.error(report(problems, "the last good settings are used until they are fixed"))
            self.settings = self.good_settings
            self.button = HelpButton(self.settings.button)
        elif problems:
            raise PluginError(report(problems))
        self.good_settings = self.settings
        if message := site_url_message(config.site_url, help_button=self.button.needs_site_url):
            log.info(message)  # not a warning: a site may be built before it has an address
        added = features.turn_on(config.theme)
        if added and not self.told_features:
            log.info(features.message(shown_path(Path(config.config_file_path), _root(config)), added))
            self.told_features = True  # once: `mkdocs serve` reads the settings again on each change
        features_on = config.theme.get("features") or []
        replaced = replaced_partials(config.theme.custom_dir)
        sidebar_replaced = SIDEBAR_ITEM in replaced
        self.shared_parts = self.settings.fast_templates and not replaced
        if replaced and not self.told_partials:
            sidebar_off = sidebar_replaced and self.settings.fast_navigation
            log.info(partials_message(shown_path(Path(config.theme.custom_dir), _root(config)), replaced, sidebar_off))
            self.told_partials = True  # once, as for the features above
        fast = self.settings.fast_navigation and not sidebar_replaced and material_nav.supported(features_on)
        self.nav_renderer = NavRenderer(features_on, self.settings.topic_nav_limit, self._topic_list) \
            if fast else None
        # The generated pages give their headings ids with attr_list.
        for extension in ("attr_list", self.links):
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        return config

    def read_settings(self, config) -> list[Problem]:
        """Read the plugin's settings and add its theme files; return every mistake in them.

        The first step of the one check sequence (core/checks/sequence.py), for the build and `thinksafe check`."""
        source = shown_path(Path(config.config_file_path), _root(config))
        self.settings, problems = read_settings(self.config, source=source, environ=os.environ)
        self.button = HelpButton(self.settings.button)
        return problems + use_theme_files(config, source)

    def project(self, config) -> Project:
        """This site, as the core's checks read it."""
        return Project(_root(config), Path(config.config_file_path), Path(config.docs_dir), self.settings,
                       tuple(config.extra_javascript))

    def check(self, config, convert=None,
              building: bool = False) -> tuple[Checked, LessonPacks, ReadingCache, KeptChecks]:
        """The rest of the one check sequence (`check` in core/checks/sequence.py) on this site's content, reading
        but writing nothing; `convert` as `check` takes it (the build passes none). With what
        was found, the packs as planned, and the reading levels and per-file checks as
        measured or kept (the build saves them), for the build. `building`: the packs to make
        are begun as they are planned (`LessonPacks.begin`).

        A cache folder holding files committed to git (core/checks/committed_cache.py) is read
        by neither: it stops the build at once, and is `thinksafe check`'s first problem."""
        project = self.project(config)
        folder = cache.folder(project.root, self.settings.cache_dir, self.settings.cache)  # None: `cache: false`
        committed = committed_cache(folder, project.root)
        if committed and building:
            raise PluginError(report(committed))
        if committed:
            folder = None  # `thinksafe check` reads nothing from it either
        packs, levels, kept = LessonPacks(project, folder, begin=building), ReadingCache(folder), KeptChecks(folder)
        try:
            checked = check(project, lambda content: packs.check(config, content), measure=levels.reading,
                            convert=convert, kept=kept)
        except BaseException:
            packs.release()  # the packs begun are not made
            raise
        checked.problems[:0] = committed
        return checked, packs, levels, kept

    def _help(self) -> HelpConfig:
        """The help settings; read without a mistake, or on_config stopped the build."""
        if self.settings.help is None:
            raise PluginError("ThinkSafe: the help settings were not read")
        return self.settings.help

    def on_pre_build(self, config) -> None:
        """Read and check every lesson before MkDocs empties the site folder.

        Failing here leaves the last good site in place, so `mkdocs serve` keeps serving it
        while the maintainer fixes the mistake.
        """
        if self.state is not None:  # its wrapping of MkDocs's steps is done with (see SiteWrites)
            self._unwrap(self.state)
        self.state = None
        self.collector.resume()  # a build stopped without its last event
        thaw()  # what the last build's end froze, if this process lived on (collector.py)
        checked, packs, levels, kept = self.check(config, building=True)
        kept.save()  # what each file's checks found holds, mistakes and all, for the next build
        if kept.enabled:
            log.debug(kept.told())
        content = checked.content
        if checked.problems and not self.serving:
            packs.release()  # the packs begun are not made
            raise PluginError(report(checked.problems))
        if checked.problems:
            content = self._serve_last_good(checked.problems, content)
        self.last_good.update({l.src: l for l in content.model.lessons + content.drafts})
        project = packs.project
        # Material's search plugin made its index in on_config: unchanged pages' entries are kept.
        folder = packs.cache_folder
        search_entries = SearchEntryCache(folder)
        outputs = PageOutputs(folder)  # a page rendered is kept as the site's file MkDocs writes from it
        self.state = Build(project, content, packs, levels, search_entries, ConversionCache(folder), folder,
                           outputs, SiteWrites(PublishedCopies(folder), observe=outputs.written))
        _build_packs(packs)
        self.collector.pause()  # every pack made, no process forked from here on (collector.py)
        name_copies({src: lesson.path for src, (lesson, _) in content.model.copies().items()})
        for draft in content.drafts:
            log.info(f"{draft.path}: draft lesson, left out of the site (remove 'draft: true' to publish it)")
        levels.save()
        search_entries.wrap_search_of(config.plugins)
        if folder is not None:
            self.state.writes.start()  # MkDocs empties the site folder next: the pages are kept
            # Unchanged pages are neither read nor rendered (see early_pages.py).
            self.state.early = EarlyPages(folder, self.state, self, self.state.outputs, search_entries)
            self.state.early.start()
        self.state.theme_listing.start()  # MkDocs lists the theme's files next (theme_listing.py)
        # Warnings: `mkdocs build --strict` turns each into a failed build.
        for problem in checked.warnings:
            log.warning(str(problem))

    def _serve_last_good(self, problems: list[Problem], content: Content) -> Content:
        """While serving, report the mistakes and keep each broken lesson's last good version."""
        log.error(report(problems, "the last good version of each broken lesson is served "
                                   "until it is fixed"))
        return keep_last_good(content, self.last_good, self.settings.site,
                              other_title=self.settings.other_topic_title)

    @event_priority(50)  # before other plugins see the files, so they see the lesson copies
    def on_files(self, files: Files, config) -> Files:
        build = self.build
        build.theme_listing.finish_wrapping()
        for src in build.content.sources:
            if (source := file_at(files, src)) is not None:
                files.remove(source)
        build.files = files
        self._add_pages(files, config)
        self._add_home(files, config)
        self._add_packs(files, config)
        partners = self.button.help_page_link(config)
        help_settings = self._help()
        build.help_file = _replace(files, config, HELP_SRC,
                                   lambda intro: help_markdown(help_settings, intro, partners),
                                   inclusion=InclusionLevel.NOT_IN_NAV)
        self.button.add_page(files, config, help_settings, build.help_file, _replace)
        tabs = _titles_as_text(build.model.nav(build.packs_page))
        config.nav = build.model.site_nav(config.nav, [f.src_uri for f in files.documentation_pages()], tabs)
        catalog = build_catalog(build.model, lambda src: build.file(src).url, packs=build.packs.paths())
        catalog_text = catalog_json(catalog)
        build.catalog = cache.text_sha256(catalog_text)
        files.append(File.generated(config, CATALOG_SRC, content=catalog_text))
        # A lesson's conversion depends on where each lesson's copies are (its links lead
        # there), which the catalogue says, on the drafts and on this plugin's settings.
        build.conversions.begin([places(catalog), sorted(build.model.drafts_by_src), dict(self.config)])
        return files

    def _add_pages(self, files: Files, config) -> None:
        """Generate every lesson copy, then each audience's landing page with its cards."""
        build, site = self.build, self.settings.site
        for src, (lesson, audience_id) in build.model.copies().items():
            copy = File.generated(config, src, content=lesson.body)
            files.append(copy)
            # Material writes a page's title as HTML: a lesson's is text, so it goes in escaped.
            page = LessonPage(as_text(lesson.title), copy, config)  # becomes copy.page, used by the nav
            page.conversions = build.conversions
            build.origins[src] = Origin(lesson.src, site.audience(audience_id), lesson)
        for section in build.model.sections:
            src = landing_src(section.audience.id)
            here = File.generated(config, src, content="").url  # where the landing page will be
            _replace(files, config, src, partial(landing_markdown, section, href_for=self._links_from(here)))
            build.origins[src] = Origin(src, section.audience)

    def _links_from(self, here: str) -> Callable[[str], str]:
        """A link from the page at URL `here` to the page or file made from a content path."""
        return lambda target: get_relative_url(self.build.file(target).url, here)

    def _add_home(self, files: Files, config) -> None:
        """A home page with a card per audience, when the author has none."""
        if files.get_file_from_path(HOME_SRC) is not None:
            return
        build = self.build
        link = self._links_from(File.generated(config, HOME_SRC, content="").url)
        files.append(File.generated(config, HOME_SRC, content=home_markdown(
            config.site_name, build.model.sections, lambda audience_id: link(landing_src(audience_id)))))
        log.info(home_note(build.project.docs_shown))

    def _add_packs(self, files: Files, config) -> None:
        """Each pack's ZIP, and the teachers' list of packs in the teachers' section."""
        build = self.build
        build.packs.add_files(files, config, build.model, _replace, build.writes)
        if build.packs_page:
            build.origins[PACKS_PAGE] = Origin(PACKS_PAGE, self.settings.site.audience("teachers"))

    def on_env(self, env, config, files: Files):
        """What every template, the 404 page included, knows of help and quick exit.

        Every page is converted by now and none is written yet: a page that would load
        something from another host stops the build here."""
        build = self.build
        if build.offsite and not self.serving:
            raise PluginError(report(build.offsite))
        if build.offsite:
            log.error(report(build.offsite, "served as it is until it is fixed"))
        build.outputs.wrap(env)
        if all(getattr(step, "__self__", None) is self for step in config.plugins.events["post_page"]):
            build.outputs.finish = self._finish_page  # kept finished: nothing else changes a page after
        env.globals["thinksafe_help"] = self.settings.help
        env.globals["thinksafe_help_url"] = build.help_file.url if build.help_file else None
        env.globals["thinksafe_button_url"] = self.button.url()  # None: the button is off
        env.filters["thinksafe_tel"] = lambda text: Markup(tel_links(text))  # numbers to tap
        env.globals["thinksafe_sections"] = [  # for the 404 page's ways on
            {"title": s.audience.title, "url": build.file(landing_src(s.audience.id)).url}
            for s in build.model.sections]
        self.fragments.new_build()
        env.globals["thinksafe_keep"] = self.fragments
        # A page's contents, written once (partials/toc.html).
        env.globals["thinksafe_once"] = Once(self.shared_parts)
        env.globals["thinksafe_footer"] = Footers()  # Material's footer, once per place (partials/footer.html)
        env.globals["thinksafe_translations"] = Translations()  # Material's words, looked up once a build
        # Templates compiled in an earlier build are loaded, not compiled again (Jinja checks that
        # each one's source is unchanged): from this user's own folder, never the cache folder.
        cache.drop_old_templates(build.cache_folder)
        if build.cache_folder is not None:  # None: `cache: false`
            env.bytecode_cache = bytecode_cache(env)
        # Every {% include %} finds its template in Jinja's cache, by default a least-recently-used
        # list reordered on each hit (~33 a page); a build's few templates never need dropping.
        env.cache = dict(env.cache.items()) if isinstance(env.cache, jinja2.utils.LRUCache) else env.cache
        return env

    def on_template_context(self, context, template_name, config):
        """Without site_url, the not-found page's links lead from where it is served, not from
        the server's root: MkDocs's '/' breaks on a site published in a sub-folder (a GitHub
        project site), while './' works for a missing address at the top level and for the
        page opened as a file. With site_url they lead from its path, at any depth."""
        if template_name == "404.html" and not config.site_url:
            context["base_url"] = "."
            context["extra_css"] = [normalize_url(str(p), None, ".") for p in config.extra_css]
            context["extra_javascript"] = [normalize_url(str(p), None, ".") for p in config.extra_javascript]
        return context

    def on_nav(self, nav, config, files):
        """Previous and next as the site model chains them (core/model/navigation.py)."""
        build = self.build
        if self.nav_renderer is not None:
            self.nav_renderer.new_build()
        build.shared_places = self._shared_places(nav)
        for chain in build.model.chains([p.file.src_uri for p in nav.pages], build.packs_page):
            pages = [page for page in (build.file(src).page for src in chain) if page is not None]
            for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None], strict=True):
                page.previous_page, page.next_page = before, after
        return nav

    def _shared_places(self, nav) -> set[str]:
        """The audiences whose lesson pages can share fragments: those of which no tab or logo
        link leads to a lesson page, since such a link would differ on that page."""
        targets = ([nav.homepage] if nav.homepage else []) + [_first_page(item) for item in nav.items]
        reached = [self.build.origin(t.file.src_uri) for t in targets if t is not None and t.is_page]
        lessons_reached = {origin.audience.id for origin in reached if origin.lesson and origin.audience}
        return set(self.settings.site.audience_ids) - lessons_reached

    def _topic_list(self, section) -> tuple[str, str] | None:
        """For a sidebar topic section too long to list: its list on the landing page, in words."""
        first = next((child for child in section.children if child.is_page), None)
        origin = self.build.origin(first.file.src_uri) if first is not None else Origin("")
        if origin.lesson is None or origin.audience is None:
            return None
        landing, anchor, words = self.build.model.topic_link(origin.audience.id, origin.lesson)
        return f"{self.build.file(landing).url}#{anchor}", words

    def on_page_markdown(self, markdown: str, page: Page, config, files: Files) -> str:
        build, src = self.build, page.file.src_uri
        origin = build.origin(src)
        lesson, audience_id = origin.lesson, origin.audience.id if origin.audience else None
        self.links.rewrite = lambda url: links.rewrite(build.model, origin.src, src, audience_id, url)
        self.links.is_lesson = lambda url: links.lesson_copy(build.model, origin.src, None, url) is not None
        self.links.tagged = []
        reusing = build.rendered.get(lesson.src) if lesson is not None else None
        if reusing is not None:
            build.reusing[src] = reusing
        if type(page) is Page and build.conversions.enabled:
            # Landing pages, help, home and the author's own: converted as a lesson is, so that
            # their conversions are kept too (lesson_page.py; LessonPage only adds to Page's render).
            page.__class__ = LessonPage
        if isinstance(page, LessonPage):
            page.conversions = build.conversions
            page.reuses = reusing is not None
        if src == HELP_SRC:
            page.meta.setdefault("title", "Get help")
        if isinstance(page.meta.get("title"), str):  # a page's own front matter title is text too
            page.meta["title"] = as_text(page.meta["title"])
        if lesson is None and "{{" in markdown and self.settings.help is not None:
            markdown = fill_placeholders(markdown, self.settings.help)[0]  # lessons were filled when read
        if lesson is not None:
            # Material writes it into an attribute as it is: a quote in a summary would end it.
            page.meta.setdefault("description", escape(lesson.summary))
            self._set_canonical(page, config, lesson)
        # A lesson is converted once; its other copies are finished from that conversion.
        return "" if reusing else markdown

    def _set_canonical(self, page: Page, config, lesson: Lesson) -> None:
        target = self.build.file(self.build.model.canonical_src(lesson))
        if config.site_url:
            page.canonical_url = config.site_url.rstrip("/") + "/" + target.url
        elif target.url != page.file.url:
            page.canonical_url = get_relative_url(target.url, page.file.url)
        else:
            # Without site_url a copy can only name itself as "./", which tells no search
            # engine anything (and Lighthouse fails it): the canonical copy carries none.
            page.canonical_url = None

    def on_page_content(self, html: str, page: Page, config, files: Files) -> str:
        build, src = self.build, page.file.src_uri
        origin = build.origin(src)
        lesson, audience = origin.lesson, origin.audience
        rendering = build.reusing.pop(src, None)
        if rendering is not None:
            html = rendering.take_into(page)
            # Its words are those of the converted copy: the search index gets them from there.
            page.meta["search"] = {"exclude": True}
            build.search_copies.append((rendering.url, page.url))
            log.debug(f"{src}: finished from the conversion of {rendering.src}, not converted again")
        else:
            rendering = Rendering(src, page.url, html, self.links.tagged, page.toc, page.present_anchor_ids)
            if lesson is not None:
                build.rendered[lesson.src] = rendering
            build.offsite += _offsite_problems(lesson.path if lesson else f"{build.project.docs_shown}/{origin.src}",
                                               html, config.extra_javascript,
                                               lesson is not None or page.file.generated_by is None,
                                               getattr(page, "conversion", None))
        audience_id = audience.id if audience else None
        hrefs = [self._lesson_href(origin.src, audience_id, url, page) for url in rendering.tagged]
        self.links.rewrite, self.links.tagged = None, []
        html = finish(html, hrefs, bool(audience and audience.children))
        if lesson is not None and audience is not None and not audience.children:
            # Adults are told when the advice was checked and against what; children are not.
            html += provenance_html(lesson.reviewed, lesson.sources, LEAVING_HTML)
        return stackable_tables(html)

    def _lesson_href(self, origin: str, audience_id: str | None, url: str, page: Page) -> str:
        """Where a link to a lesson, written in `origin`, leads from this copy."""
        copy = links.lesson_copy(self.build.model, origin, audience_id, url)
        target = self.build.file(copy) if copy is not None else page.file
        parts = urlsplit(url)
        return urlunsplit(("", "", target.url_relative_to(page.file), parts.query, parts.fragment))

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, config) -> None:
        build = self.build
        log.debug(f"{len(self.fragments.kept)} page fragments rendered once, reused "
                  f"{self.fragments.reused} times")
        build.packs.release()  # the packs are published: other builds may drop stale ones
        self._add_help_to_published_html(config)
        self._split_search_index(config)
        build.search_entries.save()
        build.conversions.save()
        build.outputs.save()
        if build.early is not None:
            build.early.finish_wrapping()
            build.early.save()
        build.writes.finish()
        self.collector.resume(ending=self.building)

    def _add_help_to_published_html(self, config) -> None:
        """HTML files published as they are (worksheets) get the help and quick-exit links too,
        and the site's Content-Security-Policy (`_with_help_and_policy`)."""
        build, help_settings = self.build, self.settings.help
        docs = Path(config.docs_dir).resolve()
        help_url = build.help_file.url if build.help_file else ""
        exit_url = help_settings.exit_url if help_settings else ""
        for file in build.files.static_pages():
            if not file.dest_uri.lower().endswith(HTML_ENDINGS) or file.abs_src_path is None or \
                    not Path(file.abs_src_path).resolve().is_relative_to(docs):
                continue
            path = Path(config.site_dir) / file.dest_uri
            insert = partial(_with_help_and_policy, help_url=help_url, exit_url=exit_url, here=file.url)
            # In the file's own encoding, its bytes kept (SPEC §7); the checks refused any file
            # that cannot be read so, and this refuses one changed since.
            try:
                path.write_bytes(insert_into_author_html(path.read_bytes(), insert))
            except AuthorHtmlError as error:
                path.unlink()
                raise PluginError(report([error.problem(f"{build.project.docs_shown}/{file.src_uri}")])) from None

    def on_build_error(self, error) -> None:
        self.collector.resume()
        if self.state is not None:
            self._unwrap(self.state)
            self.state.packs.release()

    @staticmethod
    def _unwrap(build: Build) -> None:
        """Give MkDocs back the functions this build wrapped (also when it fails)."""
        build.writes.finish_wrapping()
        build.theme_listing.finish_wrapping()
        if build.early is not None:
            build.early.finish_wrapping()

    def late_problems(self, problems: list[Problem]) -> None:
        """What a page read late (early_pages.py) would load from another host: as on_env says it."""
        if not self.serving:
            raise PluginError(report(problems))
        log.error(report(problems, "served as it is until it is fixed"))

    def _split_search_index(self, config) -> None:
        """Write each audience's own search index beside the whole site's, labelled by audience."""
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not path.is_file():
            return
        index = self.build.search_entries.made() or json.loads(path.read_text(encoding="utf-8"))
        index["docs"] = with_copies(latest_only(index.get("docs", [])), self.build.search_copies)
        whole, parts = label_and_split(index, self.settings.site.audiences)
        path.write_bytes(_index_json(whole))
        for audience_id, index in parts.items():
            target = path.parent / audience_id / "search_index.json"
            target.parent.mkdir(exist_ok=True)
            target.write_bytes(_index_json(index))

    @event_priority(-100)  # last: the policy hashes the page's inline scripts as they are sent
    def on_post_page(self, output: str, page: Page, config) -> str:
        if isinstance(output, Finished):  # finished when rendered, or kept so (see on_env)
            return str(output)
        return self._finish_page(output, page)

    def _finish_page(self, output: str, page: Page) -> str:
        return with_policy(self.button.finish_page(output, page))

    @event_priority(-100)
    def on_post_template(self, output_content: str, template_name: str, config) -> str:
        """The pages made from a template alone (404.html) carry the policy too."""
        return with_policy(output_content) if template_name.endswith(".html") else output_content

    def on_page_context(self, context, page: Page, config, nav):
        build, site = self.build, self.settings.site
        origin = build.origin(page.file.src_uri)
        lesson, audience = origin.lesson, origin.audience
        info = PageInfo(site, audience, lesson)
        if lesson is not None and audience is not None:
            if self.shared_parts and audience.id in build.shared_places:
                info.place = f"{audience.id}/"
            info.copies = [(site.audience(a), self._href(copy_src(a, lesson.slug), page))
                           for a in lesson.audiences]
            info.pack, info.pack_href = build.packs.link(lesson, page.file.url)
        renderer = self.nav_renderer
        if renderer is not None:
            inputs = renderer.inputs(nav, page)
            if inputs is None:
                info.sidebar = ["html", renderer.render(nav, page, info.place)]
            else:
                info.sidebar = ["inputs", inputs]
                info.render_sidebar = partial(renderer.render, nav, page, info.place)
        context["thinksafe"] = info
        return context

    def _href(self, src: str, page: Page) -> str | None:
        """A link from `page` to the page made from `src`; None when that is the page itself."""
        if src == page.file.src_uri:
            return None
        return get_relative_url(self.build.file(src).url, page.file.url)


def _with_help_and_policy(html: str, *, help_url: str, exit_url: str, here: str) -> str:
    """An author's HTML file with the help bar and the site's policy, both inserted in this one place."""
    return with_policy(with_help_bar(html, get_relative_url(help_url, here), exit_url,
                                     get_relative_url("assets/thinksafe-quick-exit.js", here)))


def _offsite_problems(path: str, html: str, scripts: list, authored: bool, kept: dict | None) -> list[Problem]:
    """`converted_problems` of a page's HTML; a kept conversion (`kept`) notes when its HTML was
    found clean, with these scripts, so that the next build does not check it again."""
    try:
        clean = cache.digest(cache.text_sha256(html),
                             [str(script) for script in scripts], authored)
    except Unkeyable:
        clean = None
    if kept is not None and clean is not None and kept.get("offsite_clean") == clean:
        return []
    problems = converted_problems(path, html, scripts, authored=authored)
    if kept is not None and clean is not None and not problems:
        kept["offsite_clean"] = clean
    return problems


def _index_json(index: dict) -> bytes:
    """A search index as Material writes its own: compact ASCII JSON (faster to write than
    UTF-8 with spaces: ~15 ms, not ~25 ms, for each 4 MB index of 1,000 lessons)."""
    return json.dumps(index, separators=(",", ":"), default=str).encode("ascii")


def _build_packs(packs: LessonPacks) -> None:
    """Make every lesson pack, or take it from the cache, before anything is written."""
    try:
        packs.build()
    except PackError as error:
        raise PluginError(report([error.problem])) from None


def _replace(files: Files, config, src: str, write, **options) -> File:
    """Generate the page at `src`; the author's own file there, if any, becomes its intro."""
    own = files.get_file_from_path(src)
    intro = own.content_string if own else ""
    if own:
        files.remove(own)
    page = File.generated(config, src, content=write(intro), **options)
    files.append(page)
    return page


def as_text(title: str) -> Markup:
    """A title that Material's templates write as HTML, shown as the text it is."""
    return Markup(escape(title))


def _titles_as_text(nav):
    """An MkDocs nav (lists of {title: entry}) with every title as text."""
    if isinstance(nav, list):
        return [_titles_as_text(item) for item in nav]
    if isinstance(nav, dict):
        return {as_text(title): _titles_as_text(entry) for title, entry in nav.items()}
    return nav


def _first_page(item):
    """The page a tab leads to: the item itself, or its section's first page."""
    while item is not None and item.children:
        item = item.children[0]
    return item


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent
