"""Benchmark a ThinkSafe build against plain Material and against converting the Markdown alone.

Also times `thinksafe check`, which validates the same site without building it, a rebuild after
one lesson is edited, and WeasyPrint rendering the packs' printable copies on its own (the floor
of what packs can cost).

Usage: python bench/run.py [--sizes 100 1000 3000] [--runs 5] [--runs-at 3000=2] [--settle 35] [--unpruned]

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
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from generate import Lesson, make_lessons, write_thinksafe_site
from plain import output_pages, write_plain_site
from weasyprint_floor import extract

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
README = BENCH / "README.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"
# Bytecode is cached under bench/out/ (the warm-up fills it), as an installed package has it.
# Jinja's compiled templates are kept in the temporary folder (mkdocs/speed/compiled_templates.py):
# under bench/out/ too, one folder a size (`per_size`), emptied before each fresh build, as a
# fresh machine (CI) has none.
TEMPORARY = OUT / "tmp"
TRASH = OUT / "trash"  # outputs of earlier builds, deleted before the next round (`settle`)
SETTLE_SECONDS = 35.0
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "NO_MKDOCS_2_WARNING": "1", "PYTHONPYCACHEPREFIX": str(OUT / "pycache")}
SOURCES = {"mkdocs.yml", "content"}
PACKS_PAGE = Path("teachers/packs/index.html")  # the one page a site without packs lacks
LESSON_PAGE = re.compile(r"^[^/]+/lesson-\d+/index\.html$")
LESSON_LINK = re.compile(r"\]\((lesson-\d+)\.md\)")
FLOOR_SAME_FONTS = "WeasyPrint floor, ThinkSafe's font steps"
PRINTABLE = "printable"  # under bench/out/n<N>/: the packs' lesson.html files, for the floor
# Counts are written with thousands separators ("1,000 lessons").
CHECKED = re.compile(r"^thinksafe check: ([\d,]+) lessons?, ([\d,]+) errors?, ([\d,]+) warnings?$", re.MULTILINE)


EDITED_NO_SITE = "ThinkSafe, one lesson edited, site/ deleted"


class BenchError(RuntimeError):
    """A build failed or made the wrong site: the numbers would mean nothing."""


@dataclass(frozen=True)
class Variant:
    """One way of building the same output pages."""

    name: str
    folder: str  # the site folder under bench/out/n<N>/
    # "mkdocs": `mkdocs build`; "markdown": markdown_only.py; "check": `thinksafe check`;
    # "floor": weasyprint_floor.py on the printable copies of the ThinkSafe build's packs
    tool: str = "mkdocs"
    fresh: bool = True  # start from mkdocs.yml and content/ alone, as a new checkout does
    packs: bool = True  # False: ThinkSafe with `packs: false`, so no ZIPs, PDFs or packs page
    edit: bool = False  # change one lesson's text before each build (see `edit_one_lesson`)
    keep_site: bool = False  # leave site/ as the build before left it (an author's save)
    optional: bool = False  # run only when asked (--unpruned): plain Material without prune
    font_steps: bool = False  # the floor with ThinkSafe's two font steps installed (see weasyprint_floor.py)

    @property
    def mkdocs(self) -> bool:
        """Whether this variant is an MkDocs build (it writes site/)."""
        return self.tool == "mkdocs"

    @property
    def check(self) -> bool:
        """Whether this variant is `thinksafe check`, which reads the site and builds nothing."""
        return self.tool == "check"

    @property
    def floor(self) -> bool:
        """Whether this variant is WeasyPrint alone on the packs' printable copies."""
        return self.tool == "floor"

    @property
    def thinksafe_build(self) -> bool:
        """Whether this variant builds with the thinksafe plugin."""
        return self.mkdocs and self.folder.startswith("thinksafe")


