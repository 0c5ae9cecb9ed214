"""Reading levels kept between builds: the same results, measured once, never stale."""

from __future__ import annotations

import hashlib
import json

import pytest
from textstat.backend.counts import count_syllables as textstat_count_syllables

from thinksafe.core import cache
from thinksafe.core.reading import readability
from thinksafe.core.reading.levels_cache import ReadingCache

EASY = "I like my cat. She is soft. We play in the sun."
HARD = ("Consequently, individuals contemplating the dissemination of personal photographs "
        "should deliberate carefully regarding the irreversible implications of publication.")


def test_a_new_cache_measures_as_readability_does(tmp_path):
    cache = ReadingCache(tmp_path)
    for text in (EASY, HARD, "## Only a heading\n"):
        assert cache.reading(text) == readability.reading(text)


def test_a_second_build_takes_the_kept_levels_without_measuring(tmp_path, monkeypatch):
    first = ReadingCache(tmp_path)
    expected = [first.reading(EASY), first.reading(HARD), first.reading("## Only a heading\n")]
    first.save()
    monkeypatch.setattr(readability, "reading", lambda text: pytest.fail("measured again"))
    second = ReadingCache(tmp_path)
    assert [second.reading(EASY), second.reading(HARD), second.reading("## Only a heading\n")] == expected


def test_a_changed_text_is_measured_and_texts_no_longer_used_are_dropped(tmp_path):
    first = ReadingCache(tmp_path)
    first.reading(EASY)
    first.reading(HARD)
    first.save()
    second = ReadingCache(tmp_path)
    assert second.reading(HARD + " More words.") == readability.reading(HARD + " More words.")
    second.save()
    levels = json.loads((tmp_path / cache.READING_LEVELS).read_text())["levels"]
    assert len(levels) == 1


def test_other_code_or_a_broken_file_means_measuring_again(tmp_path, monkeypatch):
    first = ReadingCache(tmp_path)
    first.reading(HARD)
    first.save()
    monkeypatch.setattr(cache, "fingerprint", lambda: "another textstat")  # other code or libraries
    calls = []
    real = readability.reading
    monkeypatch.setattr(readability, "reading", lambda text: calls.append(text) or real(text))
    assert ReadingCache(tmp_path).reading(HARD) == real(HARD)
    (tmp_path / cache.READING_LEVELS).write_text("{not json")
    assert ReadingCache(tmp_path).reading(HARD) == real(HARD)
    key = hashlib.sha256(HARD.encode()).hexdigest()
    (tmp_path / cache.READING_LEVELS).write_text(json.dumps(
        {"fingerprint": "another textstat", "levels": {key: "nonsense"}}))
    assert ReadingCache(tmp_path).reading(HARD) == real(HARD)
    assert len(calls) == 3


def test_without_a_folder_nothing_is_written(tmp_path):
    cache = ReadingCache(None)
    assert cache.reading(EASY) == readability.reading(EASY)
    cache.save()
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def new_process(monkeypatch):
    """The syllable counter as a new build's process starts it: no word counted or known."""
    from thinksafe.core.reading import syllables
    monkeypatch.setattr(syllables, "_known", {})
    monkeypatch.setattr(syllables, "counted", {})
    syllables.word_syllables.cache_clear()
    readability.reading.cache_clear()
    yield syllables
    syllables.word_syllables.cache_clear()
    readability.reading.cache_clear()


def test_an_edit_made_of_words_seen_before_reads_neither_dictionary(tmp_path, monkeypatch, new_process):
    syllables = new_process
    first = ReadingCache(tmp_path)
    first.reading(HARD)
    first.reading(EASY + " TikTok.")  # a word the CMU dictionary lacks: pyphen counts it
    first.save()
    edited = EASY + " " + HARD + " TikTok."  # a new text, of words seen before
    expected = readability.reading(edited)
    syllables.word_syllables.cache_clear()
    readability.reading.cache_clear()
    monkeypatch.setattr(syllables, "_known", {})
    monkeypatch.setattr(syllables, "_first_pronunciations", lambda: pytest.fail("the dictionary was read"))
    monkeypatch.setattr(syllables, "pyphen_positions", lambda word, lang: pytest.fail("pyphen was read"))
    assert ReadingCache(tmp_path).reading(edited) == expected


def test_a_new_word_is_counted_and_kept_and_damaged_counts_are_counted_again(tmp_path, new_process):
    syllables = new_process
    first = ReadingCache(tmp_path)
    first.reading(EASY)
    first.save()
    words = json.loads((tmp_path / cache.SYLLABLES).read_text())["words"]["en_US"]
    assert words["cat"] == 1 and "doomscrolling" not in words
    second = ReadingCache(tmp_path)
    assert second.reading(EASY + " Doomscrolling.") == readability.reading(EASY + " Doomscrolling.")
    second.save()
    words = json.loads((tmp_path / cache.SYLLABLES).read_text())["words"]["en_US"]
    assert words["doomscrolling"] == textstat_count_syllables("doomscrolling", "en_US") and words["cat"] == 1
    stamped = json.loads((tmp_path / cache.SYLLABLES).read_text())
    stamped["words"]["en_US"] = {word: "two" for word in words}
    (tmp_path / cache.SYLLABLES).write_text(json.dumps(stamped))
    readability.reading.cache_clear()
    syllables.word_syllables.cache_clear()
    syllables._known.clear()
    text = HARD + " Cat."
    assert ReadingCache(tmp_path).reading(text) == readability.reading(text)
    (tmp_path / cache.SYLLABLES).write_text("{not json")
    assert ReadingCache(tmp_path).reading(text + " Dog.") == readability.reading(text + " Dog.")
