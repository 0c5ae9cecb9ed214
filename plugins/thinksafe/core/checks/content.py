"""A content folder read as a whole: every lesson, the site model, and every problem in it."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from thinksafe.core.html.check import markdown_problems, published_mode, published_problems
from thinksafe.core.model import frontmatter
from thinksafe.core.model.addresses import unusable_in
from thinksafe.core.model.lessons import CheckedLessons, Lesson, is_lesson_source, load_lessons, real_folder
from thinksafe.core.model.navigation import SiteModel
from thinksafe.core.model.paths import landing_src
from thinksafe.core.model.settings import SiteConfig
from thinksafe.core.problems import Problem, TextMemo, fresh


@dataclass
class Content:
    model: SiteModel
    sources: list[str]  # every lesson file, drafts included, relative to the content folder
    drafts: list[Lesson] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  # every other Markdown page
    files: frozenset[str] = frozenset()  # every file in the content folder, as MkDocs sees it


def load_content(docs_dir: Path, site: SiteConfig, *, shown_as: str, lessons_dir: str = "lessons",
                 other_title: str = "More lessons", max_resource_bytes: int | None = None,
                 load: frontmatter.MappingLoader | None = None, checked: CheckedLessons | None = None) -> Content:
    """Read every lesson under `docs_dir` once, and check the folder for anything unsafe.

    `max_resource_bytes` caps each lesson resource (they go into lesson packs); None: no cap.
    `load` reads each lesson's front matter YAML (`frontmatter.load_mapping`, or a cache of it);
    `checked`: the lessons an earlier build found without problems (see `load_lessons`).
    """
    docs_dir = Path(docs_dir)
    real_folder.cache_clear()  # links may have changed since the last build (`mkdocs serve`)
    every, linked, hidden, odd = _walk(docs_dir)  # the folder is read once for all that follows
    sources = sorted(path for path in every if is_lesson_source(path, lessons_dir))
    pages = sorted(path for path in every if path.endswith(".md") and not is_lesson_source(path, lessons_dir))
    lessons, problems = load_lessons(docs_dir, sources, site, shown_as=shown_as,
                                     lessons_dir=lessons_dir, max_resource_bytes=max_resource_bytes,
                                     load=load, checked=checked)
    drafts = [lesson for lesson in lessons if lesson.draft]
    model = SiteModel(site, [l for l in lessons if not l.draft], drafts=drafts,
                      other_title=other_title)
    files = frozenset(every)
    problems += stray_lessons(every, hidden, lessons, lessons_dir, shown_as)
    problems += files_leaving(docs_dir, linked, shown_as) + clashes(files, model, shown_as)
    problems += published_html(docs_dir, every, shown_as)
    problems += [Problem(f"{shown_as}/{path}", "(file)", reason, expected, fix)
                 for path, (reason, expected, fix) in odd]
    problems += drafts_as_resources(docs_dir, lessons, shown_as)
    return Content(model, sources, drafts, problems, pages, files)


def keep_last_good(content: Content, last_good: dict[str, Lesson], site: SiteConfig, *,
                   other_title: str = "More lessons") -> Content:
    """The content with each lesson that failed to load replaced by its last good version."""
    loaded = {l.src for l in content.model.lessons + content.drafts}
    kept = [last_good[src] for src in content.sources if src not in loaded and src in last_good]
    lessons = content.model.lessons + [l for l in kept if not l.draft]
    drafts = content.drafts + [l for l in kept if l.draft]
    model = SiteModel(site, lessons, drafts=drafts, other_title=other_title)
    return Content(model, content.sources, drafts, [], content.pages, content.files)


# The endings MkDocs reads as Markdown pages, whatever the letters' case says about others.
MARKDOWN_ENDINGS = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")


def stray_lessons(every: list[str], hidden: list[str], lessons: list[Lesson], lessons_dir: str,
                  shown_as: str) -> list[Problem]:
    """Markdown under the lessons folder that would not be read as a lesson, so would vanish:
    a file ending in '.markdown' or '.MD' (MkDocs would publish it as a stray page or a raw
    file), or a hidden one ('.name.md'). A lesson's declared resources are left alone."""
    prefix = lessons_dir.rstrip("/") + "/"
    resources = {posixpath.normpath(posixpath.join(lesson.folder, resource))
                 for lesson in lessons for resource in lesson.resources}
    return [_misnamed(f"{shown_as}/{path}", path) for path in every
            if path.startswith(prefix) and _markdown(path) and not path.endswith(".md")
            and path not in resources] + \
        [_hidden(f"{shown_as}/{path}", posixpath.basename(path)) for path in hidden
         if path.startswith(prefix) and _markdown(path)
         # '.#name.md' is the lock file Emacs keeps beside a file being edited: not a lesson.
         and not posixpath.basename(path).startswith(".#")]


