"""Material's translations, each looked up once per build instead of at every use on every page.

Material's `partials/language.html` gives templates `lang.t(key)`, a macro that calls the
language's macro, which builds its whole table of about a hundred words to look up one: some
thirty times a page. ThinkSafe's `partials/language.html` hands the same macro to the Jinja
global `thinksafe_translations` (made anew for each build's templates in on_env), which keeps
each answer: the same text, as the language's templates cannot change during a build.
The partial then asks it first (`made_for`), so that on every page after the first it imports
no language templates at all: each import made a module of them anew, on every page.
"""

from __future__ import annotations

from collections.abc import Callable


class Translations:
    """The Jinja global `thinksafe_translations(language, translate)`: `translate`, remembered."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str], object] = {}
        self.made: dict[str, Callable[[object], object]] = {}  # each language's `t`, from its first page

    def made_for(self, language: str) -> Callable[[object], object] | None:
        """The `t` of `language` made on an earlier page of this build, if any."""
        return self.made.get(language)

    def __call__(self, language: str, translate: Callable[[str], object]) -> Callable[[object], object]:
        found = self.found

        def t(key: object) -> object:
            if not isinstance(key, str):
                return translate(key)  # type: ignore[arg-type]  # as Material's would, unremembered
            kept = found.get((language, key))
            if kept is None:
                kept = found[(language, key)] = translate(key)
            return kept

        # Its macros read nothing of the page that made it: the words depend on the language only.
        return self.made.setdefault(language, t)
