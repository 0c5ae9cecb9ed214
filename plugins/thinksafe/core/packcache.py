"""Packs kept between builds, named by the key of what went in, with a record of each build."""

from __future__ import annotations

import json
import os
import pickle
import sys
import threading
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG

from .cachefiles import read_stamped, write_atomically
from .lessons import Lesson
from .packrecord import RECORD_FORMAT
from .packs import PackError, PackPlan, PackSettings, build_pack, pack_key, pack_names, pack_path
from .pdf import preload
from .problems import Problem

RECORD = "record.json"
PLANS = "plans.json"  # each lesson's record of what its printable copy was made from
# The size, modification time and inode of each ZIP as last seen whole (made, or its index read),
# so that the next build can trust it without opening it while they stay the same. A write, even
# of the same size, changes its time; a copied or replaced file is another inode, so a copied
# cache's ZIPs are opened once again. Not the change time: publishing a ZIP as a hard link (see
# linked_file.py) changes it on every build.
ZIPS = "zips.json"
ZIPS_FORMAT = 2  # 2: the inode, not the change time
WORKERS = "THINKSAFE_PACK_WORKERS"
# Starting a process that is not forked costs about a second (it imports WeasyPrint): worth it
# only with this many packs or more to make for each worker.
_UNFORKED_MIN_PER_WORKER = 8


@dataclass(frozen=True)
class Pack:
    """One lesson's built pack, as the site shows it."""

    lesson: Lesson
    key: str
    file: Path  # the ZIP in the cache
    size: int
    names: tuple[str, ...]  # the ZIP's entries
    linked: tuple[str, ...] = ()  # content paths the lesson links to

    @property
    def slug(self) -> str:
        return self.lesson.slug

    @property
    def path(self) -> str:
        return pack_path(self.lesson.slug)

    @property
    def size_text(self) -> str:
        """'123 KB' or '4.5 MB'."""
        if self.size >= 1_000_000:
            return f"{self.size / 1_000_000:.1f} MB"
        return f"{max(1, round(self.size / 1000))} KB"

    @property
    def contents(self) -> list[str]:
        """What is inside, in words, for the download button."""
        lines = ["lesson.pdf: the lesson, ready to print",
                 "lesson.html: the lesson, to open in a browser without the internet"]
        lines += [name.removeprefix("resources/") for name in self.names if name.startswith("resources/")]
        pictures = sum(name.startswith("images/") for name in self.names)
        if pictures:
            lines.append(f"{pictures} picture{'s' if pictures > 1 else ''} the lesson shows")
        lines.append("manifest.json: a list of every file, with its size and checksum")
        return lines


