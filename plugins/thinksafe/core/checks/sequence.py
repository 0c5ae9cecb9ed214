"""The one check sequence, run by every build and by `thinksafe check`.

Both run these functions, in this order, on the same inputs, so one passes exactly when the
other does (SPEC §8):

1. `read_settings`: every mistake in the plugin's settings and the build's environment, all
   listed in one run (nothing is read until they are right);
2. `check`: every lesson and page of the `Project`, their addresses, the lesson packs (planned,
   not made) and the pages as converted; then the warnings that fail only a strict run.

The engine's adapter supplies what depends on the engine: how packs are planned (their pages'
addresses) and how a page is converted. The build converts every page anyway, so it passes no
converter and runs `converted_problems` on each page as it converts it; `thinksafe check`
passes one, so that what an extension puts in a page (an emoji picture from a CDN) fails both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from thinksafe.core.checks.content import Content, address_problems, load_content, page_texts
from thinksafe.core.checks.kept import KeptChecks
from thinksafe.core.checks.review import review_lessons, review_links, review_pages
from thinksafe.core.help.button import ButtonSettings, parse_button
from thinksafe.core.help.content import fill_lessons, help_problems
from thinksafe.core.help.settings import HelpConfig, needed_groups, parse_help
from thinksafe.core.html.author_files import published_html_problems
from thinksafe.core.html.offsite import converted_problems
from thinksafe.core.model.paths import TEACHERS
from thinksafe.core.model.plugin_settings import KEY, Options, given, option_problems
from thinksafe.core.model.project import shown_path
from thinksafe.core.model.provenance import DEFAULT_MAX_AGE_MONTHS, parse_max_age, review_problems
from thinksafe.core.model.settings import SiteConfig, parse_site_config
from thinksafe.core.packs.contents import epoch_from, file_limit
from thinksafe.core.packs.pango import pango_problems
from thinksafe.core.problems import Problem
from thinksafe.core.reading.readability import Reading, reading


@dataclass(frozen=True)
class Settings(Options):
    """The plugin's settings, read and checked: the plain ones, and those they make."""

    site: SiteConfig = field(default_factory=SiteConfig)
    help: HelpConfig | None = None  # None: the help settings have a mistake
    button: ButtonSettings = field(default_factory=ButtonSettings)  # help.button
    epoch: int | None = None  # SOURCE_DATE_EPOCH
    review_max_age: int = DEFAULT_MAX_AGE_MONTHS  # months before a `reviewed` date is stale; 0: off

    @property
    def max_resource_bytes(self) -> int | None:
        """The cap on each lesson resource (they go into packs); None when packs are off."""
        return file_limit(self.packs, self.pack_max_file_mb)

    @property
    def pack_file_bytes(self) -> int:
        """The cap on each file of a pack, in bytes (checked above 0 when packs are on)."""
        return int(self.pack_max_file_mb * 1_000_000)


def read_settings(options: Mapping, *, source: str, environ: Mapping[str, str]) -> tuple[Settings, list[Problem]]:
    """The plugin's settings (`options`, as under `- thinksafe:` in mkdocs.yml) and the
    environment the build reads, with every mistake in them at once."""
    site, problems = parse_site_config(options.get("audiences"), options.get("topics"), source=source)
    help_options = options.get("help")
    help_config, help_mistakes = parse_help(help_options, source=source,
                                            needs=needed_groups(site) if site else ())
    problems += help_mistakes + option_problems(options, source)
    values = given(options)
    packs = bool(values.pop("packs"))
    if packs:
        problems += pango_problems(source, f"{KEY}.packs")
    # Read by the packs and by MkDocs itself (the sitemap's dates), packs or not: MkDocs would
    # stop with a traceback.
    epoch, epoch_problems = epoch_from(environ)
    problems += epoch_problems
    review_max_age, age_problems = parse_max_age(options.get("review_max_age_months"), source)
    problems += age_problems
    # A report_service target needs a report service; broken help settings are told on their own.
    button, button_problems = parse_button(help_options.get("button") if isinstance(help_options, dict) else None,
                                           source=source,
                                           has_report=help_config is None or help_config.report is not None)
    problems += button_problems
    return Settings(**values, packs=packs, site=site, help=help_config, button=button or ButtonSettings(),
                    epoch=epoch, review_max_age=review_max_age), problems


