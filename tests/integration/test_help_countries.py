"""The bundled site built for another country: no page names another country's help, and
`thinksafe check` is clean (SPEC §6)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from support import REPO


def config_for(tmp_path, preset: str):
    path = tmp_path / "mkdocs.yml"
    # The bundled mkdocs.yml names Python objects (emoji settings): it is edited as text.
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: content", f"docs_dir: {REPO / 'content'}")
    text = text.replace("custom_dir: overrides", f"custom_dir: {REPO / 'overrides'}")
    text = text.replace("  - thinksafe:\n", f"  - thinksafe:\n      help: {{preset: {preset}}}\n")
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("preset", ["au", "us", "ie"])
def test_bundled_site_for_another_country_names_no_other_countrys_help(tmp_path, preset):
    config = config_for(tmp_path, preset)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
                            "-d", str(tmp_path / "site")], env=env, capture_output=True, text=True)
    output = build.stdout + build.stderr
    assert "help for another country" not in output, output
    assert build.returncode == 0, output
    check = subprocess.run([sys.executable, "-m", "thinksafe.cli", "check", "--strict", str(config)],
                           env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
