"""Reading levels kept between builds, so that a rebuild measures only the lessons that changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

from thinksafe.core.cache import READING_LEVELS, SYLLABLES, KeptEntries, path, read_stamped, write_stamped
from thinksafe.core.reading import readability, syllables
from thinksafe.core.reading.readability import Reading


class ReadingCache(KeptEntries):
    """`<cache folder>/reading-levels.json`: each measured text's SHA-256 → its reading level,
    stamped with the code's fingerprint (core/cache.py).

    With no folder (caching off), nothing is kept. `save()` writes only the texts measured in this build.

    `<cache folder>/syllables.json` keeps the syllables of every word counted, by language, so
    that measuring an edited lesson whose words were all seen before loads neither the CMU
    dictionary (135,000 lines) nor pyphen's patterns; it is read only when a text is measured.
    """

    def __init__(self, folder: Path | None):
        super().__init__(folder, READING_LEVELS, "levels")
        self.words_path = path(folder, SYLLABLES)
        self.words: dict[str, dict[str, int]] | None = None  # the kept words, once read

    def save(self) -> None:
        super().save()
        if self.words is None:  # nothing measured: no word counted
            return
        merged = {lang: {**self.words.get(lang, {}), **syllables.counted.get(lang, {})}
                  for lang in sorted(set(self.words) | set(syllables.counted))}
        # A vocabulary grown past any site's starts again from this process's words.
        merged = {lang: words if len(words) <= MAX_WORDS else dict(syllables.counted.get(lang, {}))
                  for lang, words in merged.items()}
        if merged != self.words:
            write_stamped(self.words_path, "words", merged)

    def _known_words(self) -> None:
        """Hand the words an earlier build counted to the syllable counter, once."""
        if self.words is not None:
            return
        self.words = {lang: {word: n for word, n in counts.items() if type(n) is int and n >= 0}
                      for lang, counts in read_stamped(self.words_path, "words").items()
                      if isinstance(counts, dict)}
        for lang, counts in self.words.items():
            syllables.remember(lang, counts)

    def reading(self, markdown: str) -> Reading | None:
        """`readability.reading(markdown)`, measured now or in an earlier build."""
        key = hashlib.sha256(markdown.encode("utf-8")).hexdigest()
        if key not in self.used:
            kept = self.kept.get(key, False)
            if kept is False or not _valid(kept):
                self._known_words()
                measured = readability.reading(markdown)
                kept = [measured.grade, measured.longest] if measured else None
            self.used[key] = kept
        kept = self.used[key]
        return Reading(kept[0], list(kept[1])) if kept else None


MAX_WORDS = 200_000  # words kept of one language: more than any site's lessons use


def _valid(kept: object) -> bool:
    return kept is None or (isinstance(kept, list) and len(kept) == 2
                            and isinstance(kept[0], (int, float)) and isinstance(kept[1], list))
