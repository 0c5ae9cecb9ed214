"""Material's pruned sidebar, written by Python instead of Jinja macros.

Material renders the primary navigation with a recursive Jinja macro on every page. With
`navigation.prune` each page holds only its own path, yet the macro still costs several
milliseconds a page, the largest share of a big site's build. This renders the same markup
as Material 9.8's `partials/nav-item.html` for the features ThinkSafe uses (tabs, indexes,
prune), in a fraction of that. A page whose navigation uses anything else (icons, subtitles,
statuses in page meta, or other navigation features) keeps Material's own template; a test
compares the two outputs on every page of a built site.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from html import escape

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

from thinksafe.core.cache import digest

TOC_PLACEHOLDER = "<!--thinksafe:toc-->"  # the template puts Material's own TOC here
_HOLE = "<!--thinksafe:section-list-->"  # where a kept shell takes the page's own section list
_UNSUPPORTED_FEATURES = {"navigation.sections", "navigation.expand", "toc.integrate"}
_UNSUPPORTED_META = {"icon", "subtitle", "status"}


def supported(features: list[str]) -> bool:
    return "navigation.prune" in features and not _UNSUPPORTED_FEATURES & set(features)


class NavRenderer:
    """Renders the `<ul>` of the primary navigation for one page.

    With a `limit`, an open section of more than `limit` pages lists only `limit` of them,
    around the current page, then the link `more(section)` gives: `(URL from the site's root,
    words)`, such as the section's list on a landing page. Material's template has no such limit.
    """

    def __init__(self, features: list[str], limit: int = 0,
                 more: Callable[[Section], tuple[str, str] | None] = lambda section: None):
        self.tabs = "navigation.tabs" in features
        self.indexes = "navigation.indexes" in features
        self.limit, self.more = limit, more
        self.new_build()

    def new_build(self) -> None:
        """Forget what was found in the last build's navigation."""
        self._found: dict[tuple[str, int], object] = {}  # facts of each section, found once
        self._shells: dict[tuple[int, str | None], tuple[str, bool]] = {}
        self._entries: dict[tuple[int, str], tuple[str, bool]] = {}  # a shell's list's entries, per place

    def render(self, nav: Navigation, page: Page, place: str | None = None) -> str | None:
        """The list's HTML, or None when the page needs Material's own template.

        Pages that share a `place` (a folder: their links to other pages are the same) and a
        section of pages differ only in that section's list, so the rest, the shell, is kept.
        """
        self.page, self.fallback, self._place = page, False, place
        section = page.parent
        hole = section if place is not None and self._leaves_only(section) else None
        self._hole = hole  # a shared shell's section, whose list is left out of the shell
        key = (id(section), place)
        if hole is not None and key in self._shells:
            shell, self.fallback = self._shells[key]
        else:
            items = "".join(self._item(item, f"__nav_{i}", 1, None) for i, item in enumerate(nav.items, 1))
            shell = f'<ul class="md-nav__list" data-md-scrollfix>{items}</ul>'
            if hole is not None:
                self._shells[key] = shell, self.fallback
        if hole is not None:
            shell = shell.replace(_HOLE, self._children(hole, listed=True), 1)
        return None if self.fallback else shell

    def inputs(self, nav: Navigation, page: Page) -> list | None:
        """What `render(nav, page)` reads besides the page's own address, title and contents:
        this renderer's settings, the top level and each open section as lists of their entries
        (memoized per build), and each open section's link to the rest. A page's kept output can be
        keyed on these instead of on the list's HTML, so that an unchanged page never renders it.
        None when some entry would make `render` give up for Material's template (see `_content`)."""
        described = [self._once("entries", nav, partial(_entries, nav.items))]
        more = []
        for section in page.ancestors:
            assert isinstance(section, Section)  # a page's ancestors are sections
            described.append(self._once("entries", section, partial(_entries, section.children)))
            more.append(self._once("more", section, partial(self.more, section)) if self.limit else None)
        if any(entries is None for entries in described):
            return None
        return [self.tabs, self.indexes, self.limit, described, more]

    def _leaves_only(self, section: Section | None) -> bool:
        """A section of pages only, with no index page of its own."""
        return section is not None and self._flat(section) and self._index(section) is None

    def _flat(self, section: Section) -> bool:
        """A section with no section inside it."""
        return self._once("flat", section,
                          lambda: not any(isinstance(c, Section) and c.children for c in section.children))

    def _url(self, item) -> str:
        return normalize_url(str(item.url), page=self.page)

    def _content(self, item, ref=None) -> str:
        meta = getattr(item, "meta", None) or {}
        if _UNSUPPORTED_META & set(meta) or getattr(ref or item, "typeset", None):
            self.fallback = True
        return f'<span class="md-ellipsis">{(ref or item).title}</span>'

    def _item(self, item, path: str, level: int, parent) -> str:
        css = "md-nav__item" + (" md-nav__item--active" if item.active else "")
        if item.children:
            return self._section(item, path, level, css)
        if item is self.page:
            return self._current(item, css)
        return f'<li class="{css}"><a href="{self._url(item)}" class="md-nav__link">{self._content(item)}</a></li>'

    def _section(self, section: Section, path: str, level: int, css: str) -> str:
        index = self._index(section) if self.indexes else None
        is_section = self.tabs and level == 1 and section.active
        if is_section:
            css += " md-nav__item--section"
        if not is_section and not section.active:
            return f'<li class="{css} md-nav__item--pruned md-nav__item--nested">{self._pruned(section)}</li>'
        tabindex = "" if is_section else "0"
        head = f'<input class="md-nav__toggle md-toggle " type="checkbox" id="{path}" checked>'
        if index is None:
            head += (f'<label class="md-nav__link" for="{path}" id="{path}_label" tabindex="{tabindex}">'
                     f'{self._content(section)}<span class="md-nav__icon md-icon"></span></label>')
        else:
            active = "md-nav__link--active" if index == self.page else ""
            head += (f'<div class="md-nav__link md-nav__container">'
                     f'<a href="{self._url(index)}" class="md-nav__link {active}">{self._content(index, section)}</a>')
            if len(section.children) > 1:
                head += (f'<label class="md-nav__link {active}" for="{path}" id="{path}_label" '
                         f'tabindex="{tabindex}"><span class="md-nav__icon md-icon"></span></label>')
            head += "</div>"
        children = _HOLE if section is self._hole else self._children(section, path, level, index)
        return (f'<li class="{css} md-nav__item--nested">{head}'
                f'<nav class="md-nav" data-md-level="{level}" aria-labelledby="{path}_label" aria-expanded="true">'
                f'<label class="md-nav__title" for="{path}"><span class="md-nav__icon md-icon"></span>'
                f'{section.title}</label><ul class="md-nav__list" data-md-scrollfix>{children}</ul></nav></li>')

    def _children(self, section: Section, path: str = "", level: int = 0, index: Page | None = None,
                  listed: bool = False) -> str:
        """The entries of an open section's list (`path` and `level` matter only for sections);
        `listed`: a shell's section of pages, whose entries other than the page's own are the
        same on every page of its place, so each is written once per place."""
        numbered = self._once("numbered", section,
                              lambda: [(i, c) for i, c in enumerate(section.children, 1) if c is not index])
        shown, more = self._window(section, numbered)
        if listed:
            return "".join(self._listed(child) for _, child in shown) + more
        return "".join(self._item(child, f"{path}_{i}", level + 1, section) for i, child in shown) + more

    def _listed(self, page: Page) -> str:
        """A page's entry in a shell's list: kept per place, but for the current page's own."""
        if page is self.page or page.active:
            return self._item(page, "", 0, None)
        key = (id(page), self._place or "")
        kept = self._entries.get(key)
        if kept is None:
            fallback, self.fallback = self.fallback, False
            kept = self._entries[key] = self._item(page, "", 0, None), self.fallback
            self.fallback = fallback
        self.fallback = self.fallback or kept[1]
        return kept[0]

    def _window(self, section: Section, numbered: list) -> tuple[list, str]:
        """The entries to list (all, or `limit` around the current page) and the link to the rest."""
        if not self.limit or len(numbered) <= self.limit or not self._flat(section):
            return numbered, ""
        more = self._once("more", section, lambda: self.more(section))
        if more is None:
            return numbered, ""
        positions = self._once("positions", section,
                               lambda: {id(child): n for n, (_, child) in enumerate(numbered)})
        here = positions.get(id(self.page), 0)
        start = min(max(here - self.limit // 2, 0), len(numbered) - self.limit)
        url, words = more
        link = (f'<li class="md-nav__item ts-nav-more"><a href="{normalize_url(url, page=self.page)}" '
                f'class="md-nav__link"><span class="md-ellipsis">{escape(words)}</span></a></li>')
        return numbered[start:start + self.limit], link

    def _index(self, section: Section) -> Page | None:
        return self._once("index", section,
                          lambda: next((c for c in section.children if isinstance(c, Page) and c.is_index), None))

    def _once(self, fact: str, section: object, find: Callable[[], object]):
        """A fact about a section, found on the first page that asks for it in this build."""
        key = (fact, id(section))
        if key not in self._found:
            self._found[key] = find()
        return self._found[key]

    def _pruned(self, section: Section) -> str:
        """A folded section: a link to its first page, as Material's `render_pruned` makes it."""
        first: StructureItem | None = section.children[0] if section.children else None
        while isinstance(first, Section) and first.children:  # only a section has children
            first = first.children[0]
        href = self._url(first) if first is not None else ""
        return (f'<a href="{href}" class="md-nav__link">{self._content(section)}'
                f'<span class="md-nav__icon md-icon"></span></a>')

    def _current(self, page: Page, css: str) -> str:
        toc = list(page.toc) if page.toc else []
        if toc and toc[0].level == 1:
            toc = toc[0].children
        label = (f'<label class="md-nav__link md-nav__link--active" for="__toc">{self._content(page)}'
                 f'<span class="md-nav__icon md-icon"></span></label>') if toc else ""
        return (f'<li class="{css}"><input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
                f'{label}<a href="{self._url(page)}" class="md-nav__link md-nav__link--active">'
                f'{self._content(page)}</a>{TOC_PLACEHOLDER if toc else ""}</li>')


def _entries(items) -> str | None:
    """Entries of a list as `render` reads them, hashed: kind, title (HTML), address, whether an
    index page, and for a section whether it has entries and its first page's address (a folded
    section's link); None when one has what makes `render` give up (icons and the like)."""
    entries = []
    for item in items:
        if _UNSUPPORTED_META & set(getattr(item, "meta", None) or {}) or getattr(item, "typeset", None):
            return None
        first = item.children[0] if item.children else None
        while isinstance(first, Section) and first.children:
            first = first.children[0]
        entries.append([type(item).__name__, str(item.title), type(item.title).__name__, getattr(item, "url", None),
                        bool(getattr(item, "is_index", False)), bool(item.children),
                        getattr(first, "url", None) if first is not None else None])
    return digest(entries)
