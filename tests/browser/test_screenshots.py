"""The README's screenshots regenerate from one command, from a fresh build."""

from __future__ import annotations

import struct
import subprocess
import sys

import pytest

from support import REPO

pytestmark = pytest.mark.browser
NAMES = ["home", "landing-8-10", "landing-11-13", "landing-parents", "landing-teachers", "lesson", "help"]


def png_width(path) -> int:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">I", header[16:20])[0]


def test_screenshots_regenerate_from_one_command(tmp_path):
    done = subprocess.run([sys.executable, str(REPO / "scripts/screenshots.py"), "--out", str(tmp_path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for name in NAMES:
        for width in (375, 1280):
            assert png_width(tmp_path / f"{name}-{width}.png") == width
    readme = (REPO / "README.md").read_text()
    for name in ["home", "landing-8-10", "lesson", "help"]:
        assert f"screenshots/{name}-375.png" in readme and (REPO / f"screenshots/{name}-375.png").is_file()
