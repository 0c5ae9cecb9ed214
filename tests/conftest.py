"""Fixtures shared by every test: fixture sites, the bundled site, and a real browser."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from support import REPO, Build, FixtureSite, serve

pytest_plugins = ["browser_support"]


@pytest.fixture
def site(tmp_path) -> FixtureSite:
    return FixtureSite(tmp_path / "site-src")


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> Build:
    """The repository's own site, built once per test run from its bundled content."""
    out = tmp_path_factory.mktemp("bundled") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                          cwd=REPO, env=env, capture_output=True, text=True)
    return Build(done.returncode, done.stdout + done.stderr, out)


@pytest.fixture(scope="session")
def bundled_url(bundled_site):
    assert bundled_site.returncode == 0, bundled_site.output
    with serve(bundled_site.site) as url:
        yield url