def _markdown(path: str) -> bool:
    name = posixpath.basename(path).lower()
    return name.endswith(MARKDOWN_ENDINGS) and name not in MARKDOWN_ENDINGS


def _misnamed(shown: str, path: str) -> Problem:
    renamed = posixpath.splitext(posixpath.basename(path))[0] + ".md"
    return Problem(shown, "(file name)", "is Markdown, but only files ending in '.md' are read as "
                   "lessons, so this one would be in no audience", "a lesson file named '<slug>.md'",
                   f"rename it to '{renamed}'")


def _hidden(shown: str, name: str) -> Problem:
    renamed = posixpath.splitext(name.lstrip("."))[0] + ".md"
    return Problem(shown, "(file name)", "starts with '.', so the file is hidden and would be "
                   "neither read as a lesson nor published", "a lesson file name that does not "
                   "start with '.'", f"rename it to '{renamed}'; to keep a lesson out of the site "
                   "for now, give it 'draft: true' instead")


def published_html(docs_dir: Path, paths: list[str], shown_as: str) -> list[Problem]:
    """HTML and SVG files the site publishes as they are (worksheets, drawings), checked
    against the allow-list of HTML, as a lesson's own HTML is."""
    problems = []
    for path in paths:
        mode = published_mode(path)
        if mode is None:
            continue
        try:
            data = (docs_dir / path).read_bytes()
        except OSError as error:
            problems.append(Problem(f"{shown_as}/{path}", "(file)", f"cannot be read ({error.strerror})",
                                    "a readable file", "check the file's permissions"))
            continue
        problems += published_problems(f"{shown_as}/{path}", data, mode)
    return problems


def files_leaving(docs_dir: Path, paths: list[str], shown_as: str) -> list[Problem]:
    """A link in the content folder that leads outside it would publish a file from elsewhere."""
    inside = docs_dir.resolve()
    return [
        Problem(f"{shown_as}/{path}", "(file)",
                "is a link to a file outside the content folder, which would be published",
                "a real file inside the content folder", "copy the file in instead of linking to it")
        for path in paths
        if not Path(os.path.realpath(docs_dir / path)).is_relative_to(inside)
    ]


def clashes(files: frozenset[str], model: SiteModel, shown_as: str) -> list[Problem]:
    """A page of the author's own at an address ThinkSafe generates would be silently replaced."""
    return [
        Problem(f"{shown_as}/{src}", "(file name)",
                f"this page has the same address as the lesson '{lesson.slug}' for audience '{audience}'",
                f"no page of your own inside an audience's folder, apart from {landing_src(audience)}",
                "move or rename this page")
        for src, (lesson, audience) in model.copies().items()
        if src in files
    ]


