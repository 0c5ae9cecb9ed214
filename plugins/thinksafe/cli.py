"""The `thinksafe` command: check the content, start a lesson, list lessons — without building."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import unicodedata
from pathlib import Path

from thinksafe.core.checks.content import Content, load_content
from thinksafe.core.checks.coverage import coverage_table
from thinksafe.core.checks.review import ceiling
from thinksafe.core.help.settings import stale_facts
from thinksafe.core.model.lessons import lesson_text_problems, slug_for
from thinksafe.core.model.project import shown_path
from thinksafe.core.model.provenance import needs_review
from thinksafe.core.model.slugs import slugify
from thinksafe.core.problems import Problem, did_you_mean, one_of
from thinksafe.core.reading.readability import reading
from thinksafe.mkdocs.plugin import ThinkSafePlugin
from thinksafe.mkdocs.site_loader import PLUGIN, converter, load_site, make_docs_dir
from thinksafe.starter import PRESETS, Answers, ask, init


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return args.run(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="thinksafe", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="command")

    start = commands.add_parser("init", help="start a new site in a folder (never overwrites a file)")
    start.add_argument("folder", nargs="?", default=".", help="where (made if missing; default: here)")
    start.add_argument("--preset", choices=PRESETS, help="whose help services: uk, au, us or ie")
    start.add_argument("--name", help="the site's name (asked when not given, on a terminal)")
    start.add_argument("--site-url", help="the address it will be published at, if known")
    start.set_defaults(run=run_init)

    check = commands.add_parser("check", help="check every lesson and the settings")
    check.add_argument("path", nargs="?", default=".", help="the folder holding mkdocs.yml")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--format", choices=["text", "github"], default="text",
                       help="'github' prints GitHub Actions annotations")
    check.set_defaults(run=run_check)

    new = commands.add_parser("new", help="start a new lesson with valid front matter")
    new.add_argument("title")
    new.add_argument("--audience", action="append", required=True, help="repeat for more")
    new.add_argument("--topic", action="append", default=[], help="repeat for more")
    new.add_argument("--folder", action="store_true", help="make <slug>/index.md, for resources")
    new.add_argument("--project", default=".", help="the folder holding mkdocs.yml")
    new.set_defaults(run=run_new)

    listing = commands.add_parser("list", help="list the lessons of each audience")
    listing.add_argument("--audience", action="append", help="only these audiences")
    listing.add_argument("--project", default=".", help="the folder holding mkdocs.yml")
    listing.set_defaults(run=run_list)
    return parser


def run_init(args) -> int:
    """A new, working site: mkdocs.yml, sample lessons, a home page, a workflow and more."""
    folder = Path(args.folder)
    asking = sys.stdin.isatty()
    name = args.name or (ask("The site's name", "Online safety") if asking else "Online safety")
    preset = args.preset or (ask("Whose help services (uk, au, us or ie)", "uk") if asking else "uk")
    if preset not in PRESETS:
        return _fail([Problem("(answer)", "preset", f"unknown preset '{preset}'", one_of(list(PRESETS)),
                              did_you_mean(preset, list(PRESETS)))])
    url = args.site_url or (ask("Its address once published (Enter if not known yet)", "") if asking else "")
    written, kept, problems = init(folder, Answers(name, url or None, preset))
    if problems:
        return _fail(problems)
    for path in kept:
        print(f"{folder / path}: already there, left as it is")
    print(f"thinksafe init: {plural(len(written), 'file')} written in {folder}" +
          ("" if args.preset else f" (help services: '{preset}'; change 'preset:' in mkdocs.yml)"))
    print(f"Next: cd {folder}, then 'mkdocs serve' to see the site as you edit it, and "
          "'thinksafe new \"A title\" --audience 8-10' to start a lesson.")
    if not url:
        print("Before publishing: set site_url in mkdocs.yml, or let the GitHub workflow set it.")
    return 0


def run_check(args) -> int:
    """The build's own check sequence (core/checks/sequence.py), run without building."""
    config, plugin, problems = _site(Path(args.path))
    lessons = 0
    if plugin is not None:
        # The reading levels and per-file checks the last build kept are used, not written:
        # check writes nothing.
        checked, _packs, _levels, _kept = plugin.check(config, convert=converter(config))
        problems += checked.problems + checked.warnings
        # Help facts that age: said by check only, so an old fact never stops a site's build.
        if plugin.settings.help is not None:
            problems += stale_facts(plugin.settings.help, datetime.date.today(),
                                    _shown(Path(config.config_file_path), config))
        lessons = len(checked.content.sources)
    if args.strict:
        problems = [_as_error(p) for p in problems]
    for problem in sorted(problems, key=lambda p: (p.path, p.line or 0)):
        print(_github(problem) if args.format == "github" else f"{problem.severity.upper()}: {problem}")
    errors = sum(p.severity == "error" for p in problems)
    print(f"thinksafe check: {plural(lessons, 'lesson')}, {plural(errors, 'error')}, "
          f"{plural(len(problems) - errors, 'warning')}", file=sys.stderr)
    return 1 if errors else 0


