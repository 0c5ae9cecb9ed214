"""The maintainer's checks: `thinksafe check/new/list`, reading level in builds, CI files, serve."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml

from support import REPO, lesson

HARD = ("Notwithstanding the considerable complexity inherent in contemporary telecommunications "
        "infrastructure, individuals should systematically evaluate the authenticity of unsolicited "
        "communications before disclosing identifying information to unfamiliar correspondents. ") * 3


def thinksafe(*args, cwd=None):
    done = subprocess.run([sys.executable, "-m", "thinksafe.cli", *args], cwd=cwd,
                          capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def prepared(site):
    """Write the fixture's mkdocs.yml without building."""
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(site.config), encoding="utf-8")
    return site.root


def test_check_names_every_broken_lesson_with_lines_and_fails(site):
    site.write("lessons/a.md", lesson(audiences=["8-1O"]))
    site.write("lessons/b/index.md", lesson(resources=["../a.md"]))
    site.write("lessons/c.md", "---\ntitle: C\nsumary: typo\naudiences: [parents]\n---\n")
    site.write("lessons/fine.md", lesson())
    code, out = thinksafe("check", str(prepared(site)))
    assert code == 1
    assert "content/lessons/a.md:4: audiences[0]" in out and "did you mean '8-10'?" in out
    assert "content/lessons/b/index.md:6: resources[0]" in out
    assert "content/lessons/c.md:3: sumary" in out and "did you mean 'summary'?" in out
    assert "content/lessons/c.md:1: summary: is missing" in out
    assert "4 lessons, 4 errors" in out


def test_check_passes_the_bundled_content():
    code, out = thinksafe("check", "--strict", str(REPO))
    assert code == 0, out
    assert "0 errors, 0 warnings" in out


def test_github_format_gives_annotations(site):
    site.write("lessons/a.md", lesson(audiences=["kids"]))
    code, out = thinksafe("check", "--format", "github", str(prepared(site)))
    assert code == 1
    assert "::error file=content/lessons/a.md,line=4,title=ThinkSafe audiences[0]::" in out


def test_a_hard_childrens_lesson_warns_and_fails_only_when_strict(site):
    site.write("lessons/hard.md", lesson(body=HARD))
    code, out = thinksafe("check", str(prepared(site)))
    assert code == 0 and "WARNING: content/lessons/hard.md: (reading level): reads at grade" in out
    code, out = thinksafe("check", "--strict", str(site.root))
    assert code == 1 and "ERROR: content/lessons/hard.md: (reading level)" in out
    build = site.build()
    assert build.returncode == 0 and "(reading level): reads at grade" in build.output
    strict = site.build("--strict")
    assert strict.returncode != 0 and "above the ceiling of 5 for Ages 8–10" in strict.output


def test_lint_warnings_reach_the_build_with_file_and_line(site):
    site.write("lessons/a.md", lesson(body="Intro.\n\n![](x.png)\n\nSee [here](b.md)."))
    site.write("lessons/b.md", lesson())
    site.write("about.md", "# About\n\n### Skipped\n")
    build = site.build()
    assert "content/lessons/a.md:9: (image): has no alt text" in build.output
    assert "content/lessons/a.md:11: (link text): 'here' does not say where the link goes" in build.output
    assert "content/about.md:3: (heading): jumps from level 1 to level 3" in build.output
    assert site.build("--strict").returncode != 0


