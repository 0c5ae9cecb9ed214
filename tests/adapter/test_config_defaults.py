"""MkDocs's declaration of the plugin's options takes each default from the core, where it is
declared once (core/model/plugin_settings.py)."""

import dataclasses

from thinksafe.core.model.plugin_settings import DEFAULTS, Options
from thinksafe.mkdocs.config import ThinkSafeConfig


def test_mkdocs_declares_each_plain_setting_with_the_cores_default():
    declared = {name: option.default for name, option in ThinkSafeConfig._schema}
    for option in dataclasses.fields(Options):
        assert declared[option.name] == getattr(DEFAULTS, option.name), option.name
    assert set(declared) - {o.name for o in dataclasses.fields(Options)} == {"audiences", "topics", "help"}
