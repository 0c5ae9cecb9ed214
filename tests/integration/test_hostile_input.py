"""The hostile corpus (issue 14, items 5 and 6): each input ends in a message naming the file,
from `mkdocs build` and `thinksafe check` alike, never in a traceback; author files keep their
bytes and encoding."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
import zipfile

import pytest
import yaml

from support import lesson


def run_both(site, env=None):
    """(check's exit code, output), (build's exit code, output) on the fixture site."""
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(site.config, allow_unicode=True), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    check = subprocess.run([sys.executable, "-m", "thinksafe.cli", "check", str(site.root)],
                           capture_output=True, text=True, env=env, timeout=120)
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=site.root,
                           capture_output=True, text=True, env=env, timeout=120)
    return (check.returncode, check.stdout + check.stderr), (build.returncode, build.stdout + build.stderr)


def both_fail(site, *expected: str, env=None) -> None:
    """Check and build both exit 1, each naming every one of `expected`, with no traceback."""
    (check, checked), (build, built) = run_both(site, env)
    for code, output in ((check, checked), (build, built)):
        assert code == 1, output
        for words in expected:
            assert words in output, output
        assert "Traceback" not in output, output
    assert not (site.root / "site" / "index.html").exists()


def both_pass(site, env=None) -> None:
    (check, checked), (build, built) = run_both(site, env)
    for code, output in ((check, checked), (build, built)):
        assert code == 0, output
        assert "Traceback" not in output, output


WORKSHEET = "<!DOCTYPE html><html><head>{meta}<title>Sheet</title></head><body><p>Café “quotes”</p></body></html>"


@pytest.mark.parametrize("meta, codec, bom", [
    ('<meta charset="windows-1252">', "cp1252", b""),  # Word's "Save as Web Page"
    ("", "utf-16-le", b"\xff\xfe"),
], ids=["windows-1252", "utf-16"])
def test_a_worksheet_keeps_its_encoding_and_every_byte_with_the_help_bar_added(site, meta, codec, bom):
    original = bom + WORKSHEET.format(meta=meta).encode(codec)
    site.write("lessons/a/index.md", lesson(resources=["sheet.html"]))
    site.write("lessons/a/sheet.html", original)
    both_pass(site)
    published = (site.root / "site/lessons/a/sheet.html").read_bytes()
    text = published[len(bom):].decode(codec)
    assert "Café “quotes”" in text and "\ufffd" not in text
    assert "data-help-button" in text and "Quick exit" in text
    # Every byte of the author's is there, in order: the site only inserted (bar, policy, script).
    edits = difflib.SequenceMatcher(None, original, published, autojunk=False).get_opcodes()
    assert {op for op, *_ in edits} == {"equal", "insert"}, edits

def test_a_worksheet_that_is_not_utf8_and_does_not_say_so_fails_both(site):
    site.write("lessons/a/index.md", lesson(resources=["sheet.html"]))
    site.write("lessons/a/sheet.html", WORKSHEET.format(meta="").encode("cp1252"))
    both_fail(site, "content/lessons/a/sheet.html: (encoding): is not UTF-8 and does not say which "
                    "character set it is in")


def _loop(site):
    os.symlink("loop.txt", site.content / "lessons/a/loop.txt")


def _fifo(site):
    os.mkfifo(site.content / "lessons/a/pipe")


def _folder_loop(site):
    os.symlink(".", site.content / "lessons/a/again")


BOMB = "\n".join(["a: &a [x, x, x, x, x, x, x, x, x]"] +
                 [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)] +
                 ["title: *i", "summary: S", "audiences: [8-10]"])

# name: (files to write, what to do to the folder then, every message both must give)
CASES = {
    "resource that is a link to itself, beside another broken lesson": (
        {"lessons/a/index.md": lesson(resources=["loop.txt"]), "lessons/b.md": lesson(audiences=["kids"])},
        _loop,
        ["content/lessons/a/index.md:6: resources[0]: 'loop.txt' cannot be read: it is a link that leads back "
         "to itself", "content/lessons/a/loop.txt: (file): is a link that leads nowhere",
         "content/lessons/b.md:4: audiences[0]: unknown audience text 'kids'"]),
    "lesson named index": (
        {"lessons/index/index.md": lesson()}, None,
        ["content/lessons/index/index.md: (file name): 'index' cannot be a lesson's name"]),
    "lessons/index.md": (
        {"lessons/index.md": lesson()}, None,
        ["content/lessons/index.md: (file name): 'lessons/index.md' cannot be a lesson"]),
    "NUL in a resource path": (
        {"lessons/a/index.md": lesson(resources=["shee\0t.pdf"])}, None,
        ["content/lessons/a/index.md:6: resources[0]: 'shee\\x00t.pdf' holds a control character"]),
    "named pipe as a resource": (
        {"lessons/a/index.md": lesson(resources=["pipe"])}, _fifo,
        ["content/lessons/a/index.md:6: resources[0]: 'pipe' is not a regular file",
         "content/lessons/a/pipe: (file): is not a regular file"]),
    "folder link to itself in a lesson folder": (
        {"lessons/a/index.md": lesson()}, _folder_loop,
        ["content/lessons/a/again: (file): is a link to a folder that holds it"]),
    "a draft's file as another lesson's resource": (
        {"lessons/a/index.md": lesson(resources=["secret.md"]),
         "lessons/a/secret.md": lesson("Secret", draft=True, body="Not ready for anyone.")}, None,
        ["content/lessons/a/index.md: resources[0]: 'secret.md' is the draft lesson content/lessons/a/secret.md"]),
    "one resource listed twice": (
        {"lessons/a/index.md": lesson(resources=["a.txt", "./a.txt"]), "lessons/a/a.txt": "words"}, None,
        ["content/lessons/a/index.md:6: resources[1]: './a.txt' is the same file as resources[0]"]),
    "YAML alias bomb as a title": (
        {"lessons/a.md": f"---\n{BOMB}\n---\nWords.\n"}, None,
        ["content/lessons/a.md:6: e: repeats aliases"]),
    "a key that is not text": (
        {"lessons/a.md": "---\ntitle: T\nsummary: S\naudiences: [8-10]\n~: c\n---\nWords.\n"}, None,
        ["content/lessons/a.md:5: ~: is not a setting name (YAML reads it as nothing (null))"]),
    "a title of only a zero-width space": (
        {"lessons/a.md": lesson("\u200b")}, None,
        ["content/lessons/a.md:2: title: has only invisible or control characters"]),
    "a line break in a lesson's file name": (
        {"lessons/a\r.md": lesson()}, None,
        ["content/lessons/a\\r.md: (file name): 'a\\r' cannot be part of a web address"]),
    "NUL in a lesson's words": (
        {"lessons/a.md": lesson(body="Words\0 here.")}, None,
        ["content/lessons/a.md:7: (file): holds a NUL character"]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_hostile_input_is_an_error_naming_the_file_in_check_and_build(site, case):
    files, then, expected = CASES[case]
    for path, text in files.items():
        site.write(path, text)
    if then:
        then(site)
    both_fail(site, *expected)


def test_a_resource_written_as_dot_slash_is_packed_once_under_its_own_name(site):
    site.write("lessons/a/index.md", lesson(audiences=["teachers"], resources=["./a.txt"]))
    site.write("lessons/a/a.txt", "words")
    both_pass(site)
    with zipfile.ZipFile(site.root / "site/packs/a.zip") as pack:
        names = [n for n in pack.namelist() if "a.txt" in n]
    assert names == ["resources/a.txt"], names


@pytest.mark.parametrize("value", ["99999999999999", "²"])
def test_a_source_date_epoch_no_date_can_hold_is_an_error_in_check_and_build(site, value):
    site.write("lessons/a.md", lesson())
    both_fail(site, "SOURCE_DATE_EPOCH", env={"SOURCE_DATE_EPOCH": value})


def test_a_lesson_file_name_too_long_for_the_names_made_from_it_is_an_error(site):
    slug = "a" * 252  # 'slug.md' is the longest name allowed (255 bytes); 'slug.zip' would not be
    site.write(f"lessons/{slug}.md", lesson(audiences=["teachers"]))
    both_fail(site, f"content/lessons/{slug}.md: (file name): the lesson's name 'aaaaaaaaaaaaaaaaaaaa…' "
                    "is 252 characters long; expected at most 200 characters")


def _unprivileged(command: list) -> list:
    """`command` run without root's power to write anywhere (file permissions then hold)."""
    if os.geteuid() != 0:
        return command
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--", *command]


