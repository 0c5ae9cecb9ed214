"""The packs' floor: WeasyPrint rendering the printable copies of a build's packs, and nothing else.

Usage: python bench/weasyprint_floor.py HTML_DIR [--workers K] [--thinksafe-font-steps]

Renders every `*.html` file under HTML_DIR to a PDF with WeasyPrint (`HTML(string=…).write_pdf()`)
and throws the PDF away: no Markdown, no ZIP, no cache, nothing written. With K above 1 (the
default: as many processes as a ThinkSafe build makes PDFs in, `THINKSAFE_PACK_WORKERS` or one
per core), WeasyPrint is imported first, then K processes are forked and given one file at a
time, as the build's pack workers are. It prints how many files it rendered.

With --thinksafe-font-steps it first installs the two steps a ThinkSafe build installs into
WeasyPrint before its workers fork (`thinksafe.core.packs.subsetting`: fontTools drops the layout
tables WeasyPrint discards before reading them; `font_dates`: fonts keep their own dates): the
same PDF bytes for less CPU, so the packs can be compared with WeasyPrint doing exactly their work.

`extract` takes the printable copies (each pack's `lesson.html`, the copy its `lesson.pdf` is
rendered from) out of a built site's `packs/*.zip`, for run.py.
"""

from __future__ import annotations

import argparse
import os
import sys
import zipfile
from pathlib import Path


def workers_default() -> int:
    """As many processes as a ThinkSafe build renders PDFs in (see `pack_workers`)."""
    value = os.environ.get("THINKSAFE_PACK_WORKERS", "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    return len(os.sched_getaffinity(0))


def extract(site_dir: Path, out: Path) -> int:
    """Write each pack's `lesson.html` under `out` as `<slug>.html`; return how many."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.html"):
        old.unlink()
    count = 0
    for pack in sorted((site_dir / "packs").glob("*.zip")):
        with zipfile.ZipFile(pack) as archive:
            (out / f"{pack.stem}.html").write_bytes(archive.read("lesson.html"))
        count += 1
    return count


def render(path: str) -> int:
    """The size of the PDF WeasyPrint makes of one HTML file (then dropped)."""
    from weasyprint import HTML

    html = Path(path).read_text(encoding="utf-8")
    return len(HTML(string=html, base_url=None).write_pdf())


def render_all(files: list[str], workers: int, font_steps: bool = False) -> int:
    """Render every file, in `workers` forked processes when above 1; how many were rendered."""
    import logging

    import weasyprint  # noqa: F401  imported before forking, as the build does

    if font_steps:
        from thinksafe.core.packs.pdf import install_font_steps

        install_font_steps()

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # as the build: unknown CSS is not news
    if workers <= 1 or len(files) < 2:
        return sum(1 for path in files if render(path) > 0)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(min(workers, len(files)), mp_context=multiprocessing.get_context("fork")) as pool:
        sizes = [future.result() for future in [pool.submit(render, path) for path in files]]
    return sum(1 for size in sizes if size > 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html_dir", type=Path)
    parser.add_argument("--workers", type=int, default=workers_default())
    parser.add_argument("--thinksafe-font-steps", action="store_true")
    args = parser.parse_args()
    files = sorted(str(p) for p in args.html_dir.glob("*.html"))
    if not files:
        sys.exit(f"no .html files in {args.html_dir}")
    print(render_all(files, args.workers, args.thinksafe_font_steps))


if __name__ == "__main__":
    main()
