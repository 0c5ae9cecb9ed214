"""The plugin's settings read and checked in the core, every mistake at once."""

from thinksafe.core.checks.sequence import read_settings


def test_settings_left_out_take_the_defaults_and_those_given_are_kept():
    settings, problems = read_settings({}, source="mkdocs.yml", environ={})
    assert problems == []
    assert (settings.lessons_dir, settings.topic_nav_limit, settings.max_resource_bytes) == ("lessons", 20, 25_000_000)
    settings, problems = read_settings({"lessons_dir": "plans", "packs": False}, source="mkdocs.yml", environ={})
    assert (settings.lessons_dir, settings.packs, settings.max_resource_bytes) == ("plans", False, None)


def test_every_mistake_in_the_settings_is_named_at_once_the_help_button_included():
    _settings, problems = read_settings(
        {"topic_nav_limit": -1, "pack_max_file_mb": 0, "help": {"button": {"target": "nowhere"}}},
        source="mkdocs.yml", environ={"SOURCE_DATE_EPOCH": "soon"})
    keys = [p.key for p in problems]
    assert keys == ["plugins.thinksafe.topic_nav_limit", "plugins.thinksafe.pack_max_file_mb",
                    "SOURCE_DATE_EPOCH", "plugins.thinksafe.help.button.target"]
