"""Lesson packs: which lessons get one, what goes in, its manifest, and the key that names it."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from thinksafe.core import cache
from thinksafe.core.model.lessons import Lesson, megabytes, real_folder
from thinksafe.core.model.paths import TEACHERS
from thinksafe.core.model.settings import SiteConfig
from thinksafe.core.packs import record as packrecord
from thinksafe.core.packs.archive import zip_bytes
from thinksafe.core.packs.pdf import RefusedFetch, render_pdf
from thinksafe.core.packs.printable import PrintSettings, PupilOf, printable_lesson, pupil_copy_name
from thinksafe.core.packs.pupils import PupilCopies
from thinksafe.core.problems import Problem

PACK_FORMAT = 1  # written in every pack's manifest.json (the cache keys on the code's fingerprint instead)
DEFAULT_MAX_FILE_MB = 25


def wants_pack(lesson: Lesson) -> bool:
    """A lesson plan for teachers, and any lesson with resources, gets a pack."""
    return TEACHERS in lesson.audiences or bool(lesson.resources)


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
    `replan` renders it, for when the pack must be made after all. Likewise the copies of the pupil
    lessons a plan links to: `pupils` has each one's hash, `pupil_html` only those rendered
    (`replan` renders the rest). `complete`: every copy is there to make the pack from.
    """

    lesson: Lesson
    folder: Path  # the lesson's own folder, resolved
    html: str | None
    files: dict[str, Path]  # 'resources/…' and 'images/…' → the file in the lesson's folder
    linked: list[str] = field(default_factory=list)  # content paths the lesson links to
    html_sha256: str = ""
    record: dict | None = None  # what the printable copy was made from (`packrecord`); None: no record
    pupils: dict[str, str] = field(default_factory=dict)  # 'pupil-<slug>.html' → its copy's SHA-256
    pupil_html: dict[str, str] = field(default_factory=dict)  # 'pupil-<slug>.html' → its copy, when rendered
    replan: Callable[[], PackPlan] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self):
        if self.html is not None:
            self.html_sha256 = _sha256(self.html.encode("utf-8"))

    @property
    def complete(self) -> bool:
        return self.html is not None and self.pupil_html.keys() == self.pupils.keys()

    def __getstate__(self):  # `replan` is a closure over the build: it stays in this process
        return {**self.__dict__, "replan": None}


class PackError(Exception):
    """A pack could not be made; carries the Problem to report."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))

    def __reduce__(self):  # so that it crosses from a worker process intact
        return (PackError, (self.problem,))


# The latest SOURCE_DATE_EPOCH a PDF's date can hold: 9999-12-31 23:59:59 UTC.
MAX_EPOCH = 253402300799


def epoch_from(environ: Mapping[str, str]) -> tuple[int | None, list[Problem]]:
    """SOURCE_DATE_EPOCH from the environment: None when unset, a Problem when it is not a whole
    number of seconds (digits 0-9 only: '²' is a digit to Python, not to a date) up to the year 9999."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None, []
    if re.fullmatch(r"[0-9]{1,20}", value) and int(value) <= MAX_EPOCH:
        return int(value), []
    shown = value if len(value) <= 40 else value[:40] + "…"
    return None, [Problem("(environment)", "SOURCE_DATE_EPOCH", f"got {shown!r}",
                          f"a whole number of seconds since 1970-01-01 UTC, at most {MAX_EPOCH} "
                          "(the end of the year 9999), such as 1700000000",
                          "set it to such a number or unset it")]


