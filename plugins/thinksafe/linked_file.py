"""A file published as a hard link to a file ThinkSafe keeps in its cache, not as a copy."""

from __future__ import annotations

import logging
import os

from mkdocs.structure.files import File

log = logging.getLogger("mkdocs.plugins.thinksafe")


class LinkedFile(File):
    """A built file kept in the cache folder, such as a lesson pack's ZIP.

    MkDocs copies each file it publishes; a pack can be megabytes and a site has hundreds, so
    the site gets a second name for the cached file instead. That is safe because the cache
    never changes a file in place: a remade pack replaces its file (see `write_atomically`), so
    a published link keeps the bytes it was made with. Where links cannot be made (another
    file system, or one without them) the file is copied as usual.
    """

    def copy_file(self, dirty: bool = False) -> None:
        if self._content is not None or self.abs_src_path is None or (dirty and not self.is_modified()):
            return super().copy_file(dirty)
        target = self.abs_dest_path
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            if os.path.lexists(target):
                os.remove(target)  # never write through an older link into the cache
            os.link(self.abs_src_path, target)
        except OSError:
            super().copy_file(dirty)
            return
        log.debug(f"Linked '{self.src_uri}' to its copy in the cache")
