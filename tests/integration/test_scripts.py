"""scripts/environment.sh, which both README commands use: what it says and does on machines
unlike this one (no apt-get, not root, an old Python), with stand-in commands on the PATH."""

from __future__ import annotations

import subprocess
from pathlib import Path

from support import REPO

BASH = "/bin/bash"


def stub(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(0o755)


def run(folder: Path, code: str, **env) -> subprocess.CompletedProcess:
    """`code` after sourcing environment.sh, with only the stand-ins (and bash's builtins)."""
    return subprocess.run([BASH, "-c", f". scripts/environment.sh; {code}"], cwd=REPO,
                          env={"PATH": str(folder), **env}, capture_output=True, text=True)


def test_without_apt_get_it_says_what_to_install_by_hand(tmp_path):
    done = run(tmp_path, 'install_system_packages "libpango-1.0-0 libpangoft2-1.0-0" pango')
    assert done.returncode == 1
    assert "This system has no apt-get" in done.stderr
    assert "'brew install pango'" in done.stderr and "'sudo dnf install pango'" in done.stderr


def test_not_root_it_says_it_uses_sudo_and_does(tmp_path):
    log = tmp_path / "calls"
    stub(tmp_path, "id", "echo 1000")
    stub(tmp_path, "apt-get", "exit 0")
    stub(tmp_path, "env", "exit 0")
    stub(tmp_path, "sudo", f'echo "sudo $*" >> {log}; exit 0')
    done = run(tmp_path, 'install_system_packages "libpango-1.0-0" pango')
    assert done.returncode == 0, done.stderr
    assert "with 'sudo apt-get' (administrator rights" in done.stderr
    calls = log.read_text().splitlines()
    assert calls[0] == "sudo apt-get update -qq"
    assert calls[1].startswith("sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0")


def test_not_root_without_sudo_it_says_who_can_install(tmp_path):
    stub(tmp_path, "id", "echo 1000")
    stub(tmp_path, "apt-get", "exit 0")
    done = run(tmp_path, 'install_system_packages "libpango-1.0-0" pango')
    assert done.returncode == 1
    assert "ask an administrator to run 'apt-get install libpango-1.0-0'" in done.stderr


def test_as_root_it_installs_without_sudo(tmp_path):
    log = tmp_path / "calls"
    stub(tmp_path, "id", "echo 0")
    stub(tmp_path, "apt-get", f'echo "apt-get $*" >> {log}; exit 0')
    stub(tmp_path, "env", f'echo "env $*" >> {log}; exit 0')
    stub(tmp_path, "sudo", f'echo "sudo $*" >> {log}; exit 0')
    done = run(tmp_path, 'install_system_packages "chromium" chromium')
    assert done.returncode == 0, done.stderr
    assert "sudo" not in log.read_text()


def test_an_old_python_is_named_with_the_fix(tmp_path):
    stub(tmp_path, "python3", 'case "$*" in *platform*) echo 3.9.18;; *) exit 1;; esac')
    done = subprocess.run([BASH, "scripts/build.sh"], cwd=REPO, env={"PATH": f"{tmp_path}:/usr/bin:/bin"},
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "ThinkSafe needs Python 3.11 or later; 'python3' is 3.9.18" in done.stderr
    assert "PYTHON=/path/to/python3.11" in done.stderr


def test_no_python_is_named_with_the_fix(tmp_path):
    (tmp_path / "dirname").symlink_to("/usr/bin/dirname")
    done = subprocess.run([BASH, "scripts/test.sh"], cwd=REPO, env={"PATH": str(tmp_path)},
                          capture_output=True, text=True)
    assert done.returncode == 1 and "cannot find 'python3'" in done.stderr


def test_ci_runs_the_readme_test_command():
    assert "bash scripts/test.sh" in (REPO / ".ci/run").read_text()


def test_the_test_command_runs_ruff_and_mypy_before_the_tests():
    lines = [line for line in (REPO / "scripts/test.sh").read_text().splitlines() if "-m " in line]
    assert [line.split("-m ")[1].split()[0] for line in lines][-3:] == ["ruff", "mypy", "pytest"]
