"""Links written in a lesson, pointed at the right copy of their target."""

from __future__ import annotations

import difflib
import posixpath
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from thinksafe.core.model.navigation import SiteModel
from thinksafe.core.model.paths import CATALOG_SRC, HELP_SRC, PACKS_PAGE, landing_src


def resolve(model: SiteModel, origin: str, audience: str | None, path: str) -> str | None:
    """The content path a link means, seen from the file it was written in (`origin`).

    A link to a lesson's source leads to that lesson's copy in the reader's audience
    where it has one, else to its canonical copy. Returns None for a link that leaves
    the content folder, so that it is left as the author wrote it.
    """
    target = _joined(origin, path)
    if target == ".." or target.startswith("../"):
        return None
    lesson = _lesson_at(model, target)
    return model.copy_for(lesson, audience) if lesson else target


def rewrite(model: SiteModel, origin: str, page: str, audience: str | None, url: str) -> str | None:
    """`url` as written in `origin`, made relative to `page` where the text now lives.

    Returns None when the link needs no change (another site, an anchor, an absolute path).
    """
    path = _local_path(url)
    target = resolve(model, origin, audience, path) if path else None
    if target is None or path is None or (origin == page and target == _joined(origin, path)):
        return None
    parts = urlsplit(url)
    relative = posixpath.relpath(target, posixpath.dirname(page) or ".")
    return urlunsplit(("", "", quote(relative), parts.query, parts.fragment))


def lesson_copy(model: SiteModel, origin: str, audience: str | None, url: str) -> str | None:
    """The lesson copy a link leads to from `origin` in `audience`; None if it is no lesson's."""
    path = _local_path(url)
    lesson = _lesson_at(model, _joined(origin, path)) if path else None
    return model.copy_for(lesson, audience) if lesson else None


def links_to_draft(model: SiteModel, origin: str, url: str) -> str | None:
    """The path of the draft lesson that `url` points at, if it points at one."""
    path = _local_path(url)
    draft = model.drafts_by_src.get(_joined(origin, path)) if path else None
    return draft.path if draft else None


class Targets:
    """Everything a link inside the site can lead to: the content folder's files, the pages
    ThinkSafe makes (lesson copies, landing pages, help, the packs page, the catalogue), the
    packs, and the folders that hold any of them.

    `packs`: whether the site makes the packs page and the packs (packs on, and a teachers'
    section to list them in)."""

    def __init__(self, model: SiteModel, files: frozenset[str], packs: bool = True):
        self.model = model
        self.packs = packs
        made = {landing_src(a.id) for a in model.site.audiences} | {HELP_SRC, CATALOG_SRC}
        made |= {PACKS_PAGE} if packs else set()
        self.files = files
        self.paths = set(files) | set(model.copies()) | made
        self.folders = {folder for path in self.paths for folder in _folders(path)}

    def missing(self, origin: str, url: str) -> str | None:
        """Where `url`, written in `origin`, leads when nothing is there (a path starting '../'
        when it leaves the content folder); None when it leads to something or off the site."""
        path = _local_path(url)
        if not path:
            return None
        target = _joined(origin, path)
        if target == ".." or target.startswith("../"):
            return target
        # A page may be linked as its address (`../../help/`) as well as its file (`help.md`).
        found = (target == "." or target in self.folders or (self.packs and target.startswith("packs/"))
                 or any(t in self.paths for t in (target, f"{target}.md", f"{target}/index.md"))
                 or _lesson_at(self.model, target) or target in self.model.drafts_by_src)
        return None if found else target

    def is_packs(self, target: str) -> bool:
        """Whether `target` (as `missing` gives it) is the packs page or a pack: there only with packs on."""
        return target in (PACKS_PAGE, PACKS_PAGE[:-len(".md")]) or target.startswith("packs/")

    def closest(self, origin: str, target: str) -> str | None:
        """The link `origin` most likely meant instead of one to `target`, written from `origin`:
        to the nearest file or folder of the author's whose last part is nearly the same (a
        shared folder alone is no hint, and a page ThinkSafe makes is not what an author links)."""
        name = posixpath.basename(target)
        alike = [path for path in self.files | self.folders if _alike(name, posixpath.basename(path))]
        found = difflib.get_close_matches(target, sorted(alike), n=1, cutoff=0)
        return posixpath.relpath(found[0], posixpath.dirname(origin) or ".") if found else None


def _alike(name: str, other: str) -> bool:
    """Nearly the same name, with or without their endings: 'bb.md' and 'b.md', 'pasword.md'
    and 'passwords', but not 'c.md' and 'a.md'."""
    stems = posixpath.splitext(name)[0], posixpath.splitext(other)[0]
    return max(difflib.SequenceMatcher(None, name, other).ratio(),
               difflib.SequenceMatcher(None, *stems).ratio()) >= 0.8


def _folders(path: str):
    while "/" in path:
        path = path.rsplit("/", 1)[0]
        yield path


def _local_path(url: str) -> str | None:
    """The path part of a link inside the site, unquoted; None for another site, an anchor, `/…`,
    or an address that cannot be read (the build stops on it, naming it: see addresses.py)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    return unquote(parts.path)


def _lesson_at(model: SiteModel, target: str):
    # A link to a lesson's folder (`../passwords/`) means the lesson, as its index.md does.
    return model.by_src.get(target) or model.by_src.get(f"{target}/index.md")


def _joined(origin: str, path: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(origin), path))
