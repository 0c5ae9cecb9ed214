"""The printable copies of the pupil lessons that lesson plans link to, for one build: each rendered
at most once, and none rendered when the record of an earlier build vouches for it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from thinksafe.core import cache
from thinksafe.core.model.lessons import Lesson
from thinksafe.core.model.settings import SiteConfig
from thinksafe.core.packs import record as packrecord
from thinksafe.core.packs.printable import PrintSettings, printable_lesson

# A pupil copy is `printable_lesson` of the pupil lesson with no `pupil_of` (its links lead to the
# site, never to other copies): a function of what `packrecord.inputs` hashes and of the questions
# it asks, as a plan's own copy is. Its record says so in its inputs (`_PUPIL`), so that it is never
# taken for the record of a lesson's own copy (a lesson for teachers and children has both).
_PUPIL = "pupil copy"


class PupilCopies:
    """The pupil copies of one build, by the pupil lesson's slug.

    `sha256` gives a copy's hash, from the record of an earlier build (`recorded`, as
    `PackCache.pupil_records` reads them) when every input and answer is the same, else by
    rendering it; `html` gives the copy itself, rendering it when it was only vouched for. Either
    renders a lesson at most once. `records` holds the record of each copy this build used, for the
    cache; `rendered` the slugs of the copies rendered, in order (the build's record reports them).
    """

    def __init__(self, docs_dir: Path, site: SiteConfig, printing: PrintSettings,
                 url_for: Callable[[str], str | None], inputs: packrecord.Inputs | None = None,
                 recorded: Mapping[str, Sequence[dict]] | None = None):
        self.docs_dir, self.site, self.printing, self.url_for = Path(docs_dir), site, printing, url_for
        self.inputs = inputs if inputs is not None and inputs.made_for(site, printing) \
            else packrecord.Inputs(site, printing)
        self.recorded = recorded or {}
        self.records: dict[str, dict] = {}
        self.rendered: list[str] = []
        self._html: dict[str, str] = {}
        self._sha256: dict[str, str] = {}

    def made_for(self, docs_dir: Path, site: SiteConfig, printing: PrintSettings,
                 url_for: Callable[[str], str | None]) -> bool:
        """Whether these copies are made with these very settings (so that a plan may share them)."""
        return (self.docs_dir == Path(docs_dir) and site is self.site and printing is self.printing
                and url_for is self.url_for)

    def sha256(self, pupil: Lesson) -> str:
        """The SHA-256 of the pupil lesson's copy (its UTF-8 bytes), rendering it only when no
        record vouches for it."""
        if pupil.slug not in self._sha256:
            hashed = self._inputs(pupil)
            vouched = packrecord.vouching(self.recorded.get(pupil.slug, ()), hashed, pupil, self.docs_dir,
                                          self.printing, self.url_for)
            if vouched is not None:
                self.records[pupil.slug], self._sha256[pupil.slug] = vouched[:2]
            else:
                self._render(pupil, hashed)
        return self._sha256[pupil.slug]

    def html(self, pupil: Lesson) -> str:
        """The pupil lesson's copy, rendered once a build."""
        if pupil.slug not in self._html:
            self._render(pupil, self._inputs(pupil))
        return self._html[pupil.slug]

    def _render(self, pupil: Lesson, hashed: str | None) -> None:
        printable = printable_lesson(pupil, self.docs_dir, self.site, self.printing, self.url_for)
        sha256 = hashlib.sha256(printable.html.encode("utf-8")).hexdigest()
        self.rendered.append(pupil.slug)
        self._html[pupil.slug], self._sha256[pupil.slug] = printable.html, sha256
        if hashed is not None:  # its questions were noted as this very copy was rendered
            self.records[pupil.slug] = packrecord.new_record(hashed, sha256, printable.questions)
        else:
            self.records.pop(pupil.slug, None)

    def _inputs(self, pupil: Lesson) -> str | None:
        hashed = self.inputs.of(pupil)
        return None if hashed is None else cache.digest(_PUPIL, hashed)
