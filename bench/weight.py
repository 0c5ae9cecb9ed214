"""Page weight: the bytes a reader's browser fetches for each kind of page.

    python bench/weight.py [--lessons 1000]

Builds the bundled site, and a synthetic site of --lessons lessons (bench/generate.py),
then for each page type adds up the page's HTML and every stylesheet, script and image it
asks for (files on disk; no compression). The search index is counted separately: it is
fetched only when the reader searches, and on an audience's pages only that audience's.
Writes the table into bench/README.md between its markers.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
import generate  # noqa: E402  (found once bench/ is on sys.path, above)

KINDS = {"stylesheet": "CSS", "script": "JS", "img": "images"}


class _Assets(HTMLParser):
    """Collects what a page asks for: stylesheets, scripts and images."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.found.append(("CSS", attrs.get("href", "")))
        elif tag == "script" and attrs.get("src"):
            self.found.append(("JS", attrs["src"]))
        elif tag == "img" and attrs.get("src"):
            self.found.append(("images", attrs["src"]))
        elif tag == "link" and attrs.get("rel") == "icon":
            self.found.append(("images", attrs.get("href", "")))


def weigh(site: Path, page: str) -> dict[str, int]:
    """Bytes of the page's HTML and of each kind of asset it asks for."""
    path = site / page / "index.html" if not page.endswith(".html") else site / page
    parser = _Assets()
    parser.feed(path.read_text(encoding="utf-8"))
    sizes = {"HTML": path.stat().st_size, "CSS": 0, "JS": 0, "images": 0}
    for kind, url in parser.found:
        if url.startswith(("data:", "http:", "https:", "//")):
            continue
        url = url.split("?")[0]
        here = page if page.endswith("/") else posixpath.dirname(page)
        # The 404 page links from the site's root, as it is served at any address.
        target = site / (url.lstrip("/") if url.startswith("/") else posixpath.normpath(posixpath.join(here, url)))
        if target.is_file():
            sizes[kind] += target.stat().st_size
    return sizes


def page_types(site: Path) -> dict[str, str]:
    import json

    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    types = {"home": ""}
    for audience in catalog["audiences"]:
        types[f"landing {audience['id']}"] = audience["url"]
        lesson = next((l for l in catalog["lessons"] if audience["id"] in l["urls"]), None)
        if lesson:
            types[f"lesson {audience['id']}"] = lesson["urls"][audience["id"]]
    types.update({"help": "help/", "packs index": "teachers/packs/", "404": "404.html"})
    return {name: url for name, url in types.items()
            if (site / url / "index.html").is_file() or (site / url).is_file()}


def build(folder: Path, out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=folder,
                   env=env, check=True)


def table(label: str, site: Path) -> list[str]:
    rows = [f"| {label} | {name} | " + " | ".join(f"{sizes[k] / 1000:.1f}" for k in ["HTML", "CSS", "JS", "images"])
            + f" | {sum(sizes.values()) / 1000:.1f} |"
            for name, sizes in ((n, weigh(site, u)) for n, u in page_types(site).items())]
    whole = (site / "search/search_index.json").stat().st_size / 1000
    parts = [f"{p.parent.name} {p.stat().st_size / 1000:.1f}"
             for p in sorted((site / "search").glob("*/search_index.json"))]
    rows.append(f"| {label} | search index, whole site {whole:.1f}; per audience: {', '.join(parts)} | | | | | |")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=1000)
    lessons = parser.parse_args().lessons
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build(REPO, tmp / "bundled")
        generate.write_thinksafe_site(tmp / "synthetic", generate.make_lessons(lessons), packs=False)
        build(tmp / "synthetic", tmp / "synthetic-site")
        lines = ["| Site | Page type | HTML (KB) | CSS (KB) | JS (KB) | Images (KB) | Total (KB) |",
                 "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
        lines += table("bundled", tmp / "bundled") + table(f"{lessons} lessons", tmp / "synthetic-site")
    text = (f"Measured with `python bench/weight.py --lessons {lessons}` (sizes on disk, before any "
            "compression; every page also shares the same CSS and JS, cached after the first page).\n\n"
            + "\n".join(lines))
    readme = BENCH / "README.md"
    content = readme.read_text(encoding="utf-8")
    start, end = "<!-- weight:start -->", "<!-- weight:end -->"
    if start not in content:
        content += f"\n## Page weight\n\nWhat a reader's browser fetches for each kind of page.\n\n{start}\n{end}\n"
    head, rest = content.split(start, 1)
    content = head + start + "\n" + text + "\n" + end + rest.split(end, 1)[1]
    readme.write_text(content, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
