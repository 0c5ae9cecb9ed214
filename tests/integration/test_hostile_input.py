"""The hostile corpus (issue 14, items 5 and 6): each input ends in a message naming the file,
from `mkdocs build` and `thinksafe check` alike, never in a traceback; author files keep their
bytes and encoding."""

from __future__ import annotations

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
    # The author's bytes, in order, with only the bar and the script between them.
    pieces = [bom + part.encode(codec) for part in
              WORKSHEET.format(meta=meta).replace("<body>", "<body>\0").replace("</body>", "\0</body>").split("\0")]
    pieces[1:] = [piece[len(bom):] for piece in pieces[1:]]
    assert published.startswith(pieces[0]) and published.endswith(pieces[2])
    assert pieces[1] in published

def test_a_worksheet_that_is_not_utf8_and_does_not_say_so_fails_both(site):
    site.write("lessons/a/index.md", lesson(resources=["sheet.html"]))
    site.write("lessons/a/sheet.html", WORKSHEET.format(meta="").encode("cp1252"))
    both_fail(site, "content/lessons/a/sheet.html: (encoding): is not UTF-8 and does not say which "
                    "character set it is in")
