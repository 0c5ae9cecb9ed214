"""The rebuild as an author meets it: `mkdocs serve` rebuilding after one lesson is saved.

Usage: python bench/serve_rebuild.py [--size 1000] [--rounds 5] [--build-beside]

`run.py`'s *one lesson edited* figure is a new `mkdocs build` process. An author who writes
with `mkdocs serve` running waits instead for the server's rebuild: the same process, its
modules imported and ThinkSafe's plugin kept between builds. This measures that wait in CPU
time, against plain Material + prune building the same pages (a new `mkdocs build`, as in
`run.py`), interleaved round by round.

It uses the sites `run.py` writes under bench/out/n<N>/ (and writes them when missing). The
ThinkSafe site (packs on) is copied, with its cache folder if it has one, into a temporary
folder, where `mkdocs serve` runs on a free local port. Each round:

1. plain Material + prune builds its site (CPU from `os.wait4`, as `run.py` measures it);
2. the edited lesson (bench/out/n<N>/edited.txt: it has no pack) gets a new sentence, and
   the server's CPU time (user + system of every thread, and of any child it waited for, from
   /proc/<pid>/stat) is read before the edit and again once it logs "Reloading browsers".

With `--build-beside`, each round first runs `mkdocs build -q` on the served folder (an author
checking the real build while serving; its CPU is not counted): the rebuild then shows whether
the server still takes its pages from the cache that build shares.

The first build the server makes when it starts is not timed. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from run import EDITED, ENV, OUT, run_child, write_sites
from serving import Server

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_of(pid: int) -> float:
    """User + system seconds of a running process, its threads and its waited-for children."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2:].split()  # after the command's name, which may hold spaces
    utime, stime, cutime, cstime = (int(v) for v in fields[11:15])
    return (utime + stime + cutime + cstime) / TICKS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--build-beside", action="store_true", help="run `mkdocs build -q` on the served folder "
                        "before each edit")
    args = parser.parse_args()
    folder = OUT / f"n{args.size}"
    if not (folder / EDITED).is_file():
        write_sites(args.size)
    lesson = (folder / EDITED).read_text(encoding="utf-8").strip()
    plain = folder / "material-prune"
    with tempfile.TemporaryDirectory(prefix="thinksafe-serve-") as temporary:
        site = Path(temporary) / "site"
        shutil.copytree(folder / "thinksafe", site, ignore=shutil.ignore_patterns("site"))
        edited = site / "content" / "lessons" / f"{lesson}.md"
        server = Server(site, ENV)
        try:
            server.wait_for("Serving on")  # after the first build
            material, rebuild = [], []
            for round_ in range(1, args.rounds + 1):
                shutil.rmtree(plain / "site", ignore_errors=True)
                material.append(run_child([sys.executable, "-m", "mkdocs", "build", "-q"], plain).cpu_seconds)
                if args.build_beside:
                    built = str(Path(temporary) / "built")
                    run_child([sys.executable, "-m", "mkdocs", "build", "-q", "-d", built], site)
                time.sleep(1)  # let the server settle: its idle time is not the rebuild's
                before = cpu_of(server.process.pid)
                with edited.open("a", encoding="utf-8") as stream:
                    stream.write(f"\nThis sentence was saved while serving, before rebuild {round_}.\n")
                server.wait_for("Reloading browsers")
                rebuild.append(cpu_of(server.process.pid) - before)
                print(f"round {round_}: Material + prune {material[-1]:.2f} s, serve rebuild {rebuild[-1]:.2f} s",
                      file=sys.stderr)
        finally:
            server.stop()
    m, r = statistics.median(material), statistics.median(rebuild)
    print(f"| N | Material + prune, clean build (CPU) | `mkdocs serve` rebuild, one lesson saved (CPU) | ratio |\n"
          f"|---|---|---|---|\n"
          f"| {args.size:,} | {m:.2f} s | {r:.2f} s | {r / m:.2f}× |")
    print(f"median of {args.rounds} rounds; each: {', '.join(f'{x:.2f}' for x in rebuild)} s")


if __name__ == "__main__":
    main()
