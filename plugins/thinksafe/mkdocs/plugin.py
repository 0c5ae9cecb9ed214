"""The MkDocs plugin: a thin adapter from MkDocs's events to ThinkSafe's core."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
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

from thinksafe.mkdocs.config import ThinkSafeConfig
from thinksafe.core.model import links
from thinksafe.core.html.author_files import AuthorHtmlError, HTML_ENDINGS, insert_into_author_html
from thinksafe.core.pages.catalog import CATALOG_SRC, build_catalog, catalog_json
from thinksafe.core.checks.sequence import Checked, check_content, read_settings
from thinksafe.core.checks.content import keep_last_good
from thinksafe.core.html.csp import with_policy
from thinksafe.core.help.bar import with_help_bar
from thinksafe.core.help.page import HELP_SRC, help_markdown
from thinksafe.core.pages.home import HOME_SRC, home_markdown, home_note
from thinksafe.core.help.placeholders import fill as fill_placeholders
from thinksafe.core.pages.landing import landing_markdown, topic_anchor
from thinksafe.core.model.lessons import Lesson
from thinksafe.core.model.navigation import SiteModel, copy_src, landing_src
from thinksafe.core.html.offsite import converted_problems
from thinksafe.core import cache
from thinksafe.core.packs.cache import Pack
from thinksafe.core.pages.pack_list import PACKS_PAGE
from thinksafe.core.problems import Problem, report
from thinksafe.core.model.provenance import provenance_html
from thinksafe.core.model.project import shown_path
from thinksafe.core.reading.levels_cache import ReadingCache
from thinksafe.core.pages.search import label_and_split, latest_only, with_copies
from thinksafe.core.model.settings import Audience, SiteConfig
from thinksafe.core.checks.site_url import site_url_message
from thinksafe.mkdocs import features
from thinksafe.mkdocs.speed import material_nav
from thinksafe.core.html.tables import stackable_tables
from thinksafe.core.html.phones import tel_links
from thinksafe.mkdocs.help_button import HelpButton
from thinksafe.mkdocs.markdown_links import LEAVING_HTML, LessonLinks, finish
from thinksafe.mkdocs.speed.conversions import ConversionCache
from thinksafe.mkdocs.copy_names import name_copies
from thinksafe.mkdocs.speed.fragments import Fragments
from thinksafe.mkdocs.lesson_page import LessonPage
from thinksafe.mkdocs.speed.material_nav import NavRenderer
from thinksafe.mkdocs.speed.page_outputs import PageOutputs
from thinksafe.mkdocs.speed.site_writes import SiteWrites
from thinksafe.mkdocs.packs import LessonPacks, PackError
from thinksafe.mkdocs.speed.search_cache import SearchEntryCache
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
    nav_list: str | None = None  # the primary navigation's list, written by material_nav
    place: str | None = None  # shared with the other pages there (see fragments.py), if any


@dataclass
class Rendering:
    """A lesson's one conversion, from which each of its copies' HTML is finished."""

    src: str  # the copy that was converted
    url: str  # and its URL
    html: str  # with its links to lessons tagged and its leaving links' placeholders
    tagged: list[str]  # each tagged link, as written
    toc: object
    anchors: set[str] | None

    def take_into(self, page: Page) -> str:
        """Give another copy this rendering's table of contents and anchors; return the HTML."""
        page.toc, page.present_anchor_ids = self.toc, self.anchors
        page.links_to_anchors = {}  # checked once, on the copy that was converted
        return self.html


