"""Per-file checks kept between builds (core/checks/kept.py): a rebuild reads again only the
lessons and pages that changed, and reports exactly what a build without the cache reports."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from support import lesson

CHECKS = ".cache/thinksafe/checks.json"
COUNTS = re.compile(r"per-file checks: (\d+) kept from the last build, (\d+) made")


def write_site(site):
    site.write("lessons/a.md", lesson("A", body="## Start\n\n#### A skipped level\n\nCall 911 now.\n"))
    site.write("lessons/b.md", lesson("B", body="Read [click here](https://example.org) today.\n"))
    site.write("lessons/c.md", lesson("C", body="Plain, short words.\n"))
    site.write("about.md", "# About\n\n#### Skipped\n\nWords.\n")
    return site


def build(site, *args):
    """Build with -v; (what the per-file checks kept and made, every line naming a content file)."""
    done = site.build("-v", *args)
    counts = COUNTS.search(done.output)
    assert counts, done.output
    return tuple(map(int, counts.groups())), problems(done.output), done


def problems(output: str) -> list[str]:
    """Each line naming a content file, from the file's name on (a build's and check's differ before)."""
    return sorted(line[line.index("content/"):].strip() for line in output.splitlines()
                  if "content/" in line and "kept from the last build" not in line
                  and "conversion" not in line)


def check(site) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "thinksafe.cli", "check", str(site.root)],
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return problems(done.stdout + done.stderr)


def cold(site, *args):
    """What a build finds with no per-file checks kept."""
    (site.root / CHECKS).unlink(missing_ok=True)
    return build(site, *args)


def test_a_rebuild_checks_only_the_changed_lesson_and_says_what_a_cold_build_says(site):
    write_site(site)
    (taken, made), first, _ = build(site)
    assert taken == 0 and made > 0
    assert any("help for another country" in p for p in first) and any("click here" in p for p in first)
    assert any("about.md" in p for p in first)
    (taken, made_again), again, _ = build(site)
    assert (taken, made_again) == (made, 0)  # nothing changed: nothing read again
    assert again == first
    site.write("lessons/c.md", lesson("C", body="See [here](https://example.org).\n"))
    (taken, made), edited, _ = build(site)
    assert 0 < made < taken  # only c.md's text is checked again; its front matter is the same
    assert any("lessons/c.md" in p and "'here'" in p for p in edited), edited
    assert check(site) == edited  # thinksafe check reads the kept checks too, and agrees
    (taken, _), from_cold, _ = cold(site)
    assert taken == 0 and from_cold == edited
    assert check(site) == edited


def test_a_damaged_or_foreign_checks_file_vouches_for_nothing(site):
    write_site(site)
    _, first, _ = build(site)
    path = site.root / CHECKS
    stamped = json.loads(path.read_text())
    for nonsense in ("nonsense", [["a", "b"]], {"error": ["x"]}, {"data": [], "lines": {}},
                     [["p", "k", "m", "e", "s", "a line", "warning"]], {"data": {}, "lines": {"title": "2"}},
                     [[1, 2]], [[True, "c.md"]]):
        path.write_text(json.dumps({**stamped, "checks": {k: nonsense for k in stamped["checks"]}}))
        (taken, _), found, _ = build(site)
        assert taken == 0 and found == first, nonsense
    path.write_text("{not json")
    (taken, _), found, _ = build(site)
    assert taken == 0 and found == first
    path.write_text(json.dumps({**stamped, "fingerprint": "other code"}))
    (taken, _), found, _ = build(site)
    assert taken == 0 and found == first


def test_a_broken_front_matter_is_named_again_and_its_fix_is_seen(site):
    site.write("lessons/a.md", "---\ntitle: A\nsummary: 'unclosed\naudiences: [8-10]\n---\nWords.\n")
    _, first, done = build(site)
    assert done.returncode != 0 and any("lessons/a.md" in p and "YAML cannot be read" in p for p in first), first
    (_, made), again, done = build(site)
    assert done.returncode != 0 and again == first and made == 0
    site.write("lessons/a.md", lesson("A", body="Words.\n"))
    _, _, done = build(site, "--strict")
    assert done.returncode == 0, done.output


def test_the_help_settings_are_in_the_key_of_the_other_country_check(site):
    write_site(site)
    _, found, _ = build(site)
    assert any("'911'" in p for p in found), found  # the United States' emergency number, on a UK site
    site.plugin_options(help={"preset": "us"})
    _, found, _ = build(site)
    assert not any("'911'" in p for p in found), found
    assert found == cold(site)[1]


def test_a_kept_link_is_looked_at_again_when_what_it_leads_to_changes(site):
    """Each lesson's links are kept with their lines; whether each leads somewhere is not."""
    write_site(site)
    site.write("lessons/d.md", lesson("D", body="Words.\n\nSee [C](c.md) and [E](e.md).\n"))
    (_, made), first, _ = build(site)
    assert any("lessons/d.md" in p and "'e.md'" in p and "does not exist" in p for p in first), first
    assert not any("'c.md'" in p for p in first), first
    (site.root / "content/lessons/c.md").unlink()
    (taken, made), gone, _ = build(site)
    assert taken > 0 and made == 0  # d.md is not read again, its links' targets are
    lost = [p for p in gone if "lessons/d.md" in p and "'c.md'" in p]
    assert len(lost) == 1 and "does not exist" in lost[0] and re.search(r"lessons/d\.md:\d+", lost[0]), gone
    assert gone == cold(site)[1] and check(site) == ours(gone)
    site.write("lessons/e.md", lesson("E", body="Words.\n"))
    _, found, _ = build(site)
    assert not any("lessons/d.md" in p and "'e.md'" in p for p in found), found
    assert any("lessons/d.md" in p and "'c.md'" in p for p in found), found
    assert found == cold(site)[1] and check(site) == ours(found)


def ours(found: list[str]) -> list[str]:
    """The lines ThinkSafe's checks wrote (a build's also has MkDocs's own warning of a lost link)."""
    return [p for p in found if "is not found among documentation files" not in p]
