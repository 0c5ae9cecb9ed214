"""ThinkSafe's templates and assets, put in front of Material's on every site that uses the
plugin, so that its pages have the help and quick-exit buttons whatever `custom_dir` holds.

A site's own `custom_dir` still comes first, so an owner can replace any of these files.
"""

from __future__ import annotations

import logging
from pathlib import Path

import material

from thinksafe.core.html.offsite import settings_problems
from thinksafe.core.problems import Problem

THEME = Path(__file__).parents[1] / "theme"
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
    problems = settings_problems(source, config)
    if not problems:
        _add_files(config)
        _no_web_fonts(theme, source)
    return problems


def _add_files(config) -> None:
    """ThinkSafe's folder just before Material's own (after the site's custom_dir), and its
    style sheet first among the extra ones, so that the site's own win."""
    dirs = [Path(d).resolve() for d in config.theme.dirs]
    if THEME.resolve() not in dirs:
        at = dirs.index(_MATERIAL.resolve()) if _MATERIAL.resolve() in dirs else len(dirs)
        config.theme.dirs.insert(at, str(THEME))
    if STYLES not in config.extra_css:
        config.extra_css.insert(0, STYLES)


def _no_web_fonts(theme, source: str) -> None:
    """Material loads its fonts from Google's servers unless `font` is false."""
    if theme.get("font") is not False:
        theme["font"] = False
        log.info(f"{source}: theme.font: Material's web fonts are turned off, since they would be "
                 "loaded from Google's servers; pages use the reader's own fonts (write 'font: false' "
                 "under 'theme:' to say so yourself)")
