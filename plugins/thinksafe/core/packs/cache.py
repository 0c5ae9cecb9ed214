"""Packs kept between builds, named by the key of what went in, with a record of each build."""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, BinaryIO

from thinksafe.core.cache import (
    PACK_RECORD,
    PACKS,
    PACKS_LOCK,
    PLANS,
    PUPILS,
    read_stamped,
    write_atomically,
    write_stamped,
    zip_name,
    zip_parts,
    zip_stem,
)
from thinksafe.core.model.lessons import Lesson
from thinksafe.core.model.paths import pack_path
from thinksafe.core.packs.contents import (
    PackError,
    PackPlan,
    PackSettings,
    build_pack,
    pack_key,
    pack_names,
)
from thinksafe.core.packs.pdf import preload
from thinksafe.core.packs.pupils import PupilCopies
from thinksafe.core.problems import Problem

if TYPE_CHECKING:
    from thinksafe.core.packs.early import EarlyPacks

WORKERS = "THINKSAFE_PACK_WORKERS"
# Starting a process that is not forked costs about a second (it imports WeasyPrint): worth it
# only with this many packs or more to make for each worker.
_UNFORKED_MIN_PER_WORKER = 8
# A cached ZIP is named by the key of what went in and the SHA-256 of its bytes (core/cache.py's
# `zip_name`). A ZIP is trusted only while its bytes still have that hash: a file changed in the
# cache (or written through a link) is made again, never published.


