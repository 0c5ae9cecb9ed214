"""What ThinkSafe knows of Markdown extensions by name: where one comes from, and which read files."""

from __future__ import annotations

import markdown

# Extensions that read files of their own: nothing kept between builds can see those files change.
READS_FILES = {"pymdownx.snippets", "pymdownx.b64"}


def extension_module(name: str) -> str:
    """The module an extension named in mkdocs.yml comes from, found as Python-Markdown finds it."""
    for entry_point in markdown.util.get_installed_extensions():
        if entry_point.name == name:
            return entry_point.value.split(":")[0]
    return name.split(":")[0]