def plan_pack(lesson: Lesson, docs_dir: Path, site: SiteConfig, settings: PackSettings,
              url_for: Callable[[str], str | None], *, recorded: Sequence[dict] = (),
              inputs: packrecord.Inputs | None = None, pupil_of: PupilOf | None = None,
              pupil_copies: PupilCopies | None = None) -> tuple[PackPlan, list[Problem]]:
    """Render the lesson's printable copy and gather its files; name every file that may not go in.

    `recorded`: records of earlier builds for this lesson (`PackPlan.record`, as the cache keeps
    them). A record vouches for a printable copy without rendering it when everything the copy is
    made from still matches: the lesson as read, the site's and the packs' settings, the Markdown
    extensions (only those that read no file of their own), the code that makes the copy, the
    libraries' and Python's versions, and, asked again, the address of every page the lesson
    links to and the bytes of every picture it shows (see `packrecord`). Then the plan has `html`
    None. Otherwise, and whenever a record cannot be read or checked, the copy is rendered as
    without a record. The lesson's files are gathered and checked either way, so every problem
    is still found.

    `inputs`: `packrecord.Inputs(site, settings.printing)`, made once for all the lessons of a
    build (made here when not given, or when made from other settings).

    `pupil_of`: the published lesson at a content path, for a lesson plan (audience 'teachers'):
    each pupil lesson the plan links to (one with a children's audience) gets a printable copy
    in the pack, `pupil-<slug>.html`, and the plan's links lead to it.

    `pupil_copies`: those copies for the whole build (`PupilCopies`, made here when not given or
    made for other settings), so that a pupil lesson several plans link to is rendered once, and
    not at all when the record of an earlier build vouches for its copy as for a plan's own.
    """
    pupil_of = _pupils_only(pupil_of, site) if TEACHERS in lesson.audiences else None
    if inputs is None or not inputs.made_for(site, settings.printing):
        inputs = packrecord.Inputs(site, settings.printing)
    if pupil_copies is None or not pupil_copies.made_for(docs_dir, site, settings.printing, url_for):
        pupil_copies = PupilCopies(docs_dir, site, settings.printing, url_for, inputs)
    copies = pupil_copies
    hashed = inputs.of(lesson)
    vouched = packrecord.vouching(recorded, hashed, lesson, docs_dir, settings.printing, url_for, pupil_of)
    if vouched is not None:
        record, html_sha256, refs = vouched
        plan, problems = _assemble(lesson, docs_dir, settings, None, refs.images, refs.linked, html_sha256)
        plan.record = record
        pupils = dict(refs.pupils)
    else:
        printable = printable_lesson(lesson, docs_dir, site, settings.printing, url_for, pupil_of)
        plan, problems = _assemble(lesson, docs_dir, settings, printable.html, printable.images, printable.linked)
        if hashed is not None:  # its questions were noted as this very copy was rendered: it describes the copy
            plan.record = packrecord.new_record(hashed, plan.html_sha256, printable.questions)
        pupils = dict(printable.pupils)
    plan.pupils = {pupil_copy_name(slug): copies.sha256(pupil) for slug, pupil in pupils.items()}

    def replan() -> PackPlan:
        """The plan with every copy rendered: its own (again, when a record vouched for it) and its pupils'."""
        if plan.html is None:
            rendered = plan_pack(lesson, docs_dir, site, settings, url_for, inputs=inputs, pupil_of=pupil_of,
                                 pupil_copies=copies)[0]
            return rendered.replan() if rendered.replan is not None else rendered
        html = {pupil_copy_name(slug): copies.html(pupil) for slug, pupil in pupils.items()}
        return dataclasses.replace(plan, pupils={name: _sha256(text.encode("utf-8")) for name, text in html.items()},
                                   pupil_html=html, replan=None)
    plan.replan = replan
    return plan, problems


def _pupils_only(pupil_of: PupilOf | None, site: SiteConfig) -> PupilOf | None:
    """`pupil_of`, answering only for lessons with a children's audience."""
    if pupil_of is None:
        return None
    children = site.children_ids

    def pupil(src: str) -> Lesson | None:
        found = pupil_of(src)
        return found if found is not None and children & set(found.audiences) else None
    return pupil


def _assemble(lesson: Lesson, docs_dir: Path, settings: PackSettings, html: str | None,
              images: dict[str, Path], linked: list[str],
              html_sha256: str = "") -> tuple[PackPlan, list[Problem]]:
    """The plan from its printable copy (or that copy's hash) and the pictures it shows."""
    folder = real_folder(Path(docs_dir), lesson.folder)
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


def about(lesson: Lesson, settings: PackSettings) -> dict:
    """The lesson's details as the manifest gives them."""
    return {
        "slug": lesson.slug, "title": lesson.title, "summary": lesson.summary,
        "audiences": list(lesson.audiences), "topics": list(lesson.topics),
        "duration": lesson.duration, "objectives": list(lesson.objectives),
        "site": settings.printing.site_name, "licence": settings.printing.licence,
    }


def pack_key(plan: PackPlan, settings: PackSettings) -> str:
    """A hash of everything that goes into the pack: same key, same bytes. The code's fingerprint
    (core/cache.py) covers what writes it: this package, WeasyPrint, Python's zipfile and zlib."""
    return cache.digest(cache.fingerprint(), settings.epoch, about(plan.lesson, settings), plan.html_sha256,
                  {name: _file_sha256(path) for name, path in sorted(plan.files.items())},
                  dict(sorted(plan.pupils.items())))


def build_pack(plan: PackPlan, settings: PackSettings) -> bytes:
    """The pack's ZIP: lesson.html, lesson.pdf, the lesson's files, the copies of the pupil
    lessons a plan links to, and manifest.json."""
    if plan.html is None or not plan.complete:
        raise ValueError("a plan made from the cache's record lacks a printable copy: replan it first")
    try:
        pdf = render_pdf(plan.html, plan.folder, settings.epoch)
    except RefusedFetch as error:
        raise PackError(Problem(plan.lesson.path, "(lesson pack)", f"lesson.pdf would load {error}",
                                "a lesson that uses only its own files",
                                "remove the reference or copy the file into the lesson's folder")) from error
    entries = {"lesson.html": plan.html.encode("utf-8"), "lesson.pdf": pdf}  # `pack_names` names them too
    entries.update({name: path.read_bytes() for name, path in plan.files.items()})
    entries.update({name: html.encode("utf-8") for name, html in plan.pupil_html.items()})
    entries["manifest.json"] = manifest_json(plan.lesson, settings, entries)
    return zip_bytes(entries, settings.epoch)


def pack_names(plan: PackPlan) -> tuple[str, ...]:
    """The names of the entries of the plan's pack, in order, as its ZIP lists them."""
    names = {"lesson.html", "lesson.pdf", "manifest.json", *plan.files, *plan.pupils}  # what `build_pack` puts in
    return tuple(zipfile.ZipInfo(name).filename for name in sorted(names))  # as `zip_bytes` writes them


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