def test_new_writes_a_lesson_that_passes_check_and_builds(site):
    root = prepared(site)
    code, out = thinksafe("new", "Staying safe in games", "--audience", "8-10", "--audience",
                          "parents", "--topic", "online-relationships", "--project", str(root))
    assert code == 0, out
    path = root / "content/lessons/staying-safe-in-games.md"
    assert path.is_file() and "draft: true" in path.read_text()
    assert thinksafe("check", "--strict", str(root))[0] == 0
    path.write_text(path.read_text().replace("draft: true\n", ""))  # publish it
    code, out = thinksafe("check", "--strict", str(root))  # for parents: when was it checked?
    assert code == 1 and "staying-safe-in-games.md:1: reviewed: is missing" in out
    path.write_text(path.read_text().replace("# reviewed: YYYY-MM-DD", "reviewed: 2026-11-30"))
    assert thinksafe("check", "--strict", str(root))[0] == 0
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    assert (build.site / "8-10/staying-safe-in-games/index.html").is_file()
    # Never overwrites: the same title again is refused and the file is unchanged.
    before = path.read_text()
    code, out = thinksafe("new", "Staying safe in games", "--audience", "8-10", "--project", str(root))
    assert code == 1 and "already exists" in out and path.read_text() == before


def test_new_makes_a_folder_lesson_and_refuses_unknown_ids(site):
    root = prepared(site)
    assert thinksafe("new", "Plan: passwords", "--audience", "teachers", "--folder",
                     "--project", str(root))[0] == 0
    assert (root / "content/lessons/plan-passwords/index.md").is_file()
    code, out = thinksafe("new", "X", "--audience", "teacher", "--project", str(root))
    assert code == 1 and "did you mean 'teachers'?" in out


def test_list_shows_each_audience_with_status(site):
    site.write("lessons/a.md", lesson("Apps", audiences=["8-10", "teachers"]))
    site.write("lessons/b.md", lesson("Later", draft=True))
    code, out = thinksafe("list", "--audience", "8-10", "--project", str(prepared(site)))
    assert code == 0
    assert "Ages 8–10 (8-10): 2 lessons" in out
    assert "[published, pack, reading grade" in out and "[draft, no pack, reading grade" in out
    assert "Parents" not in out


def test_workflow_runs_the_checks_on_pull_requests_and_deploys_main():
    workflow = yaml.safe_load((REPO / ".github/workflows/site.yml").read_text())
    assert "pull_request" in workflow[True] or "pull_request" in workflow.get("on", {})
    steps = {name: " ".join(str(s.get("run", "")) for s in job["steps"])
             for name, job in workflow["jobs"].items()}
    assert "thinksafe check --strict --format github" in steps["check"]
    assert "mkdocs build --strict" in steps["build"] and "linkchecker" in steps["build"]
    cache = [s for s in workflow["jobs"]["build"]["steps"] if "actions/cache" in s.get("uses", "")]
    assert cache and cache[0]["with"]["path"] == ".cache/thinksafe"  # packs made only when changed
    assert "scripts/test.sh" in steps["test"]
    deploy = workflow["jobs"]["deploy"]
    assert "refs/heads/main" in deploy["if"] and set(deploy["needs"]) == {"check", "build", "test"}
    assert any("deploy-pages" in s.get("uses", "") for s in deploy["steps"])


def test_pre_commit_hook_runs_the_check(site):
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["entry"].startswith("thinksafe check")
    site.write("lessons/a.md", lesson(audiences=["kids"]))
    root = prepared(site)
    # As pre-commit runs it: the command from the environment ThinkSafe is installed in, first on PATH.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    done = subprocess.run(hook["entry"], shell=True, cwd=root, capture_output=True, text=True,
                          env={**os.environ, "PATH": path})
    assert done.returncode == 1 and "unknown audience" in done.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout=60.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_survives_a_broken_lesson_and_recovers(site):
    good = lesson("Kind words", audiences=["8-10"], body="First version.")
    path = site.write("lessons/kind.md", good)
    root = prepared(site)
    port = free_port()
    url = f"http://127.0.0.1:{port}/8-10/kind/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert wait_for(lambda: "First version." in fetch(url)), "serve never answered"
        path.write_text(lesson("Kind words", audiences=["8-1O"], body="Broken."))
        time.sleep(3)  # past the rebuild, which fails
        assert "First version." in fetch(url)  # the last good site is still served
        assert "Kind words" in fetch(f"http://127.0.0.1:{port}/8-10/")
        path.write_text(lesson("Kind words", audiences=["8-10"], body="Fixed version."))
        assert wait_for(lambda: "Fixed version." in fetch(url)), "the fix never showed"
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "content/lessons/kind.md:4: audiences[0]: unknown audience text '8-1O'" in output


