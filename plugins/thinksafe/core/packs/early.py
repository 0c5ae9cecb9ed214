"""Packs begun while the build still plans them: each printable copy goes to a PDF worker as soon
as it is made, so that the other cores render PDFs while this process makes the next copy."""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from thinksafe.core.cache import PACKS, write_atomically, zip_stem
from thinksafe.core.packs import cache as packcache
from thinksafe.core.packs.contents import PackError, PackPlan, PackSettings, pack_key
from thinksafe.core.packs.pdf import preload

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor


class EarlyPacks:
    """The packs of a clean build, begun during the checks in forked workers, into a temporary
    folder of their own: nothing reaches the cache until `collect`, which the build calls once
    every check has passed, and `close` throws away whatever was not collected.

    Only where `PackCache` would fork its workers (Linux, no other thread running) and with more
    than one worker; elsewhere `offer` does nothing and the build makes its packs as before.
    """

    def __init__(self, cache_folder: Path | None, settings: PackSettings, jobs: int, workers: int | None = None):
        self.settings = settings
        self.workers = min(packcache.pack_workers() if workers is None else workers, jobs)
        kept = Path(cache_folder) / PACKS if cache_folder is not None else None
        self._cached = packcache.listing(kept) if kept is not None else {}  # read once: a clean build has none
        self._futures: dict[str, tuple[str, Future]] = {}  # slug → (the key it was made for, its outcome)
        self.begun = 0  # packs begun by `offer`
        self._pool: ProcessPoolExecutor | None = None
        self._folder: Path | None = None
        self._usable = self.workers > 1 and packcache.forks() and packcache._portable(settings)

    @property
    def started(self) -> bool:
        """Whether any pack was begun (then `collect` makes the rest in the same workers)."""
        return self._pool is not None

    def offer(self, plan: PackPlan) -> None:
        """Begin the plan's pack, unless the cache has it or its printable copy was not rendered
        (a record vouched for it: the build decides whether it is needed)."""
        if not self._usable or plan.html is None:
            return
        if not plan.complete and plan.replan is not None:
            plan = plan.replan()  # its pupils' copies, which the build would render for it anyway
        key = pack_key(plan, self.settings)
        if packcache.PackCache._whole(self._cached.get(zip_stem(plan.lesson.slug, key), [])) is not None:
            return
        try:
            self._futures[plan.lesson.slug] = (key, self._submit(plan))
            self.begun += 1
        except Exception:  # no worker could start: the build makes the packs as it would have
            self._usable = False
            self.close()

    def collect(self, missing: list[tuple[PackPlan, str]], folder: Path) -> dict[str, tuple[Path, str]]:
        """Each missing (plan, key)'s pack stored in `folder`, in order, the ones not yet begun
        made in the same workers; its file and hash, by slug. Raise PackError for the first plan,
        in order, whose pack cannot be made."""
        from concurrent.futures.process import BrokenProcessPool

        made: dict[str, tuple[Path, str]] = {}
        try:
            futures = [(plan, self._future(plan, key)) for plan, key in missing]
            for plan, future in futures:
                made[plan.lesson.slug] = self._stored(future.result(), folder)
        except BrokenProcessPool:  # a worker died (out of memory, killed): make the rest here
            for plan, _ in missing:
                if plan.lesson.slug not in made:
                    made[plan.lesson.slug] = packcache._stored(
                        packcache._make_one(plan, self.settings, folder), folder)
        finally:
            self.close()
        return made

    def close(self) -> None:
        """Stop the workers (packs not begun are not made) and remove the temporary folder."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        self._futures = {}
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def _future(self, plan: PackPlan, key: str) -> Future:
        """The plan's pack begun for this very key, or begun now."""
        begun = self._futures.get(plan.lesson.slug)
        return begun[1] if begun is not None and begun[0] == key else self._submit(plan)

    def _submit(self, plan: PackPlan) -> Future:
        if self._pool is not None and self._folder is not None:
            return self._pool.submit(packcache._make_one, plan, self.settings, self._folder)
        return self._start(plan)

    def _start(self, plan: PackPlan) -> Future:
        """Fork the workers and give them the first plan, with WeasyPrint imported and this
        process's objects frozen for their garbage collectors (see `PackCache._make_in_processes`);
        this process's own collector has them back at once, as it goes on planning."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self._folder = Path(tempfile.mkdtemp(prefix="thinksafe-early-packs-"))
        preload()
        self._pool = pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                                initializer=packcache._end_with_parent, initargs=(os.getpid(),))
        gc.freeze()
        try:  # a forking pool forks every worker at its first task
            return pool.submit(packcache._make_one, plan, self.settings, self._folder)
        finally:
            gc.unfreeze()

    def _stored(self, outcome, folder: Path) -> tuple[Path, str]:
        """The pack made in the temporary folder, written into `folder` as `_make_one` would have."""
        if not isinstance(outcome, str):
            raise PackError(outcome)
        assert self._folder is not None
        made = self._folder / outcome
        write_atomically(folder / outcome, made.read_bytes())
        made.unlink()
        return packcache._stored(outcome, folder)
