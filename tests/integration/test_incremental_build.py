"""A rebuild with the cache kept renders and writes only the pages whose output changed, and its
site is byte-identical to a clean build's of the same input (issue 19, item 1)."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support import REPO

sys.path.insert(0, str(REPO / "bench"))
from generate import make_lessons, write_thinksafe_site  # noqa: E402  (bench/ is no package)

LESSON = "content/lessons/lesson-00003.md"
RENDERED = re.compile(r"DEBUG\s+-\s+(\S+): rendered$", re.M)
CONVERTED = re.compile(r"lesson conversions kept from the last build, (\d+) made")
COUNTS = re.compile(r"pages: (\d+) rendered, (\d+) kept from the last build")
# Pages whose reading and building were skipped altogether (mkdocs/speed/early_pages.py).
SKIPPED = re.compile(r"pages: (\d+) not read again, (\d+) written as kept without a step, (\d+) read after all")
ON_SITE = re.compile(r"read after all, (\d+) left on the site unread")
WITNESSED = re.compile(r"left on the site unread, (\d+) keyed by their witness")


def build(root: Path, site: Path) -> str:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-v", "-d", str(site)], cwd=root,
                          env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def files_of(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def folders_of(site: Path) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("*") if p.is_dir()}


def pages_state(site: Path) -> dict[str, int]:
    return {str(p.relative_to(site)): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def edit_lesson(root: Path, change) -> None:
    """Rewrite the lesson's front matter (a dict) and body with `change(front, body)`."""
    path = root / LESSON
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    front, body = change(yaml.safe_load(front), body)
    path.write_text("---\n" + yaml.safe_dump(front, sort_keys=False) + "---\n" + body, encoding="utf-8")


def retitle(front, body):
    return {**front, "title": "A new title"}, body


def retext(front, body):
    return front, body.replace("This lesson is about", "This lesson, edited, is about", 1)


def reaudience(front, body):
    return {**front, "audiences": ["parents"] if front["audiences"] != ["parents"] else ["8-10"],
            "reviewed": "2026-01-01"}, body


def retopic(front, body):
    return {**front, "topics": ["online-bullying"] if front["topics"] != ["online-bullying"]
            else ["privacy-and-security"]}, body


def resetting(root: Path) -> None:
    config = yaml.safe_load((root / "mkdocs.yml").read_text())
    config["site_description"] = "Edited: a setting every page carries."
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))


def plugin_setting(**options):
    """An edit of the ThinkSafe plugin's settings in mkdocs.yml."""
    def edit(root: Path) -> None:
        config = yaml.safe_load((root / "mkdocs.yml").read_text())
        plugins = config["plugins"]
        at = next(i for i, p in enumerate(plugins) if p == "thinksafe" or isinstance(p, dict) and "thinksafe" in p)
        current = plugins[at]["thinksafe"] if isinstance(plugins[at], dict) else {}
        plugins[at] = {"thinksafe": {**(current or {}), **options}}
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return edit


def site_address(root: Path) -> None:
    config = yaml.safe_load((root / "mkdocs.yml").read_text())
    config["site_url"] = "https://example.org/safety/"
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))


def retemplate(root: Path) -> None:
    override = root / "overrides" / "partials" / "copyright.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text('<div class="md-copyright">An override of the template.</div>\n')


@pytest.fixture
def generated(tmp_path) -> Path:
    """A generated site of 24 lessons with its own copy of the overrides folder."""
    root = tmp_path / "src"
    write_thinksafe_site(root, make_lessons(24), packs=False)
    shutil.copytree(REPO / "overrides", root / "overrides")
    config = yaml.safe_load((root / "mkdocs.yml").read_text())
    config["theme"]["custom_dir"] = "overrides"
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return root


EDITS = [
    ("text", lambda root: edit_lesson(root, retext), 2),
    # Its copies, their landing pages, neighbours and the sidebars of its topic.
    ("title", lambda root: edit_lesson(root, retitle), 16),
    ("audiences", lambda root: edit_lesson(root, reaudience), 16),
    ("topic", lambda root: edit_lesson(root, retopic), 16),
    ("setting", resetting, None),  # every page carries the settings: every page is rendered
    ("template", retemplate, None),
    # The quick-exit link every page carries, and the sidebar's longest topic list.
    ("help", plugin_setting(help={"preset": "uk", "exit_url": "https://www.bbc.co.uk/weather"}), None),
    ("sidebar limit", plugin_setting(topic_nav_limit=3), None),
    ("site_url", site_address, None),
    # Its neighbours show its title: the lesson before it, then one of its copies, edited back.
    ("text again", lambda root: edit_lesson(root, lambda front, body: (front, body + "\nOne more line.\n")), 2),
]


