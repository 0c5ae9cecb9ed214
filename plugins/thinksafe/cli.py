"""The `thinksafe` command: check the content, start a lesson, list lessons — without building."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .core.content import Content, address_problems, load_content, page_texts
from .core.problems import Problem, did_you_mean, one_of
from .core.project import Project, load_project
from .core.readability import reading
from .core.readingcache import ReadingCache
from .core.review import ceiling, review_lessons, review_links, review_pages
from .core.slugs import slugify


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return args.run(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="thinksafe", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="command")

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


def run_check(args) -> int:
    project, problems = load_project(Path(args.path))
    lessons = 0
    if project and not problems:
        content = _content(project)
        pages = page_texts(project.docs_dir, content.pages, project.shown(project.docs_dir))
        problems += content.problems + address_problems(content.model.lessons, pages)
        lessons = len(content.sources)
        # The reading levels the last build measured are used, not written: check writes nothing.
        levels = ReadingCache(project.cache_dir)
        problems += review_lessons(content.model.lessons, project.site, levels.reading) + \
            review_links(content.model, content.files)
        problems += review_pages(pages)
    if args.strict:
        problems = [_as_error(p) for p in problems]
    for problem in sorted(problems, key=lambda p: (p.path, p.line or 0)):
        print(_github(problem) if args.format == "github" else f"{problem.severity.upper()}: {problem}")
    errors = sum(p.severity == "error" for p in problems)
    print(f"thinksafe check: {lessons} lessons, {errors} errors, {len(problems) - errors} warnings",
          file=sys.stderr)
    return 1 if errors else 0


def run_new(args) -> int:
    project, problems = load_project(Path(args.project))
    if problems:
        return _fail(problems)
    problems = _unknown_ids("--audience", args.audience, project.site.audience_ids) + \
        _unknown_ids("--topic", args.topic, project.site.topic_ids)
    slug = slugify(args.title)
    content = _content(project)
    if not slug:
        problems.append(Problem("(title)", "title", "gives no usable file name", "some letters or digits"))
    elif slug in content.model.by_slug or any(d.slug == slug for d in content.drafts):
        problems.append(Problem("(title)", "title", f"a lesson named '{slug}' already exists",
                                "a new title", "choose another title"))
    lessons = project.docs_dir / project.lessons_dir
    target = lessons / slug / "index.md" if args.folder else lessons / f"{slug}.md"
    if slug and (target.exists() or target.parent.joinpath(slug).exists() and not args.folder):
        problems.append(Problem(project.shown(target), "(file)", "already exists", "a new file",
                                "nothing was overwritten; choose another title"))
    if problems:
        return _fail(problems)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(skeleton(args.title, args.audience, args.topic), encoding="utf-8")
    print(f"{project.shown(target)}: written as a draft; fill it in, then remove 'draft: true' to publish it")
    return 0


def run_list(args) -> int:
    project, problems = load_project(Path(args.project))
    if problems:
        return _fail(problems)
    content = _content(project)
    wanted = args.audience or project.site.audience_ids
    every = content.model.lessons + content.drafts
    for audience in project.site.audiences:
        if audience.id not in wanted:
            continue
        mine = sorted((l for l in every if audience.id in l.audiences), key=lambda l: l.sort_key())
        print(f"{audience.title} ({audience.id}): {len(mine)} lessons")
        for lesson in mine:
            print(f"  {lesson.slug:40} {lesson.title}  [{_status(lesson, project)}]")
    return 1 if content.problems else 0


def skeleton(title: str, audiences: list[str], topics: list[str]) -> str:
    """A new lesson that passes `thinksafe check`: front matter, then headings to fill in."""
    lines = ["---", f"title: {_yaml_text(title)}",
             "summary: One or two sentences that say what this lesson is about.",
             f"audiences: [{', '.join(audiences)}]"]
    if topics:
        lines.append(f"topics: [{', '.join(topics)}]")
    lines += ["draft: true", "---", "",
              "Write a short, friendly opening here. Use short sentences.", "",
              "## What to know", "", "Say the main idea in a few short sentences.", "",
              "## Things to remember", "", "- One thing to remember.", "- Another thing to remember.", ""]
    return "\n".join(lines)


def _content(project: Project) -> Content:
    return load_content(project.docs_dir, project.site,
                        shown_as=project.shown(project.docs_dir),
                        lessons_dir=project.lessons_dir, other_title=project.other_title,
                        max_resource_bytes=project.max_resource_bytes)


def _status(lesson, project: Project) -> str:
    parts = ["draft" if lesson.draft else "published"]
    # SPEC §5: a lesson for teachers, or one with resources, has a pack.
    parts.append("pack" if "teachers" in lesson.audiences or lesson.resources else "no pack")
    if ceiling(lesson, project.site):
        measured = reading(lesson.body)
        parts.append(f"reading grade {measured.grade}" if measured else "no prose")
    return ", ".join(parts)


def _unknown_ids(option: str, values: list[str], allowed: list[str]) -> list[Problem]:
    return [Problem("(command line)", option, f"unknown id '{v}'", one_of(allowed),
                    did_you_mean(v, allowed)) for v in values if v not in allowed]


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


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
        print(f"ERROR: {problem}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
