"""Lesson packs: which lessons get one, what goes in, its manifest, and the key that names it."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, entry_points, version
from pathlib import Path, PurePosixPath

import markdown

from . import lessons as _lessons_module
from . import offline_html as _offline_html_module
from . import packzip as _packzip_module
from . import pdf as _pdf_module
from . import printable as _printable_module
from . import siteconfig as _siteconfig_module
from .lessons import Lesson, megabytes
from .offline_html import make_offline
from .packzip import zip_bytes
from .pdf import RefusedFetch, render_pdf, renderer
from .printable import PrintSettings, printable_lesson
from .problems import Problem
from .siteconfig import SiteConfig

# Bump when what goes into a pack changes in a way its inputs do not show (the manifest's
# fields, the ZIP writer), so that every cached pack is made again.
PACK_FORMAT = 1
# Bump when what a plan's record holds, or what it is checked against, changes.
RECORD_FORMAT = 1
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
    """Everything that goes into one lesson's pack, read but not yet made into a ZIP.

    `html` is None when the plan was made from the cache's record without rendering the printable
    copy (see `plan_pack`): then `html_sha256` is the hash of the copy the record vouches for, and
    `replan` renders it, for when the pack must be made after all.
    """

    lesson: Lesson
    folder: Path  # the lesson's own folder, resolved
    html: str | None
    files: dict[str, Path]  # 'resources/…' and 'images/…' → the file in the lesson's folder
    linked: list[str] = field(default_factory=list)  # content paths the lesson links to
    html_sha256: str = ""
    record: dict | None = None  # what the printable copy was made from, for the cache; None: no record
    replan: Callable[[], PackPlan] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self):
        if self.html is not None:
            self.html_sha256 = _sha256(self.html.encode("utf-8"))

    def __getstate__(self):  # `replan` is a closure over the build: it stays in this process
        return {**self.__dict__, "replan": None}


class PackError(Exception):
    """A pack could not be made; carries the Problem to report."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))

    def __reduce__(self):  # so that it crosses from a worker process intact
        return (PackError, (self.problem,))


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
              url_for: Callable[[str], str | None], *,
              recorded: Sequence[dict] = ()) -> tuple[PackPlan, list[Problem]]:
    """Render the lesson's printable copy and gather its files; name every file that may not go in.

    `recorded`: records of earlier builds for this lesson (`PackPlan.record`, as the cache keeps
    them). A record vouches for a printable copy without rendering it when everything the copy is
    made from still matches: the lesson as read, the site's and the packs' settings, the Markdown
    extensions (only those that read no file of their own), the code that makes the copy, the
    libraries' and Python's versions, and, asked again, the address of every page the lesson
    links to and the bytes of every picture it shows. Then the plan has `html` None. Otherwise,
    and whenever a record cannot be read or checked, the copy is rendered as without a record.
    The lesson's files are gathered and checked either way, so every problem is still found.
    """
    inputs = _inputs(lesson, site, settings)
    if inputs is not None:
        for record in recorded:
            replayed = _replay(record, inputs, lesson, docs_dir, settings, url_for)
            if replayed is not None:
                plan, problems = replayed
                plan.record = record
                plan.replan = lambda: plan_pack(lesson, docs_dir, site, settings, url_for)[0]
                return plan, problems
    printable = printable_lesson(lesson, docs_dir, site, settings.printing, url_for)
    plan, problems = _assemble(lesson, docs_dir, settings, printable.html, printable.images, printable.linked)
    if inputs is not None:
        calls = _trace(lesson, docs_dir, site, settings.printing, url_for, printable)
        if calls is not None:
            plan.record = {"inputs": inputs, "calls": calls, "html": plan.html_sha256}
    return plan, problems


def _assemble(lesson: Lesson, docs_dir: Path, settings: PackSettings, html: str | None,
              images: dict[str, Path], linked: list[str],
              html_sha256: str = "") -> tuple[PackPlan, list[Problem]]:
    """The plan from its printable copy (or that copy's hash) and the pictures it shows."""
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
    for name, path in images.items():
        if "resources/" + name.removeprefix("images/") not in files:
            files[name] = path
            problems += _too_large(lesson, name, path, settings.max_file_bytes)
    return PackPlan(lesson, folder, html, files, list(linked), html_sha256), problems


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


