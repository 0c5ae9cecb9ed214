"""The README's two commands on a fresh machine: a fresh clone, no virtual environment, and a
`python3` whose environment is externally managed (PEP 668), so that pip refuses to install
into it, as Debian 12's and Ubuntu 24.04's own python3 do.

The python3 is Debian's own /usr/bin/python3 where it carries the EXTERNALLY-MANAGED marker
(the real thing, as on this project's CI machines). Elsewhere it is made so the way a
distribution does it: a copy of this interpreter's prefix (its binary copied, its standard
library linked) with the marker in the standard library's folder, where pip looks for it.
Either way the test first proves that pip refuses it. Packages come from the machine's pip
cache and configured registry, as on any fresh machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from support import REPO

MARKER = "EXTERNALLY-MANAGED"
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def _new_enough(python: str) -> bool:
    return subprocess.run([python, "-c", "import sys; sys.exit(sys.version_info < (3, 11))"]).returncode == 0


def externally_managed_python(tmp: Path) -> Path:
    debian = Path("/usr/bin/python3")
    if debian.is_file() and _new_enough(str(debian)):
        stdlib = subprocess.run([str(debian), "-c", "import sysconfig; print(sysconfig.get_path('stdlib'))"],
                                capture_output=True, text=True).stdout.strip()
        if (Path(stdlib) / MARKER).is_file():
            return debian
    # A distribution's way: the marker in the standard library's folder of a prefix of its own.
    base = Path(sys.base_prefix)
    version = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    prefix = tmp / "externally-managed"
    (prefix / "bin").mkdir(parents=True)
    python = prefix / "bin" / "python3"
    shutil.copy2(sys._base_executable, python)
    stdlib = prefix / "lib" / version
    stdlib.mkdir(parents=True)
    for entry in Path(sysconfig.get_path("stdlib", vars={"installed_base": str(base)})).iterdir():
        (stdlib / entry.name).symlink_to(entry)
    (stdlib / MARKER).write_text("[externally-managed]\nError=Use a virtual environment.\n")
    return python


def fresh_environment(bin_dir: Path) -> dict:
    """A shell as a newcomer's: no virtual environment, the system's PATH, `python3` first."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "CONDA_PREFIX"}}
    env["PATH"] = f"{bin_dir}:{SYSTEM_PATH}"
    return env


def fresh_clone(target: Path) -> Path:
    """A clone of this repository as committed, with any uncommitted change to tracked files."""
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(REPO), str(target)], check=True)
    work = subprocess.run(["git", "-C", str(REPO), "stash", "create"], capture_output=True, text=True).stdout.strip()
    if work:
        subprocess.run(["git", "-C", str(target), "fetch", "-q", str(REPO), work], check=True)
        subprocess.run(["git", "-C", str(target), "checkout", "-q", work], check=True)
    return target


def test_both_readme_commands_work_on_a_fresh_machine(tmp_path):
    python = externally_managed_python(tmp_path)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").symlink_to(python)
    env = fresh_environment(bin_dir)
    refused = subprocess.run(["python3", "-m", "pip", "install", "--dry-run", "--no-index", "six"],
                             env=env, capture_output=True, text=True)
    assert refused.returncode != 0 and "externally-managed-environment" in refused.stderr, refused.stderr
    clone = fresh_clone(tmp_path / "clone")
    assert not (clone / ".venv").exists()

    build = subprocess.run(["bash", "scripts/build.sh"], cwd=clone, env=env, capture_output=True,
                           text=True, timeout=1500)
    output = build.stdout + build.stderr
    assert build.returncode == 0, output
    assert "making a virtual environment in .venv" in output
    assert (clone / ".venv/bin/thinksafe").is_file()
    assert (clone / "site/index.html").is_file() and (clone / "site/help/index.html").is_file()
    assert list((clone / "site/packs").glob("*.zip"))

    # The second command reuses that environment and runs the tests it is given.
    test = subprocess.run(["bash", "scripts/test.sh", "-q", "-p", "no:randomly",
                           "tests/core/test_siteconfig.py",
                           "tests/integration/test_checks.py::test_pre_commit_hook_runs_the_check"],
                          cwd=clone, env=env, capture_output=True, text=True, timeout=1500)
    output = test.stdout + test.stderr
    assert test.returncode == 0, output
    assert "making a virtual environment" not in output
    assert " passed" in output and "failed" not in output
