"""Material's translations, each looked up once per build instead of at every use on every page.

Material's `partials/language.html` gives templates `lang.t(key)`, a macro that calls the
language's macro, which builds its whole table of about a hundred words to look up one: some
thirty times a page. ThinkSafe's `partials/language.html` hands the same macro to the Jinja
global `thinksafe_translations` (made anew for each build's templates in on_env), which keeps
each answer: the same text, as the language's templates cannot change during a build.
"""

from __future__ import annotations

from collections.abc import Callable


class Translations:
    """The Jinja global `thinksafe_translations(language, translate)`: `translate`, remembered."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str], object] = {}

    def __call__(self, language: str, translate: Callable[[str], object]) -> Callable[[object], object]:
        found = self.found

        def t(key: object) -> object:
            if not isinstance(key, str):
                return translate(key)  # type: ignore[arg-type]  # as Material's would, unremembered
            kept = found.get((language, key))
            if kept is None:
                kept = found[(language, key)] = translate(key)
            return kept

        return t