@dataclass(frozen=True)
class Pack:
    """One lesson's built pack, as the site shows it."""

    lesson: Lesson
    key: str
    file: Path  # the ZIP in the cache
    size: int
    names: tuple[str, ...]  # the ZIP's entries
    linked: tuple[str, ...] = ()  # content paths the lesson links to
    sha256: str = ""  # of the ZIP's bytes, as recorded when it was made

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
        lines += [f"{name}: a pupil page the plan uses, to print or open without the internet"
                  for name in self.names if name.startswith("pupil-")]
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
    """Under `<cache>/packs/`: `<slug>-<key>-<sha256>.zip` per pack (see `zip_name`), `record.json`
    of the last build, `plans.json`, each lesson's record of what its printable copy was made from
    (see `plan_pack`), `pupils.json`, the same for the pupil lessons' copies in the plans' packs
    (see `PupilCopies`), and `.lock` (see `_use`): the names of core/cache.py. With no cache folder
    (caching off) the packs are made in a temporary folder, gone when the build ends.

    Builds may share one cache folder at once: a ZIP is written under a temporary name and renamed
    into place, its name carries its key and the hash of its bytes, and stale ZIPs are removed only
    when no other build holds the lock. Where the cache folder cannot be written (read-only), the
    packs of this build are made in a temporary folder instead (`fallback` says why).

    `workers`: how many processes may make PDFs at once; None: `pack_workers()`, which reads the
    environment variable THINKSAFE_PACK_WORKERS (set it to 1, or pass 1, to make every pack in
    this process, one after another). The bytes of each pack are the same either way.
    """

    def __init__(self, folder: Path | None, workers: int | None = None):
        self.kept = Path(folder) / PACKS if folder is not None else None  # None: caching is off
        self.workers = workers
        self.built: dict[str, str] = {}
        self.reused: dict[str, str] = {}
        self.rendered: list[str] = []  # lessons whose printable copy this build rendered
        self.plan_records: dict[str, dict] = {}
        self.processes = 0  # how many processes made the packs of the last call to `packs` (0: this one)
        self.fallback: str | None = None  # why this build's packs are in a temporary folder, if they are
        self._lock: BinaryIO | None = None  # the open lock file while this build uses the cache
        self._temporary: Path | None = None

    def records(self) -> dict[str, list[dict]]:
        """Each lesson's records of what its printable copy was made from, by slug, for `plan_pack`
        (none when the file is missing, unreadable or of another format)."""
        return self._read_records(PLANS)

    def pupil_records(self) -> dict[str, list[dict]]:
        """Each pupil lesson's records of what its copy in the plans' packs was made from, by slug,
        for `PupilCopies` (none when the file is missing, unreadable or of another format)."""
        return self._read_records(PUPILS)

    def _read_records(self, name: str) -> dict[str, list[dict]]:
        lessons = read_stamped(self.kept / name if self.kept is not None else None, "lessons")
        return {slug: [r for r in entries if isinstance(r, dict)]
                for slug, entries in lessons.items() if isinstance(entries, list)}

    def pack(self, plan: PackPlan, settings: PackSettings) -> Pack:
        """The plan's pack: from the cache when its key is there, else made and stored."""
        return self.packs([plan], settings)[plan.lesson.slug]

    def packs(self, plans: Sequence[PackPlan], settings: PackSettings,
              early: EarlyPacks | None = None) -> dict[str, Pack]:
        """Each plan's pack, by slug: from the cache when a ZIP of its key is there whole, else
        made and stored.

        The PDFs of the packs to make are rendered in several processes at once (see the class).
        `early`: the packs begun while the plans were made (see `EarlyPacks`), for the same
        settings: the missing ones are taken from there, the rest made in its workers.
        Raise PackError for the first plan, in order, whose pack cannot be made.
        """
        self._use()
        cached = listing(self.folder)
        keyed, missing = [], []
        for plan in plans:
            key = pack_key(plan, settings)
            found = self._whole(cached.get(zip_stem(plan.lesson.slug, key), []))
            if not plan.complete and found is None and plan.replan is not None:
                plan = plan.replan()  # the record vouched for a pack that is gone or spoilt: render it
                key = pack_key(plan, settings)
                found = self._whole(cached.get(zip_stem(plan.lesson.slug, key), []))
            keyed.append((plan, key, found))
            if found is None:
                missing.append((plan, key))
        if early is not None and early.started:
            self.processes = early.workers
            made = early.collect(missing, self.folder)
        else:
            made = self._make([plan for plan, _ in missing], settings)
        result = {}
        for plan, key, found in keyed:
            slug = plan.lesson.slug
            file, sha256 = found or made[slug]
            (self.reused if found else self.built)[slug] = key
            if plan.html is not None:
                self.rendered.append(slug)
            if plan.record is not None:
                self.plan_records[slug] = plan.record
            result[slug] = Pack(plan.lesson, key, file, file.stat().st_size, pack_names(plan),
                                tuple(plan.linked), sha256)
        return result

    @staticmethod
    def _whole(files: list[Path]) -> tuple[Path, str] | None:
        """The first of `files` whose bytes still have the hash its name records, and that hash."""
        for file in files:
            recorded = _parts(file.name)[2]
            try:
                if _sha256_of(file) == recorded:
                    return file, recorded
            except OSError:  # gone meanwhile, unreadable, or not a file
                continue
        return None

    def _use(self) -> None:
        """Hold the cache's lock for this build, in a temporary folder when there is no cache
        folder or it cannot be written. Every build that uses the cache holds a shared lock until
        its packs are published; stale packs are removed only under an exclusive lock, so never
        while another build needs them."""
        if self._lock is not None:
            return
        if self.kept is None:
            self._use_temporary()
            return
        try:
            self.kept.mkdir(parents=True, exist_ok=True)
            self._lock = open(self.kept / PACKS_LOCK, "a+b")  # noqa: SIM115 (held until `release`)
            probe = self.kept / f".probe-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as error:
            if self._lock is not None:
                self._lock.close()
            self.fallback = f"the cache folder {self.kept} cannot be written ({error.strerror or error})"
            self._use_temporary()
            return
        _flock(self._lock, "shared")

    def _use_temporary(self) -> None:
        self._temporary = Path(tempfile.mkdtemp(prefix="thinksafe-packs-"))
        self._lock = open(self._temporary / PACKS_LOCK, "a+b")  # noqa: SIM115 (held until `release`)

    @property
    def folder(self) -> Path:
        """Where this build's packs are: the cache's packs folder, or a temporary one (see `_use`)."""
        folder = self._temporary or self.kept
        if folder is None:
            raise RuntimeError("PackCache.folder asked before `_use`")  # a bug, never the author's
        return folder

    def _make(self, plans: list[PackPlan], settings: PackSettings) -> dict[str, tuple[Path, str]]:
        """Make and store each pack, in several processes when there are several to make; each
        one's file and hash, by slug."""
        self.processes = 0
        made: dict[str, tuple[Path, str]] = {}
        workers = min(pack_workers() if self.workers is None else self.workers, len(plans))
        context = _context(len(plans), workers) if workers > 1 and _portable(settings) else None
        if context is not None:
            from concurrent.futures.process import BrokenProcessPool

            try:
                self._make_in_processes(plans, settings, workers, context, made)
                return made
            except BrokenProcessPool:  # a worker died (out of memory, killed): make the rest here
                plans = [plan for plan in plans if plan.lesson.slug not in made]
        for plan in plans:
            made[plan.lesson.slug] = _stored(_make_one(plan, settings, self.folder), self.folder)
        return made

    def _make_in_processes(self, plans, settings, workers, context, made) -> None:
        from concurrent.futures import ProcessPoolExecutor

        forked = context.get_start_method() == "fork"
        if forked:
            preload()  # imported once, here, rather than in each forked process
            # A forked worker inherits the build's every object (the site, its lessons, WeasyPrint):
            # each of its garbage collections would walk them all again, and touch their pages so
            # that the kernel copies them. Frozen, the collector leaves them alone (about a tenth
            # of a clean build's CPU at 300 lessons); they are the parent's again once it is done.
            gc.freeze()
        self.processes = workers
        try:
            with ProcessPoolExecutor(workers, mp_context=context, initializer=_end_with_parent,
                                     initargs=(os.getpid(),)) as pool:
                futures = [pool.submit(_make_one, plan, settings, self.folder) for plan in plans]
                try:
                    for plan, future in zip(plans, futures, strict=True):  # in order: the first failing plan is told
                        made[plan.lesson.slug] = _stored(future.result(), self.folder)
                except BaseException:
                    for future in futures:
                        future.cancel()
                    raise
        finally:
            if forked:
                gc.unfreeze()

    def finish(self, release: bool = True, pupils: PupilCopies | None = None) -> dict:
        """Write the record of this build; return it. `release`: done with the cache (see
        `release`); a build that still has to publish its packs releases it after that. `pupils`:
        the build's pupil copies, whose records are kept (and whose renders the record reports)."""
        record = {"built": dict(sorted(self.built.items())), "reused": dict(sorted(self.reused.items())),
                  "rendered": sorted(self.rendered), "pupils rendered": sorted(pupils.rendered if pupils else [])}
        try:
            if self._temporary is None and self.kept is not None:
                write_stamped(self.kept / PACK_RECORD, "build", record, indent=2)
                self._write_plan_records()
                if pupils is not None:
                    self._write_records(PUPILS, self.pupil_records(), pupils.records, set(pupils.records))
        except OSError:  # a cache that cannot be written: the next build renders again
            pass
        if release:
            self.release()
        return record

    def release(self) -> None:
        """Done with the cache: drop stale packs unless another build is using it, then let go
        of the lock (and of the temporary folder, if this build used one)."""
        if self._lock is None:
            return
        try:
            if self._temporary is None and _flock(self._lock, "exclusive"):
                self._prune({**self.built, **self.reused})
        finally:
            self._lock.close()
            self._lock = None
            if self._temporary is not None:
                shutil.rmtree(self._temporary, ignore_errors=True)

    def _write_plan_records(self) -> None:
        """This build's record of each lesson's printable copy, and the one before it when that
        differs (as `mkdocs serve`'s does from `mkdocs build`'s), for the lessons of this build."""
        self._write_records(PLANS, self.records(), self.plan_records, {*self.built, *self.reused})

    def _write_records(self, name: str, earlier: dict[str, list[dict]], current: Mapping[str, dict],
                       slugs: set[str]) -> None:
        """Write `name`: for each of `slugs`, its record of this build and the one before it when that differs."""
        lessons = {}
        for slug in sorted(slugs):
            now = current.get(slug)
            kept = [now] if now is not None else []
            kept += [r for r in earlier.get(slug, []) if now is None or r.get("inputs") != now["inputs"]][:1]
            if kept:
                lessons[slug] = kept
        write_stamped(self.kept / name if self.kept is not None else None, "lessons", lessons)

    def _prune(self, used: dict[str, str]) -> None:
        """Keep each lesson's pack of this build and its newest other one (so that `mkdocs serve`
        and `mkdocs build`, or two checkouts, do not remake each other's); drop the rest, and any
        file left half-written by a build that was stopped."""
        current = {zip_stem(slug, key) for slug, key in used.items()}
        by_slug: dict[str, list[Path]] = {}
        for name in os.listdir(self.folder):
            parts = zip_parts(name)
            if parts is not None:
                by_slug.setdefault(parts[0], []).append(self.folder / name)
            elif name.startswith(".tmp-"):
                (self.folder / name).unlink(missing_ok=True)
        for files in by_slug.values():
            mine = [f for f in files if "-".join(_parts(f.name)[:2]) in current]
            others = sorted((f for f in files if f not in mine), key=_mtime, reverse=True)
            for stale in others[1 if mine else 0:]:
                stale.unlink(missing_ok=True)


