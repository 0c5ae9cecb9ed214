"""Lesson packs: which lessons get one, what goes in, its manifest, and the key that names it."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .lessons import Lesson, megabytes
from .packzip import zip_bytes
from .pdf import RefusedFetch, render_pdf, renderer
from .printable import PrintSettings, printable_lesson
from .problems import Problem
from .siteconfig import SiteConfig

# Bump when what goes into a pack changes in a way its inputs do not show (the manifest's
# fields, the ZIP writer), so that every cached pack is made again.
PACK_FORMAT = 1
TEACHERS = "teachers"
DEFAULT_MAX_FILE_MB = 25


def wants_pack(lesson: Lesson) -> bool:
    """A lesson plan for teachers, and any lesson with resources, gets a pack."""
    return TEACHERS in lesson.audiences or bool(lesson.resources)


def pack_path(slug: str) -> str:
    """Where a lesson's pack is published, from the site's root."""
    return f"packs/{slug}.zip"


@dataclass(frozen=True)
class PackSettings:
    printing: PrintSettings
    max_file_bytes: int = DEFAULT_MAX_FILE_MB * 1_000_000
    epoch: int | None = None  # SOURCE_DATE_EPOCH, for the PDF's dates and the entries' times


@dataclass
class PackPlan:
    """Everything that goes into one lesson's pack, read but not yet made into a ZIP."""

    lesson: Lesson
    folder: Path  # the lesson's own folder, resolved
    html: str
    files: dict[str, Path]  # 'resources/…' and 'images/…' → the file in the lesson's folder
    linked: list[str] = field(default_factory=list)  # content paths the lesson links to


class PackError(Exception):
    """A pack could not be made; carries the Problem to report."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def epoch_from(environ: Mapping[str, str]) -> tuple[int | None, list[Problem]]:
    """SOURCE_DATE_EPOCH from the environment: None when unset, a Problem when not a number."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None, []
    if value.isdigit():
        return int(value), []
    return None, [Problem("(environment)", "SOURCE_DATE_EPOCH", f"got '{value}'",
                          "a whole number of seconds since 1970-01-01 UTC, such as 1700000000",
                          "set it to a number or unset it")]


def plan_pack(lesson: Lesson, docs_dir: Path, site: SiteConfig, settings: PackSettings,
              url_for: Callable[[str], str | None]) -> tuple[PackPlan, list[Problem]]:
    """Render the lesson's printable copy and gather its files; name every file that may not go in."""
    printable = printable_lesson(lesson, docs_dir, site, settings.printing, url_for)
    folder = (Path(docs_dir) / lesson.folder).resolve()
    files, problems = {}, []
    for index, resource in enumerate(lesson.resources):
        path = _inside(folder, resource)
        if path is None:  # load_lessons refuses these first; this keeps a pack safe on its own
            problems.append(Problem(lesson.path, f"resources[{index}]",
                                    f"'{resource}' is not a file inside the lesson's folder",
                                    "a path inside the lesson's own folder"))
        else:
            files["resources/" + resource] = path
    for name, path in printable.images.items():
        if "resources/" + name.removeprefix("images/") not in files:
            files[name] = path
            problems += _too_large(lesson, name, path, settings.max_file_bytes)
    return PackPlan(lesson, folder, printable.html, files, printable.linked), problems


def _inside(folder: Path, relative: str) -> Path | None:
    """The file at `relative` when it is really inside `folder` (links followed), else None."""
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or re.match(r"^[A-Za-z]:", relative):
        return None
    path = (folder / pure).resolve()
    return path if path.is_relative_to(folder) and path.is_file() else None


def _too_large(lesson: Lesson, name: str, path: Path, limit: int) -> list[Problem]:
    size = path.stat().st_size
    if size <= limit:
        return []
    return [Problem(lesson.path, f"picture '{name.removeprefix('images/')}'",
                    f"is {megabytes(size)}, too large for a lesson pack", f"at most {megabytes(limit)} a file",
                    "make the picture smaller, or raise 'pack_max_file_mb' under the thinksafe "
                    "plugin in mkdocs.yml")]


def about(lesson: Lesson, settings: PackSettings) -> dict:
    """The lesson's details as the manifest gives them."""
    return {
        "slug": lesson.slug, "title": lesson.title, "summary": lesson.summary,
        "audiences": list(lesson.audiences), "topics": list(lesson.topics),
        "duration": lesson.duration, "objectives": list(lesson.objectives),
        "site": settings.printing.site_name, "licence": settings.printing.licence,
    }


def pack_key(plan: PackPlan, settings: PackSettings) -> str:
    """A hash of everything that goes into the pack: same key, same bytes."""
    material = {
        "format": PACK_FORMAT, "renderer": renderer(), "epoch": settings.epoch,
        "about": about(plan.lesson, settings), "html": _sha256(plan.html.encode("utf-8")),
        "files": {name: _file_sha256(path) for name, path in sorted(plan.files.items())},
    }
    return _sha256(json.dumps(material, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def build_pack(plan: PackPlan, settings: PackSettings) -> bytes:
    """The pack's ZIP: lesson.html, lesson.pdf, the lesson's files, and manifest.json."""
    try:
        pdf = render_pdf(plan.html, plan.folder, settings.epoch)
    except RefusedFetch as error:
        raise PackError(Problem(plan.lesson.path, "(lesson pack)", f"lesson.pdf would load {error}",
                                "a lesson that uses only its own files",
                                "remove the reference or copy the file into the lesson's folder"))
    entries = {"lesson.html": plan.html.encode("utf-8"), "lesson.pdf": pdf}
    entries.update({name: path.read_bytes() for name, path in plan.files.items()})
    entries["manifest.json"] = manifest_json(plan.lesson, settings, entries)
    return zip_bytes(entries, settings.epoch)


def manifest_json(lesson: Lesson, settings: PackSettings, entries: dict[str, bytes]) -> bytes:
    """manifest.json: the lesson's details and every other file with its size and SHA-256."""
    files = [{"path": name, "size": len(data), "sha256": _sha256(data)}
             for name, data in sorted(entries.items())]
    manifest = {"format": PACK_FORMAT, **about(lesson, settings), "files": files}
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_limit(enabled: bool, limit_mb: object) -> int | None:
    """The cap in bytes on each file of a pack (the setting is in MB); None when packs are off."""
    if not enabled or isinstance(limit_mb, bool) or not isinstance(limit_mb, (int, float)) or limit_mb <= 0:
        return None
    return int(limit_mb * 1_000_000)