def test_check_applies_the_pack_file_size_limit(site):
    site.plugin_options(pack_max_file_mb=0.001)
    site.write("lessons/plan/index.md", lesson(audiences=["teachers"], resources=["big.txt"]))
    site.write("lessons/plan/big.txt", "x" * 5000)
    code, out = thinksafe("check", str(prepared(site)))
    assert code == 1 and "content/lessons/plan/index.md:6: resources[0]" in out, out


def test_check_warns_of_a_link_to_a_draft(site):
    site.write("lessons/a.md", lesson(body="Next: [the next one](b.md#start)."))
    site.write("lessons/b.md", lesson(draft=True))
    code, out = thinksafe("check", str(prepared(site)))
    assert code == 0 and "WARNING: content/lessons/a.md:7: (link): 'b.md#start' leads to" in out
    assert thinksafe("check", "--strict", str(site.root))[0] == 1


def test_a_rebuild_and_a_check_with_kept_reading_levels_warn_the_same(site):
    site.write("lessons/hard.md", lesson("Hard", audiences=["8-10"], body=HARD))
    code, checked = thinksafe("check", str(prepared(site)))
    cache = site.root / ".cache/thinksafe/reading-levels.json"
    assert code == 0 and not cache.exists()  # check writes nothing
    first = site.build()
    assert cache.is_file()
    second = site.build()
    _, rechecked = thinksafe("check", str(site.root))
    warned = [[line.split("WARNING")[-1].strip(" :-") for line in output.splitlines()
               if "reading level" in line] for output in (checked, first.output, second.output, rechecked)]
    assert warned[0] and all(w == warned[0] for w in warned), warned


def test_check_names_a_link_address_that_cannot_be_read(site):
    site.write("lessons/a.md", lesson(body="See [the site](http://[oops) or [a draft](b.md)."))
    site.write("lessons/b.md", lesson(draft=True))
    code, out = thinksafe("check", str(prepared(site)))
    assert code == 1 and "Traceback" not in out
    assert "content/lessons/a.md:7: (link): 'http://[oops' is not an address a browser can follow" in out


def test_check_warns_of_a_link_that_leads_nowhere_as_the_build_does(site):
    site.write("lessons/a.md", lesson(body="See ![a picture](pics/cat.png) and [a lesson](../lesons/b.md)."))
    site.write("lessons/b.md", lesson())
    code, out = thinksafe("check", str(prepared(site)))
    assert code == 0, out
    assert "WARNING: content/lessons/a.md:7: (link): 'pics/cat.png' leads to content/lessons/pics/cat.png" in out
    assert "WARNING: content/lessons/a.md:7: (link): '../lesons/b.md' leads to content/lesons/b.md" in out
    assert "did you mean 'b.md'?" in out
    assert thinksafe("check", "--strict", str(site.root))[0] == 1


def test_check_names_a_picture_from_another_site(site):
    site.write("lessons/a.md", lesson(body='Hi <img src="//cdn.example.org/cat.png" alt="A cat">.'))
    code, out = thinksafe("check", str(prepared(site)))
    assert code == 1
    assert "ERROR: content/lessons/a.md:7: (picture or embed): '//cdn.example.org/cat.png'" in out


def test_check_names_settings_that_would_load_from_another_host(site):
    site.config["extra_javascript"] = ["https://cdn.example.org/x.js"]
    site.config["extra"] = {"analytics": {"provider": "google"}}
    code, out = thinksafe("check", str(prepared(site)))
    assert code == 1
    assert "ERROR: mkdocs.yml: extra_javascript[0]: 'https://cdn.example.org/x.js' is on another site" in out
    assert "ERROR: mkdocs.yml: extra.analytics: would send every reader's visits" in out
