"""Lessons: reading every lesson file and checking every rule of its front matter."""

from __future__ import annotations

import errno
import functools
import hashlib
import math
import os
import posixpath
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from thinksafe.core.model import frontmatter
from thinksafe.core.model.plugin_settings import DEFAULTS
from thinksafe.core.model.provenance import Source, check_reviewed, check_sources
from thinksafe.core.model.settings import SiteConfig
from thinksafe.core.model.slugs import slugify
from thinksafe.core.problems import Problem, describe, did_you_mean, one_of, shown

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEYS = ["title", "summary", "audiences", "topics", "order", "duration", "objectives",
        "resources", "draft", "reviewed", "sources"]
REQUIRED = ["title", "summary", "audiences"]
MAX_LENGTH = {"title": 120, "summary": 300}
MAX_SLUG = 200  # the names made from it ("<slug>.zip", the cache's) must fit in 255 bytes


@dataclass
class Lesson:
    slug: str
    src: str  # path inside the content folder, with '/' separators
    path: str  # path shown to maintainers, relative to the repository
    title: str
    summary: str
    audiences: list[str]
    topics: list[str] = field(default_factory=list)
    order: int | None = None
    duration: int | None = None
    objectives: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)
    draft: bool = False
    reviewed: str | None = None  # 'YYYY-MM-DD': when the advice was last checked against its sources
    sources: list[Source] = field(default_factory=list)
    reviewed_line: int | None = None  # the file line of `reviewed`, for its warnings
    body: str = ""
    body_line: int = 1  # the file line on which the body starts

    @property
    def folder(self) -> str:
        """The lesson's own folder inside the content folder."""
        return posixpath.dirname(self.src)

    @property
    def canonical_audience(self) -> str:
        return self.audiences[0]

    def sort_key(self) -> tuple:
        return (self.order is None, self.order or 0, self.title.casefold(), self.slug)


class CheckedLessons(Protocol):
    """Lessons found without problems by an earlier build, by their file's bytes and what their
    checks read (core/checks/kept.py): each a `lesson_record`."""

    def lesson_settings(self, *settings: object) -> str: ...

    def lesson_key(self, settings: str, src: str, path: str, sha256: str) -> str: ...

    def take_lesson(self, key: str) -> dict | None: ...

    def keep_lesson(self, key: str, record: dict) -> None: ...


def is_lesson_source(src: str, lessons_dir: str) -> bool:
    return src.startswith(lessons_dir.rstrip("/") + "/") and src.endswith(".md")


@functools.lru_cache(maxsize=4096)  # most lessons share a folder; a path's resolution is many lstats
def real_folder(docs_dir: Path, folder: str) -> Path:
    """A lesson's folder inside the content folder, links resolved (found again each build:
    `load_content` forgets them)."""
    return (Path(docs_dir) / folder).resolve()


def slug_for(src: str) -> str:
    """`lessons/a/strong-passwords.md` and `lessons/strong-passwords/index.md` are both `strong-passwords`."""
    stem = posixpath.splitext(posixpath.basename(src))[0]
    return posixpath.basename(posixpath.dirname(src)) if stem == "index" else stem