def test_a_read_only_cache_folder_still_builds(site):
    site.write("lessons/a.md", lesson(audiences=["teachers"]))
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(site.config), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    first = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=site.root, env=env,
                           capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    for folder in [site.root / ".cache", *(site.root / ".cache").rglob("*")]:
        if folder.is_dir():
            folder.chmod(0o555)
    try:
        site.write("lessons/a.md", lesson("Changed", audiences=["teachers"]))
        again = subprocess.run(_unprivileged([sys.executable, "-m", "mkdocs", "build"]), cwd=site.root,
                               env=env, capture_output=True, text=True)
    finally:
        for folder in (site.root / ".cache").rglob("*"):
            if folder.is_dir():
                folder.chmod(0o755)
        (site.root / ".cache").chmod(0o755)
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
    assert "Changed" in (site.root / "site/teachers/a/index.html").read_text(encoding="utf-8")


def _new(site, *args, unprivileged=False):
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(site.config), encoding="utf-8")
    command = [sys.executable, "-m", "thinksafe.cli", "new", *args, "--project", str(site.root)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(_unprivileged(command) if unprivileged else command, env=env, capture_output=True)
    return done.returncode, (done.stdout + done.stderr).decode("utf-8", "replace")


@pytest.mark.parametrize("title, expected", [
    (b"\xffabc", "(command line): title: holds bytes that are not text in UTF-8"),
    ("x" * 500, "(command line): title: is 500 characters long"),
    ("Two\nlines", "(command line): title: holds a line break"),
    ("Broken", "title: a lesson named 'broken' already exists"),
], ids=["undecodable bytes", "500 characters", "two lines", "slug of a lesson with a YAML error"])
def test_thinksafe_new_writes_nothing_check_would_reject(site, title, expected):
    site.write("lessons/broken.md", "---\ntitle: [oops\n---\n")
    before = sorted(p.name for p in (site.content / "lessons").iterdir())
    code, output = _new(site, title, "--audience", "8-10")
    assert code == 1 and expected in output and "Traceback" not in output, output
    assert sorted(p.name for p in (site.content / "lessons").iterdir()) == before


def test_thinksafe_new_in_a_read_only_lessons_folder_says_so_and_leaves_nothing(site):
    lessons = site.content / "lessons"
    lessons.mkdir()
    lessons.chmod(0o555)
    try:
        code, output = _new(site, "A fine title", "--audience", "8-10", unprivileged=True)
    finally:
        lessons.chmod(0o755)
    assert code == 1 and "content/lessons/a-fine-title.md: (file): cannot be written (Permission denied)" \
        in output and "Traceback" not in output, output
    assert not list(lessons.iterdir())


def test_thinksafe_new_writes_a_lesson_check_passes(site):
    code, output = _new(site, 'Say "no" \\ walk away', "--audience", "8-10")
    assert code == 0, output
    assert (site.content / "lessons/say-no-walk-away.md").is_file()
    both_pass(site)
