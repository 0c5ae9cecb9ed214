"""A page's template output kept between builds: taken while everything the template reads is the
same, rendered again when anything is not."""

from __future__ import annotations

from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from thinksafe.mkdocs.speed.page_outputs import PageOutputs


def setup(tmp_path, description="A site."):
    """A one-page Material site as MkDocs has it just before rendering its pages."""
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Fixture\nsite_description: {description}\ntheme:\n  name: material\n")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    files = Files([File("index.md", config.docs_dir, config.site_dir, config.use_directory_urls)])
    page = Page(None, files.documentation_pages()[0], config)
    page.read_source(config)
    page.render(config, files)
    nav = get_navigation(files, config)
    return config, files, page, nav


def render(outputs: PageOutputs, config, files, page, nav, **extra) -> str:
    env = config.theme.get_env()
    outputs.wrap(env)
    context = {**get_context(nav, files, config, page), **extra}
    return env.get_template("main.html").render(context)


def test_an_unchanged_page_is_taken_and_a_changed_one_rendered(tmp_path):
    cache = tmp_path / "cache"
    first = PageOutputs(cache)
    made = render(first, *setup(tmp_path))
    first.save()
    assert (first.rendered, first.kept) == (1, 0) and "<h1" in made

    again = PageOutputs(cache)
    assert render(again, *setup(tmp_path)) == made and (again.rendered, again.kept) == (0, 1)

    config, files, page, nav = setup(tmp_path)
    page.content = page.content.replace("Home", "Away")
    edited = PageOutputs(cache)
    assert "Away" in render(edited, config, files, page, nav) and edited.rendered == 1


def test_a_changed_setting_renders_the_page_again(tmp_path):
    cache = tmp_path / "cache"
    render(PageOutputs(cache), *setup(tmp_path))
    outputs = PageOutputs(cache)
    assert "Another description" in render(outputs, *setup(tmp_path, "Another description"))
    assert (outputs.rendered, outputs.kept) == (1, 0)


def test_a_value_that_cannot_be_written_down_is_never_taken_from_the_cache(tmp_path):
    cache = tmp_path / "cache"
    for _ in range(2):
        outputs = PageOutputs(cache)
        render(outputs, *setup(tmp_path), odd=object())
        assert (outputs.rendered, outputs.kept) == (1, 0)
    assert list((cache / "pages").glob("*")) == []


def test_save_drops_outputs_no_page_used(tmp_path):
    cache = tmp_path / "cache"
    render(PageOutputs(cache), *setup(tmp_path))
    outputs = PageOutputs(cache)
    config, files, page, nav = setup(tmp_path)
    page.content = page.content.replace("Home", "Away")
    render(outputs, config, files, page, nav)
    outputs.save()
    assert len(list((cache / "pages").rglob("*.html"))) == 1


def test_without_a_cache_folder_every_page_is_rendered(tmp_path):
    for _ in range(2):
        outputs = PageOutputs(None)
        render(outputs, *setup(tmp_path))
        assert (outputs.rendered, outputs.kept) == (1, 0)


def test_text_and_html_of_the_same_words_are_different_keys(tmp_path):
    # Keys are written down by page_outputs itself (core.cache.digest_written): Markup, which a
    # template writes as it is, must not read as the same text, which it escapes.
    cache = tmp_path / "cache"
    config, files, page, nav = setup(tmp_path)
    outputs = PageOutputs(cache)
    env = config.theme.get_env()
    context = get_context(nav, files, config, page)
    keys = {outputs.key(env, "main.html", {**context, "extra": value})
            for value in ("<b>x</b>", Markup("<b>x</b>"), "<b>x</b>" * 100, Markup("<b>x</b>" * 100))}
    assert len(keys) == 4 and None not in keys


def test_a_page_kept_under_two_keys_is_written_once(tmp_path, monkeypatch):
    # A page with a source key (early_pages.py) is kept under it and under its contents: one
    # file with two names, or two files where the file system makes no links.
    for links in (True, False):
        cache = tmp_path / f"cache-{links}"
        if not links:
            monkeypatch.setattr("os.link", lambda *args, **kwargs: (_ for _ in ()).throw(OSError("no links")))
        config, files, page, nav = setup(tmp_path)
        page.thinksafe_source = "0" * 64
        outputs = PageOutputs(cache)
        made = render(outputs, config, files, page, nav)
        outputs.save()
        kept = sorted((cache / "pages").rglob("*.html"))
        assert len(kept) == 2 and len(set(page.thinksafe_outputs)) == 2
        assert {p.stem for p in kept} == set(page.thinksafe_outputs)
        assert all(p.read_text(encoding="utf-8") == made for p in kept)
        assert (kept[0].stat().st_ino == kept[1].stat().st_ino) is links
        again = PageOutputs(cache)  # either key finds it
        assert render(again, *setup(tmp_path)) == made and again.kept == 1