# The record of a printable copy: what it was made from, so that the next build can tell, without
# rendering it, that it would come out the same.
#
# `printable_lesson` is a function of the lesson, the site's settings, the printing settings, the
# Markdown extensions, the code and libraries that run, and two questions it asks as it goes:
# where a link leads (`_References.link`, which asks `url_for`) and what a picture holds
# (`_References.image`, which reads the file). The record keeps a hash of the first lot
# (`inputs`) and every question in the order asked with its answer (`calls`); the next build
# hashes the first lot again and asks every question again (`_replay`). Same answers, same copy.
# The questions are found by running the copy's steps a second time with each question noted
# (`_trace`); the record is kept only when that run gives the very copy `printable_lesson` gave,
# so a change to those steps can drop the record but not make it lie.

# Extensions that read files of their own: a record cannot see those files change.
_READS_FILES = {"pymdownx.snippets", "pymdownx.b64"}
# Packages whose extensions and functions a record may name: their versions are in the record.
_LIBRARIES = {"markdown": "Markdown", "pymdownx": "pymdown-extensions", "material": "mkdocs-material",
              "pygments": "Pygments"}
_EXTENSION_HOMES = {"markdown", "pymdownx"}


class _Unrecordable(Exception):
    """An input whose every effect a record cannot vouch for."""


def _module_sources() -> str | None:
    """A hash of the code that makes a printable copy, read when this module is imported."""
    digest = hashlib.sha256()
    for module in (_printable_module, _offline_html_module, _pdf_module, _packzip_module,
                   _lessons_module, _siteconfig_module, sys.modules[__name__]):
        try:
            digest.update(Path(module.__file__).read_bytes())
        except (OSError, TypeError):  # no source to read: no record
            return None
    return digest.hexdigest()


_CODE = _module_sources()


@functools.lru_cache(maxsize=1)
def _library_versions() -> dict:
    """The versions of the libraries a printable copy may come from, and of Pygments' plug-ins
    (a highlighted block may use a lexer or style another package adds)."""
    versions: dict = {}
    for name in sorted(_LIBRARIES.values()):
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = None
    found = entry_points()
    versions["pygments plug-ins"] = sorted(
        [group, point.name, point.value, point.dist.name if point.dist else None,
         point.dist.version if point.dist else None]
        for group in ("pygments.lexers", "pygments.formatters", "pygments.styles", "pygments.filters")
        for point in found.select(group=group))
    return versions


def _extension_module(name: str) -> str:
    """The module an extension named in mkdocs.yml comes from, found as Python-Markdown finds it."""
    for entry_point in markdown.util.get_installed_extensions():
        if entry_point.name == name:
            return entry_point.value.split(":")[0]
    return name.split(":")[0]