def drafts_as_resources(docs_dir: Path, lessons: list[Lesson], shown_as: str) -> list[Problem]:
    """A draft's own file listed as another lesson's resource would publish its unpublished words
    in that lesson's pack."""
    drafts = {os.path.realpath(Path(docs_dir) / d.src): d for d in lessons if d.draft}
    problems = []
    for lesson in lessons:
        for index, resource in enumerate(lesson.resources):
            draft = drafts.get(os.path.realpath(Path(docs_dir) / lesson.folder / resource))
            if draft is not None and draft is not lesson:
                problems.append(Problem(
                    lesson.path, f"resources[{index}]", f"'{resource}' is the draft lesson "
                    f"{draft.path}, which would be published in this lesson's pack",
                    "a worksheet or picture, not a lesson's own file",
                    "remove it from the list, or publish the draft first"))
    return problems


Odd = tuple[str, str, str]  # what is wrong with a file MkDocs cannot publish, what to have, the fix
_LOOP: Odd = ("is a link to a folder that holds it, so it would be published inside itself "
              "without end", "folders without links back to themselves", "delete the link")
_BROKEN: Odd = ("is a link that leads nowhere (to itself, in a loop, or to nothing)",
                "a real file", "delete the link or replace it with the file itself")
_SPECIAL: Odd = ("is not a regular file (it is a named pipe, socket or device), which the build "
                 "would wait on for ever", "only regular files and folders", "delete it")


def _walk(docs_dir: Path) -> tuple[list[str], list[str], list[str], list[tuple[str, Odd]]]:
    """Every file under the content folder (links followed, as MkDocs follows them; hidden names
    left out), those of them reached through a link, which alone can lead outside it, the
    hidden files in the folders walked (not inside hidden folders, which may be any tool's),
    and what MkDocs could not publish: links in a loop or to nothing, links to a folder above
    (MkDocs would copy it inside itself until names grow too long), pipes and devices."""
    found: list[str] = []
    linked: list[str] = []
    hidden: list[str] = []
    odd: list[tuple[str, Odd]] = []

    def visit(folder: str, real: str, prefix: str, through_link: bool, above: frozenset) -> None:
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.startswith("."):
                    if not entry.is_dir():
                        hidden.append(prefix + entry.name)
                    continue
                link = entry.is_symlink()
                path, via = prefix + entry.name, through_link or link
                try:
                    is_dir, is_file = entry.is_dir(), entry.is_file()
                except OSError:  # a name too long to follow
                    is_dir = is_file = False
                if is_dir:
                    inner = os.path.realpath(entry.path) if link else os.path.join(real, entry.name)
                    if inner in above:  # a link back to a folder above would never end
                        odd.append((path, _LOOP))
                    else:
                        visit(entry.path, inner, path + "/", via, above | {inner})
                elif not is_file:
                    odd.append((path, _BROKEN if link else _SPECIAL))
                else:
                    found.append(path)
                    if via:
                        linked.append(path)

    root = os.path.realpath(docs_dir)
    visit(str(docs_dir), root, "", False, frozenset({root}))
    return found, linked, hidden, odd


def page_texts(docs_dir: Path, pages: list[str], shown_as: str) -> list[tuple[str, str, int]]:
    """Each other Markdown page (see `Content.pages`) as the checks read it: its path as shown,
    its text after any front matter, and that text's first line number."""
    texts = []
    for src in pages:
        text = (Path(docs_dir) / src).read_text(encoding="utf-8", errors="replace")
        head, body = frontmatter.split_block(text)
        texts.append((f"{shown_as}/{src}", body, head.count("\n") + 1))
    return texts


def address_problems(lessons: list[Lesson], pages: list[tuple[str, str, int]],
                     memo: TextMemo = fresh) -> list[Problem]:
    """In the lessons and the other pages (as `page_texts` gives them): link addresses that
    cannot be read, and HTML, links, pictures and attributes off the allow-list (anything that
    would load from another host or run a script among them). `memo`: each text's, kept or found."""
    texts = [(lesson.path, lesson.body, lesson.body_line) for lesson in lessons] + pages
    return [problem for text in texts for problem in memo("addresses", text, partial(_addresses_in, text))]


def _addresses_in(text: tuple[str, str, int]) -> list[Problem]:
    return unusable_in(*text) + markdown_problems(*text)
