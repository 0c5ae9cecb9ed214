"""Settings of the ThinkSafe plugin, as written under `plugins: - thinksafe:` in mkdocs.yml."""

from mkdocs.config import base
from mkdocs.config import config_options as c


class ThinkSafeConfig(base.Config):
    # Checked by the core (thinksafe.core.model.settings), which names every mistake at once.
    audiences = c.Optional(c.Type(list))
    topics = c.Optional(c.Type(list))
    lessons_dir = c.Type(str, default="lessons")
    other_topic_title = c.Type(str, default="More lessons")
    # Where to get help: a country preset and the owner's changes (thinksafe.core.help.settings).
    help = c.Type(dict, default={})
    # Lesson packs (thinksafe.core.packs.contents): /packs/<slug>.zip for lesson plans and lessons with resources.
    packs = c.Type(bool, default=True)
    pack_max_file_mb = c.Type((int, float), default=25)  # each file in a pack; 1 MB = 1,000,000 bytes
    licence = c.Type(str, default="CC BY-NC-SA 4.0")  # the content's licence, named in every pack
    # Warn when a lesson's `reviewed` date is older than this many months, or missing on a lesson
    # for adults (thinksafe.core.model.provenance); 0 turns the warning off.
    review_max_age_months = c.Type(int, default=12)
    # Work kept between builds (core/cache.py), from mkdocs.yml's folder; `cache: false` keeps none.
    cache_dir = c.Type(str, default=".cache/thinksafe")
    cache = c.Type(bool, default=True)
    # Write Material's pruned sidebar in Python (same markup, much faster); false uses Material's template.
    fast_navigation = c.Type(bool, default=True)
    # A lesson page's sidebar lists at most this many lessons of its topic, around its own, and
    # links to the topic on the landing page for the rest (fast navigation only); 0 lists them all.
    topic_nav_limit = c.Type(int, default=20)
    # Render the parts of the page that an audience's lesson pages share once for all of them
    # (same HTML: see fragments.py); false renders every part on every page.
    fast_templates = c.Type(bool, default=True)
