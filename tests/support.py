"""Small ThinkSafe sites written to a temporary folder and built for real, and served."""

from __future__ import annotations

import contextlib
import copy
import datetime
import functools
import http.server
import os
import subprocess
import sys
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
LESSON_FILES = sorted((REPO / "content" / "lessons").rglob("*.md"))  # the repository's own lessons
ADULTS = {"parents", "teachers"}  # the default audiences told when a lesson's advice was checked

BASE_CONFIG = {
    "site_name": "Fixture",
    "docs_dir": "content",
    "theme": {
        "name": "material",
        "custom_dir": str(REPO / "overrides"),
        "font": False,
        "features": ["navigation.tabs", "navigation.indexes", "navigation.prune",
                     "navigation.footer"],
    },
    "extra": {"generator": False},
    "plugins": ["thinksafe"],
}


def lesson(title="A lesson", summary="What it is about.", audiences=("8-10",), body="Some words.",
           **keys) -> str:
    """A lesson file's text; `keys` are extra front-matter keys."""
    audiences = audiences if isinstance(audiences, str) else list(audiences)
    if ADULTS & set([audiences] if isinstance(audiences, str) else audiences):
        keys.setdefault("reviewed", datetime.date.today().isoformat())  # else a warning: never checked
    data = {"title": title, "summary": summary, "audiences": audiences, **keys}
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n"


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def html(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


class FixtureSite:
    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.content.mkdir(parents=True, exist_ok=True)
        self.config = copy.deepcopy(BASE_CONFIG)  # a test may change it: only for its own site
        self.write("index.md", "# Home\n\nWelcome.\n")

    def write(self, path: str, text: str | bytes) -> Path:
        target = self.content / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(textwrap.dedent(text) if not text.startswith("---") else text,
                              encoding="utf-8")
        return target

    def plugin_options(self, **options) -> None:
        self.config["plugins"] = [{"thinksafe": options}]

    def build(self, *args: str) -> Build:
        (self.root / "mkdocs.yml").write_text(yaml.safe_dump(self.config, allow_unicode=True),
                                              encoding="utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=self.root,
                              env=env, capture_output=True, text=True)
        return Build(done.returncode, done.stdout + done.stderr, self.root / "site")




class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """Serve a built site on loopback; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def markdown_pair(extensions: list, install) -> tuple:
    """Markdown as it comes and Markdown with a speed module's `install` applied, both with
    `extensions`: to compare the HTML they make."""
    import markdown

    plain, changed = markdown.Markdown(extensions=extensions), markdown.Markdown(extensions=extensions)
    install(changed)
    return plain, changed
