"""MkDocs's listing of the theme's static files, without walking the folders it leaves out.

`Files.add_files_from_theme` lists every file of every theme folder through Jinja, then drops
each name its filter refuses, among them every name with a part starting with '.' (its
patterns '.*' and '*/.*'). Material keeps ~14,500 icons in `.icons`: walking and filtering them
is most of the listing's time (~0.25 s a build). While wrapped, the listing does not walk into
a folder whose name starts with '.', which changes nothing when the filter refuses such names
(it is asked first, for two names, and otherwise the listing is Jinja's own).
"""

from __future__ import annotations

import os
from collections.abc import Callable

import jinja2
from mkdocs.structure.files import Files


class ThemeListing:
    """Wraps `Files.add_files_from_theme` between `start()` and `finish_wrapping()`; never
    twice, and only MkDocs's own method (a build that stopped before on_files left its
    wrapping in place, for whichever comes next to undo)."""

    def start(self) -> None:
        original = _mkdocs_own()

        def add_files_from_theme(files: Files, env: jinja2.Environment, config) -> None:
            original(files, _Listing(env), config)

        add_files_from_theme.__wrapped__ = original  # type: ignore[attr-defined]
        setattr(Files, "add_files_from_theme", add_files_from_theme)  # noqa: B010 (a method, while wrapped)

    def finish_wrapping(self) -> None:
        """Give MkDocs back its own method (also when a build fails)."""
        setattr(Files, "add_files_from_theme", _mkdocs_own())  # noqa: B010


def _mkdocs_own() -> Callable:
    """MkDocs's own `Files.add_files_from_theme`, whether wrapped or not."""
    method = Files.add_files_from_theme
    return getattr(method, "__wrapped__", method) if method.__module__ == __name__ else method


class _Listing:
    """What `add_files_from_theme` asks of the Jinja environment: its `list_templates`."""

    def __init__(self, env: jinja2.Environment):
        self.env = env

    def list_templates(self, extensions=None, filter_func=None) -> list[str]:
        loader = self.env.loader
        if type(loader) is not jinja2.FileSystemLoader or extensions is not None or filter_func is None \
                or filter_func(".hidden/file.svg") or filter_func("folder/.hidden/file.svg"):
            return self.env.list_templates(extensions, filter_func)
        return [name for name in _visible_templates(loader) if filter_func(name)]


def _visible_templates(loader: jinja2.FileSystemLoader) -> list[str]:
    """`FileSystemLoader.list_templates` (Jinja 3.1), without the folders whose name starts with '.'."""
    found = set()
    for searchpath in loader.searchpath:
        for dirpath, folders, filenames in os.walk(searchpath, followlinks=loader.followlinks):
            folders[:] = [folder for folder in folders if not folder.startswith(".")]
            for filename in filenames:
                template = os.path.join(dirpath, filename)[len(searchpath):]
                template = template.strip(os.path.sep).replace(os.path.sep, "/")
                if template[:2] == "./":
                    template = template[2:]
                found.add(template)
    return sorted(found)
