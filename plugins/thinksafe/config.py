"""Settings of the ThinkSafe plugin, as written under `plugins: - thinksafe:` in mkdocs.yml."""

from mkdocs.config import base
from mkdocs.config import config_options as c


class ThinkSafeConfig(base.Config):
    # Checked by the core (thinksafe.core.siteconfig), which names every mistake at once.
    audiences = c.Optional(c.Type(list))
    topics = c.Optional(c.Type(list))
    lessons_dir = c.Type(str, default="lessons")
    other_topic_title = c.Type(str, default="More lessons")
    # Where to get help: a country preset and the owner's changes (thinksafe.core.helpconfig).
    help = c.Type(dict, default={})
