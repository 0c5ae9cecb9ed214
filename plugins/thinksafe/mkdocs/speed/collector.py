"""Python's cycle collector paused while a build makes its pages, and given back after.

A clean build of 1,000 lessons keeps most of what it makes until it ends (pages, their HTML,
navigation, conversions, search entries): the collector walked them again some 520 times, about
0.3 s of its ~10 s of CPU, and found little to free (peak memory 134 MB, 148 MB paused).
Reference counting still frees all the rest at once. Paused only once the packs are made: a
process forked while it is paused would start paused too (WeasyPrint makes many cycles).

Given back at the end of `mkdocs build`, the collector would walk everything the build made
once more (about 2% of its CPU) just before the process ends: that build's objects are frozen
first (`gc.freeze`), out of the collector's reach. A process that lives on (`mkdocs serve
--clean` reports itself as a build too) has them back, and collected, at its next build's start,
so it holds at most one build's garbage more than before, not one more every build.
"""

from __future__ import annotations

import gc

_frozen = False  # whether a build's end froze this process's objects, to be given back (`thaw`)


class PausedCollector:
    """Pauses the cycle collector (`pause`) until `resume`, unless something else had turned it off."""

    def __init__(self) -> None:
        self.paused = False

    def pause(self) -> None:
        if not self.paused and gc.isenabled():
            gc.disable()
            self.paused = True

    def resume(self, ending: bool = False) -> None:
        """Turn the collector on again; `ending`: the process ends after this build (`mkdocs
        build`), so what the build made is frozen first, unless something else froze objects."""
        if self.paused:
            self.paused = False
            if ending and gc.get_freeze_count() == 0:
                global _frozen
                gc.freeze()
                _frozen = True
            gc.enable()


def thaw() -> None:
    """Give the collector back what a build's end froze (`PausedCollector.resume`), if it did,
    and have it walk them at once: paused again soon, it would not free the last build's
    garbage before the next freeze, which would keep it for good."""
    global _frozen
    if _frozen:
        _frozen = False
        gc.unfreeze()
        gc.collect()