def load_lessons(
    docs_dir: Path, sources: list[str], site: SiteConfig, *, shown_as: str = "",
    lessons_dir: str = DEFAULTS.lessons_dir, max_resource_bytes: int | None = None,
    load: frontmatter.MappingLoader | None = None, checked: CheckedLessons | None = None,
) -> tuple[list[Lesson], list[Problem]]:
    """Read and check every lesson; return the good ones and every problem of every file.

    `max_resource_bytes` caps each resource (it goes into a lesson pack); None: no cap.
    `load` reads each front matter block's YAML (see `frontmatter.parse`). `checked`: the
    lessons an earlier build found without problems, taken for each file whose bytes are the
    same (its resources are checked again: they are other files); None keeps nothing.
    """
    lessons: list[Lesson] = []
    problems: list[Problem] = []
    first_by_slug: dict[str, str] = {}  # slug -> the first file that has it, as shown
    # All that a lesson's checks read besides its file (and its resources, checked in every build).
    settings = checked.lesson_settings(lessons_dir, site.audience_ids, site.topic_ids) if checked else ""
    for src in sorted(sources):
        path = posixpath.join(shown_as, src) if shown_as else src
        lesson, found = _load_one(Path(docs_dir), src, path, site, lessons_dir, max_resource_bytes, load,
                                  checked, settings)
        problems += found
        if lesson is None:
            continue
        if lesson.slug in first_by_slug:
            problems.append(Problem(
                path, "(file name)", f"the lesson name '{lesson.slug}' is already used by "
                f"{first_by_slug[lesson.slug]}", "a name used by one lesson only",
                "rename this file or folder"))
            continue
        first_by_slug[lesson.slug] = path
        lessons.append(lesson)
    return lessons, problems


def _load_one(docs_dir, src, path, site, lessons_dir, max_bytes, load=None, checked=None,
              settings="") -> tuple[Lesson | None, list[Problem]]:
    raw = (docs_dir / src).read_bytes()
    key = checked.lesson_key(settings, src, path, hashlib.sha256(raw).hexdigest()) if checked else None
    record = checked.take_lesson(key) if key is not None else None
    if record is not None:
        kept = _kept_lesson(docs_dir, src, path, raw, record, max_bytes)
        if kept is not None:
            return kept
    problems = _check_slug(src, path, lessons_dir)
    try:
        parsed = frontmatter.parse(frontmatter.decode(raw), load)
    except frontmatter.FrontMatterError as error:
        return None, problems + [error.problem(path)]
    checker = _Checker(path, parsed.key_lines, problems)
    values = checker.check(parsed.data, site)
    listed = values.get("resources", [])
    values["resources"] = checker.resources(listed, docs_dir, src, max_bytes)
    if problems:
        return None, problems
    lesson = Lesson(slug=slug_for(src), src=src, path=path, body=parsed.body,
                    body_line=parsed.body_line, **values)
    if key is not None:
        checked.keep_lesson(key, lesson_record(lesson, listed, parsed.key_lines))
    return lesson, []


def lesson_record(lesson: Lesson, listed: list[str], key_lines: dict[str, int]) -> dict:
    """What a lesson found without problems is kept as, in plain JSON: its front matter as
    checked (its resources as listed, before the files were looked at), each key's line (for
    the resources' messages) and where its body starts."""
    return {"title": lesson.title, "summary": lesson.summary, "audiences": list(lesson.audiences),
            "topics": list(lesson.topics), "order": lesson.order, "duration": lesson.duration,
            "objectives": list(lesson.objectives), "resources": list(listed), "draft": lesson.draft,
            "reviewed": lesson.reviewed, "reviewed_line": lesson.reviewed_line,
            "sources": [[source.title, source.url] for source in lesson.sources],
            "key_lines": dict(key_lines), "body_chars": len(lesson.body), "body_line": lesson.body_line}


def _kept_lesson(docs_dir, src, path, raw, record, max_bytes) -> tuple[Lesson | None, list[Problem]] | None:
    """The lesson as kept (`lesson_record`) from the same bytes, its resources checked again;
    None when the record no longer holds (its `reviewed` date now has a problem: the clock
    went back) or cannot be (a body longer than the file), so the lesson is read again."""
    problems: list[Problem] = []
    if record["reviewed"] is not None and check_reviewed(record["reviewed"], _no_problem) is None:
        return None
    checker = _Checker(path, dict(record["key_lines"]), problems)
    resources = checker.resources(list(record["resources"]), docs_dir, src, max_bytes)
    if problems:
        return None, problems
    text = raw.decode("utf-8-sig")  # the same bytes as were read without a mistake
    body_chars = record["body_chars"]
    if body_chars > len(text):  # a damaged record
        return None
    return Lesson(slug=slug_for(src), src=src, path=path, title=record["title"], summary=record["summary"],
                  audiences=list(record["audiences"]), topics=list(record["topics"]), order=record["order"],
                  duration=record["duration"], objectives=list(record["objectives"]), resources=resources,
                  draft=record["draft"], reviewed=record["reviewed"], reviewed_line=record["reviewed_line"],
                  sources=[Source(title, url) for title, url in record["sources"]],
                  body=text[len(text) - body_chars:] if body_chars else "", body_line=record["body_line"]), []


