"""Builds that share one pack cache at once, and a build killed while its workers make PDFs."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import yaml

from support import FixtureSite, lesson


def _start(site: FixtureSite, out: str, epoch: int, workers: int = 1, output=subprocess.PIPE) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch),
           "THINKSAFE_PACK_WORKERS": str(workers)}
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-d", out], cwd=site.root, env=env,
                            stdout=output, stderr=subprocess.STDOUT, text=True)


def _write_config(site: FixtureSite) -> None:
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(site.config), encoding="utf-8")


def _check_pack(data: bytes, epoch: int) -> None:
    """Every entry carries this build's date, and the manifest's hashes are the entries'."""
    stamp = time.gmtime(epoch)[:6]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {stamp}
        manifest = json.loads(archive.read("manifest.json"))
        for entry in manifest["files"]:
            assert len(archive.read(entry["path"])) == entry["size"]


def test_two_builds_at_once_on_one_cache_each_publish_their_own_packs(site):
    for slug in ("one", "two", "three"):
        site.write(f"lessons/{slug}/index.md", lesson(slug.title(), audiences=["8-10"], resources=["sheet.txt"]))
        site.write(f"lessons/{slug}/sheet.txt", f"{slug} sheet\n")
    _write_config(site)
    for round_ in range(3):
        epochs = {"site-a": 1_600_000_000 + 86_400 * round_, "site-b": 1_700_000_000 + 86_400 * (round_ % 2)}
        builds = {out: _start(site, out, epoch) for out, epoch in epochs.items()}
        for build in builds.values():
            output, _ = build.communicate(timeout=600)
            assert build.returncode == 0 and "Traceback" not in output, output
        for out, epoch in epochs.items():
            for slug in ("one", "two", "three"):
                _check_pack((site.root / out / "packs" / f"{slug}.zip").read_bytes(), epoch)


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def _workers(pid: int) -> set[int]:
    """The build's children that are copies of it (forked workers), not other short-lived commands."""
    try:
        mine = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return set()
    found = set()
    for child in _children(pid):
        try:
            if Path(f"/proc/{child}/cmdline").read_bytes() == mine and _alive(child):
                found.add(child)
        except OSError:
            pass
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has ended, whoever reaps it


def test_no_pdf_worker_outlives_a_build_killed_with_sigkill(site):
    for number in range(24):  # enough packs to be made in worker processes
        site.write(f"lessons/plan-{number}.md", lesson(f"Plan {number}", audiences=["teachers"],
                                                       body="Words. " * 400))
    _write_config(site)
    with open(site.root / "build.log", "w") as log:  # not a pipe: a worker left running would hold it open
        build = _start(site, "site", 1_700_000_000, workers=2, output=log)
        workers: set[int] = set()
        deadline = time.monotonic() + 300
        while len(workers) < 2 and time.monotonic() < deadline and build.poll() is None:
            # Forked copies of the build still there half a second later: the PDF workers (a
            # library's lookup forks copies too, for a moment, that then run another program).
            seen = _workers(build.pid)
            time.sleep(0.5)
            workers = seen & _workers(build.pid)
        assert len(workers) >= 2, "the build started no PDF workers: " + (site.root / "build.log").read_text()
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:  # leave no stray process behind this test, whatever it found
        os.kill(pid, signal.SIGKILL)
    assert left == []