def pack_workers(environ: Mapping[str, str] = os.environ) -> int:
    """How many processes may make PDFs at once: THINKSAFE_PACK_WORKERS when it is a whole number
    above 0 (1 makes every pack in this process, one after another), else one per core this
    process may run on."""
    value = environ.get(WORKERS, "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class PackCache:
    """Under `<cache>/packs/`: `<slug>-<key>.zip` per pack, `record.json` of the last build,
    `plans.json`, each lesson's record of what its printable copy was made from (see `plan_pack`),
    and `zips.json`, what each ZIP was like when last seen whole (see `ZIPS`).

    `workers`: how many processes may make PDFs at once; None: `pack_workers()`, which reads the
    environment variable THINKSAFE_PACK_WORKERS (set it to 1, or pass 1, to make every pack in
    this process, one after another). The bytes of each pack are the same either way.
    """

    def __init__(self, folder: Path, workers: int | None = None):
        self.folder = Path(folder) / "packs"
        self.workers = workers
        self.built: dict[str, str] = {}
        self.reused: dict[str, str] = {}
        self.rendered: list[str] = []  # lessons whose printable copy this build rendered
        self.plan_records: dict[str, dict] = {}
        self.zips: dict[str, list] = {}  # the facts of each ZIP this build has seen whole, by name
        self.processes = 0  # how many processes made the packs of the last call to `packs` (0: this one)

    def records(self) -> dict[str, list[dict]]:
        """Each lesson's records of what its printable copy was made from, by slug, for `plan_pack`
        (none when the file is missing, unreadable or of another format)."""
        lessons = read_stamped(self.folder / PLANS, {"format": RECORD_FORMAT}, "lessons")
        return {slug: [r for r in entries if isinstance(r, dict)]
                for slug, entries in lessons.items() if isinstance(entries, list)}

    def pack(self, plan: PackPlan, settings: PackSettings) -> Pack:
        """The plan's pack: from the cache when its key is there, else made and stored."""
        return self.packs([plan], settings)[plan.lesson.slug]

    def packs(self, plans: Sequence[PackPlan], settings: PackSettings) -> dict[str, Pack]:
        """Each plan's pack, by slug: from the cache when its key is there, else made and stored.

        The PDFs of the packs to make are rendered in several processes at once (see the class).
        Raise PackError for the first plan, in order, whose pack cannot be made.
        """
        known = self._known_zips()
        keyed, missing = [], []
        for plan in plans:
            key, names = pack_key(plan, settings), pack_names(plan)
            sound = self._sound(self._file(plan, key), names, known)
            if plan.html is None and not sound:
                plan = plan.replan()  # the record vouched for a pack that is gone or spoilt: render it
                key, names = pack_key(plan, settings), pack_names(plan)
                sound = self._sound(self._file(plan, key), names, known)
            keyed.append((plan, key, names))
            if not sound:
                file = self._file(plan, key)
                file.unlink(missing_ok=True)  # a spoilt one: a pack there is then one made in this build
                missing.append((plan, file))
        self._make(missing, settings)
        made = {plan.lesson.slug for plan, _file in missing}
        result = {}
        for plan, key, names in keyed:
            slug, file = plan.lesson.slug, self._file(plan, key)
            (self.built if slug in made else self.reused)[slug] = key
            if plan.html is not None:
                self.rendered.append(slug)
            if plan.record is not None:
                self.plan_records[slug] = plan.record
            stat = file.stat()
            self.zips[file.name] = _facts(stat)  # made here, or found whole
            result[slug] = Pack(plan.lesson, key, file, stat.st_size, names, tuple(plan.linked))
        return result

    def _sound(self, file: Path, names: tuple[str, ...], known: dict[str, list]) -> bool:
        """Whether `file` is a whole pack with these entries. Its facts as last seen whole, when
        they are still its own, say so without opening it; else its ZIP's index must list them."""
        try:
            stat = file.stat()
        except OSError:
            return False
        if not S_ISREG(stat.st_mode):
            return False
        if known.get(file.name) == _facts(stat):
            return True
        try:
            with zipfile.ZipFile(file) as archive:
                return tuple(archive.namelist()) == names
        except Exception:  # whatever cannot be read as a ZIP is no pack
            return False

    def _known_zips(self) -> dict[str, list]:
        """The facts of each ZIP of the cache as last seen whole (none when the file is missing,
        unreadable or of another format)."""
        return read_stamped(self.folder / ZIPS, {"format": ZIPS_FORMAT}, "zips")

    def _file(self, plan: PackPlan, key: str) -> Path:
        return self.folder / f"{plan.lesson.slug}-{key[:32]}.zip"

    def _make(self, jobs: list[tuple[PackPlan, Path]], settings: PackSettings) -> None:
        """Make and store each pack, in several processes when there are several to make."""
        self.processes = 0
        workers = min(pack_workers() if self.workers is None else self.workers, len(jobs))
        context = _context(len(jobs), workers) if workers > 1 and _portable(settings) else None
        if context is not None:
            from concurrent.futures.process import BrokenProcessPool

            try:
                self._make_in_processes(jobs, settings, workers, context)
                return
            except BrokenProcessPool:  # a worker died (out of memory, killed): make the rest here
                jobs = [(plan, file) for plan, file in jobs if not file.is_file()]
        for plan, file in jobs:
            problem = _make_one(plan, settings, file)
            if problem is not None:
                raise PackError(problem)

    def _make_in_processes(self, jobs, settings, workers, context) -> None:
        from concurrent.futures import ProcessPoolExecutor

        if context.get_start_method() == "fork":
            preload()  # imported once, here, rather than in each forked process
        self.processes = workers
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            futures = [pool.submit(_make_one, plan, settings, file) for plan, file in jobs]
            try:
                for future in futures:  # in the plans' order, so that the first failing plan is reported
                    problem = future.result()
                    if problem is not None:
                        raise PackError(problem)
            except BaseException:
                for future in futures:
                    future.cancel()
                raise

    def finish(self) -> dict:
        """Write the record of this build and drop stale packs; return the record."""
        record = {"built": dict(sorted(self.built.items())), "reused": dict(sorted(self.reused.items())),
                  "rendered": sorted(self.rendered)}
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomically(self.folder / RECORD, (json.dumps(record, indent=2) + "\n").encode())
        self._write_plan_records()
        kept = self._prune({**self.built, **self.reused})
        self._write_known_zips(kept)
        return record

    def _write_known_zips(self, kept: set[str]) -> None:
        """The facts of the ZIPs seen whole by this build, and by earlier ones, that are still kept."""
        zips = {**self._known_zips(), **self.zips}
        data = {"format": ZIPS_FORMAT, "zips": {name: zips[name] for name in sorted(kept) if name in zips}}
        write_atomically(self.folder / ZIPS, json.dumps(data).encode("utf-8"))

    def _write_plan_records(self) -> None:
        """This build's record of each lesson's printable copy, and the one before it when that
        differs (as `mkdocs serve`'s does from `mkdocs build`'s), for the lessons of this build."""
        earlier = self.records()
        lessons = {}
        for slug in sorted({*self.built, *self.reused}):
            current = self.plan_records.get(slug)
            kept = [current] if current is not None else []
            kept += [r for r in earlier.get(slug, []) if current is None or r.get("inputs") != current["inputs"]][:1]
            if kept:
                lessons[slug] = kept
        data = {"format": RECORD_FORMAT, "lessons": lessons}
        write_atomically(self.folder / PLANS, json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def _prune(self, used: dict[str, str]) -> set[str]:
        """Keep each lesson's pack of this build and its newest other one (so that `mkdocs serve`
        and `mkdocs build`, or two checkouts, do not remake each other's); drop the rest. Return
        the names of the ZIPs kept."""
        by_slug: dict[str, list[Path]] = {}
        for file in self.folder.glob("*.zip"):
            by_slug.setdefault(file.stem.rsplit("-", 1)[0], []).append(file)
        kept = set()
        for slug, files in by_slug.items():
            current = f"{slug}-{used[slug][:32]}.zip" if slug in used else None
            others = sorted((f for f in files if f.name != current), key=_mtime, reverse=True)
            keep = others[:1] if current else []
            for stale in others[len(keep):]:
                stale.unlink(missing_ok=True)
            kept.update(f.name for f in files if f.name == current or f in keep)
        return kept


def _make_one(plan: PackPlan, settings: PackSettings, file: Path) -> Problem | None:
    """Make one pack and store it; the problem when it cannot be made. Runs in a worker too."""
    try:
        write_atomically(file, build_pack(plan, settings))
    except PackError as error:
        return error.problem
    return None


def _portable(settings: PackSettings) -> bool:
    """Whether the settings can be sent to a worker (an extension's option may be any object)."""
    try:
        pickle.dumps(settings)
    except Exception:
        return False
    return True


def _context(jobs: int, workers: int):
    """How to start the processes that make PDFs; None: make them in this process.

    Forking is cheapest (a worker starts with WeasyPrint already imported) and safe while this
    process runs no other thread, as in `mkdocs build` and the first build of `mkdocs serve`.
    With other threads running (`mkdocs serve`'s rebuilds), a fork could inherit a lock held for
    ever, so workers start afresh instead, and only when there are enough packs to be worth it.
    """
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if jobs < _UNFORKED_MIN_PER_WORKER * workers:
        return None
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _facts(stat: os.stat_result) -> list:
    """What tells a ZIP seen whole from the same file changed since (see `ZIPS`)."""
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:  # removed meanwhile by another build sharing the cache
        return 0.0


def read_record(cache_folder: Path) -> dict:
    """The record of the last build that used this cache."""
    return json.loads((Path(cache_folder) / "packs" / RECORD).read_text(encoding="utf-8"))