ALL_VARIANTS = [
    Variant("ThinkSafe", "thinksafe"),
    # The next two share the clean build's folder and run right after it, in this order, so that
    # they start from its cache (and the edited one from the cache of the one before it).
    Variant("ThinkSafe, cache kept", "thinksafe", fresh=False),
    # The cache and site/ of the build before kept, one lesson's text changed: an author's save,
    # as `mkdocs serve` and a second `mkdocs build` find the folder (issue 19's figure).
    Variant("ThinkSafe, one lesson edited", "thinksafe", fresh=False, edit=True, keep_site=True),
    # The same with site/ deleted first: every page is written into an empty folder.
    Variant(EDITED_NO_SITE, "thinksafe", fresh=False, edit=True),
    # Reads mkdocs.yml and content/ of the ThinkSafe site and writes nothing, so it shares its folder.
    Variant("thinksafe check", "thinksafe", tool="check"),
    # The pages alone, from clean: what the plain sites build, less the teachers' packs page.
    Variant("ThinkSafe, no packs", "thinksafe-no-packs", packs=False),
    # Every page carries the whole navigation: minutes a build at 3,000 lessons, so only on request.
    Variant("Material", "material", optional=True),
    Variant("Material + prune", "material-prune"),
    Variant("Markdown only", "material-prune", tool="markdown"),
    # The printable copies the ThinkSafe build's PDFs are made from, rendered by WeasyPrint alone.
    Variant("WeasyPrint floor", PRINTABLE, tool="floor"),
    # The same with the font steps a ThinkSafe build installs into WeasyPrint (same PDF bytes, less
    # CPU): what the packs cost beyond WeasyPrint doing exactly the build's work.
    Variant(FLOOR_SAME_FONTS, PRINTABLE, tool="floor", font_steps=True),
]
VARIANTS = [v for v in ALL_VARIANTS if not v.optional]  # main() adds the optional ones on request


@dataclass
class Child:
    """What one child process did: wall and CPU time, peak memory and what it printed."""

    seconds: float
    cpu_seconds: float
    peak_mb: float
    stdout: str
    stderr: str
    user_seconds: float = 0.0  # the user part of `cpu_seconds`


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
    cpu_runs: tuple[float, ...] = ()  # each timed run's CPU time, in round order
    user_runs: tuple[float, ...] = ()  # and its user time


def run_child(command: list[str], cwd: Path) -> Child:
    """Run a command to its end, timed, with CPU time and peak RSS from wait4; fail if it fails."""
    tmpdir = per_size(TEMPORARY, cwd)
    tmpdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env={**ENV, "TMPDIR": str(tmpdir)}, stdout=out,
                                   stderr=err)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        child = Child(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                      out.read().decode(), err.read().decode(), user_seconds=usage.ru_utime)
    if process.returncode != 0:
        raise BenchError(f"{shlex.join(command)} in {cwd} exited with {process.returncode}:\n"
                         f"--- stdout (end) ---\n{child.stdout[-3000:]}\n"
                         f"--- stderr (end) ---\n{child.stderr[-3000:]}")
    return child


def command(variant: Variant, site: Path) -> list[str]:
    """The command that runs a variant: `mkdocs build [-q]`, the Markdown-only script, or
    `thinksafe check` (as `python -m thinksafe.cli`, the console script's code without a shim)."""
    if variant.check:
        return [sys.executable, "-m", "thinksafe.cli", "check", str(site)]
    if variant.floor:
        return [sys.executable, str(BENCH / "weasyprint_floor.py"), str(site)] + (
            ["--thinksafe-font-steps"] if variant.font_steps else [])
    if not variant.mkdocs:
        return [sys.executable, str(BENCH / "markdown_only.py"), str(site / "content")]
    return [sys.executable, "-m", "mkdocs", "build"]  # not -q: its WARNING lines are counted


def _count(text: str) -> int:
    return int(text.replace(",", ""))


def html_pages(site: Path) -> list[Path]:
    """Every HTML file a build wrote, relative to its output folder."""
    return sorted(p.relative_to(site / "site") for p in (site / "site").rglob("*.html"))