def test_each_edit_rebuilds_only_changed_pages_and_matches_a_clean_build(generated, tmp_path):
    site = tmp_path / "site"
    first = build(generated, site)
    total = int(COUNTS.search(first).group(1))
    assert total > 40 and int(COUNTS.search(first).group(2)) == 0
    again = build(generated, site)
    assert COUNTS.search(again).groups() == ("0", str(total)), "an unchanged site renders nothing"
    # Nor reads any page: every page's steps are skipped, its kept output written as it is.
    assert SKIPPED.search(again).groups() == (str(total), str(total), "0")
    for name, edit, most in EDITS:
        before, states = files_of(site), pages_state(site)
        edit(generated)
        output = build(generated, site)
        rendered = set(RENDERED.findall(output))
        clean_root = tmp_path / f"clean-{name}"
        shutil.copytree(generated, clean_root, ignore=shutil.ignore_patterns(".cache"))
        build(clean_root, tmp_path / f"clean-{name}-site")
        clean = files_of(tmp_path / f"clean-{name}-site")
        after = files_of(site)
        assert after.keys() == clean.keys(), f"{name}: other files than a clean build's"
        assert folders_of(site) == folders_of(tmp_path / f"clean-{name}-site"), name
        assert [p for p in clean if after[p] != clean[p]] == [], f"{name}: files differ from a clean build's"
        changed = {p for p in after if p.endswith(".html") and before.get(p) != after[p]}
        if most is None:
            assert COUNTS.search(output).group(2) == "0", f"{name}: pages were kept"
            assert SKIPPED.search(output).group(2) == "0", f"{name}: pages were skipped"
            continue
        not_read, taken, late = map(int, SKIPPED.search(output).groups())
        now = sum(map(int, COUNTS.search(output).groups()))  # an edit of audiences changes how many
        # (a page read late for a copy finished from it may have been taken before)
        assert taken + len(rendered) <= now and taken <= not_read <= taken + late, (name, not_read, taken, late)
        if name.startswith("text"):  # only the lesson's copies are read: the rest are taken as kept
            assert taken == not_read == now - len(rendered) and late == 0, (name, taken, late)
        assert changed and 0 < len(rendered) <= most, f"{name}: {len(rendered)} pages rendered"
        if name in ("text", "title"):  # no other lesson is converted again
            # A new title is converted on the landing pages that list it, one per audience.
            audiences = yaml.safe_load((generated / LESSON).read_text().split("---\n")[1])["audiences"]
            made = CONVERTED.search(output).group(1)
            assert made == ("1" if name == "text" else str(len(audiences))), (name, made)
        # Pages not rendered were not written again either.
        kept_pages = [p for p, state in pages_state(site).items() if p not in changed and p in states]
        assert kept_pages and all(states[p] == pages_state(site)[p] for p in kept_pages), name
    # As the benchmark and a fresh checkout with a kept cache build: the site folder deleted first.
    shutil.rmtree(site)
    output = build(generated, site)
    now = COUNTS.search(output).group(2)
    assert COUNTS.search(output).group(1) == "0" and SKIPPED.search(output).groups() == (now, now, "0")
    assert files_of(site) == files_of(tmp_path / f"clean-{EDITS[-1][0]}-site")


