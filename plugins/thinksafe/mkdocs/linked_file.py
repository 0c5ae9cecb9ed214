"""A file published as a checked copy of a file ThinkSafe keeps in its cache."""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from thinksafe.mkdocs.speed.published_copies import sha256_of
from thinksafe.mkdocs.speed.site_writes import SiteWrites

log = logging.getLogger("mkdocs.plugins.thinksafe")


class CheckedCopy(File):
    """A built file kept in the cache folder, such as a lesson pack's ZIP, published as a copy
    whose bytes are those the cache recorded (`sha256`).

    Never a link: a link would let whatever writes into the site (a deploy step, a person)
    write into the cache, and so into every later build. The bytes are read once, checked and
    written, so what is published is what was checked; the published file is replaced, never
    written into, so an older link to the cache (ThinkSafe up to 0.1 published those) is cut.

    With `writes` (the build's SiteWrites), a copy the last build published and no one has
    touched since is left as it is, unread (speed/published_copies.py).
    """

    sha256: str = ""
    writes: SiteWrites | None = None

    @classmethod
    def of(cls, config, src_uri: str, cached: str, sha256: str, writes: SiteWrites | None = None) -> CheckedCopy:
        file = cls.generated(config, src_uri, abs_src_path=cached)
        assert isinstance(file, CheckedCopy)  # File.generated makes an object of the class it is called on
        file.sha256, file.writes = sha256, writes
        return file

    def copy_file(self, dirty: bool = False) -> None:
        if self._content is not None or self.abs_src_path is None or not self.sha256:
            return super().copy_file(dirty)
        target = self.abs_dest_path
        if self.writes is not None and self.writes.publish_copy(target, self.sha256):
            return  # as the last build published it: those bytes, and nothing has written to it since
        if sha256_of(target) == self.sha256 and os.stat(target).st_nlink == 1:
            return  # already published, with the right bytes, and nothing else writes through it
        with open(self.abs_src_path, "rb") as stream:
            data = stream.read()
        if hashlib.sha256(data).hexdigest() != self.sha256:
            raise PluginError(f"ThinkSafe: the cached file {self.abs_src_path} changed while the site "
                              f"was being built, so '{self.src_uri}' was not published; build again")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(temporary, 0o644)
            os.replace(temporary, target)
        except BaseException:
            os.unlink(temporary)
            raise
        log.debug(f"Copied '{self.src_uri}' from the cache, its bytes checked")