def check_output(variant: Variant, site: Path, child: Child, expected: int, lessons: int) -> None:
    """Fail unless the build made the expected number of pages (`thinksafe check`: unless it
    checked every lesson and found no errors)."""
    if variant.check:
        summary = CHECKED.search(child.stderr)
        if not summary or _count(summary[1]) != lessons or _count(summary[2]) != 0:
            raise BenchError(f"{variant.name} in {site}: expected '{lessons} lessons, 0 errors', "
                             f"got:\n{child.stdout[-3000:]}\n{child.stderr[-3000:]}")
        return
    if variant.mkdocs:
        found = len(html_pages(site))
        expected += 1 if variant.packs else 0  # MkDocs's 404.html, less the packs page
    elif variant.floor:
        found, expected = int(child.stdout.strip() or -1), len(list(site.glob("*.html")))
    else:
        found = int(child.stdout.strip() or -1)
    if found != expected:
        raise BenchError(f"{variant.name} in {site}: {found} pages instead of {expected}")


def per_size(root: Path, folder: Path) -> Path:
    """`root`'s folder (TEMPORARY, TRASH) for the size whose builds run in `folder`
    (bench/out/n<N>/<variant>): one a size, so that sizes measured at once (--jobs) never empty
    each other's Jinja cache or trash."""
    return root / folder.parent.name


def clean(site: Path, fresh: bool) -> None:
    """Put the last build's output out of the way; when `fresh`, everything but mkdocs.yml and
    content/ too, and Jinja's compiled templates. Moved into the size's own folder of TRASH
    (sizes measured at once each empty their own), deleted by `settle`."""
    doomed = [p for p in site.iterdir() if p.name not in SOURCES] if fresh else [site / "site"]
    if fresh:
        doomed += list(per_size(TEMPORARY, site).glob("_jinja2-cache-*"))
    for path in doomed:
        if path.exists() or path.is_symlink():
            trash = per_size(TRASH, site)
            trash.mkdir(parents=True, exist_ok=True)
            path.rename(trash / f"{time.monotonic_ns()}-{path.name}")


def settle(trash: Path, seconds: float) -> None:
    """Delete what the builds since the last call put out of the way (`trash`), then wait `seconds` for
    the file system, so that a round's builds do not pay for the files deleted before them.

    ext4 without a journal (this machine's; a journal is ext4's default) skips every inode freed
    in the last 5 to 30 seconds when it makes a file, at a cost per inode skipped
    (`recently_deleted` in the kernel's fs/ext4/ialloc.c): 3,000 folders with a file each cost
    ~6 s of system time made just after deleting as many, ~2 s made 35 s later. Deleting a
    site just before building it again put seconds of system time into both ThinkSafe's and
    Material's figures, more the more the machine had deleted. Builds move their site and
    cache into TRASH instead (`clean`), and it is emptied here, before each round."""
    shutil.rmtree(trash, ignore_errors=True)
    if seconds > 0:
        os.sync()  # the freed inodes' table blocks written: not dirty, so 5 s rather than 30 count
        time.sleep(seconds)


def build(variant: Variant, site: Path, expected: int, lessons: int, round_: int = 0) -> Child:
    """One build from a clean output folder (or one `thinksafe check`), checked; for the edited
    variant, after changing one lesson's text (differently in each round)."""
    if variant.mkdocs and not variant.keep_site:
        clean(site, variant.fresh)
    if variant.edit:
        edit_one_lesson(site, round_, variant.keep_site)
    child = run_child(command(variant, site), site)
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
    """Write the sites; return their folder and how many pages ThinkSafe outputs (no 404)."""
    folder = OUT / f"n{lessons}"
    generated = make_lessons(lessons)
    write_thinksafe_site(folder / "thinksafe", generated)
    (folder / EDITED).write_text(edited_lesson(generated) + "\n", encoding="utf-8")
    write_thinksafe_site(folder / "thinksafe-no-packs", generated, packs=False)
    if any(v.folder == "material" for v in VARIANTS):
        write_plain_site(folder / "material", generated, prune=False)
    write_plain_site(folder / "material-prune", generated, prune=True)
    shutil.rmtree(folder / PRINTABLE, ignore_errors=True)
    (folder / PRINTABLE).mkdir()
    return folder, len(output_pages(generated))


