"""Benchmark a ThinkSafe build against plain Material and against converting the Markdown alone.

Also times `thinksafe check`, which validates the same site without building it.

Usage: python bench/run.py [--sizes 100 1000 3000] [--runs 3]

Writes the sites into bench/out/, prints a Markdown table and writes it into bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from importlib.metadata import version
from pathlib import Path

from generate import make_lessons, write_thinksafe_site
from plain import output_pages, write_plain_site

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
README = BENCH / "README.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"
# Bytecode is cached under bench/out/ (the warm-up fills it), as an installed package has it.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "NO_MKDOCS_2_WARNING": "1", "PYTHONPYCACHEPREFIX": str(OUT / "pycache")}
SOURCES = {"mkdocs.yml", "content"}
PACKS_PAGE = Path("teachers/packs/index.html")  # the one page a site without packs lacks
LESSON_PAGE = re.compile(r"^[^/]+/lesson-\d+/index\.html$")
CHECKED = re.compile(r"^thinksafe check: (\d+) lessons, (\d+) errors, (\d+) warnings$", re.MULTILINE)


class BenchError(RuntimeError):
    """A build failed or made the wrong site: the numbers would mean nothing."""


@dataclass(frozen=True)
class Variant:
    """One way of building the same output pages."""

    name: str
    folder: str  # the site folder under bench/out/n<N>/
    # "mkdocs": `mkdocs build`; "markdown": markdown_only.py; "check": `thinksafe check`
    tool: str = "mkdocs"
    fresh: bool = True  # start from mkdocs.yml and content/ alone, as a new checkout does
    packs: bool = True  # False: ThinkSafe with `packs: false`, so no ZIPs, PDFs or packs page

    @property
    def mkdocs(self) -> bool:
        """Whether this variant is an MkDocs build (it writes site/)."""
        return self.tool == "mkdocs"

    @property
    def check(self) -> bool:
        """Whether this variant is `thinksafe check`, which reads the site and builds nothing."""
        return self.tool == "check"

    @property
    def thinksafe_build(self) -> bool:
        """Whether this variant builds with the thinksafe plugin."""
        return self.mkdocs and self.folder.startswith("thinksafe")


VARIANTS = [
    Variant("ThinkSafe", "thinksafe"),
    Variant("ThinkSafe, cache kept", "thinksafe-cached", fresh=False),
    # The pages alone, from clean: what the plain sites build, less the teachers' packs page.
    Variant("ThinkSafe, no packs", "thinksafe-no-packs", packs=False),
    # Reads mkdocs.yml and content/ of the ThinkSafe site and writes nothing, so it shares its folder.
    Variant("thinksafe check", "thinksafe", tool="check"),
    Variant("Material", "material"),
    Variant("Material + prune", "material-prune"),
    Variant("Markdown only", "material", tool="markdown"),
]


@dataclass
class Child:
    """What one child process did: wall and CPU time, peak memory and what it printed."""

    seconds: float
    cpu_seconds: float
    peak_mb: float
    stdout: str
    stderr: str


@dataclass
class Result:
    """One variant at one size, over all its timed runs."""

    variant: Variant
    lessons: int
    runs: int
    seconds: float
    cpu_seconds: float
    peak_mb: float
    pages: int
    lesson_kb: float | None
    largest_kb: float | None
    warnings: int | None


def run_child(command: list[str], cwd: Path) -> Child:
    """Run a command to its end, timed, with CPU time and peak RSS from wait4; fail if it fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        child = Child(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                      out.read().decode(), err.read().decode())
    if process.returncode != 0:
        raise BenchError(f"{shlex.join(command)} in {cwd} exited with {process.returncode}:\n"
                         f"--- stdout (end) ---\n{child.stdout[-3000:]}\n"
                         f"--- stderr (end) ---\n{child.stderr[-3000:]}")
    return child


def command(variant: Variant, site: Path, quiet: bool = True) -> list[str]:
    """The command that runs a variant: `mkdocs build [-q]`, the Markdown-only script, or
    `thinksafe check` (as `python -m thinksafe.cli`, the console script's code without a shim)."""
    if variant.check:
        return [sys.executable, "-m", "thinksafe.cli", "check", str(site)]
    if not variant.mkdocs:
        return [sys.executable, str(BENCH / "markdown_only.py"), str(site / "content")]
    return [sys.executable, "-m", "mkdocs", "build"] + (["-q"] if quiet else [])