def run_new(args) -> int:
    problems = _title_problems(args.title)
    if problems:  # before anything is made, the content folder included
        return _fail(problems)
    try:
        make_docs_dir(Path(args.project))  # a new site's first lesson: its content folder too
    except OSError as error:
        return _fail([_unwritable(Path(args.project), error)])
    config, plugin, problems = _site(Path(args.project))
    if plugin is None:
        return _fail(problems)
    site = plugin.settings.site
    problems = _unknown_ids("--audience", args.audience, site.audience_ids) + \
        _unknown_ids("--topic", args.topic, site.topic_ids)
    slug = slugify(args.title)
    content = _content(config, plugin)
    # Lessons whose front matter cannot be read have a name too: a new one must not take it.
    taken = {slug_for(src) for src in content.sources}
    if not slug:
        problems.append(Problem("(title)", "title", "gives no usable file name", "some letters or digits"))
    elif slug in taken:
        problems.append(Problem("(title)", "title", f"a lesson named '{slug}' already exists",
                                "a new title", "choose another title"))
    lessons = Path(config.docs_dir) / plugin.settings.lessons_dir
    target = lessons / slug / "index.md" if args.folder else lessons / f"{slug}.md"
    shown = _shown(target, config)
    if slug and (target.exists() or target.parent.joinpath(slug).exists() and not args.folder):
        problems.append(Problem(shown, "(file)", "already exists", "a new file",
                                "nothing was overwritten; choose another title"))
    adults = needs_review(args.audience, site.children_ids)
    text = skeleton(args.title, args.audience, args.topic, adults).encode("utf-8")
    if slug and not problems:  # what check would say of the new file (a title too long, ...)
        src = target.relative_to(Path(config.docs_dir)).as_posix()
        problems += [Problem("(command line)", p.key, p.message, p.expected, p.suggestion)
                     for p in lesson_text_problems(text, src, shown, site, plugin.settings.lessons_dir)]
    if problems:
        return _fail(problems)
    try:
        _write_new(target, text)
    except OSError as error:
        return _fail([_unwritable(target, error, shown)])
    print(f"{shown}: written as a draft; fill it in, then remove 'draft: true' to publish it")
    return 0


def _title_problems(title: str) -> list[Problem]:
    """A title that is no line of text (bytes the terminal could not decode, line breaks)."""
    try:
        title.encode("utf-8")
    except UnicodeEncodeError:
        return [Problem("(command line)", "title", "holds bytes that are not text in UTF-8",
                        "a title in words", "retype the title (check the terminal's encoding is UTF-8)")]
    if any(unicodedata.category(c) == "Cc" for c in title):
        return [Problem("(command line)", "title", "holds a line break or another control character",
                        "a title on one line", "retype the title on one line")]
    return []


