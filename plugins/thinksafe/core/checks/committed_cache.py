"""A cache folder holding files committed to git: refused before anything is read from it.

A build trusts what earlier builds kept in the cache folder (pages as rendered, packs, what the
checks found): it was made by this code from checked content. A checkout that brings the folder
with it (a pull request that committed it, with `git add -f`) would hand the build HTML that
never passed the checks, or a link to any file the builder can read. So the build stops, and
`thinksafe check` fails, when git tracks a file in it.

Checked only when the folder exists, with `git ls-files` run in it (so the folder's real place
counts, through links and in submodules). When git cannot say (not installed, the folder in no
work tree, a repository git refuses to read as another user's, or no answer in
`GIT_SECONDS`), nothing is checked.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from thinksafe.core.model.project import shown_path
from thinksafe.core.problems import Problem

GIT_SECONDS = 10


def committed_cache(folder: Path | None, root: Path) -> list[Problem]:
    """The problem of a cache folder that holds files tracked by git (named from `root`,
    mkdocs.yml's folder); none when it holds none, or there is no folder (`cache: false`)."""
    tracked = tracked_files(folder) if folder is not None else []
    if folder is None or not tracked:
        return []
    shown = shown_path(folder, root)
    return [Problem(shown, "cache_dir", f"holds files committed to git, such as '{shown}/{tracked[0]}': "
                    "build caches must never be committed, since they can carry code and HTML that "
                    "skipped the checks", "a folder only builds write, ignored by git",
                    f"run 'git rm -r --cached {shown}' and add '{shown}/' to .gitignore if it is not ignored already")]


def tracked_files(folder: Path) -> list[str]:
    """The files git tracks in `folder`, as paths from it; none when the folder is missing or git
    cannot say."""
    if not folder.is_dir():
        return []
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=folder, stdin=subprocess.DEVNULL,
                                capture_output=True,
                                timeout=GIT_SECONDS, check=False)
    except (OSError, subprocess.SubprocessError):  # no git, or no answer in time
        return []
    if listed.returncode != 0:  # not in a work tree, or a repository git refuses
        return []
    return [name.decode("utf-8", "surrogateescape") for name in listed.stdout.split(b"\0") if name]