def html_pages(site: Path) -> list[Path]:
    """Every HTML file a build wrote, relative to its output folder."""
    return sorted(p.relative_to(site / "site") for p in (site / "site").rglob("*.html"))


def check_output(variant: Variant, site: Path, child: Child, expected: int, lessons: int) -> None:
    """Fail unless the build made the expected number of pages (`thinksafe check`: unless it
    checked every lesson and found no errors)."""
    if variant.check:
        summary = CHECKED.search(child.stderr)
        if not summary or int(summary[1]) != lessons or int(summary[2]) != 0:
            raise BenchError(f"{variant.name} in {site}: expected '{lessons} lessons, 0 errors', "
                             f"got:\n{child.stdout[-3000:]}\n{child.stderr[-3000:]}")
        return
    if variant.mkdocs:
        found = len(html_pages(site))
        expected += 1 if variant.packs else 0  # MkDocs's 404.html, less the packs page
    else:
        found = int(child.stdout.strip() or -1)
    if found != expected:
        raise BenchError(f"{variant.name} in {site}: {found} pages instead of {expected}")


def clean(site: Path, fresh: bool) -> None:
    """Delete the last build's output; when `fresh`, everything but mkdocs.yml and content/ too."""
    doomed = [p for p in site.iterdir() if p.name not in SOURCES] if fresh else [site / "site"]
    for path in doomed:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def build(variant: Variant, site: Path, expected: int, lessons: int, quiet: bool = True) -> Child:
    """One build from a clean output folder (or one `thinksafe check`), checked."""
    if variant.mkdocs:
        clean(site, variant.fresh)
    child = run_child(command(variant, site, quiet), site)
    check_output(variant, site, child, expected, lessons)
    return child


def check_same_pages(folder: Path) -> None:
    """Fail unless every MkDocs variant wrote the same HTML files as ThinkSafe."""
    ours = set(html_pages(folder / VARIANTS[0].folder))
    for variant in VARIANTS[1:]:
        theirs = set(html_pages(folder / variant.folder)) if variant.mkdocs else ours
        if not variant.packs:
            theirs.add(PACKS_PAGE)
        if theirs != ours:
            only = sorted(map(str, ours - theirs))[:5], sorted(map(str, theirs - ours))[:5]
            raise BenchError(f"ThinkSafe and {variant.name} output different pages: only in "
                             f"ThinkSafe {only[0]}, only in {variant.name} {only[1]}; update plain.py")


def warnings_of(variant: Variant, child: Child) -> int | None:
    """How many WARNING lines a non-quiet MkDocs build, or `thinksafe check`, printed (echoing
    the first few)."""
    if variant.check:
        lines = [line for line in child.stdout.splitlines() if line.startswith("WARNING")]
    elif variant.mkdocs:
        lines = [line for line in child.stderr.splitlines() if line.startswith("WARNING")]
    else:
        return None
    for line in lines[:3]:
        print(f"    {variant.name}: {line}", file=sys.stderr)
    return len(lines)


def lesson_kb(site: Path) -> tuple[float, float]:
    """The median and the largest size of the lesson pages' HTML, in KB."""
    sizes = [(site / "site" / p).stat().st_size / 1024
             for p in html_pages(site) if LESSON_PAGE.match(p.as_posix())]
    if not sizes:
        raise BenchError(f"no lesson pages in {site / 'site'}")
    return statistics.median(sizes), max(sizes)


def write_sites(lessons: int) -> tuple[Path, int]:
    """Write the three sites; return their folder and how many pages ThinkSafe outputs (no 404)."""
    folder = OUT / f"n{lessons}"
    generated = make_lessons(lessons)
    write_thinksafe_site(folder / "thinksafe", generated)
    write_thinksafe_site(folder / "thinksafe-cached", generated)
    write_thinksafe_site(folder / "thinksafe-no-packs", generated, packs=False)
    write_plain_site(folder / "material", generated, prune=False)
    write_plain_site(folder / "material-prune", generated, prune=True)
    return folder, len(output_pages(generated))


