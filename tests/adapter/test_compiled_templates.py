"""Jinja's compiled templates, kept in this user's own folder (mkdocs/speed/compiled_templates.py)."""

from __future__ import annotations

import os
import time

import jinja2
import pytest

from thinksafe.mkdocs.speed import compiled_templates
from thinksafe.mkdocs.speed.compiled_templates import bytecode_cache


@pytest.fixture(autouse=True)
def own_temporary_folder(tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))


def render(folder, **settings) -> str:
    """main.html of `folder`, in a new environment (a new build) with the bytecode cache."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), **settings)
    env.bytecode_cache = bytecode_cache(env)
    return env.get_template("main.html").render(x="<b>")


def test_two_projects_templates_of_the_same_name_never_load_each_others(tmp_path):
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "main.html").write_text(f"{name} {{{{ x }}}}")
    assert [render(tmp_path / "one"), render(tmp_path / "two")] == ["one <b>", "two <b>"]
    assert len(list(tmp_path.glob("_jinja2-cache-*/thinksafe-*.cache"))) == 2
    assert [render(tmp_path / "one"), render(tmp_path / "two")] == ["one <b>", "two <b>"]


def test_an_environment_that_compiles_otherwise_never_loads_anothers(tmp_path):
    (tmp_path / "main.html").write_text("{{ x }}")
    assert render(tmp_path) == "<b>"
    assert render(tmp_path, autoescape=True) == "&lt;b&gt;"  # the same source, compiled otherwise
    assert render(tmp_path) == "<b>"


def test_settings_no_key_can_hold_keep_nothing(tmp_path):
    env = jinja2.Environment(autoescape=lambda name: True)
    assert bytecode_cache(env) is None


def test_a_folder_of_another_owner_or_mode_is_not_used(tmp_path):
    folder = tmp_path / f"_jinja2-cache-{os.getuid()}"
    folder.symlink_to(tmp_path)  # not a folder of its own: Jinja refuses it
    assert bytecode_cache(jinja2.Environment()) is None


def test_other_codes_templates_are_removed_after_a_day_and_nothing_else(tmp_path):
    folder = bytecode_cache(jinja2.Environment()).directory
    old = time.time() - compiled_templates.STALE_SECONDS - 60
    names = ["thinksafe-other-a.cache", "thinksafe-recent-a.cache", "__jinja2_another_program.cache"]
    for name in names:
        path = os.path.join(folder, name)
        open(path, "w").close()
        if "recent" not in name:
            os.utime(path, (old, old))
    bytecode_cache(jinja2.Environment())
    assert sorted(os.listdir(folder)) == sorted(names[1:])