@dataclass(frozen=True)
class Project:
    """One site as the checks read it: where it is, and its settings read."""

    root: Path  # mkdocs.yml's folder
    config_file: Path
    docs_dir: Path
    settings: Settings
    scripts: tuple[str, ...] = ()  # the site's extra_javascript

    @property
    def source(self) -> str:
        """mkdocs.yml, as messages name it."""
        return shown_path(self.config_file, self.root)

    @property
    def docs_shown(self) -> str:
        """The content folder, as messages name it."""
        return shown_path(self.docs_dir, self.root)


@dataclass
class Checked:
    """What the checks found, and what a build goes on with."""

    content: Content
    pages: list[tuple[str, str, int]]  # each other page as the checks read it (`page_texts`)
    problems: list[Problem] = field(default_factory=list)  # errors: nothing may be built
    warnings: list[Problem] = field(default_factory=list)  # errors only in a strict run


def check(project: Project, plan_packs: Callable[[Content], list[Problem]], *,
          measure: Callable[[str], Reading | None] = reading,
          convert: Callable[[str], str] | None = None, kept: KeptChecks | None = None) -> Checked:
    """Every check of the project's content folder, in the order the build needs them.

    `plan_packs` plans every lesson pack, reading but writing nothing, and returns the problems
    (the adapter's: it knows each page's address). `measure` gives a text's reading level.

    `convert`: a page's Markdown to HTML with the site's extensions, to find what an extension
    would load from another host (the project's scripts: its extra_javascript). The build leaves
    it out and runs the same check on the pages it converts.

    Each lesson's help placeholders are filled from the help settings before anything else
    reads its body (pages, packs, reading levels); a placeholder mistake is an error, another
    country's help named in prose a warning (core/help/content.py). A lesson's `reviewed` date
    older than the settings' review_max_age months is warned of (0: never), and so is a lesson
    for adults without one.

    `kept`: what the per-file checks found in an earlier build (core/checks/kept.py), taken
    for each file whose text is unchanged; None keeps nothing.
    """
    settings, docs_dir, shown_as = project.settings, project.docs_dir, project.docs_shown
    site, help = settings.site, settings.help
    kept = kept or KeptChecks(None)
    content = load_content(docs_dir, site, shown_as=shown_as, lessons_dir=settings.lessons_dir,
                           other_title=settings.other_topic_title,
                           max_resource_bytes=settings.max_resource_bytes, load=kept.load_mapping,
                           checked=kept if kept.enabled else None)
    placeholders = fill_lessons(content.model.lessons, help) if help is not None else []
    # An address Python cannot read would stop every later step with a traceback.
    pages = page_texts(docs_dir, content.pages, shown_as)
    addresses = address_problems(content.model.lessons, pages, kept.problems)
    in_help = help_problems(content.model.lessons, pages, help, kept.with_settings(help)) \
        if help is not None else []
    problems = content.problems + placeholders + [p for p in in_help if p.severity == "error"] + \
        (addresses or plan_packs(content))
    problems += published_html_problems(docs_dir, content.files, shown_as)
    if convert is not None:
        texts = [(l.path, l.body) for l in content.model.lessons] + [(p, body) for p, body, _ in pages]
        problems += [problem for path, body in texts
                     for problem in converted_problems(path, convert(body), project.scripts)]
    warnings = review_lessons(content.model.lessons, site, measure, kept.problems) + \
        review_links(content.model, content.files, kept.lines, pages, shown_as,
                     settings.packs and TEACHERS in site.audience_ids) + review_pages(pages, kept.problems) + \
        review_problems(content.model.lessons, site.children_ids, settings.review_max_age) + \
        [p for p in in_help if p.severity != "error"]
    return Checked(content, pages, problems, warnings)


def missing_folder(docs_dir: Path, shown: str, source: str) -> list[Problem]:
    """The content folder, when it is not there: one line saying how to make it."""
    if Path(docs_dir).is_dir():
        return []
    return [Problem(source, "docs_dir", f"the content folder '{shown}' does not exist",
                    "a folder holding the site's pages and lessons",
                    "create it, or run 'thinksafe new \"A first lesson\" --audience <id>', "
                    "which creates it")]