def bench_size(lessons: int, runs: int) -> list[Result]:
    """Warm up each variant once (not timed, not quiet), then time `runs` rounds of all of them."""
    folder, expected = write_sites(lessons)
    warnings, children = {}, {v: [] for v in VARIANTS}
    for variant in VARIANTS:
        print(f"N={lessons} {variant.name}: warm-up", file=sys.stderr)
        warm = build(variant, folder / variant.folder, expected, lessons, quiet=False)
        warnings[variant] = warnings_of(variant, warm)
    check_same_pages(folder)
    for round_ in range(1, runs + 1):
        for variant in VARIANTS:
            child = build(variant, folder / variant.folder, expected, lessons)
            children[variant].append(child)
            print(f"N={lessons} {variant.name} run {round_}/{runs}: {child.seconds:.2f} s, "
                  f"CPU {child.cpu_seconds:.2f} s, {child.peak_mb:.0f} MB", file=sys.stderr)
    return [summarise(v, lessons, folder / v.folder, children[v], expected, warnings[v])
            for v in VARIANTS]


def summarise(variant: Variant, lessons: int, site: Path, children: list[Child], expected: int,
              warnings: int | None) -> Result:
    """One variant's median times, highest peak RSS, page count (`thinksafe check`: lessons
    checked) and median lesson page size."""
    return Result(
        variant, lessons, len(children),
        seconds=statistics.median(c.seconds for c in children),
        cpu_seconds=statistics.median(c.cpu_seconds for c in children),
        peak_mb=max(c.peak_mb for c in children),
        pages=expected + (1 if variant.packs else 0) if variant.mkdocs else lessons if variant.check else expected,
        lesson_kb=lesson_kb(site)[0] if variant.mkdocs else None,
        largest_kb=lesson_kb(site)[1] if variant.mkdocs else None,
        warnings=warnings,
    )


def number(value: float | None, digits: int = 1) -> str:
    """A table cell: the value rounded, or a dash when it does not apply."""
    return "–" if value is None else f"{value:.{digits}f}"


def results_table(results: list[Result]) -> str:
    """The Markdown table of every variant at every size."""
    rows = ["| Lessons | Variant | Timed runs | Median wall time (s) | Median CPU time (s) "
            "| Peak RSS (MB) | HTML pages | Median lesson page (KB) | Largest lesson page (KB) "
            "| Warnings |",
            "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        pages = (str(r.pages) if r.variant.mkdocs else f"({r.pages} lessons checked)"
                 if r.variant.check else f"({r.pages} converted)")
        warnings = "–" if r.warnings is None else str(r.warnings)
        rows.append(f"| {r.lessons} | {r.variant.name} | {r.runs} | {number(r.seconds, 2)} "
                    f"| {number(r.cpu_seconds, 2)} | {number(r.peak_mb, 0)} | {pages} "
                    f"| {number(r.lesson_kb)} | {number(r.largest_kb)} | {warnings} |")
    return "\n".join(rows)


def ratio(a: float | None, b: float | None) -> str:
    """`a / b` as a table cell, or a dash when either is missing."""
    return "–" if a is None or b is None else f"{a / b:.2f}×"


def ratios_table(results: list[Result]) -> str:
    """Each ThinkSafe build divided by each plain variant, then `thinksafe check` divided by each
    ThinkSafe build, at each size, from this run only."""
    rows = ["| Lessons | Ratio | Wall time | CPU time | Peak RSS | Median lesson page size |",
            "| ---: | --- | ---: | ---: | ---: | ---: |"]
    for lessons in sorted({r.lessons for r in results}):
        at = [r for r in results if r.lessons == lessons]
        builds = [r for r in at if r.variant.thinksafe_build]
        plain = [r for r in at if not r.variant.thinksafe_build and not r.variant.check]
        checks = [r for r in at if r.variant.check]
        pairs = [(a, b) for a in builds for b in plain] + [(a, b) for a in checks for b in builds]
        for ours, theirs in pairs:
            rows.append(f"| {lessons} | {ours.variant.name} / {theirs.variant.name} "
                        f"| {ratio(ours.seconds, theirs.seconds)} "
                        f"| {ratio(ours.cpu_seconds, theirs.cpu_seconds)} "
                        f"| {ratio(ours.peak_mb, theirs.peak_mb)} "
                        f"| {ratio(ours.lesson_kb, theirs.lesson_kb)} |")
    return "\n".join(rows)


