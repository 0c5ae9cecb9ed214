"""Every cache at once, in real builds: a change to any file of the package makes every cache start
again (the one fingerprint, core/cache.py), and `cache: false` keeps nothing and builds the same site."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import thinksafe
from support import lesson
from thinksafe.core import cache

CACHE = ".cache/thinksafe"


def write_site(site):
    site.config["plugins"] = ["search"] + site.config["plugins"]  # search entries are kept too
    site.write("lessons/kids.md", lesson("Kids", audiences=["8-10"], body="## Start\n\nShort words here."))
    site.write("lessons/plan/index.md", lesson("Plan", audiences=["teachers"], resources=["sheet.txt"],
                                               body="## Steps\n\nTeach [kids](../kids.md)."))
    site.write("lessons/plan/sheet.txt", "A worksheet.\n")
    return site


def build(site) -> dict:
    """Build; what each cache kept from the last build, and the site's files."""
    done = site.build("--strict", "-v")
    assert done.returncode == 0, done.output
    conversions = re.search(r"(\d+) lesson conversions kept from the last build, (\d+) made", done.output)
    search = re.search(r"search entries of (\d+) pages kept from the last build, (\d+) parsed", done.output)
    skipped = re.search(r"pages: (\d+) not read again, (\d+) written as kept without a step", done.output)
    record = site.root / CACHE / cache.PACKS / cache.PACK_RECORD  # (read_record would refuse another code's)
    packs = json.loads(record.read_text())["build"] if record.exists() else None
    return {"conversions": conversions and tuple(map(int, conversions.groups())),
            "search": search and tuple(map(int, search.groups())),
            "skipped": skipped and tuple(map(int, skipped.groups())),
            "packs": packs and (sorted(packs["built"]), sorted(packs["reused"]), packs["rendered"]),
            "pages": pages(done.site)}


def pages(folder: Path) -> dict:
    # The sitemap's gzip header holds the second it was made.
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "sitemap.xml.gz"}


def stamps(site) -> set[str]:
    """The fingerprint each stamped file of the cache folder carries."""
    folder = site.root / CACHE
    return {json.loads((folder / name).read_text())["fingerprint"] for name in
             (cache.CONVERSIONS, cache.SEARCH_ENTRIES, cache.PAGE_RECORDS, cache.READING_LEVELS, cache.SYLLABLES,
              cache.CHECKS,
              f"{cache.PACKS}/{cache.PACK_RECORD}", f"{cache.PACKS}/{cache.PLANS}")}


@pytest.fixture
def code_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the installed package that the builds run instead (first on PYTHONPATH)."""
    root = tmp_path / "code"
    shutil.copytree(Path(thinksafe.__file__).parent, root / "thinksafe",
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setenv("PYTHONPATH", str(root))
    return root / "thinksafe"


@pytest.mark.parametrize("change", ["a module edited", "a module added in a sub-folder", "a template edited"])
def test_a_change_to_any_package_file_makes_every_cache_start_again(site, code_copy, change):
    write_site(site)
    first = build(site)
    assert first["packs"] == (["plan"], [], ["plan"])
    converted = first["conversions"][1]  # both lessons, and the pages ThinkSafe writes (landing, help, home)
    assert first["conversions"] == (0, converted) and converted > 2
    again = build(site)  # the same code: everything kept, every page neither read nor rendered
    assert again["conversions"] == (0, 0) and again["search"][1] == 0 and again["packs"] == ([], ["plan"], [])
    assert again["skipped"][0] == again["skipped"][1] >= converted and again["pages"] == first["pages"]
    libraries = cache.library_versions()
    assert stamps(site) == {cache.fingerprint_of(code_copy, libraries)}  # made by the copy
    links = code_copy / "core/model/links.py"
    if change == "a module edited":
        links.write_text(links.read_text() + "\n# A comment changes no behaviour, but could have.\n")
    elif change == "a module added in a sub-folder":
        (code_copy / "core/model/more").mkdir()
        (code_copy / "core/model/more/__init__.py").write_text("")
    elif change == "a template edited":
        main = code_copy / "theme/main.html"
        main.write_text(main.read_text() + "\n")
    changed = build(site)
    assert changed["conversions"] == (0, converted) and changed["skipped"][0] == 0
    assert changed["search"][0] == 0
    assert changed["packs"] == (["plan"], [], ["plan"])
    assert stamps(site) == {cache.fingerprint_of(code_copy, libraries)} != {cache.fingerprint()}
    if change != "a template edited":  # (the template's new line is in every page)
        assert changed["pages"] == first["pages"]


def test_with_cache_false_nothing_is_read_or_written_and_the_site_is_the_same(site, tmp_path, monkeypatch):
    write_site(site)
    cached = build(site)
    # A rebuild takes everything it can from the cache: no page is read again.
    assert build(site)["skipped"][1] >= cached["conversions"][1]
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))  # where the packs are made instead
    (tmp_path / "tmp").mkdir()
    site.plugin_options(cache=False)
    site.config["plugins"] = ["search"] + site.config["plugins"]
    # With a full cache folder left by the builds before, nothing is taken from it...
    before = {p: p.stat().st_mtime_ns for p in (site.root / ".cache").rglob("*")}
    uncached = build_without_cache(site)
    assert uncached["pages"] == cached["pages"]
    assert {p: p.stat().st_mtime_ns for p in (site.root / ".cache").rglob("*")} == before  # ... nor written
    # ... and with none, none is made; the packs' temporary folder is gone too.
    shutil.rmtree(site.root / ".cache")
    assert build_without_cache(site)["pages"] == cached["pages"]
    assert not (site.root / ".cache").exists()
    assert list((tmp_path / "tmp").iterdir()) == []
    assert "packs/plan.zip" in cached["pages"]


def build_without_cache(site) -> dict:
    done = site.build("--strict", "-v")
    assert done.returncode == 0, done.output
    assert "kept from the last build" not in done.output
    assert "lesson conversions kept" not in done.output and "search entries of" not in done.output
    return {"pages": pages(done.site)}
