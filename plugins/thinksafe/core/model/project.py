"""Paths as a maintainer sees them in the repository.

(`thinksafe check`, `new` and `list` read mkdocs.yml through MkDocs, as the build does:
see mkdocs/site_loader.py and core/checks/sequence.py.)
"""

from __future__ import annotations

from pathlib import Path


def shown_path(path: Path, root: Path) -> str:
    """A path as a maintainer sees it in the repository (relative to mkdocs.yml's folder)."""
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()
