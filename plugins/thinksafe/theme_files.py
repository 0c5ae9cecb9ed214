"""ThinkSafe's templates and assets, put in front of Material's on every site that uses the
plugin, so that its pages have the help and quick-exit buttons whatever `custom_dir` holds.

A site's own `custom_dir` still comes first, so an owner can replace any of these files.
"""

from __future__ import annotations

import logging
from pathlib import Path

import material

from .core.offsite import settings_problems
from .core.problems import Problem

THEME = Path(__file__).parent / "theme"
STYLES = "assets/thinksafe.css"
_MATERIAL = Path(material.__file__).parent / "templates"

log = logging.getLogger("mkdocs.plugins.thinksafe")


def use_theme_files(config, source: str) -> list[Problem]:
    """Add ThinkSafe's templates and style sheet to the site's theme, and turn off Material's
    web fonts. A theme other than Material, or a setting that would make pages load something
    from another host, is a problem named in `source` (mkdocs.yml)."""
    theme = config.theme
    if theme.name != "material":
        return [Problem(source, "theme.name", f"got '{theme.name}'", "material",
                        "ThinkSafe's pages are built on Material for MkDocs: write 'name: material' under 'theme:'")]
    dirs = [Path(d).resolve() for d in theme.dirs]
    if THEME.resolve() not in dirs:
        at = dirs.index(_MATERIAL.resolve()) if _MATERIAL.resolve() in dirs else len(dirs)
        theme.dirs.insert(at, str(THEME))
    problems = settings_problems(source, {
        "extra_css": [str(item) for item in config.extra_css],
        "extra_javascript": [str(item) for item in config.extra_javascript],
        "theme.logo": [theme.get("logo") or ""], "theme.favicon": [theme.get("favicon") or ""],
    }, (config.extra or {}).get("analytics"))
    if problems:
        return problems
    if STYLES not in config.extra_css:
        config.extra_css.insert(0, STYLES)  # first, so that an owner's own style sheets win
    if theme.get("font") is not False:
        # Material would load its fonts from Google's servers on every page.
        theme["font"] = False
        log.info(f"{source}: theme.font: Material's web fonts are turned off, since they would be "
                 "loaded from Google's servers; pages use the reader's own fonts (write 'font: false' "
                 "under 'theme:' to say so yourself)")
    return []
