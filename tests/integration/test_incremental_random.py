"""Random sequences of an author's edits: after each, a rebuild with the cache and site/ kept is
byte-identical to a clean build of the same input (issue 19, item 1, on edits no fixture chose).

Hypothesis draws the edits (text, title, summary, order, audiences, topics, a heading, a lesson
added or removed, a setting, a template of the site's own, a file touched unchanged); every
file of both site folders is compared, and so is the set of folders.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from support import REPO

sys.path.insert(0, str(REPO / "bench"))
from generate import make_lessons, write_thinksafe_site  # noqa: E402  (bench/ is no package)

AUDIENCES = ["8-10", "11-13", "parents", "teachers"]
TOPICS = ["online-relationships", "online-bullying", "privacy-and-security", "copyright-and-ownership"]
KINDS = ["text", "title", "summary", "order", "audiences", "topics", "heading", "add", "remove",
         "setting", "template", "touch"]
INPUTS = ("mkdocs.yml", "content", "overrides")


def build(root: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def differences(kept: Path, clean: Path) -> list[str]:
    """Each file or folder that is in one site folder only, or whose bytes differ."""
    def entries(site: Path) -> dict[str, bytes | None]:
        return {str(p.relative_to(site)): p.read_bytes() if p.is_file() else None for p in site.rglob("*")}
    a, b = entries(kept), entries(clean)
    return sorted([f"only in the rebuild: {n}" for n in a.keys() - b.keys()]
                  + [f"only in the clean build: {n}" for n in b.keys() - a.keys()]
                  + [f"differs: {n}" for n in a.keys() & b.keys() if a[n] != b[n]])


def lessons(root: Path) -> list[Path]:
    return sorted((root / "content/lessons").glob("*.md"))


def rewrite(path: Path, change) -> None:
    """Rewrite a lesson's front matter (a dict) and body with `change(front, body)`."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    front, body = change(yaml.safe_load(front), body)
    path.write_text("---\n" + yaml.safe_dump(front, sort_keys=False) + "---\n" + body, encoding="utf-8")


def edit(root: Path, kind: str, pick: int, step: int) -> None:
    """One author's edit of the site in `root`; `pick` chooses the lesson (or value), `step` makes it new."""
    found = lessons(root)
    lesson = found[pick % len(found)]
    if kind == "text":
        with lesson.open("a", encoding="utf-8") as stream:
            stream.write(f"\nA sentence added with the new word edit{step}x{pick}.\n")
    elif kind in ("title", "summary"):
        rewrite(lesson, lambda f, b: ({**f, kind: f"A changed {kind} {step} {pick}"}, b))
    elif kind == "order":
        rewrite(lesson, lambda f, b: ({**f, "order": pick % 40}, b))
    elif kind == "audiences":
        chosen = [AUDIENCES[pick % 4]] + ([AUDIENCES[(pick // 4) % 4]] if pick % 3 == 0 else [])
        rewrite(lesson, lambda f, b: ({**f, "audiences": sorted(set(chosen)), "reviewed": "2026-01-01"}, b))
    elif kind == "topics":
        rewrite(lesson, lambda f, b: ({**f, "topics": [TOPICS[pick % len(TOPICS)]]}, b))
    elif kind == "heading":
        rewrite(lesson, lambda f, b: (f, b.replace("## ", f"## Part {step} of ", 1)))
    elif kind == "add":
        added = root / "content/lessons" / f"lesson-9{step:02d}{pick % 100:02d}.md"
        shutil.copy(lesson, added)
        rewrite(added, lambda f, b: ({**f, "title": f"An added lesson {step}"}, b))
    elif kind == "remove":
        linked = any(f"({lesson.stem}.md)" in other.read_text(encoding="utf-8")
                     for other in found if other != lesson)
        if not linked and len(found) > 6:
            lesson.unlink()
    elif kind == "setting":
        config = (root / "mkdocs.yml").read_text(encoding="utf-8")
        (root / "mkdocs.yml").write_text(re.sub(r"^site_name: .*$", f"site_name: Site {step} {pick}",
                                                config, flags=re.M), encoding="utf-8")
    elif kind == "template":
        (root / "overrides/main.html").write_text(
            '{% extends "base.html" %}\n{% block footer %}{{ super() }}<p>Footer '
            f"{step} {pick}</p>{{% endblock %}}\n", encoding="utf-8")
    elif kind == "touch":
        os.utime(lesson)


def new_site(root: Path) -> None:
    write_thinksafe_site(root, make_lessons(14, seed=5), packs=False)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(re.sub(r"custom_dir: .*", "custom_dir: overrides", config),
                                     encoding="utf-8")
    (root / "overrides").mkdir(exist_ok=True)


# Every kind of edit once per example, in an order and on lessons Hypothesis draws.
EDITS = st.tuples(st.permutations(KINDS), st.lists(st.integers(min_value=0, max_value=999),
                                                   min_size=len(KINDS), max_size=len(KINDS))).map(
    lambda drawn: list(zip(*drawn, strict=True)))


# No shrinking: each example is 25 builds; a failure names its whole sequence of edits.
@settings(max_examples=2, deadline=None, derandomize=True, phases=[Phase.generate], database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(edits=EDITS)
def test_every_rebuild_is_a_clean_build(edits):
    with tempfile.TemporaryDirectory() as folder:
        kept, clean = Path(folder) / "kept", Path(folder) / "clean"
        new_site(kept)
        build(kept)
        for step, (kind, pick) in enumerate(edits):
            edit(kept, kind, pick, step)
            shutil.rmtree(clean, ignore_errors=True)
            clean.mkdir()
            for name in INPUTS:
                if (kept / name).is_dir():
                    shutil.copytree(kept / name, clean / name)
                else:
                    shutil.copy(kept / name, clean / name)
            build(kept)
            build(clean)
            assert differences(kept / "site", clean / "site") == [], f"after {edits[:step + 1]}"
