"""Pages written only when their bytes change.

MkDocs empties the site folder before a build and writes every page again. While a build runs,
this keeps the HTML files through that emptying, lets MkDocs's `write_file` leave alone a file
that already holds exactly the bytes it would write, and at the end removes each kept HTML file
that this build neither wrote, nor would have written, nor touched otherwise, so the folder
holds what a clean build leaves there, no more. Only HTML is kept, and the checked copies (a
lesson pack's ZIP, linked_file.py) that the last build published and that are still as it left
them (published_copies.py), so that they are neither removed nor read again: other files (the
search index, the theme's assets) are made anew as MkDocs makes them.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from mkdocs import utils

from thinksafe.mkdocs.speed.published_copies import PublishedCopies


class SiteWrites:
    """Wraps `mkdocs.utils.clean_directory` and `write_file` between `start()` and `finish()`."""

    def __init__(self, copies: PublishedCopies | None = None,
                 observe: Callable[[str, bytes], None] | None = None) -> None:
        self.written = self.unchanged = 0
        self.observe = observe  # told of each file written, or found holding what would be
        self.copies = copies if copies is not None else PublishedCopies(None)
        self._published: dict[str, str] = {}  # each checked copy this build published → its SHA-256
        self._originals: tuple | None = None
        self._kept: dict[str, tuple | None] = {}  # HTML and copies kept through the emptying → state then
        self._made: set[str] = set()  # every file this build wrote or found already written
        self._root = ""  # the site folder
        self._emptied = False  # whether MkDocs's cleaning ran: then only kept or made files are there

    def start(self) -> None:
        """Wrap MkDocs's cleaning and writing for the build that is starting."""
        self.finish_wrapping()
        self.written = self.unchanged = 0
        self._kept, self._made, self._published = {}, set(), {}
        self._emptied = False
        self._originals = utils.clean_directory, utils.write_file
        utils.clean_directory, utils.write_file = self._clean, self._write

    def finish(self) -> None:
        """Unwrap, and remove the kept HTML files that this build did not make."""
        self.finish_wrapping()
        emptied = set()
        for path, state in self._kept.items():
            # Its change time aside: a link made or dropped (page_outputs.py keeps outputs as
            # site files) changes it, not the bytes.
            if path not in self._made and state is not None and (_state(path) or ())[:3] == state[:3]:
                os.unlink(path)
                emptied.add(os.path.dirname(path))
        for folder in sorted(emptied, key=len, reverse=True):
            _remove_empty(folder, self._root)
        self._kept = {}
        self.copies.save(self._published)

    def publish_copy(self, path: str, sha256: str) -> bool:
        """A checked copy of the bytes `sha256` names is published at `path` in this build
        (by linked_file.py): True when the file there provably holds them already."""
        path = os.path.normpath(path)
        self._made.add(path)
        self._published[path] = sha256
        return self.copies.unchanged(path, sha256)

    def finish_wrapping(self) -> None:
        """Give MkDocs back its own functions (also when a build fails)."""
        if self._originals is not None:
            utils.clean_directory, utils.write_file = self._originals
            self._originals = None

    def kept_state(self, path: str) -> tuple | None:
        """The state of the site's file at `path` when it was kept through the emptying (None: not kept)."""
        return self._kept.get(os.path.normpath(path))

    def keep(self, path: str) -> None:
        """Note that the site's file at `path` already holds what this build would write there:
        its caller knows it without reading it (early_pages.py)."""
        self._made.add(os.path.normpath(path))
        self.unchanged += 1

    @staticmethod
    def state(path: str) -> tuple | None:
        """What changes when the file at `path` is written: its inode, size and times (None: no file)."""
        return _state(path)

    def _clean(self, directory: str) -> None:
        """MkDocs's cleaning, keeping HTML files (and, as MkDocs does, hidden entries at the top)."""
        self._emptied = True
        if not os.path.isdir(directory):
            return
        self._root = os.path.normpath(directory)
        for entry in os.listdir(directory):
            if entry.startswith("."):
                continue
            path = os.path.join(directory, entry)
            if os.path.isdir(path) and not os.path.islink(path):
                self._clean_folder(path)
            elif path.endswith(".html") and os.path.isfile(path) and not os.path.islink(path) \
                    or self._kept_copy(path):
                self._kept[os.path.normpath(path)] = _state(path)
            else:
                os.unlink(path)

    def _clean_folder(self, folder: str) -> None:
        if self._clean_inside(folder):
            _remove_empty(folder)

    def _clean_inside(self, folder: str) -> bool:
        """Empty `folder` as `os.walk` (bottom up) and MkDocs would, but the kept files; whether
        it may be empty now. Its entries' kinds come from the listing (a link is one, never
        followed), not from a look-up each, and a folder that keeps a file is not asked to go:
        every page's folder keeps its page (~3 % of a one-lesson-edit build was those calls)."""
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:  # as os.walk: a folder that cannot be listed is skipped (and asked to go)
            return True
        empty = True
        for entry in entries:
            path = entry.path
            try:
                is_folder = entry.is_dir()  # as os.walk sorts it: a link to a folder is one
            except OSError:
                is_folder = False
            if is_folder:
                if entry.is_symlink():
                    os.unlink(path)
                elif self._clean_inside(path):
                    _remove_empty(path)
                    empty = empty and not os.path.lexists(path)
                else:
                    empty = False
            elif entry.name.endswith(".html") and not entry.is_symlink() or self._kept_copy(path):
                self._kept[os.path.normpath(path)] = _state(path)
                empty = False
            else:
                os.unlink(path)
        return empty

    def _kept_copy(self, path: str) -> bool:
        """A checked copy still as the last build published it (a link never is: its state is its own)."""
        return self.copies.unchanged(os.path.normpath(path))

    def _write(self, content: bytes, output_path: str) -> None:
        path = os.path.normpath(output_path)
        # After the cleaning, a file not kept through it nor made since is seldom there (a static
        # file's copy at a page's path, say, which writing again only costs): not looked for.
        may_be_there = not self._emptied or path in self._kept or path in self._made
        self._made.add(path)
        if may_be_there and _holds(path, content):
            self.unchanged += 1
        else:
            assert self._originals is not None  # wrapped only between start() and finish()
            self._originals[1](content, output_path)
            self.written += 1
        if self.observe is not None:
            self.observe(path, content)


def _state(path: str) -> tuple | None:
    """What changes when a file is written: its inode, size and times."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def _holds(path: str, content: bytes) -> bool:
    try:
        if os.path.getsize(path) != len(content):
            return False
        with open(path, "rb") as stream:
            return stream.read() == content
    except OSError:
        return False


def _remove_empty(folder: str, root: str | None = None) -> None:
    """Remove `folder` if empty, and then each parent it leaves empty below `root`, if given."""
    while root is None or (folder != root and folder.startswith(root + os.sep)):
        try:
            os.rmdir(folder)
        except OSError:
            return
        if root is None:
            return
        folder = os.path.dirname(folder)

