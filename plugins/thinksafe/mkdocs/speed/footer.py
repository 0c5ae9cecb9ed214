"""Material's footer, written once per place with holes for the links to the pages around.

On the lesson pages of one place (see fragments.py) Material's footer differs only in its links
to the previous and the next page: their addresses and titles. So the first page there with
each of these links (previous, next, both) renders Material's own footer with stand-ins for
them, and every page fills the holes with its own, as Material's template writes them (the
`url` filter's address, the title escaped by `e` and as it is). A page whose front matter
hides parts of the page (`hide`), or one with no place, gets Material's footer rendered as usual.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import escape
from mkdocs.utils import normalize_url

# A hole's mark: NUL never comes out of Material's footer, and the address has a scheme, so
# MkDocs's `url` filter gives it back unchanged.
_HOLE = re.compile("\0thinksafe-hole:(previous|next):(url|title|escaped)\0")


class _Title:
    """A stand-in title: one mark where the template escapes it, another where it does not."""

    def __init__(self, which: str):
        self.which = which

    def __str__(self) -> str:
        return f"\0thinksafe-hole:{self.which}:title\0"

    def __html__(self) -> str:
        return f"\0thinksafe-hole:{self.which}:escaped\0"


class _Link:
    """A stand-in for the page before or after."""

    def __init__(self, which: str):
        self.url, self.title = f"\0thinksafe-hole:{which}:url\0", _Title(which)


class _StandIn:
    """The page as the footer's template sees it, with stand-ins for the pages around it."""

    def __init__(self, page, previous: _Link | None, next: _Link | None):
        self._page, self.previous_page, self.next_page = page, previous, next

    def __getattr__(self, name: str):
        return getattr(self._page, name)


class Footers:
    """The Jinja global `thinksafe_footer`: `fits(page)`, and the call that writes the footer."""

    def __init__(self) -> None:
        self.shells: dict[tuple[str, bool, bool], list[str]] = {}

    def fits(self, page) -> bool:
        """Whether a page's footer can be written from a shell: one that hides nothing."""
        meta = getattr(page, "meta", None)
        return not (meta and "hide" in meta)

    def __call__(self, page, place: str, caller: Callable[[object], str]) -> str:
        previous, next = page.previous_page, page.next_page
        key = (place, previous is not None, next is not None)
        shell = self.shells.get(key)
        if shell is None:
            stand_in = _StandIn(page, _Link("previous") if previous else None, _Link("next") if next else None)
            shell = self.shells[key] = _HOLE.split(str(caller(stand_in)))
        parts = shell[:]
        for at in range(1, len(parts), 3):  # split gives text, which, what, text...
            around = previous if parts[at] == "previous" else next
            what = parts[at + 1]
            if what == "url":
                parts[at] = normalize_url(str(around.url), page=page)
            else:
                parts[at] = str(escape(around.title)) if what == "escaped" else str(around.title)
            parts[at + 1] = ""
        return "".join(parts)
