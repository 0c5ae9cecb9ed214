"""`thinksafe init`: a new, working site in a folder, from the files in `starter/`.

It writes mkdocs.yml, a home page, one sample lesson per default audience (a lesson plan with a
worksheet for teachers, so the site has a pack), a GitHub workflow that checks, builds and
publishes the site, a pre-commit configuration, a .gitignore and a requirements.txt. It never
overwrites a file: one that is already there is left as it is, and said so.
"""

from __future__ import annotations

import datetime
import json
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from string import Template

from thinksafe.core.problems import Problem

STARTER = Path(__file__).parent / "starter"
PRESETS = ("uk", "au", "us", "ie")
DOCS_DIR = "docs"

# Where each starter file goes in the new site, and whether its $names are filled in.
FILES = {
    "mkdocs.yml": ("mkdocs.yml", True),
    "docs/index.md": (f"{DOCS_DIR}/index.md", True),
    "docs/lessons/kind-words.md": (f"{DOCS_DIR}/lessons/kind-words.md", False),
    "docs/lessons/strong-accounts.md": (f"{DOCS_DIR}/lessons/strong-accounts.md", False),
    "docs/lessons/talking-about-life-online.md": (f"{DOCS_DIR}/lessons/talking-about-life-online.md", True),
    "docs/lessons/plan-kind-words/index.md": (f"{DOCS_DIR}/lessons/plan-kind-words/index.md", True),
    "docs/lessons/plan-kind-words/worksheet.txt": (f"{DOCS_DIR}/lessons/plan-kind-words/worksheet.txt", False),
    "github/site.yml": (".github/workflows/site.yml", False),
    "pre-commit-config.yaml": (".pre-commit-config.yaml", True),
    "gitignore": (".gitignore", False),
    "requirements.txt": ("requirements.txt", True),
}


@dataclass
class Answers:
    site_name: str
    site_url: str | None
    preset: str


def init(folder: Path, answers: Answers) -> tuple[list[str], list[str], list[Problem]]:
    """Write the new site into `folder`: (files written, files left as they were, problems)."""
    folder = Path(folder)
    if (folder / "mkdocs.yml").exists() or (folder / "mkdocs.yaml").exists():
        return [], [], [Problem(str(folder / "mkdocs.yml"), "(file)", "already exists, so this folder "
                                "already holds a site; nothing was written",
                                "an empty folder, or one without mkdocs.yml",
                                "run 'thinksafe init' with a new folder's name, such as 'thinksafe init my-site'")]
    if folder.exists() and not folder.is_dir():
        return [], [], [Problem(str(folder), "(folder)", "is a file", "a folder for the new site")]
    values = _values(answers)
    written, kept = [], []
    for source, (target, filled) in FILES.items():
        path = folder / target
        if path.exists():
            kept.append(target)
            continue
        text = (STARTER / source).read_text(encoding="utf-8")
        if filled:
            text = Template(text).substitute(values)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as stream:  # "x": never over a file made meanwhile
            stream.write(text)
        written.append(target)
    return written, kept, []


def _values(answers: Answers) -> dict[str, str]:
    requirement, note = requirement_line()
    if answers.site_url:
        url_line, url_note = f"site_url: {json.dumps(answers.site_url)}", "Change it here if the address changes."
    else:
        url_line = "site_url: !ENV SITE_URL"
        url_note = ("The GitHub workflow sets it (SITE_URL) from your\n# Pages settings; write the "
                    "address here instead if you publish elsewhere or use your own domain.")
    title = answers.site_name.replace("&", "&amp;").replace("<", "&lt;")
    return {"site_name": _yaml_text(answers.site_name), "site_title": title, "site_url_line": url_line,
            "site_url_note": url_note, "preset": answers.preset, "docs_pattern": DOCS_DIR, "requirement": requirement,
            "requirement_note": note, "today": datetime.datetime.now(datetime.UTC).date().isoformat()}


def requirement_line() -> tuple[str, str]:
    """How the new site's workflow installs ThinkSafe: as this copy was installed, where that
    can be said (a version on a package index, or a git repository at a commit)."""
    try:
        distribution = metadata.distribution("thinksafe")
    except metadata.PackageNotFoundError:
        return "thinksafe", "Change it to the ThinkSafe version you build with."
    version = distribution.version
    direct = distribution.read_text("direct_url.json")
    info = json.loads(direct) if direct else {}
    vcs = info.get("vcs_info")
    if vcs and info.get("url", "").startswith(("https://", "git+https://")):
        url = info["url"].removeprefix("git+")
        return f"thinksafe @ git+{url}@{vcs['commit_id']}", "ThinkSafe, at the commit this site was started with."
    if info.get("url", "").startswith("file:"):
        return (f"thinksafe=={version}",
                "This site was started with a local copy of ThinkSafe:\n# change the next line to where "
                "your ThinkSafe comes from, such as\n# 'thinksafe @ git+https://github.com/<owner>/thinksafe@<tag>'.")
    return f"thinksafe=={version}", "ThinkSafe, at the version this site was started with."


def _yaml_text(text: str) -> str:
    """The site's name as YAML and Markdown both read it as plain text."""
    return json.dumps(text, ensure_ascii=False) if any(c in text for c in ":#'\"{}[],&*!|>%@`") else text


def ask(question: str, default: str) -> str:
    """One question on the terminal; Enter keeps the default."""
    print(f"{question} [{default}]: " if default else f"{question}: ", end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline().strip()
    return answer or default