def _no_problem(*_args: object) -> None:
    """An `Add` for `check_reviewed` that drops the problem: its None result says there was one."""


def lesson_text_problems(raw: bytes, src: str, path: str, site: SiteConfig,
                         lessons_dir: str = DEFAULTS.lessons_dir) -> list[Problem]:
    """What the checks would find in a lesson file holding `raw` at `src` (its resources aside):
    `thinksafe new` writes no lesson they reject."""
    problems = _check_slug(src, path, lessons_dir)
    try:
        parsed = frontmatter.parse(frontmatter.decode(raw))
    except frontmatter.FrontMatterError as error:
        return problems + [error.problem(path)]
    _Checker(path, parsed.key_lines, problems).check(parsed.data, site)
    return problems


def _check_slug(src: str, path: str, lessons_dir: str) -> list[Problem]:
    slug = slug_for(src)
    if src == lessons_dir.rstrip("/") + "/index.md":  # its name would be the folder's, 'lessons'
        return [Problem(path, "(file name)", f"'{lessons_dir}/index.md' cannot be a lesson",
                        "lessons named '<name>.md' or '<name>/index.md'",
                        "move its words to a page outside the lessons folder")]
    if slug == "index":  # its copies would be at each audience's own landing page's address
        return [Problem(path, "(file name)", "'index' cannot be a lesson's name: it is the address "
                        "of each audience's own page", "any other name",
                        "rename the folder, for example to 'introduction'")]
    if len(slug) > MAX_SLUG:  # the pack 'slug.zip' and other names made from it must fit
        return [Problem(path, "(file name)", f"the lesson's name '{slug[:20]}…' is {len(slug)} "
                        "characters long", f"at most {MAX_SLUG} characters",
                        f"rename it to '{slugify(slug)[:MAX_SLUG].strip('-')}'")]
    if SLUG_PATTERN.match(slug):
        return []
    better = slugify(slug) or "my-lesson"
    return [Problem(path, "(file name)", f"'{slug}' cannot be part of a web address",
                    "lower-case letters, digits and single hyphens", f"rename it to '{better}'")]


