"""Settings of the ThinkSafe plugin, as written under `plugins: - thinksafe:` in mkdocs.yml.

Each default is declared once, in the core (core/model/plugin_settings.py), and every setting is
checked there too (read_settings in core/checks/sequence.py), which names every mistake at once:
MkDocs checks only the types."""

from mkdocs.config import base
from mkdocs.config import config_options as c

from thinksafe.core.model.plugin_settings import DEFAULTS


class ThinkSafeConfig(base.Config):
    audiences = c.Optional(c.Type(list))  # core/model/settings.py
    topics = c.Optional(c.Type(list))
    lessons_dir = c.Type(str, default=DEFAULTS.lessons_dir)
    other_topic_title = c.Type(str, default=DEFAULTS.other_topic_title)
    help = c.Type(dict, default={})  # a country preset and the owner's changes (core/help/settings.py)
    packs = c.Type(bool, default=DEFAULTS.packs)
    pack_max_file_mb = c.Type((int, float), default=DEFAULTS.pack_max_file_mb)
    licence = c.Type(str, default=DEFAULTS.licence)
    review_max_age_months = c.Type(int, default=DEFAULTS.review_max_age_months)
    cache_dir = c.Type(str, default=DEFAULTS.cache_dir)
    cache = c.Type(bool, default=DEFAULTS.cache)
    fast_navigation = c.Type(bool, default=DEFAULTS.fast_navigation)
    topic_nav_limit = c.Type(int, default=DEFAULTS.topic_nav_limit)
    fast_templates = c.Type(bool, default=DEFAULTS.fast_templates)