class ThinkSafePlugin(BasePlugin[ThinkSafeConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.links = LessonLinks()
        self.model: SiteModel | None = None
        self.pages: dict[str, tuple[str, Audience, Lesson | None]] = {}
        self.serving = False
        self.last_good: dict[str, Lesson] = {}  # each lesson's last good version, for serve
        self.rendered: dict[str, Rendering] = {}  # each lesson's one conversion, this build
        self.reusing: Rendering | None = None
        self.fragments = Fragments(lambda info: info.place if isinstance(info, PageInfo) else None)
        self.shared_places: set[str] = set()  # audiences whose lesson pages share fragments
        self.search_copies: list[tuple[str, str]] = []  # (converted copy, finished copy) URLs
        self.search_entries = SearchEntryCache(None)
        self.conversions = ConversionCache(None)
        self.cache_folder: Path | None = None  # set by `check`; None: `cache: false`
        self.outputs, self.writes = PageOutputs(None), SiteWrites()  # pages not rendered, not written again
        self.docs_shown = ""  # the content folder, as maintainers' messages show it
        self.offsite: list[Problem] = []  # what converted pages would load from another host
        self.told_features = False
        self.good_settings = None  # the last settings without a mistake, for `mkdocs serve`
        self.button = HelpButton()  # help.button: the help button other websites can install

    def on_startup(self, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this plugin object across `mkdocs serve` rebuilds.
        self.serving = command == "serve"

    def on_config(self, config):
        problems = self.read_settings(config)
        if problems and self.serving and self.good_settings is not None:
            # MkDocs's server would leave the browser waiting until the settings are fixed.
            log.error(report(problems, "the last good settings are used until they are fixed"))
            self.settings, self.site, self.help, self.button.settings = self.good_settings
        elif problems:
            raise PluginError(report(problems))
        self.good_settings = (self.settings, self.site, self.help, self.button.settings)
        if message := site_url_message(config.site_url, help_button=self.button.needs_site_url):
            log.info(message)  # not a warning: a site may be built before it has an address
        added = features.turn_on(config.theme)
        if added and not self.told_features:
            log.info(features.message(shown_path(Path(config.config_file_path), _root(config)), added))
            self.told_features = True  # once: `mkdocs serve` reads the settings again on each change
        features_on = config.theme.get("features") or []
        fast = self.config.fast_navigation and material_nav.supported(features_on)
        self.nav_renderer = NavRenderer(features_on, self.config.topic_nav_limit, self._topic_list) \
            if fast else None
        # The generated pages give their headings ids with attr_list.
        for extension in ("attr_list", self.links):
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        return config

    def read_settings(self, config) -> list[Problem]:
        """Read the plugin's settings and add its theme files; return every mistake in them.

        The first step of the one check sequence (core.checks), for the build and `thinksafe check`."""
        source = shown_path(Path(config.config_file_path), _root(config))
        self.settings, problems = read_settings(self.config, source=source, environ=os.environ)
        self.site, self.help = self.settings.site, self.settings.help
        problems += self.button.configure(self.config.help, self.help, source)
        return problems + use_theme_files(config, source)

    def check(self, config, convert=None) -> Checked:
        """The rest of the one check sequence (core.checks) on this site's content, reading but
        writing nothing; `convert` as `check_content` takes it (the build passes none)."""
        docs, root = Path(config.docs_dir), _root(config)
        self.docs_shown = shown_path(docs, root)
        self.lesson_packs = LessonPacks(self.config, self.site, root,
                                        shown_path(Path(config.config_file_path), root), self.docs_shown)
        self.cache_folder = cache.folder(root, self.config.cache_dir, self.config.cache)  # None: `cache: false`
        self.levels = ReadingCache(self.cache_folder)
        return check_content(docs, self.site, lambda content: self.lesson_packs.check(config, content),
                             shown_as=self.docs_shown, max_resource_bytes=self.lesson_packs.max_file_bytes(),
                             lessons_dir=self.config.lessons_dir, other_title=self.config.other_topic_title,
                             measure=self.levels.reading, convert=convert, scripts=tuple(config.extra_javascript),
                             review_max_age=self.settings.review_max_age,
                             help=self.help)

    def on_pre_build(self, config) -> None:
        """Read and check every lesson before MkDocs empties the site folder.

        Failing here leaves the last good site in place, so `mkdocs serve` keeps serving it
        while the maintainer fixes the mistake.
        """
        self.offsite = []
        checked = self.check(config)
        self.content = checked.content
        if checked.problems and not self.serving:
            raise PluginError(report(checked.problems))
        if checked.problems:
            self._serve_last_good(checked.problems)
        self.last_good.update({l.src: l for l in self.content.model.lessons + self.content.drafts})
        self._build_packs()
        self.model = self.content.model
        name_copies({src: lesson.path for src, (lesson, _) in self.model.copies().items()})
        for draft in self.content.drafts:
            log.info(f"{draft.path}: draft lesson, left out of the site (remove 'draft: true' to publish it)")
        self.levels.save()
        # Material's search plugin made its index in on_config: unchanged pages' entries are kept.
        self.search_entries = SearchEntryCache(self.cache_folder)
        self.search_entries.wrap_search_of(config.plugins)
        self.conversions = ConversionCache(self.cache_folder)
        self.outputs = PageOutputs(self.cache_folder)
        if self.cache_folder is not None:
            self.writes.start()  # MkDocs empties the site folder next: the pages are kept
        # Warnings: `mkdocs build --strict` turns each into a failed build.
        for problem in checked.warnings:
            log.warning(str(problem))

    def _serve_last_good(self, problems) -> None:
        """While serving, report the mistakes and keep each broken lesson's last good version."""
        log.error(report(problems, "the last good version of each broken lesson is served "
                                   "until it is fixed"))
        self.content = keep_last_good(self.content, self.last_good, self.site,
                                      other_title=self.config.other_topic_title)

    @event_priority(50)  # before other plugins see the files, so they see the lesson copies
    def on_files(self, files: Files, config) -> Files:
        self.rendered, self.search_copies = {}, []
        for src in self.content.sources:
            if files.get_file_from_path(src) is not None:
                files.remove(files.get_file_from_path(src))
        self.files = files
        self._add_pages(files, config)
        self._add_home(files, config)
        self._add_packs(files, config)
        partners = self.button.help_page_link(config)
        self.help_file = _replace(files, config, HELP_SRC,
                                  lambda intro: help_markdown(self.help, intro, partners),
                                  inclusion=InclusionLevel.NOT_IN_NAV)
        self.button.add_page(files, config, self.help, self.help_file, _replace)
        config.nav = self.lesson_packs.nav(self._nav(config.nav, files))
        catalog = build_catalog(self.model, lambda src: files.get_file_from_path(src).url,
                                packs=self.lesson_packs.paths())
        catalog_text = catalog_json(catalog)
        files.append(File.generated(config, CATALOG_SRC, content=catalog_text))
        # A lesson's conversion depends on where each lesson's copies are (its links lead
        # there), which the catalogue says, on the drafts and on this plugin's settings.
        self.conversions.begin([catalog_text, sorted(self.model.drafts_by_src), dict(self.config)])
        return files

    def _add_pages(self, files: Files, config) -> None:
        """Generate every lesson copy, then each audience's landing page with its cards."""
        self.pages = {}
        for src, (lesson, audience_id) in self.model.copies().items():
            copy = File.generated(config, src, content=lesson.body)
            files.append(copy)
            # Material writes a page's title as HTML: a lesson's is text, so it goes in escaped.
            page = LessonPage(as_text(lesson.title), copy, config)  # becomes copy.page, used by the nav
            page.conversions = self.conversions
            self.pages[src] = (lesson.src, self.site.audience(audience_id), lesson)
        for section in self.model.sections:
            src = landing_src(section.audience.id)
            here = File.generated(config, src, content="").url  # where the landing page will be

            def href(target: str) -> str:
                return get_relative_url(files.get_file_from_path(target).url, here)

            # _replace calls the lambda at once, so `section` and `href` are this loop's.
            _replace(files, config, src, lambda intro: landing_markdown(section, intro, href))
            self.pages[src] = (src, section.audience, None)

    def _add_home(self, files: Files, config) -> None:
        """A home page with a card per audience, when the author has none."""
        if files.get_file_from_path(HOME_SRC) is not None:
            return
        here = File.generated(config, HOME_SRC, content="").url

        def href(audience_id: str) -> str:
            return get_relative_url(files.get_file_from_path(landing_src(audience_id)).url, here)

        files.append(File.generated(config, HOME_SRC, content=home_markdown(
            config.site_name, self.model.sections, href)))
        log.info(home_note(self.docs_shown))

    def _build_packs(self) -> None:
        """Make every lesson pack, or take it from the cache, before anything is written."""
        try:
            self.lesson_packs.build()
        except PackError as error:
            raise PluginError(report([error.problem])) from None

    def _add_packs(self, files: Files, config) -> None:
        """Each pack's ZIP, and the teachers' list of packs in the teachers' section."""
        self.lesson_packs.add_files(files, config, self.model, _replace)
        if self.lesson_packs.page_src():
            self.pages[PACKS_PAGE] = (PACKS_PAGE, self.site.audience("teachers"), None)

    def _nav(self, nav: list | None, files: Files) -> list:
        """The author's nav (or every other page) with a tab per audience after its first entry."""
        tabs = _titles_as_text(self.model.nav())
        if nav is None:
            audience_ids = set(self.site.audience_ids)
            others = sorted(
                (f.src_uri for f in files.documentation_pages()
                 if f.src_uri.split("/")[0] not in audience_ids),
                key=lambda src: (src != "index.md", src),
            )
            nav = others
        return nav[:1] + tabs + nav[1:]

    def on_env(self, env, config, files: Files):
        """What every template, the 404 page included, knows of help and quick exit.

        Every page is converted by now and none is written yet: a page that would load
        something from another host stops the build here."""
        if self.offsite and not self.serving:
            raise PluginError(report(self.offsite))
        if self.offsite:
            log.error(report(self.offsite, "served as it is until it is fixed"))
        self.outputs.wrap(env)
        env.globals["thinksafe_help"] = self.help
        env.globals["thinksafe_help_url"] = self.help_file.url
        env.globals["thinksafe_button_url"] = self.button.url()  # None: the button is off
        env.filters["thinksafe_tel"] = lambda text: Markup(tel_links(text))  # numbers to tap
        env.globals["thinksafe_sections"] = [  # for the 404 page's ways on
            {"title": s.audience.title, "url": files.get_file_from_path(landing_src(s.audience.id)).url}
            for s in self.model.sections]
        self.fragments.new_build()
        env.globals["thinksafe_keep"] = self.fragments
        # Templates compiled in the last build are loaded, not compiled again (Jinja checks that
        # each one's source is unchanged).
        folder = cache.template_folder(self.cache_folder)
        if folder is not None:  # None: caching is off, or the folder cannot be written
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
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
        """Previous and next stay inside the reader's audience (and outside them, among the rest)."""
        if self.nav_renderer is not None:
            self.nav_renderer.new_build()
        self.shared_places = self._shared_places(nav)
        chains = [self.lesson_packs.sequence(self.model.sequence(a)) for a in self.site.audience_ids]
        in_audience = {src for chain in chains for src in chain}
        chains.append([p.file.src_uri for p in nav.pages if p.file.src_uri not in in_audience])
        for chain in chains:
            pages = [files.get_file_from_path(src).page for src in chain]
            pages = [page for page in pages if page is not None]
            for before, page, after in zip([None] + pages[:-1], pages, pages[1:] + [None]):
                page.previous_page, page.next_page = before, after
        return nav

    def _page(self, src: str) -> tuple[str, Audience | None, Lesson | None]:
        """A page's origin (the lesson's source for a copy), audience and lesson, where it has them."""
        return self.pages.get(src, (src, None, None))

    def _shared_places(self, nav) -> set[str]:
        """The audiences whose lesson pages can share fragments: those of which no tab or logo
        link leads to a lesson page, since such a link would differ on that page."""
        targets = ([nav.homepage] if nav.homepage else []) + [_first_page(item) for item in nav.items]
        reached = [self._page(t.file.src_uri) for t in targets if t is not None and t.is_page]
        lessons_reached = {audience.id for _src, audience, lesson in reached if lesson}
        return set(self.site.audience_ids) - lessons_reached

    def _topic_list(self, section) -> tuple[str, str] | None:
        """For a sidebar topic section too long to list: its list on the landing page, in words."""
        first = next((child for child in section.children if child.is_page), None)
        _origin, audience, lesson = self._page(first.file.src_uri) if first is not None else (None, None, None)
        if lesson is None:
            return None
        group = self.model.group_of(audience.id, lesson)
        landing = self.files.get_file_from_path(landing_src(audience.id))
        return f"{landing.url}#{topic_anchor(group)}", f"All {len(group.lessons)} lessons in {group.title}"

    def on_page_markdown(self, markdown: str, page: Page, config, files: Files) -> str:
        src = page.file.src_uri
        origin, audience, lesson = self._page(src)
        audience_id = audience.id if audience else None
        self.links.rewrite = lambda url: links.rewrite(self.model, origin, src, audience_id, url)
        self.links.is_lesson = lambda url: links.lesson_copy(self.model, origin, None, url) is not None
        self.links.tagged = []
        self.reusing = self.rendered.get(lesson.src) if lesson is not None else None
        if isinstance(page, LessonPage):
            page.reuses = self.reusing is not None
        if src == HELP_SRC:
            page.meta.setdefault("title", "Get help")
        if isinstance(page.meta.get("title"), str):  # a page's own front matter title is text too
            page.meta["title"] = as_text(page.meta["title"])
        if lesson is None and "{{" in markdown:  # lessons were filled when they were read
            markdown = fill_placeholders(markdown, self.help)[0]
        if lesson is not None:
            # Material writes it into an attribute as it is: a quote in a summary would end it.
            page.meta.setdefault("description", escape(lesson.summary))
            self._set_canonical(page, files, config, lesson)
        # A lesson is converted once; its other copies are finished from that conversion.
        return "" if self.reusing else markdown

    def _set_canonical(self, page: Page, files: Files, config, lesson: Lesson) -> None:
        target = files.get_file_from_path(self.model.canonical_src(lesson))
        if config.site_url:
            page.canonical_url = config.site_url.rstrip("/") + "/" + target.url
        elif target.url != page.file.url:
            page.canonical_url = get_relative_url(target.url, page.file.url)
        else:
            # Without site_url a copy can only name itself as "./", which tells no search
            # engine anything (and Lighthouse fails it): the canonical copy carries none.
            page.canonical_url = None

    def on_page_content(self, html: str, page: Page, config, files: Files) -> str:
        src = page.file.src_uri
        origin, audience, lesson = self._page(src)
        if self.reusing is not None:
            rendering = self.reusing
            html = rendering.take_into(page)
            # Its words are those of the converted copy: the search index gets them from there.
            page.meta["search"] = {"exclude": True}
            self.search_copies.append((rendering.url, page.url))
            log.debug(f"{src}: finished from the conversion of {rendering.src}, not converted again")
        else:
            rendering = Rendering(src, page.url, html, self.links.tagged, page.toc, page.present_anchor_ids)
            if lesson is not None:
                self.rendered[lesson.src] = rendering
            self.offsite += converted_problems(lesson.path if lesson else f"{self.docs_shown}/{origin}",
                                               html, config.extra_javascript,
                                               authored=lesson is not None or page.file.generated_by is None)
        audience_id = audience.id if audience else None
        hrefs = [self._lesson_href(origin, audience_id, url, page) for url in rendering.tagged]
        self.links.rewrite, self.links.tagged, self.reusing = None, [], None
        html = finish(html, hrefs, bool(audience and audience.children))
        if lesson is not None and audience is not None and not audience.children:
            # Adults are told when the advice was checked and against what; children are not.
            html += provenance_html(lesson.reviewed, lesson.sources, LEAVING_HTML)
        return stackable_tables(html)

    def _lesson_href(self, origin: str, audience_id: str | None, url: str, page: Page) -> str:
        """Where a link to a lesson, written in `origin`, leads from this copy."""
        target = self.files.get_file_from_path(links.lesson_copy(self.model, origin, audience_id, url))
        parts = urlsplit(url)
        return urlunsplit(("", "", target.url_relative_to(page.file), parts.query, parts.fragment))

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, config) -> None:
        log.debug(f"{len(self.fragments.kept)} page fragments rendered once, reused "
                  f"{self.fragments.reused} times")
        self.lesson_packs.release()  # the packs are published: other builds may drop stale ones
        self._add_help_to_published_html(config)
        self._split_search_index(config)
        self.search_entries.save()
        self.conversions.save()
        self.outputs.save()
        self.writes.finish()

    def _add_help_to_published_html(self, config) -> None:
        """HTML files published as they are (worksheets) get the help and quick-exit links too,
        and the site's Content-Security-Policy: both are inserted in `insert`, in this one place."""
        docs = Path(config.docs_dir).resolve()
        for file in self.files.static_pages():
            if not file.dest_uri.lower().endswith(HTML_ENDINGS) or file.abs_src_path is None or \
                    not Path(file.abs_src_path).resolve().is_relative_to(docs):
                continue
            path = Path(config.site_dir) / file.dest_uri
            here = file.url

            def insert(html: str) -> str:  # the help bar and the policy, in this one place
                return with_policy(with_help_bar(html, get_relative_url(self.help_file.url, here),
                                                 self.help.exit_url,
                                                 get_relative_url("assets/thinksafe-quick-exit.js", here)))

            # In the file's own encoding, its bytes kept (SPEC §7); the checks refused any file
            # that cannot be read so, and this refuses one changed since.
            try:
                path.write_bytes(insert_into_author_html(path.read_bytes(), insert))
            except AuthorHtmlError as error:
                path.unlink()
                raise PluginError(report([error.problem(f"{self.docs_shown}/{file.src_uri}")])) from None

    def on_build_error(self, error) -> None:
        self.writes.finish_wrapping()
        packs = getattr(self, "lesson_packs", None)
        if packs is not None:
            packs.release()

    def _split_search_index(self, config) -> None:
        """Write each audience's own search index beside the whole site's, labelled by audience."""
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not path.is_file():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        index["docs"] = with_copies(latest_only(index.get("docs", [])), self.search_copies)
        whole, parts = label_and_split(index, self.site.audiences)
        path.write_text(json.dumps(whole, ensure_ascii=False), encoding="utf-8")
        for audience_id, index in parts.items():
            target = path.parent / audience_id / "search_index.json"
            target.parent.mkdir(exist_ok=True)
            target.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")

    @event_priority(-100)  # last: the policy hashes the page's inline scripts as they are sent
    def on_post_page(self, output: str, page: Page, config) -> str:
        return with_policy(self.button.finish_page(output, page))

    @event_priority(-100)
    def on_post_template(self, output_content: str, template_name: str, config) -> str:
        """The pages made from a template alone (404.html) carry the policy too."""
        return with_policy(output_content) if template_name.endswith(".html") else output_content

    def on_page_context(self, context, page: Page, config, nav):
        _origin, audience, lesson = self._page(page.file.src_uri)
        info = PageInfo(self.site, audience, lesson)
        if lesson is not None and self.config.fast_templates and audience.id in self.shared_places:
            info.place = f"{audience.id}/"
        if lesson is not None:
            info.copies = [(self.site.audience(a), self._href(copy_src(a, lesson.slug), page))
                           for a in lesson.audiences]
            info.pack, info.pack_href = self.lesson_packs.link(lesson, page.file.url)
        if self.nav_renderer is not None:
            info.nav_list = self.nav_renderer.render(nav, page, info.place)
        context["thinksafe"] = info
        return context

    def _href(self, src: str, page: Page) -> str | None:
        """A link from `page` to the page made from `src`; None when that is the page itself."""
        if src == page.file.src_uri:
            return None
        return get_relative_url(self.files.get_file_from_path(src).url, page.file.url)


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