@dataclass(frozen=True)
class Goal:
    """One of issue 7's goals, checked against this run's figures."""

    text: str
    value: float | None  # None: a size it needs was not measured
    limit: float
    unit: str = "×"

    def row(self) -> str:
        if self.value is None:
            return f"| {self.text} | not measured | ≤ {self._limit()} | – |"
        met = "met" if self.value <= self.limit else "**not met**"
        shown = f"{self.value:.2f}×" if self.unit == "×" else f"{self.value:.0f} {self.unit}"
        return f"| {self.text} | {shown} | ≤ {self._limit()} | {met} |"

    def _limit(self) -> str:
        return f"{self.limit:g}×" if self.unit == "×" else f"{self.limit:g} {self.unit}"


def goals(results: list[Result]) -> list[Goal]:
    """The goals, by CPU time, for each ThinkSafe build (clean, cache kept, and clean without packs)."""
    def find(name: str, lessons: int) -> Result | None:
        return next((r for r in results if r.variant.name == name and r.lessons == lessons), None)

    def ratio_of(a: Result | None, b: Result | None, field: str = "cpu_seconds") -> float | None:
        return getattr(a, field) / getattr(b, field) if a and b else None

    found = []
    for build in ("ThinkSafe", "ThinkSafe, cache kept", "ThinkSafe, no packs"):
        ours = find(build, 1000)
        found += [
            Goal(f"{build} / Material + prune at N = 1,000", ratio_of(ours, find("Material + prune", 1000)), 0.5),
            Goal(f"{build} / Markdown only at N = 1,000", ratio_of(ours, find("Markdown only", 1000)), 3),
            Goal(f"{build}: N = 3,000 / N = 1,000", ratio_of(find(build, 3000), ours), 3.3),
        ]
    sizes = [r.largest_kb for r in results if r.variant.thinksafe_build and r.largest_kb is not None]
    found.append(Goal("Largest lesson page of a ThinkSafe build, any N", max(sizes) if sizes else None, 40, "KB"))
    peaks = [r.peak_mb for r in results if r.variant.thinksafe_build and r.lessons == 3000]
    found.append(Goal("Peak memory of a ThinkSafe build at N = 3,000", max(peaks) if peaks else None, 600, "MB"))
    return found


def goals_table(results: list[Result]) -> str:
    rows = ["| Goal (CPU time) | Measured | Goal | |", "| --- | ---: | ---: | --- |"]
    return "\n".join(rows + [goal.row() for goal in goals(results)])


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo, or the architecture when it has none."""
    lines = Path("/proc/cpuinfo").read_text().splitlines()
    names = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    return names[0] if names else platform.machine()


def machine() -> str:
    """The machine and versions the numbers were measured with."""
    cpus = subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    return (f"{cpus} CPUs (`nproc`), {cpu_model()}; Python {platform.python_version()}, "
            f"MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}, "
            f"Python-Markdown {version('markdown')}, ThinkSafe {version('thinksafe')}")


def report(results: list[Result]) -> str:
    """The results block for the README: when, where, how, then both tables."""
    invocation = shlex.join(["python", "bench/run.py", *sys.argv[1:]])
    return (f"Measured on {date.today().isoformat()} on {machine()}, with:\n\n"
            f"```sh\n{invocation}\n```\n\n{results_table(results)}\n\n"
            f"Ratios within this run: each ThinkSafe build divided by each plain variant, then "
            f"`thinksafe check` divided by each ThinkSafe build:\n\n"
            f"{ratios_table(results)}\n\n"
            f"Issue 7's goals, from the figures above:\n\n{goals_table(results)}\n")


def write_readme(block: str) -> None:
    """Replace what lies between the results markers of bench/README.md."""
    text = README.read_text(encoding="utf-8")
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise BenchError(f"{README} needs one '{START}' followed by one '{END}'")
    head, rest = text.split(START)
    tail = rest.split(END)[1]
    README.write_text(f"{head}{START}\n{block}{END}{tail}", encoding="utf-8")


def main() -> None:
    """Benchmark every size, then print and record the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.runs < 1 or min(args.sizes) < 1:
        parser.error("--runs and every size must be at least 1")
    results = [r for size in args.sizes for r in bench_size(size, args.runs)]
    block = report(results)
    print(block)
    write_readme(block)


if __name__ == "__main__":
    main()