class _Checker:
    """Checks one lesson's front matter, adding a Problem for every broken key."""

    def __init__(self, path: str, key_lines: dict[str, int], problems: list[Problem]):
        self.path, self.key_lines, self.problems = path, key_lines, problems

    def add(self, key: str, message: str, expected: str = "", suggestion: str = "") -> None:
        line = self.key_lines.get(key.split("[")[0])
        self.problems.append(Problem(self.path, key, message, expected, suggestion, line))

    def check(self, data: dict, site: SiteConfig) -> dict:
        for key in data:
            if key not in KEYS:
                self.add(str(key), "is not a lesson setting", one_of(KEYS),
                         did_you_mean(key, KEYS) or "remove it")
        for key in REQUIRED:
            if key not in data:
                self.problems.append(Problem(self.path, key, "is missing", self._example(key, site),
                                             f"add a line '{key}: …' to the front matter", 1))
        values: dict[str, object] = {}
        for key in ("title", "summary"):
            if key in data:
                values[key] = self.text(key, data[key])
        for key in ("order", "duration"):
            if key in data:
                values[key] = self.integer(key, data[key], minimum=None if key == "order" else 1)
        if "audiences" in data:
            values["audiences"] = self.ids("audiences", data["audiences"], site.audience_ids, True)
        if "topics" in data:
            values["topics"] = self.ids("topics", data["topics"], site.topic_ids, False)
        if "objectives" in data:
            values["objectives"] = self.texts("objectives", data["objectives"])
        if "resources" in data:
            values["resources"] = self.texts("resources", data["resources"])
        if "draft" in data:
            values["draft"] = data["draft"]
            if not isinstance(data["draft"], bool):
                self.add("draft", f"got {describe(data['draft'])}", "true or false")
        if "reviewed" in data:
            values["reviewed"] = check_reviewed(data["reviewed"], self.add)
            values["reviewed_line"] = self.key_lines.get("reviewed")
        if "sources" in data:
            values["sources"] = check_sources(data["sources"], self.add)
        return values

    def _example(self, key: str, site: SiteConfig) -> str:
        if key == "audiences":
            return f"a list of audiences, such as 'audiences: [{site.audience_ids[0]}]'"
        return "some text"

    def text(self, key: str, value: object, limit: int | None = None) -> str:
        limit = limit or MAX_LENGTH.get(key)
        if not isinstance(value, str):
            self.add(key, f"got {describe(value)}", "text",
                     "put the text in quotes" if value is not None else "write the text after the colon")
            return ""
        if not value.strip():
            self.add(key, "is empty", "some text")
        elif not visible(value):
            self.add(key, "has only invisible or control characters, so it would show as nothing",
                     "words a reader can see", "write the words, or remove the invisible characters")
        elif limit and len(value) > limit:
            self.add(key, f"is {len(value)} characters long", f"at most {limit} characters",
                     "shorten it")
        return value.strip()

    def integer(self, key: str, value: object, minimum: int | None) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(key, f"got {describe(value)}", "a whole number without quotes, such as 30")
            return None
        if minimum is not None and value < minimum:
            self.add(key, f"is {value}", f"a whole number of at least {minimum}")
        return value

    def _list(self, key: str, value: object, required: bool) -> list:
        if isinstance(value, str):
            self.add(key, f"got {describe(value)}", "a list", f"write '{key}: [{value}]'")
            return []
        if not isinstance(value, list):
            self.add(key, f"got {describe(value)}", "a list, such as [a, b]")
            return []
        if not value:
            self.add(key, "is an empty list", "at least one entry",
                     "add an entry" + ("" if required else f" or remove the '{key}' line"))
        return value

    def ids(self, key: str, value: object, allowed: list[str], required: bool) -> list[str]:
        result = []
        for index, item in enumerate(self._list(key, value, required)):
            item_text = str(item) if isinstance(item, (str, int)) and not isinstance(item, bool) else None
            if item_text not in allowed:
                hint = did_you_mean(item, allowed) if item_text else ""
                self.add(f"{key}[{index}]", f"unknown {key[:-1]} {describe(item)}",
                         one_of(allowed), hint)
            elif item_text in result:
                self.add(f"{key}[{index}]", f"'{item_text}' is listed twice", "each once")
            else:
                result.append(item_text)
        return result

    def texts(self, key: str, value: object) -> list[str]:
        result = []
        for index, item in enumerate(self._list(key, value, False)):
            if not isinstance(item, str) or not item.strip():
                self.add(f"{key}[{index}]", f"got {describe(item)}", "some text")
            else:
                result.append(item.strip())
        return result

    def resources(self, resources: list[str], docs_dir: Path, src: str,
                  max_bytes: int | None = None) -> list[str]:
        """Keep each resource inside the lesson's own folder (no '..', no absolute path, no way
        out) and, when `max_bytes` is given, no larger than that."""
        if not resources:
            return resources
        folder = (docs_dir / posixpath.dirname(src)).resolve()
        kept: list[str] = []
        first: dict[str, int] = {}  # each file -> the first resource that names it
        for index, resource in enumerate(resources):
            key = f"resources[{index}]"
            parts = resource.replace("\\", "/").split("/")
            # './a.txt' is 'a.txt': one file, packed once, as 'resources/a.txt'.
            same = posixpath.normpath(resource.replace("\\", "/"))
            if any(unicodedata.category(c) == "Cc" for c in resource):
                self.add(key, f"{shown(resource)} holds a control character (such as NUL or a line "
                         "break), which no file name should", "a file name of letters, digits, "
                         "spaces, '-', '_' and '.'", "retype the name")
                continue
            if same in first:
                self.add(key, f"'{resource}' is the same file as resources[{first[same]}]",
                         "each file once", "delete one of the two")
                continue
            first[same] = index
            kept.append(same if ".." not in parts else resource)
            if resource.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", resource):
                self.add(key, f"'{resource}' is an absolute path",
                         "a path inside the lesson's own folder, such as 'worksheet.pdf'")
            elif ".." in parts:
                self.add(key, f"'{resource}' leads outside the lesson's folder",
                         "a path inside the lesson's own folder",
                         "move the file into the lesson's folder")
            else:
                self._check_resource_file(key, resource, folder, max_bytes)
        return kept

    def _check_resource_file(self, key: str, resource: str, folder: Path,
                             max_bytes: int | None) -> None:
        target = folder / resource
        try:
            real = target.resolve()
            kind = target.stat().st_mode if target.exists() else None
        except (OSError, RuntimeError) as error:  # a link to itself; a name too long
            self.add(key, f"'{resource}' cannot be read: {_reason(error)}",
                     "a real file inside the lesson's own folder", "replace it with the file itself")
            return
        if not real.is_relative_to(folder):
            self.add(key, f"'{resource}' is a link that leads outside the lesson's folder",
                     "a real file inside the lesson's own folder", "copy the file in instead")
        elif kind is not None and not stat.S_ISREG(kind):
            what = "a folder" if stat.S_ISDIR(kind) else "a named pipe, socket or device"
            self.add(key, f"'{resource}' is not a regular file (it is {what})",
                     "a file inside the lesson's own folder", "list the file itself")
        elif not target.is_file():
            hint = did_you_mean(resource, _files_in(folder))
            self.add(key, f"'{resource}' does not exist", "a file inside the lesson's own folder",
                     hint or f"add the file to {folder.name}/ or fix the name")
        elif max_bytes is not None and target.stat().st_size > max_bytes:
            self.add(key, f"'{resource}' is {megabytes(target.stat().st_size)}, too large for a "
                     "lesson pack", f"at most {megabytes(max_bytes)} a file",
                     "make the file smaller, or raise 'pack_max_file_mb' under the thinksafe "
                     "plugin in mkdocs.yml")