def listing(folder: Path) -> dict[str, list[Path]]:
    """The ZIPs in a packs folder by `<slug>-<key>` (`zip_stem`); none when it cannot be read."""
    found: dict[str, list[Path]] = {}
    try:
        names = os.listdir(folder)
    except OSError:
        return found
    for name in names:
        parts = zip_parts(name)
        if parts is not None:
            found.setdefault(f"{parts[0]}-{parts[1]}", []).append(folder / name)
    return found


def _parts(name: str) -> tuple[str, str, str]:
    """`zip_parts` of a name known to be a pack's ZIP (listed as one, or made here)."""
    parts = zip_parts(name)
    if parts is None:
        raise ValueError(f"{name} is not the name of a pack's ZIP")
    return parts


def _make_one(plan: PackPlan, settings: PackSettings, folder: Path) -> Problem | str:
    """Make one pack and store it in `folder`; its file's name, or the problem when it cannot be
    made. Runs in a worker too."""
    try:
        data = build_pack(plan, settings)
    except PackError as error:
        return error.problem
    name = zip_name(plan.lesson.slug, pack_key(plan, settings), hashlib.sha256(data).hexdigest())
    write_atomically(folder / name, data)
    return name


def _stored(outcome: Problem | str, folder: Path) -> tuple[Path, str]:
    """The made pack's file and hash; PackError when it could not be made."""
    if isinstance(outcome, Problem):
        raise PackError(outcome)
    return folder / outcome, _parts(outcome)[2]


