"""A cache folder committed to git stops the build before anything is read from it, and fails
`thinksafe check` the same way (SPEC §7: what a checkout brings cannot publish HTML that skipped
the checks), in real builds of a fixture site in a git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import lesson
from thinksafe.core import cache

CACHE = ".cache/thinksafe"
FIX = f"git rm -r --cached {CACHE}"


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                   cwd=root, check=True, capture_output=True)


def check(site, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "thinksafe.cli", "check", str(site.root)],
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


@pytest.fixture
def repository(site):
    """A fixture site in a git repository, built once: its cache folder made and not committed."""
    site.write("lessons/a.md", lesson("A", audiences=["8-10"]))
    assert site.build("--strict").returncode == 0
    git(site.root, "init", "-q")
    git(site.root, "add", "content", "mkdocs.yml")
    git(site.root, "commit", "-q", "-m", "A site")
    return site


def test_a_cache_folder_in_a_repository_but_not_committed_is_used(repository):
    assert (repository.root / CACHE).is_dir()
    assert repository.build("--strict").returncode == 0
    assert check(repository).returncode == 0


def test_a_committed_cache_folder_stops_the_build_before_it_is_read_and_fails_check(repository):
    root = repository.root
    [page] = sorted((root / CACHE / cache.PAGES).rglob("*.html"))[:1]
    page.write_text("<script>alert('never checked')</script>")  # as a pull request would bring it
    git(root, "add", "-f", CACHE)
    git(root, "commit", "-q", "-m", "The cache too")
    shutil.rmtree(root / "site")
    kept = {p: p.read_bytes() for p in (root / CACHE).rglob("*") if p.is_file()}
    build = repository.build("--strict")
    checked = check(repository)
    for code, output in ((build.returncode, build.output), (checked.returncode, checked.stdout + checked.stderr)):
        assert code == 1, output
        assert f"{CACHE}: cache_dir: holds files committed to git, such as '{CACHE}/" in output, output
        assert "can carry code and HTML that skipped the checks" in output
        assert f"run '{FIX}' and add '{CACHE}/' to .gitignore if it is not ignored already" in output
        assert "Traceback" not in output
    assert not (root / "site").exists()  # nothing published
    assert {p: p.read_bytes() for p in (root / CACHE).rglob("*") if p.is_file()} == kept  # nor written
    git(root, "rm", "-r", "-q", "--cached", CACHE)  # the fix the message gives
    assert repository.build("--strict").returncode == 0


def test_a_cache_folder_reached_through_a_committed_link_is_refused_too(repository):
    root = repository.root
    shutil.move(root / ".cache", root / "kept")
    (root / ".cache").symlink_to("kept")
    git(root, "add", "-f", ".cache", "kept")
    git(root, "commit", "-q", "-m", "The cache, through a link")
    build = repository.build("--strict")
    assert build.returncode == 1 and "kept/thinksafe: cache_dir: holds files committed to git" in build.output


def test_without_git_the_cache_folder_is_not_checked(repository, tmp_path):
    git(repository.root, "add", "-f", CACHE)
    git(repository.root, "commit", "-q", "-m", "The cache too")
    (tmp_path / "no-git").mkdir()
    no_git = {"PATH": str(tmp_path / "no-git")}
    assert check(repository, env=no_git).returncode == 0  # as documented: no git, no check
    assert check(repository).returncode == 1
