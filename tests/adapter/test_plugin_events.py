"""The plugin's events run one by one, as MkDocs runs them, without converting or writing a
page: the build's state lives in one object made in on_pre_build, and the tabs and previous/next
are the site model's (core/model/navigation.py)."""

from __future__ import annotations

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

from support import FixtureSite, lesson
from thinksafe.mkdocs.build_state import Build
from thinksafe.mkdocs.plugin import ThinkSafePlugin

_started: list[ThinkSafePlugin] = []


@pytest.fixture(autouse=True)
def _end_the_builds_started():
    """A build started here never reaches its last event: ended as a failed one is, so that
    MkDocs's writing is its own again and the cycle collector on (collector.py) for later tests."""
    yield
    while _started:
        _started.pop().on_build_error(RuntimeError("the test is over"))


def start(site: FixtureSite, command: str = "build"):
    """The events up to on_pre_build: (the plugin, MkDocs's settings)."""
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(site.config, allow_unicode=True), encoding="utf-8")
    config = load_config(str(site.root / "mkdocs.yml"))
    config.plugins.on_startup(command=command, dirty=False)
    config = config.plugins.on_config(config)
    _started.append(config.plugins["thinksafe"])
    config.plugins.on_pre_build(config=config)
    return config.plugins["thinksafe"], config


def to_nav(config):
    """on_files and on_nav, after on_pre_build: (the files, the navigation)."""
    files = config.plugins.on_files(get_files(config), config=config)
    nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
    return files, nav


def small_site(tmp_path, **options) -> FixtureSite:
    site = FixtureSite(tmp_path)
    site.plugin_options(cache_dir=str(tmp_path / "cache"), **options)
    site.write("about.md", "# About\n\nWho we are.\n")
    site.write("lessons/passwords.md", lesson("Passwords", audiences=["8-10", "parents"]))
    site.write("lessons/games.md", lesson("Games", audiences=["8-10"]))
    site.write("lessons/chat.md", lesson("Chat", audiences=["parents"]))
    return site


def chain(nav, src: str) -> list[str]:
    """The pages reached from `src` by following next, then previous, in reading order."""
    page = next(p for p in nav.pages if p.file.src_uri == src)
    while page.previous_page is not None:
        page = page.previous_page
    found = []
    while page is not None:
        found.append(page.file.src_uri)
        page = page.next_page
    return found


def test_the_build_state_is_one_object_made_in_on_pre_build(tmp_path):
    site = small_site(tmp_path, packs=False)
    fresh = ThinkSafePlugin()
    assert fresh.state is None
    plugin, config = start(site)
    before = set(vars(plugin))
    assert isinstance(plugin.state, Build)
    first = plugin.state
    assert sorted(lesson.slug for lesson in first.model.lessons) == ["chat", "games", "passwords"]
    files, _nav = to_nav(config)
    assert first.files is files and first.help_file is not None
    assert first.origin("8-10/passwords.md").lesson.slug == "passwords"
    assert first.origin("about.md").lesson is None  # an author's page is its own origin
    # No event adds an attribute of its own: whatever a build learns goes into its state.
    assert set(vars(plugin)) == before
    assert before - set(vars(fresh)) <= {"config", "config_file_path"}  # set by MkDocs's load_config
    # The next build starts from a new state; nothing of the last one's pages is carried over.
    config.plugins.on_pre_build(config=config)
    assert set(vars(plugin)) == before
    assert plugin.state is not first and plugin.state.origins == {} and plugin.state.rendered == {}


def test_previous_and_next_stay_inside_each_audience_with_the_packs_page_after_the_teachers_landing(tmp_path):
    site = small_site(tmp_path)
    site.write("lessons/plan.md", lesson("A plan", audiences=["teachers"]))
    _plugin, config = start(site)
    _files, nav = to_nav(config)
    assert chain(nav, "8-10/games.md") == ["8-10/index.md", "8-10/games.md", "8-10/passwords.md"]
    assert chain(nav, "parents/chat.md") == ["parents/index.md", "parents/chat.md", "parents/passwords.md"]
    assert chain(nav, "teachers/packs.md") == ["teachers/index.md", "teachers/packs.md", "teachers/plan.md"]
    # The rest, among themselves, in the nav's order (help pages included: MkDocs lists them).
    assert chain(nav, "about.md") == ["index.md", "about.md", "help.md", "help/button.md"]


def test_the_tabs_come_from_the_model_after_the_first_entry_of_the_authors_nav(tmp_path):
    site = small_site(tmp_path)
    site.config["nav"] = ["index.md", "about.md"]
    _plugin, config = start(site)
    to_nav(config)
    titles = [next(iter(entry)) if isinstance(entry, dict) else entry for entry in config.nav]
    assert titles == ["index.md", "Ages 8–10", "Ages 11–13", "Parents and carers", "Teachers and trainers",
                      "about.md"]
    teachers = config.nav[4]["Teachers and trainers"]
    assert teachers[:2] == [{"Teachers and trainers": "teachers/index.md"}, {"Lesson packs": "teachers/packs.md"}]


def test_without_packs_the_teachers_have_no_packs_page_in_their_tab_or_chain(tmp_path):
    site = small_site(tmp_path, packs=False)
    _plugin, config = start(site)
    files, nav = to_nav(config)
    assert files.get_file_from_path("teachers/packs.md") is None
    assert chain(nav, "teachers/index.md") == ["teachers/index.md"]
    teachers = next(entry for entry in config.nav if isinstance(entry, dict) and "Teachers and trainers" in entry)
    assert teachers["Teachers and trainers"] == [{"Teachers and trainers": "teachers/index.md"}]


def test_the_sidebar_links_a_long_topic_to_its_list_on_the_landing_page(tmp_path):
    site = small_site(tmp_path, packs=False)
    plugin, config = start(site)
    _files, nav = to_nav(config)
    section = next(item for item in nav.items if item.title == "Ages 8–10")
    topic = section.children[1]  # after the landing page: "More lessons" (no topics given)
    assert plugin._topic_list(topic) == ("8-10/#topic-other", "All 2 lessons in More lessons")


def test_while_serving_a_broken_lesson_keeps_its_last_good_version_in_the_next_builds_state(tmp_path):
    site = small_site(tmp_path, packs=False)
    plugin, config = start(site, command="serve")
    first = plugin.state
    site.write("lessons/games.md", "---\ntitle: Games\naudiences: [nobody]\n---\nBroken.\n")
    config.plugins.on_pre_build(config=config)  # the mistake is told, not raised: serve goes on
    assert plugin.state is not first
    games = plugin.state.model.by_slug["games"]
    assert games.audiences == ["8-10"] and games is first.model.by_slug["games"]
