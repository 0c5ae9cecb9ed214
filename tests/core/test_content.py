"""The content folder read as a whole: every file found once, links that leave it refused."""

from __future__ import annotations

import os

from support import lesson
from thinksafe.core.checks.content import load_content
from thinksafe.core.model.settings import SiteConfig


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


def stray(content):
    return sorted(p.path for p in content.problems if p.key == "(file name)")


def test_hidden_files_and_folders_are_left_out_and_a_hidden_lesson_file_is_named(tmp_path):
    docs = tmp_path / "content"
    (docs / "lessons" / ".drafts").mkdir(parents=True)
    (docs / "lessons" / ".drafts" / "b.md").write_text(lesson("B"))  # a tool's folder: its own
    (docs / "lessons" / ".c.md").write_text(lesson("C"))
    (docs / "lessons" / ".#a.md").write_text("emacs lock")  # beside a file being edited
    (docs / "lessons" / ".notes.txt").write_text("not Markdown")
    (docs / "lessons" / "a.md").write_text(lesson("A"))
    content = load(docs)
    assert [l.slug for l in content.model.lessons] == ["a"]
    assert stray(content) == ["content/lessons/.c.md"]
    assert "rename it to 'c.md'" in str(content.problems[0])


def test_markdown_not_ending_in_md_is_named_unless_a_lesson_declares_it(tmp_path):
    docs = tmp_path / "content"
    (docs / "lessons" / "a").mkdir(parents=True)
    (docs / "lessons" / "a" / "index.md").write_text(lesson("A", resources=["notes.markdown"]))
    (docs / "lessons" / "a" / "notes.markdown").write_text("# Notes for the pack\n")
    for name in ["b.markdown", "c.MD", "d.Md", "e.mdown", "f.mkd", "g.mkdn"]:
        (docs / "lessons" / name).write_text(lesson(name))
    (docs / "about.markdown").write_text("# About\n")  # not under lessons/: an ordinary page
    content = load(docs)
    assert stray(content) == [f"content/lessons/{name}" for name in
                              ["b.markdown", "c.MD", "d.Md", "e.mdown", "f.mkd", "g.mkdn"]]
    assert "rename it to 'c.md'" in str(next(p for p in content.problems if p.path.endswith("c.MD")))
