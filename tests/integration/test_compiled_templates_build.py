"""Jinja's compiled templates are code: never read from the cache folder, which a checkout may
bring (SPEC §7), and kept in this user's own folder instead, where the next build loads them
(mkdocs/speed/compiled_templates.py), in real builds."""

from __future__ import annotations

import os
import pickle
import posixpath
from pathlib import Path

import yaml
from jinja2 import bccache
from mkdocs.config import load_config

from support import lesson
from thinksafe.core import cache
from thinksafe.mkdocs.theme_files import THEME

CACHE = ".cache/thinksafe"


class _CreatesMarker:
    """What unpickling runs: a file made where the test looks for it."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return exec, (f"open({str(self.marker)!r}, 'w').close()",)


def plant_compiled_templates(site, marker: Path) -> Path:
    """Jinja bytecode for every template of the site's theme, in the folder where the cache once
    kept it, stamped as this code stamped it: loading any of them makes `marker`."""
    folder = site.root / CACHE / "templates"
    folder.mkdir(parents=True)
    (folder / "fingerprint").write_text(cache.fingerprint())
    config = load_config(str(site.root / "mkdocs.yml"))
    payload = bccache.bc_magic + pickle.dumps(_CreatesMarker(marker), 2)
    bucket_keys = bccache.BytecodeCache()
    for theme_dir in [*config.theme.dirs, str(THEME)]:
        for file in Path(theme_dir).rglob("*.html"):
            name = file.relative_to(theme_dir).as_posix()
            key = bucket_keys.get_cache_key(name, posixpath.join(theme_dir, *name.split("/")))
            (folder / f"__jinja2_{key}.cache").write_bytes(payload)
    return folder


def test_compiled_templates_planted_in_the_cache_folder_are_removed_unread(site, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    site.write("lessons/a.md", lesson("A", audiences=["8-10"]))
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(site.config), encoding="utf-8")  # for the planting
    marker = tmp_path / "code-ran"
    planted = plant_compiled_templates(site, marker)
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    assert not marker.exists()
    assert not planted.exists()


def compiled(tmp_path: Path) -> dict[str, tuple[int, int]]:
    """ThinkSafe's compiled templates in Jinja's folder for this user under `tmp_path` (TMPDIR),
    each with its inode and time of writing."""
    folder = tmp_path / f"_jinja2-cache-{os.getuid()}"
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.glob("thinksafe-*.cache")}


def test_templates_compiled_once_are_loaded_by_the_next_build_from_the_users_own_folder(site, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    site.write("lessons/a.md", lesson("A", audiences=["8-10"]))
    assert site.build("--strict").returncode == 0
    first = compiled(tmp_path)
    assert len(first) > 10  # main.html, its partials, 404.html...
    assert oct((tmp_path / f"_jinja2-cache-{os.getuid()}").stat().st_mode & 0o777) == "0o700"
    assert not (site.root / CACHE / "templates").exists()
    (site.root / "content/lessons/a.md").write_text(lesson("A", audiences=["8-10"], body="Changed."))
    assert site.build("--strict").returncode == 0
    assert compiled(tmp_path) == first  # each loaded, none compiled and written again


def test_with_cache_false_no_template_is_kept(site, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    site.plugin_options(cache=False)
    site.write("lessons/a.md", lesson("A", audiences=["8-10"]))
    assert site.build("--strict").returncode == 0
    assert compiled(tmp_path) == {}
