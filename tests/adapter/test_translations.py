"""Material's words, looked up once a build through ThinkSafe's language partial: the same words."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.theme import Theme

import thinksafe
from thinksafe.mkdocs.speed.translations import Translations

THEME = Path(thinksafe.__file__).resolve().parent / "theme"


def language_module(language: str, translations: Translations | None):
    env = Theme(name="material", custom_dir=str(THEME), language=language).get_env()
    if translations is not None:
        env.globals["thinksafe_translations"] = translations
    config = SimpleNamespace(theme=SimpleNamespace(language=language))
    return env.get_template("partials/language.html").make_module({"config": config})


def keys(language: str) -> list[str]:
    source = (Path(Theme(name="material").dirs[0]) / "partials" / "languages" / f"{language}.html").read_text()
    return re.findall(r'^\s*"([^"]+)":', source, re.M)


def test_thinksafes_partial_is_the_one_found():
    env = Theme(name="material", custom_dir=str(THEME)).get_env()
    assert Path(env.get_template("partials/language.html").filename).resolve() == THEME / "partials" / "language.html"


@pytest.mark.parametrize("language", ["en", "de", "fr", "ar", "zh"])
def test_every_word_is_materials_and_is_looked_up_once(language):
    words = keys(language) + keys("en") + ["no.such.key"]
    assert len(words) > 50
    translations = Translations()
    remembered = language_module(language, translations)
    materials = language_module(language, None)  # as Material's search plugin reads it: its own macro
    for key in words:
        assert remembered.t(key) == materials.t(key)
        assert type(remembered.t(key)) is type(materials.t(key))
    assert set(translations.found) == {(language, key) for key in words}
    translations.found[(language, "toc")] = "kept"
    assert remembered.t("toc") == "kept"  # taken from what was kept, not looked up again


def test_later_pages_take_the_words_without_importing_the_language_again():
    translations = Translations()
    first = language_module("de", translations)
    env = Theme(name="material", custom_dir=str(THEME), language="de").get_env()
    env.globals["thinksafe_translations"] = translations
    loaded = []
    get = env.get_template
    env.get_template = lambda name, *a, **k: loaded.append(name) or get(name, *a, **k)
    config = SimpleNamespace(theme=SimpleNamespace(language="de"))
    later = env.get_template("partials/language.html").make_module({"config": config})
    assert loaded == ["partials/language.html"]  # no partials/languages/*.html
    assert later.t is first.t
    assert later.t("toc") == language_module("de", None).t("toc")
