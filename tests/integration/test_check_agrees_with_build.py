"""`thinksafe check` and `mkdocs build` run one check sequence: each case below fails both, or
passes both, with the same message (SPEC §8)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from support import lesson

EMOJI_PICTURES = """
markdown_extensions:
  - attr_list
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
"""


def run(site, *args, extra_yaml="", env=None):
    """Both verdicts on the fixture site: (check's exit code, output), (build's, output)."""
    text = yaml.safe_dump(site.config, allow_unicode=True) + extra_yaml
    (site.root / "mkdocs.yml").write_text(text, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    check = subprocess.run([sys.executable, "-m", "thinksafe.cli", "check", *args, str(site.root)],
                           capture_output=True, text=True, env=env)
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=site.root,
                           capture_output=True, text=True, env=env)
    return (check.returncode, check.stdout + check.stderr), (build.returncode, build.stdout + build.stderr)


def agree(site, expected: str, *args, **options):
    """Both fail, without a traceback, and both name the problem in `expected`."""
    (check, checked), (build, built) = run(site, *args, **options)
    assert check == 1, checked
    assert build != 0, built
    for output in (checked, built):
        assert expected in output, output
        assert "Traceback" not in output, output


def test_an_emoji_made_a_picture_from_another_site_fails_both(site):
    site.write("lessons/a.md", lesson(body="Well done :smile:"))
    agree(site, "content/lessons/a.md: (picture or embed): 'https://cdn.jsdelivr.net/",
          extra_yaml=EMOJI_PICTURES)


def test_a_material_icon_with_the_same_settings_passes_both(site):
    site.write("lessons/a.md", lesson(audiences=["parents"], body="Call us :material-phone:"))
    (check, checked), (build, built) = run(site, "--strict", extra_yaml=EMOJI_PICTURES)
    assert check == 0, checked
    assert build == 0, built


def test_a_picture_over_the_pack_limit_fails_both(site):
    site.plugin_options(pack_max_file_mb=0.001)
    site.write("lessons/plan/index.md", lesson(audiences=["teachers"], body="![A chart](chart.png)"))
    site.write("lessons/plan/chart.png", b"\x89PNG" + b"x" * 5000)
    agree(site, "content/lessons/plan/index.md")
    (_, checked), (_, built) = run(site)
    assert "chart.png" in checked and "chart.png" in built


def test_a_file_at_a_packs_address_fails_both(site):
    site.write("lessons/plan.md", lesson(audiences=["teachers"]))
    site.write("packs/plan.zip", b"PK\x05\x06" + bytes(18))
    agree(site, "content/packs/plan.zip: (file name): this file has the same address as the pack")


@pytest.mark.parametrize("value", ["yesterday", "-5", "1.5"])
def test_a_bad_source_date_epoch_fails_both(site, value):
    site.write("lessons/plan.md", lesson(audiences=["teachers"]))
    agree(site, f"SOURCE_DATE_EPOCH: got '{value}'", env={"SOURCE_DATE_EPOCH": value})


def test_a_bad_source_date_epoch_fails_both_with_packs_off(site):
    # MkDocs reads it too (the sitemap's dates), and would stop with a traceback.
    site.plugin_options(packs=False)
    site.write("lessons/a.md", lesson())
    agree(site, "SOURCE_DATE_EPOCH: got 'yesterday'", env={"SOURCE_DATE_EPOCH": "yesterday"})


def test_every_settings_mistake_in_one_run_with_did_you_mean(site):
    site.plugin_options(audiences=["8-10", "11-13", "parnets"],
                        help={"preset": "ukk", "exit_url": "http://example.org/"},
                        pack_max_file_mb=0)
    site.write("lessons/a.md", lesson())
    expected = ["plugins.thinksafe.audiences[2].id: 'parnets' is not a default id",
                "did you mean 'parents'?",
                "plugins.thinksafe.help.preset: unknown preset text 'ukk'", "did you mean 'uk'?",
                "plugins.thinksafe.help.exit_url: got text 'http://example.org/'",
                "plugins.thinksafe.pack_max_file_mb: got 0",
                "SOURCE_DATE_EPOCH: got 'soon'"]
    (check, checked), (build, built) = run(site, env={"SOURCE_DATE_EPOCH": "soon"})
    assert check == 1 and build != 0
    for text in expected:
        assert text in checked, checked
        assert text in built, built


def test_a_clean_site_passes_both_strictly(site):
    site.write("lessons/a.md", lesson(body="Some short words."))
    site.write("lessons/plan/index.md", lesson(audiences=["teachers"], resources=["sheet.txt"]))
    site.write("lessons/plan/sheet.txt", "A worksheet.")
    (check, checked), (build, built) = run(site, "--strict")
    assert check == 0, checked
    assert build == 0, built


def test_a_warning_fails_both_only_when_strict(site):
    site.write("lessons/a.md", lesson(body="See [the next one](missing.md)."))
    (check, checked), (build, built) = run(site)
    assert check == 0 and build == 0, (checked, built)
    assert "content/lessons/a.md:7: (link): 'missing.md'" in checked
    assert "content/lessons/a.md:7: (link): 'missing.md'" in built
    (check, checked), (build, built) = run(site, "--strict")
    assert check == 1 and build != 0, (checked, built)


def test_a_mkdocs_setting_warning_fails_both_only_when_strict(site):
    site.config["sit_name"] = "typo"
    site.write("lessons/a.md", lesson())
    (check, checked), (build, built) = run(site)
    assert check == 0 and build == 0, (checked, built)
    assert "sit_name" in checked and "sit_name" in built
    (check, checked), (build, built) = run(site, "--strict")
    assert check == 1 and build != 0, (checked, built)


NO_PANGO = '''
"""Loading Pango fails here, as it does where it is not installed (ctypes is how ThinkSafe asks)."""
import ctypes

_load = ctypes.CDLL.__init__


def _without_pango(self, name, *args, **kwargs):
    if name and "pango" in str(name):
        raise OSError(f"{name}: cannot open shared object file: No such file or directory")
    _load(self, name, *args, **kwargs)


ctypes.CDLL.__init__ = _without_pango
'''


def test_a_missing_pango_stops_both_with_the_fix_and_packs_off_builds(site, tmp_path):
    hidden = tmp_path / "no-pango"
    hidden.mkdir()
    (hidden / "sitecustomize.py").write_text(NO_PANGO)
    site.write("lessons/plan.md", lesson(audiences=["teachers"]))
    env = {"PYTHONPATH": str(hidden)}
    agree(site, "plugins.thinksafe.packs: lesson packs need Pango to make each pack's lesson.pdf", env=env)
    (_, checked), (_, built) = run(site, env=env)
    for output in (checked, built):
        assert "cannot load pango-1.0, pangoft2-1.0" in output
        assert "'brew install pango'" in output and "'packs: false'" in output
    site.plugin_options(packs=False)
    (check, checked), (build, built) = run(site, "--strict", env=env)
    assert check == 0 and build == 0, (checked, built)