EDITED = "edited.txt"  # under bench/out/n<N>/: which lesson the edited variants change


def edited_lesson(lessons: list[Lesson]) -> str:
    """The lesson the edited variant changes: the first that has no pack (not for teachers) and
    that no lesson plan links to, so that its edit makes pages and no PDF (what a PDF costs is
    the packs' figure)."""
    planned = {m for l in lessons if "teachers" in l.audiences for m in LESSON_LINK.findall(l.body)}
    for lesson in lessons:
        if "teachers" not in lesson.audiences and lesson.slug not in planned:
            return lesson.slug
    raise BenchError("no lesson without a pack to edit")


def edit_one_lesson(site: Path, round_: int, kept: bool = False) -> None:
    """Add a sentence to the edited lesson's text, a new one each round and variant (its last one stays)."""
    path = site / "content/lessons" / f"{(site.parent / EDITED).read_text(encoding='utf-8').strip()}.md"
    folder = "kept" if kept else "emptied"
    with path.open("a", encoding="utf-8") as stream:
        stream.write(f"\nThis sentence was added before build {round_} of the benchmark, site folder {folder}.\n")


def bench_size(lessons: int, runs: int, warm_up: bool, warmed: threading.Event | None = None,
               settle_seconds: float = SETTLE_SECONDS) -> list[Result]:
    """Time `runs` rounds of every variant in turn, after one untimed round when `warm_up` (the
    run's first size: it fills the bytecode cache every later build uses; `warmed` is set when
    it ends). Warnings are counted, and the variants' pages compared, in the first round built.
    Each round starts on a settled file system (`settle`)."""
    folder, expected = write_sites(lessons)
    warnings, children = {}, {v: [] for v in VARIANTS}
    first = 0 if warm_up else 1
    for round_ in range(first, runs + 1):
        settle(TRASH / folder.name, settle_seconds)
        for variant in VARIANTS:
            child = build(variant, folder / variant.folder, expected, lessons, round_=round_)
            if variant not in warnings:
                warnings[variant] = warnings_of(variant, child)
            if round_ == 0:
                print(f"N={lessons} {variant.name}: warm-up, {child.seconds:.2f} s", file=sys.stderr)
            else:
                children[variant].append(child)
                print(f"N={lessons} {variant.name} run {round_}/{runs}: {child.seconds:.2f} s, "
                      f"CPU {child.cpu_seconds:.2f} s, {child.peak_mb:.0f} MB", file=sys.stderr)
            if variant == VARIANTS[0] and round_ == first:  # its packs: the floor's printable copies
                extract(folder / variant.folder / "site", folder / PRINTABLE)
        if round_ == first:
            check_same_pages(folder)
        if round_ == 0 and warmed is not None:
            warmed.set()
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
        pages=(expected + (1 if variant.packs else 0) if variant.mkdocs else lessons if variant.check
               else len(list(site.glob("*.html"))) if variant.floor else expected),
        lesson_kb=lesson_kb(site)[0] if variant.mkdocs else None,
        largest_kb=lesson_kb(site)[1] if variant.mkdocs else None,
        warnings=warnings,
        cpu_runs=tuple(c.cpu_seconds for c in children),
        user_runs=tuple(c.user_seconds for c in children),
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
                 if r.variant.check else f"({r.pages} PDFs)" if r.variant.floor
                 else f"({r.pages} converted)")
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
        plain = [r for r in at if not r.variant.thinksafe_build and not r.variant.check
                 and not r.variant.floor]
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
class Figures:
    """Issue 19's four figures at one size, from CPU times (user + system, children included)."""

    lessons: int
    pages: float | None  # clean build without packs / Material + prune
    edit: float | None  # rebuild after one lesson is edited, cache and site/ kept / Material + prune
    edit_emptied: float | None  # the same with site/ deleted before it / Material + prune
    packs_cpu: float | None  # clean build with packs less without: what the packs cost
    floor_cpu: float | None  # WeasyPrint alone on the same printable copies
    packs_wall: float | None  # the same two in wall time: how well the work spreads over the cores
    floor_wall: float | None
    floor_same_cpu: float | None  # the floor with ThinkSafe's font steps
    peak_mb: float | None  # the highest peak RSS of any ThinkSafe build (process or child)
    edit_cpu: float | None  # the edited rebuild's and the pages' own CPU times, for growth
    pages_cpu: float | None

    @property
    def packs(self) -> float | None:
        return _divide(self.packs_cpu, self.floor_cpu)

    @property
    def packs_same_fonts(self) -> float | None:
        return _divide(self.packs_cpu, self.floor_same_cpu)

    @property
    def packs_wall_ratio(self) -> float | None:
        return _divide(self.packs_wall, self.floor_wall)


