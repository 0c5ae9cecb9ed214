"""What lesson packs cost: a generated site built with packs, cold and warm, against the same
build without them.

Usage: python bench/packs.py [--lessons 100] [--runs 3]

Writes the sites into bench/out/packs-n<N>/, prints a Markdown table and writes it into
bench/README.md between `<!-- packs:start -->` and `<!-- packs:end -->`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from importlib.metadata import version
from pathlib import Path

from generate import make_lessons, write_thinksafe_site

BENCH = Path(__file__).resolve().parent
README = BENCH / "README.md"
START, END = "<!-- packs:start -->", "<!-- packs:end -->"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
CACHE = Path(".cache/thinksafe")


@dataclass(frozen=True)
class Variant:
    name: str
    packs: bool
    keep_cache: bool  # keep the pack cache between builds (the site folder always goes)
    edit: bool = False  # change one lesson plan before each build


VARIANTS = [
    Variant("Without packs", packs=False, keep_cache=False),
    Variant("Packs, cold (empty cache)", packs=True, keep_cache=False),
    Variant("Packs, warm (nothing changed)", packs=True, keep_cache=True),
    Variant("Packs, warm (one lesson plan edited)", packs=True, keep_cache=True, edit=True),
]


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system: less swayed than wall time by other work on the machine
    peak_mb: float
    built: int
    reused: int


def build(site: Path, variant: Variant, round_: int) -> Run:
    """One `mkdocs build -q`, from no site folder (and no cache unless kept), timed."""
    shutil.rmtree(site / "site", ignore_errors=True)
    if not variant.keep_cache:
        shutil.rmtree(site / CACHE, ignore_errors=True)
    if variant.edit:
        edit_one_plan(site, round_)
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=site, env=ENV,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"mkdocs build failed in {site}:\n{process.stderr.read().decode()[-3000:]}")
    record = json.loads((site / CACHE / "packs/record.json").read_text()) if variant.packs else {}
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, len(record.get("built", {})),
               len(record.get("reused", {})))


def edit_one_plan(site: Path, round_: int) -> None:
    """Append a sentence to the first lesson for teachers, so that its pack must be made again."""
    for path in sorted((site / "content/lessons").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if "teachers" in text.split("---")[1]:
            path.write_text(text + f"\nEdited for round {round_}.\n", encoding="utf-8")
            return
    raise SystemExit("no lesson for teachers to edit")


def bench(lessons: int, runs: int) -> list[tuple[Variant, list[Run], int]]:
    """Each variant warmed up once, then `runs` timed builds; with the packs' total size."""
    generated = make_lessons(lessons)
    folder = BENCH / "out" / f"packs-n{lessons}"
    for packs in (False, True):  # the edited variant runs last, so the others see the same lessons
        write_thinksafe_site(folder / f"packs-{packs}".lower(), generated, packs=packs)
    results = []
    for variant in VARIANTS:
        site = folder / f"packs-{variant.packs}".lower()
        build(site, variant, 0)  # warm-up: fills the cache the warm variants keep
        timed = [build(site, variant, n) for n in range(1, runs + 1)]
        size = sum(p.stat().st_size for p in (site / "site/packs").glob("*.zip")) if variant.packs else 0
        print(f"{variant.name}: " + ", ".join(f"{r.seconds:.2f} s" for r in timed), file=sys.stderr)
        results.append((variant, timed, size))
    return results


def table(lessons: int, results) -> str:
    base = statistics.median(r.seconds for r in results[0][1])
    base_cpu = statistics.median(r.cpu_seconds for r in results[0][1])
    rows = ["| Lessons | Build | Timed runs | Median wall time (s) | × without packs | Median CPU time (s) "
            "| × without packs | Peak RSS (MB) | Packs made | Packs reused | Packs' size (MB) |",
            "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for variant, runs, size in results:
        seconds = statistics.median(r.seconds for r in runs)
        cpu = statistics.median(r.cpu_seconds for r in runs)
        made = "–" if not variant.packs else str(runs[-1].built)
        reused = "–" if not variant.packs else str(runs[-1].reused)
        rows.append(f"| {lessons} | {variant.name} | {len(runs)} | {seconds:.2f} | {seconds / base:.2f}× "
                    f"| {cpu:.2f} | {cpu / base_cpu:.2f}× "
                    f"| {max(r.peak_mb for r in runs):.0f} | {made} | {reused} "
                    f"| {'–' if not variant.packs else f'{size / 1_000_000:.1f}'} |")
    return "\n".join(rows)


def report(lessons: int, results) -> str:
    cpus = subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    invocation = shlex.join(["python", "bench/packs.py", *sys.argv[1:]])
    return (f"Measured on {date.today().isoformat()} on {cpus} CPUs (`nproc`); Python "
            f"{platform.python_version()}, MkDocs {version('mkdocs')}, WeasyPrint {version('weasyprint')}, "
            f"ThinkSafe {version('thinksafe')}, with:\n\n```sh\n{invocation}\n```\n\n"
            f"{table(lessons, results)}\n")


def write_readme(block: str) -> None:
    text = README.read_text(encoding="utf-8")
    if text.count(START) != 1 or text.count(END) != 1:
        raise SystemExit(f"{README} needs one '{START}' and one '{END}'")
    head, rest = text.split(START)
    README.write_text(f"{head}{START}\n{block}{END}{rest.split(END)[1]}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.runs < 1 or args.lessons < 1:
        parser.error("--runs and --lessons must be at least 1")
    block = report(args.lessons, bench(args.lessons, args.runs))
    print(block)
    write_readme(block)


if __name__ == "__main__":
    main()