def _reason(error: BaseException) -> str:
    """Why a path cannot be followed, in words."""
    if isinstance(error, RuntimeError) or getattr(error, "errno", None) == errno.ELOOP:
        return "it is a link that leads back to itself (a loop)"
    if getattr(error, "errno", None) == errno.ENAMETOOLONG:
        return "its name is too long for the file system"
    return error.strerror or str(error) if isinstance(error, OSError) else str(error)


def megabytes(size: int) -> str:
    """A size as a maintainer reads it, in the unit of `pack_max_file_mb`: '30.2 MB', '0.0015 MB'
    (1 MB = 1,000,000 bytes; never '7.9e-05 MB')."""
    if size >= 100_000:
        return f"{size / 1_000_000:.1f} MB"
    if size <= 0:
        return "0 MB"
    decimals = 2 - math.floor(math.log10(size / 1_000_000))  # three significant digits
    return f"{size / 1_000_000:.{decimals}f}".rstrip("0").rstrip(".") + " MB"


def _files_in(folder: Path) -> list[str]:
    found = []
    for root, _dirs, names in os.walk(folder):
        for name in names:
            found.append(Path(root, name).relative_to(folder).as_posix())
    return found


# Letters that take up no room on screen, though Unicode files them as letters or symbols.
_BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800", "\u180e"}


def visible(text: str) -> bool:
    """Whether `text` shows anything: a character other than spaces, controls, formatting
    (such as a zero-width space), lone combining marks and blank letters."""
    return any(unicodedata.category(c)[0] not in "CZ" and unicodedata.category(c) not in ("Mn", "Me")
               and c not in _BLANK_LETTERS for c in text)