def _divide(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b <= 0 else a / b


def _found(results: list[Result], name: str, lessons: int) -> Result | None:
    """The result of the variant called `name` at `lessons` lessons, if measured."""
    return next((r for r in results if r.variant.name == name and r.lessons == lessons), None)


def figures(results: list[Result], lessons: int) -> Figures:
    """The four figures at one size, from this run's medians."""
    def find(name: str) -> Result | None:
        return _found(results, name, lessons)

    clean, pages, edited = find("ThinkSafe"), find("ThinkSafe, no packs"), find("ThinkSafe, one lesson edited")
    plain, floor = find("Material + prune"), find("WeasyPrint floor")
    builds = [r.peak_mb for r in results if r.lessons == lessons and r.variant.thinksafe_build]

    def cpu(r): return r.cpu_seconds if r else None
    def extra(field): return getattr(clean, field) - getattr(pages, field) if clean and pages else None
    return Figures(lessons, _divide(cpu(pages), cpu(plain)), _divide(cpu(edited), cpu(plain)),
                   _divide(cpu(find(EDITED_NO_SITE)), cpu(plain)),
                   extra("cpu_seconds"), cpu(floor), extra("seconds"), floor.seconds if floor else None,
                   cpu(find(FLOOR_SAME_FONTS)),
                   max(builds) if builds else None, cpu(edited), cpu(pages))


def rounds_table(results: list[Result]) -> str:
    """The goals' two page figures in each round (the builds of a round are measured one after
    another, so its ratios are paired), in CPU and in user time: how far the machine moved them."""
    rows = ["| Lessons | Round | Material + prune CPU (s) | No packs CPU (s) | Pages, clean (CPU) "
            "| Pages, clean (user time) | One lesson edited CPU (s) | One lesson edited (CPU) |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for lessons in sorted({r.lessons for r in results}):
        plain, pages = _found(results, "Material + prune", lessons), _found(results, "ThinkSafe, no packs", lessons)
        edited = _found(results, "ThinkSafe, one lesson edited", lessons)
        if not (plain and pages and edited):
            continue
        for round_, (p, n, e, pu, nu) in enumerate(zip(plain.cpu_runs, pages.cpu_runs, edited.cpu_runs,
                                                       plain.user_runs, pages.user_runs, strict=True), 1):
            rows.append(f"| {lessons} | {round_} | {number(p, 2)} | {number(n, 2)} | {_ratio3(_divide(n, p))} "
                        f"| {_ratio3(_divide(nu, pu))} | {number(e, 2)} | {_ratio3(_divide(e, p))} |")
    return "\n".join(rows)


def figures_table(results: list[Result]) -> str:
    """Issue 19's four figures at each size."""
    rows = ["| Lessons | Pages, clean: no packs / Material + prune (CPU) "
            "| One lesson edited, cache and site/ kept / Material + prune (CPU) "
            "| The same, site/ deleted first "
            "| Packs' extra CPU (s): ThinkSafe − no packs | WeasyPrint floor CPU (s) | Packs / floor (CPU) "
            "| Floor with ThinkSafe's font steps CPU (s) | Packs / that floor (CPU) "
            "| Packs' extra wall (s) | Floor wall (s) | Packs / floor (wall) | Peak memory (MB) |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for lessons in sorted({r.lessons for r in results}):
        f = figures(results, lessons)
        rows.append(f"| {lessons} | {_times(f.pages)} | {_times(f.edit)} | {_times(f.edit_emptied)} "
                    f"| {number(f.packs_cpu, 2)} "
                    f"| {number(f.floor_cpu, 2)} | {_times(f.packs)} "
                    f"| {number(f.floor_same_cpu, 2)} | {_times(f.packs_same_fonts)} | {number(f.packs_wall, 2)} "
                    f"| {number(f.floor_wall, 2)} | {_times(f.packs_wall_ratio)} | {number(f.peak_mb, 0)} |")
    return "\n".join(rows)


def _ratio3(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}×"


def _times(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


@dataclass(frozen=True)
class Goal:
    """One of issue 19's goals, checked against this run's figures."""

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
    """Issue 19's goals, by CPU time: at N = 1,000, and growth from 1,000 to 3,000 lessons."""
    sizes = {r.lessons for r in results}
    at = {n: figures(results, n) for n in (1000, 3000) if n in sizes}
    one, three = at.get(1000), at.get(3000)

    def grown(field: str) -> float | None:
        return _divide(getattr(three, field), getattr(one, field)) if one and three else None

    found = [
        Goal("Pages, clean, at N = 1,000: no packs / Material + prune", one and one.pages, 0.5),
        Goal("One lesson edited at N = 1,000: / Material + prune", one and one.edit, 0.1),
        Goal("Packs at N = 1,000: extra CPU / WeasyPrint floor", one and one.packs, 1.15),
        Goal("The same against the floor with ThinkSafe's font steps", one and one.packs_same_fonts, 1.15),
        Goal("Pages, clean (CPU): N = 3,000 / N = 1,000", grown("pages_cpu"), 3.3),
        Goal("One lesson edited (CPU): N = 3,000 / N = 1,000", grown("edit_cpu"), 3.3),
        Goal("Packs' extra CPU: N = 3,000 / N = 1,000" + _beside("the WeasyPrint floor's own", grown("floor_cpu")),
             grown("packs_cpu"), 3.3),
        Goal("Peak memory: N = 3,000 / N = 1,000", grown("peak_mb"), 3.3),
        Goal("Peak memory of a ThinkSafe build at N = 3,000", three and three.peak_mb, 600, "MB"),
    ]
    largest = [r.largest_kb for r in results if r.variant.thinksafe_build and r.largest_kb is not None]
    found.append(Goal("Largest lesson page of a ThinkSafe build, any N (issue 7)",
                      max(largest) if largest else None, 40, "KB"))
    return found


def _beside(what: str, value: float | None) -> str:
    """A figure of the same run to read a goal's beside, in the goal's text (e.g. WeasyPrint's own
    growth beside the packs': the engine's share of theirs)."""
    return "" if value is None else f" ({what}: {value:.2f}×)"


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


def report(results: list[Result], started: str, pending: list[int] = (), settled: float = SETTLE_SECONDS) -> str:
    """The results block for the README: when, where, how, the four figures, then every table."""
    invocation = shlex.join(["python", "bench/run.py", *sys.argv[1:]])
    unfinished = (f"**Not finished yet** (the run still measures N = {', '.join(map(str, pending))}; "
                  f"this block is rewritten when it ends).\n\n" if pending else "")
    wait = (f"Each round began {settled:g} s after the output of the round before was deleted (`--settle`): "
            f"what the file system charges for making files just after deleting as many "
            f"(`settle` in run.py) is not the builds' work.\n\n" if settled > 0 else
            "Each round began as soon as the output of the round before was deleted (`--settle 0`).\n\n")
    return (f"Measured from {started} on {machine()}, with:\n\n"
            f"```sh\n{invocation}\n```\n\n{wait}{unfinished}"
            f"Issue 19's four figures (CPU time: user + system of the build and every process it "
            f"waited for):\n\n{figures_table(results)}\n\n"
            f"Issue 19's goals, from the figures above:\n\n{goals_table(results)}\n\n"
            f"The goals' page figures round by round (each ratio paired within its round; the figures "
            f"above divide the medians):\n\n{rounds_table(results)}\n\n"
            f"Every variant:\n\n{results_table(results)}\n\n"
            f"Ratios within this run: each ThinkSafe build divided by each plain variant, then "
            f"`thinksafe check` divided by each ThinkSafe build:\n\n"
            f"{ratios_table(results)}\n")


def write_readme(block: str) -> None:
    """Replace what lies between the results markers of bench/README.md."""
    text = README.read_text(encoding="utf-8")
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise BenchError(f"{README} needs one '{START}' followed by one '{END}'")
    head, rest = text.split(START)
    tail = rest.split(END)[1]
    README.write_text(f"{head}{START}\n{block}{END}{tail}", encoding="utf-8")


def runs_at(text: str) -> tuple[int, int]:
    """`SIZE=RUNS` of --runs-at."""
    size, _, runs = text.partition("=")
    if not (size.isdigit() and runs.isdigit() and int(runs) >= 1):
        raise argparse.ArgumentTypeError(f"expected SIZE=RUNS such as 3000=2, got {text!r}")
    return int(size), int(runs)


def main() -> None:
    """Benchmark every size, then print and record the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument("--runs", type=int, default=5, help="timed rounds at each size")
    parser.add_argument("--runs-at", type=runs_at, action="append", default=[], metavar="SIZE=RUNS",
                        help="fewer (or more) rounds at one size, such as 3000=2")
    parser.add_argument("--jobs", type=int, default=1,
                        help="sizes benchmarked at once, once the first size's warm-up is done "
                             "(each size's variants still in turn): less wall time on a busy machine")
    parser.add_argument("--settle", type=float, default=SETTLE_SECONDS, metavar="SECONDS",
                        help="wait before each round after deleting the last one's output (see "
                             "`settle`; 0: no wait). Exact with --jobs 1 only: sizes run at once delete "
                             "while the other builds")
    parser.add_argument("--unpruned", action="store_true",
                        help="also plain Material without navigation.prune (minutes a build at 3,000)")
    args = parser.parse_args()
    if args.runs < 1 or min(args.sizes) < 1:
        parser.error("--runs and every size must be at least 1")
    if args.unpruned:
        VARIANTS[:] = ALL_VARIANTS
    rounds = dict(args.runs_at)
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    results: list[Result] = []
    lock = threading.Lock()

    warmed = threading.Event()

    def one_size(size: int) -> None:
        if size != args.sizes[0]:
            warmed.wait()  # nothing is timed before the bytecode cache is filled
        try:
            found = bench_size(size, rounds.get(size, args.runs), size == args.sizes[0], warmed, args.settle)
        finally:
            warmed.set()  # a failed warm-up must not leave the other sizes waiting
        with lock:  # each finished size is written at once: a run stopped later keeps it
            results.extend(found)
            results.sort(key=lambda r: (r.lessons, VARIANTS.index(r.variant)))
            done = sorted({r.lessons for r in results})
            pending = [n for n in args.sizes if n not in done]
            block = report(results, started, pending, args.settle)
            print(block)
            write_readme(block)

    with ThreadPoolExecutor(args.jobs) as pool:  # the first size first: it warms up
        for future in [pool.submit(one_size, size) for size in args.sizes]:
            future.result()
    shutil.rmtree(TRASH, ignore_errors=True)  # the last round's output: nothing is built after it


if __name__ == "__main__":
    main()
