"""The engines ThinkSafe supports build the same site: MkDocs 1.6 and ProperDocs 1.6 (the
maintained fork of MkDocs 1.x), whose output must match byte for byte apart from the
generator tag that names the engine."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

from support import REPO

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def build(engine: str, out: Path) -> None:
    # A fixed build time: the sitemap's dates and its gzip header come from it.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764460800"}
    done = subprocess.run([sys.executable, "-m", engine, "build", "--strict", "-f", "mkdocs.yml", "-d", str(out)],
                          cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{engine}:\n{done.stdout}{done.stderr}"
    assert "Traceback" not in done.stderr


def files(folder: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            found[path.relative_to(folder).as_posix()] = GENERATOR.sub(b"<generator>", data)
    return found


def test_properdocs_builds_the_bundled_site_as_mkdocs_does(tmp_path):
    build("mkdocs", tmp_path / "mkdocs")
    build("properdocs", tmp_path / "properdocs")
    made_by_mkdocs, made_by_properdocs = files(tmp_path / "mkdocs"), files(tmp_path / "properdocs")
    assert sorted(made_by_mkdocs) == sorted(made_by_properdocs)
    assert len(made_by_mkdocs) > 100 and "packs/plan-feelings-and-trusted-adults.zip" in made_by_mkdocs
    different = [name for name in made_by_mkdocs if made_by_mkdocs[name] != made_by_properdocs[name]]
    assert different == []
    generator = GENERATOR.search((tmp_path / "properdocs/index.html").read_bytes())
    assert generator and b"properdocs" in generator.group(0).lower()