def _sha256_of(file: Path) -> str:
    """The SHA-256 of a regular file's bytes (opening nothing else: a pipe would never end)."""
    digest = hashlib.sha256()
    handle = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    with open(handle, "rb") as stream:
        if not S_ISREG(os.fstat(handle).st_mode):
            raise OSError(f"{file} is not a regular file")
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _flock(stream, mode: str) -> bool:
    """Take the lock on `stream` ('shared' waits; 'exclusive' does not); whether it was taken.
    Where there is no flock (not on Unix), builds are not kept apart and stale packs are dropped."""
    try:
        import fcntl
    except ImportError:
        return True
    try:
        if mode == "shared":
            fcntl.flock(stream.fileno(), fcntl.LOCK_SH)
        else:
            fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _end_with_parent(parent: int) -> None:
    """In each worker: end when the build ends, even when it is killed (kill -9) and cannot ask."""
    if sys.platform.startswith("linux"):
        try:  # the kernel sends SIGKILL when the parent ends
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # it ended before the line above took effect
        os._exit(1)

    def watch() -> None:  # elsewhere, and as a second guard: the parent's pid changes when it ends
        while True:
            time.sleep(1)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


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
    if forks():
        return multiprocessing.get_context("fork")
    if jobs < _UNFORKED_MIN_PER_WORKER * workers:
        return None
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def forks() -> bool:
    """Whether the workers would be forked now (see `_context`)."""
    import multiprocessing

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods() \
        and threading.active_count() == 1


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:  # removed meanwhile by another build sharing the cache
        return 0.0


def read_record(cache_folder: Path) -> dict:
    """The record of the last build that used this cache ({} when there is none by this code)."""
    return read_stamped(Path(cache_folder) / PACKS / PACK_RECORD, "build")
