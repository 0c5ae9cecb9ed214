"""The partials a site's own `custom_dir` replaces, and which of ThinkSafe's shortcuts they rule out.

Two shortcuts assume that the partials are ThinkSafe's and Material's own. `fast_templates`
renders once what an audience's lesson pages share (fragments.py, footer.py) and each lesson's
table of contents once for all its copies; `fast_navigation` writes Material's sidebar in Python
(material_nav.py) instead of through `partials/nav-item.html`. A partial the owner replaces may
read the page (its title, its address): rendered once, it would carry one page's values onto the
others, and the sidebar written in Python would leave the owner's `nav-item.html` unused. So a
replaced partial turns the shortcut off for the build (same pages, built more slowly).
"""

from __future__ import annotations

from pathlib import Path

SIDEBAR_ITEM = "partials/nav-item.html"  # what fast_navigation writes in Python


def replaced_partials(custom_dir: str | None) -> list[str]:
    """The templates under `partials/` in the site's own `custom_dir`, as Jinja names them."""
    if not custom_dir:
        return []
    folder = Path(custom_dir) / "partials"
    if not folder.is_dir():
        return []
    return sorted(path.relative_to(custom_dir).as_posix() for path in folder.rglob("*.html") if path.is_file())


def message(shown_dir: str, replaced: list[str], sidebar: bool) -> str:
    """The one line a build logs about them."""
    named = ", ".join(replaced[:3]) + (f" and {len(replaced) - 3} more" if len(replaced) > 3 else "")
    turned_off = "fast_templates and fast_navigation are" if sidebar else "fast_templates is"
    return (f"{shown_dir}: replaces {named}; a replaced partial may show each page's own details, so "
            f"{turned_off} off for this site: the pages are the same, built more slowly "
            f"(every lesson page renders the parts it shares with others)")
