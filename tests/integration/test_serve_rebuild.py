"""`mkdocs serve`'s rebuild after one lesson is saved renders only that lesson's pages, even when
the author has run `mkdocs build` on the same site meanwhile (the two keep their page outputs
side by side, not each dropping the other's), and the served site equals a clean build's."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support import REPO

sys.path.insert(0, str(REPO / "bench"))
from generate import make_lessons, write_thinksafe_site  # noqa: E402  (bench/ is no package)
from serving import Server  # noqa: E402

LESSON = "content/lessons/lesson-00003.md"
COUNTS = re.compile(r"pages: (\d+) rendered, (\d+) kept from the last build")
RENDERED = re.compile(r"DEBUG\s+-\s+(\S+): rendered$", re.M)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
WAIT = 120  # seconds for one build of the server


def serve(root: Path, temporary: Path) -> Server:
    """`mkdocs serve -v` of `root`, its temporary site folder made in `temporary`."""
    return Server(root, {**ENV, "TMPDIR": str(temporary)}, "-v", wait=WAIT)


def served_folder(temporary: Path) -> Path:
    """The server's site folder: the only `mkdocs_*` folder in its temporary folder."""
    (folder,) = temporary.glob("mkdocs_*")
    return folder


def build(root: Path, site: Path, *options: str) -> str:
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-v", "-d", str(site), *options], cwd=root,
                          env=ENV, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def files_of(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def counts(log: str) -> tuple[int, int]:
    found = COUNTS.findall(log)
    assert len(found) == 1, log[-3000:]
    return int(found[0][0]), int(found[0][1])


@pytest.fixture
def generated(tmp_path) -> Path:
    """A generated site of 24 lessons (packs off: they are not what is kept here)."""
    root = tmp_path / "src"
    write_thinksafe_site(root, make_lessons(24), packs=False)
    return root


def test_a_serve_rebuild_after_a_build_renders_only_the_edited_lesson(generated, tmp_path):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    server = serve(generated, temporary)
    try:
        total, kept = counts(server.wait_for("Serving on"))
        assert total > 40 and kept == 0
        # The author builds the site while serving it: that build's outputs (another address,
        # quieter or not) are kept beside the server's, which its next rebuild takes.
        built = build(generated, tmp_path / "built")
        assert counts(built) == (total, 0)
        path = generated / LESSON
        path.write_text(path.read_text(encoding="utf-8") + "\nA sentence saved while serving.\n", encoding="utf-8")
        rebuild = server.wait_for("Reloading browsers")
        rendered = set(RENDERED.findall(rebuild))
        assert counts(rebuild) == (len(rendered), total - len(rendered)) and 0 < len(rendered) <= 2, rendered
        assert all("lesson-00003" in src or src.endswith("index.md") for src in rendered), rendered
        # The build's own outputs were kept too: a build after the edit renders as few.
        assert counts(build(generated, tmp_path / "built"))[0] == len(rendered)
        served = files_of(served_folder(temporary))
    finally:
        server.stop()
    # What the server wrote equals a clean build of the same input at the server's address.
    clean_root = tmp_path / "clean"
    shutil.copytree(generated, clean_root, ignore=shutil.ignore_patterns(".cache"))
    config = yaml.safe_load((clean_root / "mkdocs.yml").read_text())
    config["site_url"] = f"http://127.0.0.1:{server.port}/"
    (clean_root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    build(clean_root, tmp_path / "clean-site")
    clean = files_of(tmp_path / "clean-site")
    assert served.keys() == clean.keys()
    assert [p for p in clean if served[p] != clean[p]] == []
