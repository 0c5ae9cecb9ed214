"""A ThinkSafe project read from its mkdocs.yml without MkDocs: content folder and plugin settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .helpconfig import HelpConfig, parse_help
from .offsite import settings_problems
from .packs import file_limit
from .problems import Problem, describe
from .siteconfig import SiteConfig, parse_site_config


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml files that use MkDocs's own tags (!ENV, !relative, python names)."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass
class Project:
    root: Path
    config_file: Path
    docs_dir: Path
    options: dict = field(default_factory=dict)
    site: SiteConfig | None = None
    help: HelpConfig | None = None

    @property
    def lessons_dir(self) -> str:
        return self.options.get("lessons_dir", "lessons")

    @property
    def other_title(self) -> str:
        return self.options.get("other_topic_title", "More lessons")

    @property
    def max_resource_bytes(self) -> int | None:
        """The cap on each resource in a pack, as the plugin applies it (None: packs off)."""
        return file_limit(self.options.get("packs", True), self.options.get("pack_max_file_mb", 25))

    @property
    def cache_dir(self) -> Path:
        """Where builds keep packs and reading levels, as the plugin's `cache_dir` says."""
        return self.root / str(self.options.get("cache_dir", ".cache/thinksafe"))

    def shown(self, path: Path) -> str:
        return shown_path(path, self.root)


def shown_path(path: Path, root: Path) -> str:
    """A path as a maintainer sees it in the repository (relative to mkdocs.yml's folder)."""
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def load_project(path: Path) -> tuple[Project | None, list[Problem]]:
    """The project whose mkdocs.yml is `path` (or in the folder `path`), with its settings checked."""
    path = Path(path)
    config_file = path / "mkdocs.yml" if path.is_dir() else path
    if not config_file.is_file():
        return None, [Problem(str(config_file), "(file)", "does not exist",
                              "the folder holding mkdocs.yml, or the file itself")]
    shown = config_file.name
    try:
        raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return None, [Problem(shown, "(yaml)", f"cannot be read ({getattr(error, 'problem', error)})",
                              "valid YAML", line=mark.line + 1 if mark else None)]
    root = config_file.resolve().parent
    options = _plugin_options(raw.get("plugins"))
    if not isinstance(options, dict):
        return None, [Problem(shown, "plugins.thinksafe", f"got {describe(options)}",
                              "settings under '- thinksafe:'")]
    project = Project(root, config_file, root / raw.get("docs_dir", "docs"), options)
    project.site, problems = parse_site_config(options.get("audiences"), options.get("topics"),
                                               source=shown)
    project.help, help_problems = parse_help(options.get("help"), source=shown)
    return project, problems + help_problems + settings_problems(shown, raw)


def _plugin_options(plugins: object) -> object:
    entries = plugins.items() if isinstance(plugins, dict) else [
        next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        for entry in plugins or []
    ]
    for name, options in entries:
        if name == "thinksafe":
            return options or {}
    return {}