def _write_new(target: Path, text: bytes) -> None:
    """Write the new lesson whole, or leave no file at all."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "xb") as file:  # "x": never over a file that appeared meanwhile
        try:
            file.write(text)
        except BaseException:
            target.unlink(missing_ok=True)
            raise


def _unwritable(target: Path, error: OSError, shown: str | None = None) -> Problem:
    return Problem(shown or str(target), "(file)", f"cannot be written ({error.strerror or error})",
                   "a folder you can write to", "check the folder's permissions")


def run_list(args) -> int:
    config, plugin, problems = _site(Path(args.project))
    if plugin is None:
        return _fail(problems)
    content = _content(config, plugin)
    site = plugin.settings.site
    wanted = args.audience or site.audience_ids
    every = content.model.lessons + content.drafts
    for audience in site.audiences:
        if audience.id not in wanted:
            continue
        mine = sorted((l for l in every if audience.id in l.audiences), key=lambda l: l.sort_key())
        print(f"{audience.title} ({audience.id}): {plural(len(mine), 'lesson')}")
        for lesson in mine:
            print(f"  {lesson.slug:40} {lesson.title}  [{_status(lesson, site)}]")
    print()
    print(coverage_table(content.model.lessons, site, wanted), end="")
    return 1 if content.problems else 0


def plural(count: int, noun: str) -> str:
    """'1 lesson', '2 lessons', '0 lessons'."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def _site(path: Path):
    """The site's MkDocs settings and its ThinkSafe plugin with its settings read, as a build
    reads them (the first step of the one check sequence), and every problem in them; the
    plugin is None when the settings have errors."""
    config, problems = load_site(path)
    if config is None:
        return None, None, problems
    plugin = config.plugins[PLUGIN]
    assert isinstance(plugin, ThinkSafePlugin)  # the entry point named `thinksafe` in pyproject.toml
    problems += plugin.read_settings(config)
    if any(p.severity == "error" for p in problems):
        return config, None, problems
    return config, plugin, problems


def skeleton(title: str, audiences: list[str], topics: list[str], adults: bool = False) -> str:
    """A new lesson that passes `thinksafe check`: front matter, then headings to fill in.

    `adults`: a lesson for parents or teachers, whose date of checking and sources are asked
    for as comments (a date is written only once the advice has been checked)."""
    lines = ["---", f"title: {_yaml_text(title)}",
             "summary: One or two sentences that say what this lesson is about.",
             f"audiences: [{', '.join(audiences)}]"]
    if topics:
        lines.append(f"topics: [{', '.join(topics)}]")
    if adults:
        lines += ["# Once you have checked the advice against its sources, write the date and the pages:",
                  "# reviewed: YYYY-MM-DD", "# sources:", '#   - title: "The page\'s name"',
                  "#     url: https://…"]
    lines += ["draft: true", "---", "",
              "Write a short, friendly opening here. Use short sentences.", "",
              "## What to know", "", "Say the main idea in a few short sentences.", "",
              "## Things to remember", "", "- One thing to remember.", "- Another thing to remember.", ""]
    return "\n".join(lines)


def _content(config, plugin) -> Content:
    docs, settings = Path(config.docs_dir), plugin.settings
    return load_content(docs, settings.site, shown_as=_shown(docs, config), lessons_dir=settings.lessons_dir,
                        other_title=settings.other_topic_title, max_resource_bytes=settings.max_resource_bytes)


def _shown(path: Path, config) -> str:
    return shown_path(path, Path(config.config_file_path).resolve().parent)


def _status(lesson, site) -> str:
    parts = ["draft" if lesson.draft else "published"]
    # SPEC §5: a lesson for teachers, or one with resources, has a pack.
    parts.append("pack" if "teachers" in lesson.audiences or lesson.resources else "no pack")
    if ceiling(lesson, site):
        measured = reading(lesson.body)
        parts.append(f"reading grade {measured.grade}" if measured else "no prose")
    return ", ".join(parts)


def _unknown_ids(option: str, values: list[str], allowed: list[str]) -> list[Problem]:
    return [Problem("(command line)", option, f"unknown id '{v}'", one_of(allowed),
                    did_you_mean(v, allowed)) for v in values if v not in allowed]


def _yaml_text(text: str) -> str:
    """`text` as a YAML double-quoted string (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _as_error(problem: Problem) -> Problem:
    fields = {**problem.__dict__, "severity": "error"}
    return Problem(**fields)


def _github(problem: Problem) -> str:
    """A GitHub Actions annotation: shown on the pull request, on the file and line."""
    where = f"file={problem.path}" + (f",line={problem.line}" if problem.line else "")
    text = str(problem).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{problem.severity} {where},title=ThinkSafe {problem.key}::{text}"


def _fail(problems: list[Problem]) -> int:
    for problem in problems:
        print(f"{problem.severity.upper()}: {problem}", file=sys.stderr)
    return 1 if any(p.severity == "error" for p in problems) else 0


if __name__ == "__main__":
    sys.exit(main())
