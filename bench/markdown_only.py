"""The floor: convert every Markdown page under a folder with Python-Markdown, and nothing else.

Usage: python bench/markdown_only.py DOCS_DIR

No templates, no navigation, nothing written: it prints how many pages it converted.
MkDocs always adds `fenced_code` (with `toc` and `tables`) to a site's extensions, so it is here too.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import markdown

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "fenced_code"]
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def convert_all(docs_dir: Path) -> int:
    """Convert each page's Markdown (front matter left out) to HTML; return how many."""
    md = markdown.Markdown(extensions=EXTENSIONS)
    count = 0
    for path in sorted(docs_dir.rglob("*.md")):
        md.reset().convert(FRONT_MATTER.sub("", path.read_text(encoding="utf-8")))
        count += 1
    return count


if __name__ == "__main__":
    print(convert_all(Path(sys.argv[1])))