def _stable(value: object) -> object:
    """`value` as JSON that stands for it alone: the same on every run, different when it differs."""
    if value is None or type(value) in (bool, int, float, str):  # not a subclass, which may act otherwise
        return value
    if isinstance(value, (list, tuple)):
        return {type(value).__name__: [_stable(item) for item in value]}
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise _Unrecordable("a mapping with keys other than text")
        if value.get("custom_icons"):  # Material's emoji: icons read from the author's folders
            raise _Unrecordable("custom icons")
        return {"dict": {key: _stable(item) for key, item in value.items()}}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        kind = type(value)
        return {"dataclass": f"{kind.__module__}.{kind.__qualname__}",
                "fields": {f.name: _stable(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, functools.partial):
        return {"partial": [_stable(value.func), _stable(value.args), _stable(value.keywords)]}
    module, qualname = getattr(value, "__module__", None), getattr(value, "__qualname__", None)
    if isinstance(module, str) and isinstance(qualname, str) and module.split(".")[0] in _LIBRARIES \
            and "<" not in qualname and _named(module, qualname) is value:
        return {"callable": f"{module}:{qualname}"}  # the library's version covers what it does
    raise _Unrecordable(f"{type(value).__name__} {value!r}")


def _named(module: str, qualname: str) -> object:
    found = sys.modules.get(module)
    for part in qualname.split("."):
        found = getattr(found, part, None)
    return found


def _inputs(lesson: Lesson, site: SiteConfig, settings: PackSettings) -> str | None:
    """A hash of everything a lesson's printable copy is made from but the questions it asks:
    what `printable_lesson` is given (the packs' other settings do not reach it; the pack's key
    has them), the code and the libraries. None when an extension may act in ways a record
    cannot vouch for."""
    if _CODE is None:
        return None
    try:
        for name in settings.printing.extensions:
            module = _extension_module(name)
            if module.split(".")[0] not in _EXTENSION_HOMES or module in _READS_FILES:
                return None
        material = {
            "record": RECORD_FORMAT, "format": PACK_FORMAT, "code": _CODE, "python": sys.version,
            "libraries": _library_versions(), "renderer": renderer(),
            "printing": _stable(settings.printing), "site": _stable(site), "lesson": _stable(lesson),
        }
        return _sha256(json.dumps(material, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    except (_Unrecordable, TypeError, ValueError, RecursionError):
        return None


def _digest(text: str | None) -> str | None:
    return None if text is None else _sha256(text.encode("utf-8"))


def _trace(lesson: Lesson, docs_dir: Path, site: SiteConfig, printing: PrintSettings,
           url_for: Callable[[str], str | None], printable) -> list | None:
    """Every question the printable copy asks, in order, with its answer; None unless running
    its steps again with the questions noted gives the same copy as `printable`."""
    try:
        refs = _printable_module._References(lesson, Path(docs_dir), printing.site_url, url_for)
        calls: list = []

        def link(href: str) -> str | None:
            answer = refs.link(href)
            calls.append(["link", href, answer])
            return answer

        def image(src: str) -> str | None:
            answer = refs.image(src)
            calls.append(["image", src, _digest(answer)])
            return answer

        body = markdown.Markdown(extensions=list(printing.extensions),
                                 extension_configs=printing.extension_configs).convert(lesson.body)
        html = _printable_module._document(lesson, site, printing, make_offline(body, link, image))
    except Exception:  # any doubt: no record, and the next build renders the copy again
        return None
    if html != printable.html or refs.images != printable.images or refs.linked != printable.linked:
        return None
    return calls


def _replay(record: object, inputs: str, lesson: Lesson, docs_dir: Path, settings: PackSettings,
            url_for: Callable[[str], str | None]) -> tuple[PackPlan, list[Problem]] | None:
    """The plan the record vouches for, when its inputs and every answer are still the same."""
    try:
        if not isinstance(record, dict) or record.get("inputs") != inputs:
            return None
        html_sha256, calls = record["html"], record["calls"]
        if not (isinstance(html_sha256, str) and re.fullmatch(r"[0-9a-f]{64}", html_sha256)):
            return None
        refs = _printable_module._References(lesson, Path(docs_dir), settings.printing.site_url, url_for)
        for kind, question, answer in calls:
            if kind == "link":
                now = refs.link(question)
            elif kind == "image":
                now = _digest(refs.image(question))
            else:
                return None
            if now != answer:
                return None
    except Exception:  # a record that cannot be read or checked vouches for nothing
        return None
    return _assemble(lesson, docs_dir, settings, None, refs.images, refs.linked, html_sha256)


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
        "about": about(plan.lesson, settings), "html": plan.html_sha256,
        "files": {name: _file_sha256(path) for name, path in sorted(plan.files.items())},
    }
    return _sha256(json.dumps(material, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def build_pack(plan: PackPlan, settings: PackSettings) -> bytes:
    """The pack's ZIP: lesson.html, lesson.pdf, the lesson's files, and manifest.json."""
    if plan.html is None:
        raise ValueError("a plan made from the cache's record has no printable copy: replan it first")
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
