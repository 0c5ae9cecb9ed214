"""A site's mkdocs.yml read by MkDocs, exactly as a build reads it, for `thinksafe check`,
`new` and `list`: every mistake in it as a Problem, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import yaml
from mkdocs import exceptions
from mkdocs.config.defaults import MkDocsConfig

from thinksafe.core.checks.sequence import missing_folder
from thinksafe.core.model.project import shown_path
from thinksafe.core.problems import Problem

PLUGIN = "thinksafe"


class _Tolerant(yaml.SafeLoader):
    """Reads mkdocs.yml with MkDocs's own tags (!ENV, !relative, python names) as nothing."""


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)


def config_file(path: Path) -> Path:
    """mkdocs.yml (or mkdocs.yaml) in the folder `path`, or `path` itself when it is a file."""
    path = Path(path)
    if path.is_dir():
        yaml_file = path / "mkdocs.yaml"
        return yaml_file if yaml_file.is_file() and not (path / "mkdocs.yml").is_file() else path / "mkdocs.yml"
    return path


def load_site(path: Path) -> tuple[MkDocsConfig | None, list[Problem]]:
    """The site's settings as a build reads them, and every error and warning in them (a
    warning fails a strict build). None when there are errors, or no ThinkSafe plugin."""
    file = config_file(path)
    if not file.is_file():
        return None, [Problem(str(file), "(file)", "does not exist",
                              "the folder holding mkdocs.yml, or the file itself",
                              "run 'thinksafe init' to start a new site")]
    shown = file.name
    config = MkDocsConfig(config_file_path=str(file))
    try:
        with open(file, "rb") as stream:
            config.load_file(stream)
    except exceptions.ConfigurationError as error:
        return None, [_yaml_problem(shown, str(error))]
    errors, warnings = config.validate()
    problems = [_problem(shown, name, message, config) for name, message in errors]
    problems += [_problem(shown, name, message, config, "warning") for name, message in warnings]
    if not errors and PLUGIN not in config.plugins:
        problems.append(Problem(shown, "plugins", "ThinkSafe's plugin is not listed", "'- thinksafe' under 'plugins:'",
                                "add it, so that the build runs ThinkSafe's checks and pages"))
    failed = any(p.severity == "error" for p in problems)
    return (None if failed else config), problems


def make_docs_dir(path: Path) -> Path | None:
    """Create the content folder that mkdocs.yml names (MkDocs's 'docs' by default), when it is
    missing, for `thinksafe new`; the folder, or None when mkdocs.yml cannot be read."""
    file = config_file(path)
    try:
        raw = yaml.load(file.read_text(encoding="utf-8"), Loader=_Tolerant) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    docs = raw.get("docs_dir", "docs") if isinstance(raw, dict) else "docs"
    if not isinstance(docs, str):
        return None
    folder = file.resolve().parent / docs
    if not folder.exists():
        folder.mkdir(parents=True)
    return folder


def converter(config: MkDocsConfig):
    """A page's Markdown to HTML with the site's own extensions, as a build converts it."""
    names = [name for name in config.markdown_extensions if isinstance(name, str)]
    md = markdown.Markdown(extensions=names,
                           extension_configs={n: config.mdx_configs[n] for n in names if n in config.mdx_configs})

    def convert(text: str) -> str:
        md.reset()
        return md.convert(text)

    return convert


def _problem(shown: str, name: str, message: object, config: MkDocsConfig, severity: str = "error") -> Problem:
    text = " ".join(str(message).split())
    if name == "docs_dir" and "isn't an existing directory" in text:
        folder = Path(config.config_file_path).parent / str(config.get("docs_dir") or "docs")
        [missing] = missing_folder(folder, shown_path(folder, folder.parent), shown)
        return missing
    return Problem(shown, name, text, severity=severity)


def _yaml_problem(shown: str, text: str) -> Problem:
    """MkDocs's message about unreadable YAML, on one line, with the line number pulled out."""
    lines = re.findall(r'line (\d+)', text)
    return Problem(shown, "(yaml)", "cannot be read: " + " ".join(text.split()), "valid YAML",
                   line=int(lines[-1]) if lines else None)
