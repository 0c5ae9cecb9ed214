"""A partial the site's own custom_dir replaces is rendered for each page, never shared."""

from __future__ import annotations

from pathlib import Path

import material

from helpers import soup
from support import lesson

TITLES = ["Alpha", "Bravo", "Charlie"]


def owner_site(site, tmp_path: Path, partials: dict[str, str]):
    folder = tmp_path / "mine"
    for name, text in partials.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    site.config["theme"]["custom_dir"] = str(folder)
    for title in TITLES:
        site.write(f"lessons/{title.lower()}.md", lesson(title, audiences=["8-10"]))
    return site.build("--strict")


def test_a_replaced_partial_that_reads_the_page_shows_each_pages_own_details(site, tmp_path):
    build = owner_site(site, tmp_path, {"partials/copyright.html":
                                        '<div class="md-copyright">Page: {{ page.title }}</div>'})
    assert build.returncode == 0, build.output
    for title in TITLES:
        footer = soup(build.html(f"8-10/{title.lower()}/index.html")).select_one(".md-copyright")
        assert footer.get_text(strip=True) == f"Page: {title}"
    assert "replaces partials/copyright.html" in build.output
    assert "fast_templates is off for this site" in build.output


def test_a_replaced_sidebar_item_is_used_instead_of_the_sidebar_written_in_python(site, tmp_path):
    item = (Path(material.__file__).parent / "templates/partials/nav-item.html").read_text(encoding="utf-8")
    marked = item.replace("{% macro render(nav_item, path, level, parent) %}",
                          "{% macro render(nav_item, path, level, parent) %}<!-- the owner's nav-item -->", 1)
    assert marked != item  # Material's macro, as 9.8 names it
    build = owner_site(site, tmp_path, {"partials/nav-item.html": marked})
    assert build.returncode == 0, build.output
    for title in TITLES:
        page = soup(build.html(f"8-10/{title.lower()}/index.html"))
        assert "the owner's nav-item" in str(page.select_one(".md-sidebar--primary"))
        assert any(a.get_text(strip=True) == title for a in page.select(".md-sidebar--primary a"))
    assert "fast_templates and fast_navigation are off" in build.output


def test_a_site_that_replaces_no_partial_keeps_the_shortcuts_quietly(site, tmp_path):
    build = owner_site(site, tmp_path, {"main.html": '{% extends "base.html" %}'})
    assert build.returncode == 0, build.output
    assert "fast_templates" not in build.output
