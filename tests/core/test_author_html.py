"""Worksheets are read in their own encoding and keep every byte of the author's."""

from __future__ import annotations

import codecs

import pytest

from thinksafe.core.html.author_files import (
    AuthorHtmlError,
    encoding_of,
    insert_into_author_html,
    published_html_problems,
)


def _add_bar(html: str) -> str:
    return html.replace("<body>", "<body><a href=\"help/\">Get help – now</a>")


CAFE = "<html><head>{meta}</head><body><p>Café “quotes”</p></body></html>"


@pytest.mark.parametrize("codec, meta, bom", [
    ("cp1252", '<meta charset="windows-1252">', b""),
    ("cp1252", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', b""),
    ("utf-8", "", b""),
    ("utf-8", "", codecs.BOM_UTF8),
    ("utf-16-le", "", codecs.BOM_UTF16_LE),
    ("utf-16-be", "", codecs.BOM_UTF16_BE),
])
def test_the_authors_bytes_are_kept_and_the_insertion_is_in_their_encoding(codec, meta, bom):
    original = bom + CAFE.format(meta=meta).encode(codec)
    changed = insert_into_author_html(original, _add_bar)
    assert changed.startswith(bom)
    text = changed[len(bom):].decode(codec)
    assert "Café “quotes”" in text and "Get help" in text
    before, _, after = original[len(bom):].partition("<body>".encode(codec))
    assert changed[len(bom):].startswith(before) and changed.endswith(after)


def test_a_character_the_encoding_lacks_becomes_a_character_reference():
    original = CAFE.format(meta='<meta charset="iso-8859-1">').encode("cp1252")
    changed = insert_into_author_html(original, lambda html: html.replace("<body>", "<body>→"))
    assert b"&#8594;" in changed and "Café".encode("cp1252") in changed


def test_a_file_that_says_latin1_is_read_as_browsers_read_it():
    assert encoding_of(b'<meta charset="ISO-8859-1">') == ("cp1252", 0)


@pytest.mark.parametrize("data, words", [
    (CAFE.format(meta="").encode("cp1252"), "is not UTF-8 and does not say which character set"),
    (b'<meta charset="klingon"><p>x</p>', "names the character set 'klingon'"),
    (b'<meta charset="utf-8"><p>\xff</p>', "is not UTF-8 as it says"),
])
def test_a_file_that_cannot_be_read_in_its_encoding_is_refused_with_a_message(data, words):
    with pytest.raises(AuthorHtmlError) as error:
        insert_into_author_html(data, _add_bar)
    assert words in error.value.message


def test_the_check_names_each_unreadable_worksheet(tmp_path):
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons/good.html").write_bytes(CAFE.format(meta='<meta charset="cp1252">').encode("cp1252"))
    (tmp_path / "lessons/bad.htm").write_bytes(CAFE.format(meta="").encode("cp1252"))
    (tmp_path / "lessons/notes.txt").write_bytes(b"\xff")
    files = ["lessons/good.html", "lessons/bad.htm", "lessons/notes.txt"]
    [problem] = published_html_problems(tmp_path, files, "content")
    assert problem.path == "content/lessons/bad.htm" and "is not UTF-8" in problem.message
