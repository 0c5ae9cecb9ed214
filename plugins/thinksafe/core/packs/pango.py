"""Whether WeasyPrint can make the lesson packs' PDFs here: it needs Pango, a system library
that pip cannot install. Asked before a build starts, so that a missing Pango is one message
naming the fix, not WeasyPrint's traceback half-way through.

Run as `python -m thinksafe.core.packs.pango`: exit status 1 and the missing libraries when Pango is
missing (scripts/build.sh asks this before installing it).
"""

from __future__ import annotations

import ctypes
import sys

from thinksafe.core.problems import Problem

# The libraries WeasyPrint loads as it is imported, under the names it tries, in its order
# (weasyprint/text/ffi.py): Linux, macOS, Windows.
LIBRARIES = {
    "gobject-2.0": ("libgobject-2.0-0", "gobject-2.0-0", "gobject-2.0", "libgobject-2.0.so.0",
                    "libgobject-2.0.0.dylib", "libgobject-2.0-0.dll"),
    "pango-1.0": ("libpango-1.0-0", "pango-1.0-0", "pango-1.0", "libpango-1.0.so.0",
                  "libpango-1.0.dylib", "libpango-1.0-0.dll"),
    "harfbuzz": ("libharfbuzz-0", "harfbuzz", "harfbuzz-0.0", "libharfbuzz.so.0",
                 "libharfbuzz.0.dylib", "libharfbuzz-0.dll"),
    "fontconfig": ("libfontconfig-1", "fontconfig-1", "fontconfig", "libfontconfig.so.1",
                   "libfontconfig.1.dylib", "libfontconfig-1.dll"),
    "pangoft2-1.0": ("libpangoft2-1.0-0", "pangoft2-1.0-0", "pangoft2-1.0", "libpangoft2-1.0.so.0",
                     "libpangoft2-1.0.dylib", "libpangoft2-1.0-0.dll"),
}

INSTALL = ("install Pango (Debian or Ubuntu: 'sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0'; "
           "Fedora: 'sudo dnf install pango'; macOS with Homebrew: 'brew install pango'; "
           "scripts/build.sh installs it where it can)")


def missing_libraries() -> list[str]:
    """The libraries WeasyPrint needs that cannot be loaded here (none: Pango is ready)."""
    return [name for name, files in LIBRARIES.items() if not any(_loads(file) for file in files)]


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def pango_problems(source: str, key: str = "plugins.thinksafe.packs") -> list[Problem]:
    """A problem, naming the fix, when lesson packs are on and Pango is missing."""
    missing = missing_libraries()
    if not missing:
        return []
    return [Problem(source, key, "lesson packs need Pango to make each pack's lesson.pdf, and it is "
                    f"not installed here (cannot load {', '.join(missing)})", "Pango installed, or "
                    "no lesson packs", INSTALL + ", or write 'packs: false' under '- thinksafe:' "
                    "in mkdocs.yml to build the site without lesson packs")]


if __name__ == "__main__":
    gone = missing_libraries()
    if gone:
        print("missing: " + ", ".join(gone))
    sys.exit(1 if gone else 0)
