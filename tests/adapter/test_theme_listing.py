"""MkDocs's listing of the theme's files, wrapped so that it does not walk hidden folders, adds
exactly the files MkDocs's own listing adds."""

from __future__ import annotations

import os

from mkdocs.config import load_config
from mkdocs.structure.files import Files

from thinksafe.mkdocs.speed import theme_listing
from thinksafe.mkdocs.speed.theme_listing import ThemeListing


def _config(tmp_path):
    """A Material site whose custom_dir holds files of each kind, hidden folders among them."""
    custom = tmp_path / "overrides"
    for name in ["assets/own.css", "assets/.hidden/secret.css", ".icons/own/x.svg", "partials/a.html",
                 "deep/er/.git/config", "deep/er/logo.svg", ".top.css", "readme.md", "x/.dotfile"]:
        (custom / name).parent.mkdir(parents=True, exist_ok=True)
        (custom / name).write_text("x")
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ntheme:\n  name: material\n  custom_dir: overrides\n")
    return load_config(str(tmp_path / "mkdocs.yml"))


def _listed(config) -> list[tuple[str, str | None]]:
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return [(f.src_uri, f.abs_src_path) for f in files]


def test_the_listing_is_mkdocss_own_without_walking_hidden_folders(tmp_path, monkeypatch):
    config = _config(tmp_path)
    ThemeListing().finish_wrapping()  # MkDocs's own, whatever an earlier test left
    original = Files.add_files_from_theme
    assert original.__module__ == "mkdocs.structure.files"
    expected = _listed(config)
    walked: list[str] = []
    real_walk = os.walk

    def walk(top, **options):
        for found in real_walk(top, **options):
            walked.append(found[0])
            yield found

    monkeypatch.setattr(theme_listing.os, "walk", walk)
    listing = ThemeListing()
    listing.start()
    ThemeListing().start()  # a second build's, before the first one's on_files: wrapped once
    assert Files.add_files_from_theme.__wrapped__ is original
    try:
        assert _listed(config) == expected
    finally:
        listing.finish_wrapping()
    assert Files.add_files_from_theme is original
    assert ("assets/own.css", str(tmp_path / "overrides/assets/own.css")) in expected
    hidden = [f for f in walked if any(f"{os.sep}{name}" in f for name in (".icons", ".hidden", ".git"))]
    assert walked and hidden == []  # .icons: Material's 14,500 icons


def test_a_filter_that_takes_hidden_names_gets_jinjas_own_listing(tmp_path):
    config = _config(tmp_path)
    env = config.theme.get_env()
    everything = theme_listing._Listing(env).list_templates(filter_func=lambda name: True)
    assert everything == env.list_templates() and "assets/.hidden/secret.css" in everything