def test_a_page_event_of_another_plugin_reads_and_renders_every_page(generated, tmp_path):
    # A hook reads a file no key holds: were its pages skipped, the edit would never show.
    (generated / "words.txt").write_text("First words.")
    (generated / "hook.py").write_text(
        "from pathlib import Path\n"
        "def on_page_markdown(markdown, page, config, files):\n"
        "    return markdown + '\\n\\n' + Path(config.config_file_path).with_name('words.txt').read_text()\n")
    config = yaml.safe_load((generated / "mkdocs.yml").read_text())
    config["hooks"] = ["hook.py"]
    (generated / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    site = tmp_path / "site"
    build(generated, site)
    (generated / "words.txt").write_text("Other words.")
    output = build(generated, site)
    assert "every page is read in this build" in output
    assert SKIPPED.search(output).groups()[:2] == ("0", "0")
    pages = [p for p in files_of(site) if p.endswith(".html") and p != "404.html"]
    assert len(pages) > 40
    assert all("Other words." in (site / p).read_text() for p in pages if p.startswith("8-10/lesson-"))


def test_another_plugins_post_page_step_runs_before_the_policy_on_every_build(generated, tmp_path):
    # Pages are kept finished (with the policy) only while ThinkSafe's post_page step is the only
    # one: a hook's inline script, added after the template, must be hashed in the policy.
    script = "console.log('hooked')"
    (generated / "hook.py").write_text(
        "def on_post_page(output, page, config):\n"
        f"    return output.replace('</body>', \"<script>{script}</script></body>\")\n")
    config = yaml.safe_load((generated / "mkdocs.yml").read_text())
    config["hooks"] = ["hook.py"]
    (generated / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    hashed = "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    site = tmp_path / "site"
    build(generated, site)
    first = files_of(site)
    build(generated, site)  # (a hook is a module, which no key can hold: every page is rendered)
    pages = [p for p in first if p.endswith(".html") and p != "404.html"]
    assert len(pages) > 40
    for name in pages:
        assert hashed in first[name].decode(), name
    assert files_of(site) == first


@pytest.mark.parametrize("reading", [
    "{% for f in pages %}{{ f.page.toc | length }}{% endfor %}",
    '{% for f in pages %}{{ f.page["content"] | length }}{% endfor %}',
    '{% for f in pages %}{{ f.page | attr("markdown") | length }}{% endfor %}',
    "{% for f in pages %}{% set page = f.page %}{{ page.toc | length }}{% endfor %}",
    "{% for page in pages | map(attribute='page') %}{{ page.content | length }}{% endfor %}",
])
def test_a_template_that_reads_other_pages_contents_reads_every_page(generated, tmp_path, reading):
    # A page not read has no contents: a site's own template that shows another page's would
    # show nothing of it, so every page is read, however the template reaches them.
    override = generated / "overrides" / "partials" / "copyright.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text(f'<div class="md-copyright">{reading}</div>\n')
    site = tmp_path / "site"
    build(generated, site)
    output = build(generated, site)
    assert "a theme template reads another page's contents" in output
    assert SKIPPED.search(output).groups()[:2] == ("0", "0")


def test_a_page_changed_on_the_site_between_builds_is_written_again(generated, tmp_path):
    # A page not read is left unread on the site when its record says the file there holds its
    # output and the file is as it was then (inode, size, times): one changed by hand, even to
    # the same size and modification time, or one removed, is written again. The one changed in
    # its file is rendered again: its output was kept as that file (page_outputs.py), and the
    # kept output's check finds other bytes; the one removed is written as kept.
    site = tmp_path / "site"
    build(generated, site)
    build(generated, site)  # (each page's file on the site is recorded as holding its output)
    first = files_of(site)
    pages = sorted(p for p in first if p.startswith("8-10/lesson-") and p.endswith(".html"))
    changed, removed = site / pages[0], site / pages[1]
    before = changed.stat()
    changed.write_bytes(first[pages[0]].replace(b"<", b"[", 1))  # the same size
    os.utime(changed, ns=(before.st_atime_ns, before.st_mtime_ns))
    removed.unlink()
    output = build(generated, site)
    total = int(COUNTS.search(output).group(2)) + 1
    assert len(RENDERED.findall(output)) == 1
    assert SKIPPED.search(output).groups() == (str(total), str(total - 1), "1")
    assert files_of(site) == first
    # The next build leaves every page not read unread on the site, each as it was recorded, the
    # one rendered too (its record notes the file MkDocs wrote).
    assert ON_SITE.search(build(generated, site)).group(1) == str(total)
    # As another folder holds: the records name the site folder they were made for.
    other = tmp_path / "other"
    build(generated, other)
    assert files_of(other) == first


def test_the_first_edit_after_a_clean_build_leaves_every_page_not_read_on_the_site(generated, tmp_path):
    # An author builds the site, then edits one lesson (as `mkdocs serve` does: a clean build, then
    # a rebuild on each save): the pages rendered by the clean build are recorded with the files
    # MkDocs wrote for them, so this first rebuild neither reads nor compares any of them.
    site = tmp_path / "site"
    build(generated, site)
    edit_lesson(generated, retext)
    output = build(generated, site)
    taken = int(SKIPPED.search(output).group(2))
    assert taken > 0 and ON_SITE.search(output).group(1) == str(taken)
    clean = tmp_path / "clean"
    shutil.rmtree(generated / ".cache")
    build(generated, clean)
    assert files_of(site) == files_of(clean)


def test_a_page_recorded_in_the_tick_its_records_were_written_is_compared(generated, tmp_path):
    # A site file whose recorded state changed no earlier than the records file was written may
    # have been written again within the file system's clock tick without its state showing it
    # ("racily clean"): it is compared with the output, not trusted, and the site stays right.
    site = tmp_path / "site"
    build(generated, site)
    build(generated, site)
    first = files_of(site)
    records = generated / ".cache/thinksafe/page-records.json"
    os.utime(records, ns=(0, 0))  # written, as far as the rule can tell, before every page
    output = build(generated, site)
    assert int(SKIPPED.search(output).group(2)) > 0 and ON_SITE.search(output).group(1) == "0"
    assert files_of(site) == first


def test_pages_not_read_are_keyed_by_their_witness_until_what_their_context_is_made_from_changes(
        generated, tmp_path):
    # A page not read whose witness (early_pages.py: its source key, its pack, and all that
    # every page's context is made from) is as its record says is keyed without its context
    # being made; a new title in the navigation changes every witness, and each page is keyed
    # from its context again, the site still a clean build's.
    site = tmp_path / "site"
    build(generated, site)
    for name, edit, witnessed in [("unchanged", None, True), ("text", retext, True), ("title", retitle, False),
                                  ("text after the title", retext, True)]:
        if edit is not None:
            edit_lesson(generated, edit)
        output = build(generated, site)
        taken = SKIPPED.search(output).group(2)
        assert int(taken) > 20 and WITNESSED.search(output).group(1) == (taken if witnessed else "0"), name
    clean = tmp_path / "clean"
    shutil.copytree(generated, clean, ignore=shutil.ignore_patterns(".cache"))
    build(clean, tmp_path / "clean-site")
    assert files_of(site) == files_of(tmp_path / "clean-site")
