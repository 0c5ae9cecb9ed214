"""Where every page and file the site is made of lives, as paths in the site's content.

One module, so that the link rewriter and every page writer depend on the model alone.
"""

from __future__ import annotations

HOME_SRC = "index.md"
HELP_SRC = "help.md"  # the help page: /help/
BUTTON_SRC = "help/button.md"  # the help button's page for other sites' owners: /help/button/
CATALOG_SRC = "catalog.json"
TEACHERS = "teachers"  # the audience whose lessons are plans, and who get the packs
PACKS_PAGE = f"{TEACHERS}/packs.md"


def landing_src(audience_id: str) -> str:
    return f"{audience_id}/index.md"


def copy_src(audience_id: str, slug: str) -> str:
    return f"{audience_id}/{slug}.md"


def pack_path(slug: str) -> str:
    """Where a lesson's pack is published, from the site's root."""
    return f"packs/{slug}.zip"
