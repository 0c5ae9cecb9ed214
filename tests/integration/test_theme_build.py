"""The plugin brings its own templates: any Material site that uses it has the help and
quick-exit buttons on every page, loads nothing from another host, and may still replace them."""

from __future__ import annotations

from helpers import soup
from support import lesson


def minimal(site):
    """The least a site owner might write: Material, the plugin, no custom_dir, no font setting."""
    site.config["theme"] = {"name": "material"}
    site.config.pop("extra", None)
    site.write("lessons/a.md", lesson("A", audiences=["8-10", "teachers"]))


def test_a_site_without_custom_dir_or_font_setting_has_every_button_and_no_web_fonts(site):
    minimal(site)
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    assert "theme.font: Material's web fonts are turned off" in build.output
    pages = sorted(build.site.rglob("*.html"))
    assert len(pages) >= 6  # home, help, landing pages, lesson copies, packs page, 404
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "data-help-button" in html and "data-quick-exit" in html, page
        assert "assets/thinksafe.css" in html and "fonts.googleapis" not in html, page
    assert (build.site / "assets/thinksafe-quick-exit.js").is_file()


def test_a_repository_link_stays_a_link_and_fetches_nothing(site):
    minimal(site)
    site.config["repo_url"] = "https://github.com/example/lessons"
    build = site.build("--strict")
    html = build.html("8-10/a/index.html")
    assert 'href="https://github.com/example/lessons"' in html
    # Material's script fetches stars and forks from GitHub for every data-md-component="source".
    assert 'data-md-component="source"' not in html


def test_a_theme_other_than_material_is_named_with_the_fix(site):
    minimal(site)
    site.config["theme"] = {"name": "mkdocs"}
    build = site.build()
    assert build.returncode != 0
    assert "mkdocs.yml: theme.name: got 'mkdocs'; expected material" in build.output


def test_the_sites_own_custom_dir_replaces_thinksafe_templates(site, tmp_path):
    mine = tmp_path / "mine" / "partials"
    mine.mkdir(parents=True)
    (mine / "thinksafe-worried.html").write_text('<aside class="ours">Talk to Mr Singh.</aside>')
    site.config["theme"]["custom_dir"] = str(mine.parent)
    site.write("lessons/a.md", lesson("A", audiences=["8-10"]))
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    html = build.html("8-10/a/index.html")
    assert "Talk to Mr Singh." in html and "data-help-button" in html


def test_settings_that_would_load_from_another_host_or_track_readers_are_named(site):
    minimal(site)
    site.config["extra_javascript"] = ["assets/ours.js", "https://cdn.example.org/x.js"]
    site.config["extra_css"] = ["//cdn.example.org/x.css"]
    site.config["theme"]["logo"] = "https://example.org/logo.png"
    site.config["extra"] = {"analytics": {"provider": "google", "property": "G-XXXX"}}
    build = site.build()
    assert build.returncode != 0
    for words in ["mkdocs.yml: extra_javascript[1]: 'https://cdn.example.org/x.js' is on another site",
                  "mkdocs.yml: extra_css[0]: '//cdn.example.org/x.css' is on another site",
                  "mkdocs.yml: theme.logo: 'https://example.org/logo.png' is on another site",
                  "mkdocs.yml: extra.analytics: would send every reader's visits"]:
        assert words in build.output, build.output
    assert "extra_javascript[0]" not in build.output


def test_a_diagram_that_material_would_draw_with_mermaid_from_another_host_stops_the_build(site):
    # What superfences' mermaid fence writes, and what Material's script looks for.
    site.write("lessons/a.md", lesson(body='<pre class="mermaid"><code>graph LR\n  A --> B</code></pre>'))
    build = site.build()
    assert build.returncode != 0
    assert ("content/lessons/a.md: (diagram): Material's script would load Mermaid from another site "
            "('https://unpkg.com/mermaid@11/dist/mermaid.min.js')") in build.output, build.output
    site.write("mermaid.min.js", "/* the site's own copy */")
    site.config["extra_javascript"] = ["mermaid.min.js"]
    assert site.build("--strict").returncode == 0  # with its own copy, Material loads nothing


def test_the_not_found_page_offers_a_way_on_to_every_section_and_to_help(site):
    site.plugin_options(audiences=["8-10", {"id": "14-17", "title": "Ages 14–17", "description": "Older.",
                                            "children": True}])
    site.write("lessons/a.md", lesson(audiences=["8-10", "14-17"]))
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    page = soup(build.html("404.html"))
    article = page.select_one("article")
    assert "can't find that page" in article.get_text() and "404" not in article.get_text()
    ways = {a.get_text(strip=True): a["href"] for a in article.select(".ts-lost a")}
    # Without site_url, from where the page is served (see test_minimal_site.py), not from '/'.
    assert ways == {"The home page": "./.", "Ages 8–10": "./8-10/", "Ages 14–17": "./14-17/", "Get help": "./help/"}
    assert len(page.select("[data-help-button]")) == 1  # the header's, in its usual place
