"""Screenshots of the bundled site at a phone's and a laptop's width, from a fresh build.

    python scripts/screenshots.py [--out screenshots]

Builds the site into a temporary folder, serves it on loopback and photographs the home
page, each audience's landing page, a lesson and the help page in Debian's Chromium,
kept off every network but loopback.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
WIDTHS = (375, 1280)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]


def pages(site: Path) -> dict[str, str]:
    """Name → path of every page to photograph, read from the built catalogue."""
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    shots = {"home": ""}
    shots.update({f"landing-{a['id']}": a["url"] for a in catalog["audiences"]})
    first = next((l for l in catalog["lessons"] if l["canonical"].startswith("8-10/")),
                 catalog["lessons"][0] if catalog["lessons"] else None)
    if first:
        shots["lesson"] = first["canonical"]
    shots["help"] = "help/"
    return shots


def build(target: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(target)],
                   cwd=REPO, env=env, check=True)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def photograph(site: Path, out: Path) -> list[Path]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    written = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("THINKSAFE_CHROMIUM") or shutil.which("chromium"),
                args=ARGS)
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                for name, path in pages(site).items():
                    page.goto(base + path)
                    written.append(out / f"{name}-{width}.png")
                    page.screenshot(path=str(written[-1]))
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "screenshots"), help="folder for the PNG files")
    out = Path(parser.parse_args(argv).out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build(site)
        for path in photograph(site, out):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
