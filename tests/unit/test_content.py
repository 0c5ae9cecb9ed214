"""The content folder read as a whole: every file found once, links that leave it refused."""

from __future__ import annotations

import os

from support import lesson
from thinksafe.core.content import load_content
from thinksafe.core.siteconfig import SiteConfig


def load(docs):
    return load_content(docs, SiteConfig(), shown_as="content")


def leaving(content):
    return sorted(p.path for p in content.problems if "outside the content folder" in p.message)


def test_links_inside_the_folder_are_fine_and_links_out_are_named(tmp_path):
    docs, elsewhere = tmp_path / "content", tmp_path / "elsewhere"
    (docs / "lessons").mkdir(parents=True)
    (docs / "pictures").mkdir()
    (elsewhere / "private").mkdir(parents=True)
    (elsewhere / "secret.txt").write_text("not for the site")
    (elsewhere / "private" / "diary.md").write_text("# Diary\n")
    (docs / "lessons" / "a.md").write_text(lesson("A"))
    (docs / "pictures" / "cat.png").write_bytes(b"png")
    os.symlink(docs / "pictures" / "cat.png", docs / "lessons" / "same-cat.png")  # stays inside
    os.symlink(docs / "pictures", docs / "gallery")  # a folder inside, reached twice
    os.symlink(elsewhere / "secret.txt", docs / "secret.txt")  # a file outside
    os.symlink(elsewhere / "private", docs / "notes")  # a folder outside: every file in it
    os.symlink(docs, docs / "pictures" / "loop")  # a loop of links must end
    content = load(docs)
    # As MkDocs publishes them: through every link, but never round a loop.
    assert leaving(content) == ["content/notes/diary.md", "content/secret.txt"]
    assert "gallery/cat.png" not in leaving(content)
    assert [l.slug for l in content.model.lessons] == ["a"]
    assert "notes/diary.md" in content.pages


def test_hidden_files_and_folders_are_left_out(tmp_path):
    docs = tmp_path / "content"
    (docs / "lessons" / ".drafts").mkdir(parents=True)
    (docs / "lessons" / ".drafts" / "b.md").write_text(lesson("B"))
    (docs / "lessons" / ".c.md").write_text(lesson("C"))
    (docs / "lessons" / "a.md").write_text(lesson("A"))
    assert [l.slug for l in load(docs).model.lessons] == ["a"]
