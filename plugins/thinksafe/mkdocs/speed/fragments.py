"""Template fragments that are the same on many pages, rendered once per build for all of them.

Every lesson page of an audience lives in the audience's folder (`8-10/<slug>/`), so the parts
of Material's page that depend only on where the page is and which tab is open (the head's
styles and scripts, the header around the page's title, the tabs, the scripts' settings) come
out the same on all of them. Templates wrap such a part in
`{% call thinksafe_keep("name", thinksafe) %}…{% endcall %}`: the first lesson page of an
audience renders it, the others reuse it. Any other page renders it as usual.
"""

from __future__ import annotations

from collections.abc import Callable


class Fragments:
    """The Jinja global `thinksafe_keep`; `place_of` gives a page's shared place, or None."""

    def __init__(self, place_of: Callable[[object], str | None]):
        self.place_of = place_of
        self.kept: dict[tuple[str, str], str] = {}
        self.reused = 0

    def new_build(self) -> None:
        self.kept, self.reused = {}, 0

    def __call__(self, name: str, page_info: object = None, caller: Callable[[], str] = str) -> str:
        place = self.place_of(page_info)
        if place is None:
            return caller()
        key = (name, place)
        if key in self.kept:
            self.reused += 1
        else:
            self.kept[key] = caller()
        return self.kept[key]


class Once:
    """The Jinja global `thinksafe_once(name, value)`: a fragment rendered once per build for each
    object `value` it depends on alone, such as a page's contents, which Material writes twice
    on each page and which every copy of a lesson shares (the same object, see build_state.py).
    Not `active` (`fast_templates: false`): rendered every time."""

    def __init__(self, active: bool = True) -> None:
        self.active = active
        self.kept: dict[tuple[str, int], tuple[object, str]] = {}

    def __call__(self, name: str, value: object, caller: Callable[[], str] = str) -> str:
        if not self.active:
            return caller()
        key = (name, id(value))
        kept = self.kept.get(key)
        if kept is None or kept[0] is not value:  # the value is held, so its id is not reused
            kept = self.kept[key] = (value, caller())
        return kept[1]
