"""The one cache layer (core/cache.py): one fingerprint of the code, one serialiser for every key,
files written whole and stamped, and a damaged or foreign file read as no file at all."""

from __future__ import annotations

import ast
import datetime
import functools
import hashlib
import itertools
import json
import os
import shutil
import sys
from collections import UserDict
from enum import Enum
from pathlib import Path

import pytest
from markdown.extensions.toc import TocExtension
from markupsafe import Markup

import thinksafe
from thinksafe.core import cache
from thinksafe.core.cache import Unkeyable, canonical, write_atomically

PACKAGE = Path(thinksafe.__file__).parent


# --- Writing whole ---------------------------------------------------------------------------

def test_the_same_bytes_leave_the_file_alone_and_new_bytes_replace_it(tmp_path):
    path = tmp_path / "folder" / "record.json"
    write_atomically(path, b"one")
    first = path.stat()
    write_atomically(path, b"one")
    assert path.stat().st_ino == first.st_ino and path.stat().st_mtime_ns == first.st_mtime_ns
    write_atomically(path, b"two")
    assert path.read_bytes() == b"two" and path.stat().st_ino != first.st_ino
    assert [p.name for p in path.parent.iterdir()] == ["record.json"]  # no temporary file left


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    path = tmp_path / "record.json"
    write_atomically(path, b"old")
    monkeypatch.setattr("os.replace", lambda *args: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        write_atomically(path, b"new")
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["record.json"]


def test_nothing_is_written_through_a_link_left_at_a_temporary_name(tmp_path, monkeypatch):
    # A temporary file's name can be foreseen (process and count): a link planted there (a
    # checkout's cache folder, say) is never followed, and the write takes another name.
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"untouched")
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setattr(cache, "_temporaries", itertools.count(7))
    for count in (7, 8):
        (folder / f".tmp-{os.getpid()}-{count}").symlink_to(victim)
    write_atomically(folder / "record.json", b"written")
    assert victim.read_bytes() == b"untouched" and (folder / "record.json").read_bytes() == b"written"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["record.json", f".tmp-{os.getpid()}-7", f".tmp-{os.getpid()}-8"])


def test_a_link_made_over_a_planted_link_replaces_it_and_writes_nothing_through_it(tmp_path, monkeypatch):
    # A kept page's output gets the site file's name in the cache folder: a link planted at that
    # name, or at the foreseeable name of the link made apart, is replaced or passed over.
    victim, source = tmp_path / "victim.txt", tmp_path / "page.html"
    victim.write_bytes(b"untouched")
    source.write_bytes(b"page")
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "key.html").symlink_to(victim)
    monkeypatch.setattr(cache, "_temporaries", itertools.count(7))
    (folder / f".tmp-{os.getpid()}-7").symlink_to(victim)
    assert cache.link_atomically(source, folder / "key.html")
    assert os.path.samefile(folder / "key.html", source) and not (folder / "key.html").is_symlink()
    assert victim.read_bytes() == b"untouched"


def test_a_kept_file_is_read_only_while_it_holds_the_bytes_named(tmp_path):
    # Not through a link, not from a pipe (which would never end), not once its bytes changed.
    data = b"<html>kept</html>"
    named = hashlib.sha256(data).hexdigest()
    kept, link, pipe = tmp_path / "kept.html", tmp_path / "link.html", tmp_path / "pipe.html"
    kept.write_bytes(data)
    link.symlink_to(kept)
    os.mkfifo(pipe)
    assert cache.read_checked(kept, named) == data
    assert cache.read_checked(link, named) is None and cache.read_checked(pipe, named) is None
    assert cache.read_checked(tmp_path / "missing.html", named) is None
    kept.write_bytes(data.replace(b"kept", b"swap"))
    assert cache.read_checked(kept, named) is None


# --- The fingerprint -------------------------------------------------------------------------

def copy_of_package(tmp_path) -> Path:
    copy = tmp_path / "thinksafe"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_the_fingerprint_is_of_the_installed_package_and_computed_once():
    assert cache.PACKAGE == PACKAGE
    assert cache.fingerprint() == cache.fingerprint_of(PACKAGE, cache.library_versions())
    assert cache.fingerprint.cache_info().currsize == 1


def test_every_file_of_the_package_is_in_the_fingerprint():
    files = {p.relative_to(PACKAGE).as_posix() for p in cache._package_files(PACKAGE)}
    on_disk = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert files == on_disk
    # The kinds of file that shape output, wherever the layout puts them.
    assert {"core/model/links.py", "mkdocs/speed/conversions.py", "theme/main.html"} <= files
    assert any(f.startswith("presets/") for f in files) and any(f.startswith("starter/") for f in files)
    # Every module of thinksafe this process has loaded is one of them.
    loaded = {Path(m.__file__).resolve().relative_to(PACKAGE).as_posix() for name, m in list(sys.modules.items())
              if name.startswith("thinksafe.") and getattr(m, "__file__", None)}
    assert loaded and loaded <= files


@pytest.mark.parametrize("change", ["edited", "added", "renamed", "moved to a sub-folder", "removed",
                                    "a template edited", "a preset edited"])
def test_any_change_to_a_package_file_changes_the_fingerprint(tmp_path, change):
    package = copy_of_package(tmp_path)
    libraries = cache.library_versions()
    before = cache.fingerprint_of(package, libraries)
    assert before == cache.fingerprint(), "a copy of the package has the package's fingerprint"
    links = package / "core/model/links.py"
    if change == "edited":
        links.write_text(links.read_text() + "\n# one more line\n")
    elif change == "added":
        (package / "core/model/new_module.py").write_text("")  # even an empty file
    elif change == "renamed":
        links.rename(links.with_name("links2.py"))
    elif change == "moved to a sub-folder":
        (package / "core/model/more").mkdir()
        links.rename(package / "core/model/more/links.py")
    elif change == "removed":
        links.unlink()
    elif change == "a template edited":
        main = package / "theme/main.html"
        main.write_text(main.read_text() + " ")
    elif change == "a preset edited":
        preset = next((package / "presets").glob("*.yml"))
        preset.write_text(preset.read_text() + "\n")
    assert cache.fingerprint_of(package, libraries) != before


def test_compiled_files_leave_the_fingerprint_alone(tmp_path):
    package = copy_of_package(tmp_path)
    before = cache.fingerprint_of(package, {})
    (package / "core/__pycache__").mkdir()
    (package / "core/__pycache__/cache.cpython-311.pyc").write_bytes(b"compiled")
    (package / "stray.pyc").write_bytes(b"compiled")
    assert cache.fingerprint_of(package, {}) == before


def test_a_library_version_changes_the_fingerprint(tmp_path):
    versions = cache.library_versions()
    assert {"python", "zlib", "mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "PyYAML",
            "weasyprint", "nh3", "textstat", "Jinja2", "Pygments"} <= set(versions)
    assert versions["mkdocs-material"] is not None and versions["weasyprint"] is not None
    package = copy_of_package(tmp_path)
    assert cache.fingerprint_of(package, {**versions, "Markdown": "0.0"}) != cache.fingerprint_of(package, versions)


def test_a_package_folder_with_no_files_is_an_error_not_a_constant(tmp_path):
    with pytest.raises(RuntimeError, match="no files"):
        cache.fingerprint_of(tmp_path, {})


def test_only_the_cache_layer_fingerprints_code():
    """No module hashes its own source (or a sibling's), which moving a file would leave keyed by a
    constant: the one fingerprint is core/cache.py's, of the whole package."""
    for source in PACKAGE.rglob("*.py"):
        if source == PACKAGE / "core/cache.py":
            continue
        text = source.read_text(encoding="utf-8")
        names = {n.id for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Name)}
        where = source.relative_to(PACKAGE)
        assert not ("__file__" in names and "hashlib" in text), f"{where} hashes files of its own"
        assert "source_hash" not in text and "_fingerprint" not in names, f"{where} has a code fingerprint of its own"


# --- The serialiser --------------------------------------------------------------------------

class Level(Enum):
    INFO = "info"
    WARN = "warn"


class Setting:
    """An object whose state its class does not tell: it cannot be part of a key."""

    def __init__(self, value):
        self.value = value


def test_settings_are_written_the_same_in_every_process():
    written = json.loads(canonical({"b": [len, TocExtension], "a": {"y", "x"}, "ext": TocExtension(permalink=True)}))
    assert "0x" not in json.dumps(written)
    assert written["map"]["b"] == [{"callable": "builtins:len"},
                                   {"callable": "markdown.extensions.toc:TocExtension"}]
    assert written["map"]["a"] == {"set": ["x", "y"]}
    assert written["map"]["ext"]["extension"] == "markdown.extensions.toc:TocExtension"
    assert written["map"]["ext"]["config"]["map"]["permalink"] is True
    assert canonical(TocExtension(permalink=False)) != canonical(TocExtension(permalink=True))
    # MkDocs's settings are mappings of their own; a choice may be an Enum. Key order is not kept.
    mkdocs_like = UserDict({"links": UserDict({"anchors": Level.INFO})})
    assert canonical(mkdocs_like) == canonical({"links": {"anchors": Level.INFO}})
    assert canonical({"a": 1, "b": 2}) == canonical({"b": 2, "a": 1})
    assert canonical(Level.INFO) != canonical(Level.WARN)


def test_values_that_json_alone_would_confuse_are_told_apart():
    pairs = [([1, 2], (1, 2)), ("2024-01-02", datetime.date(2024, 1, 2)), (["x"], {"x"}),
             ({"tuple": [1]}, (1,)), ("Level.INFO", Level.INFO), (1, 1.0), (1, True), ("None", None),
             ({"a": 1}, [["a", 1]]), ("<b>", Markup("<b>"))]
    for one, other in pairs:
        assert canonical(one) != canonical(other), (one, other)
    assert canonical("\udcff") != canonical("\udcfe")  # a lone surrogate is written, not refused
    assert cache.digest("a", "b") != cache.digest("ab") and len(cache.digest("a")) == 64


def test_functions_of_covered_code_and_their_options_are_written():
    import pymdownx.slugs
    import pymdownx.superfences

    def written(case):
        return canonical({"slugify": pymdownx.slugs.slugify(case=case),
                          "format": pymdownx.superfences.fence_code_format})

    assert written("lower") == written("lower") != written("none")


@pytest.mark.parametrize("value", [Setting(1), Setting, lambda: 1, functools.partial(Setting, 1), object(),
                                   Path("a"), {1: "a key other than text"}, {"custom_icons": ["overrides/.icons"]},
                                   {"options": {"custom_icons": ["overrides/.icons"]}}])
def test_what_cannot_be_written_the_same_everywhere_or_is_outside_the_fingerprint_is_unkeyable(value):
    # A class or function of the site's own (here, this test module) is code no fingerprint covers;
    # custom icons are files read at build time, which no key sees.
    with pytest.raises(Unkeyable):
        canonical(value)


# --- Stamped files ---------------------------------------------------------------------------

def test_a_stamped_file_is_read_back_only_by_the_same_code(tmp_path, monkeypatch):
    path = tmp_path / "entries.json"
    cache.write_stamped(path, "pages", {"k": [1]})
    assert cache.read_stamped(path, "pages") == {"k": [1]}
    assert json.loads(path.read_text())["fingerprint"] == cache.fingerprint()
    monkeypatch.setattr(cache, "fingerprint", lambda: "other code")
    assert cache.read_stamped(path, "pages") == {}


@pytest.mark.parametrize("content", [b"", b"{not json", b"\xff\xfe", b"[]", b"null", b'"text"',
                                     b'{"pages": {"k": 1}}', b'{"fingerprint": null, "pages": {}}'])
def test_a_damaged_or_foreign_file_reads_as_none(tmp_path, content):
    path = tmp_path / "entries.json"
    path.write_bytes(content)
    assert cache.read_stamped(path, "pages") == {}
    stamped = json.dumps({"fingerprint": cache.fingerprint(), "pages": ["not", "a", "mapping"]})
    path.write_text(stamped)
    assert cache.read_stamped(path, "pages") == {}
    assert cache.read_stamped(tmp_path / "missing.json", "pages") == {}
    assert cache.read_stamped(tmp_path, "pages") == {}  # a folder where the file should be


def test_a_folder_that_cannot_be_written_is_no_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    cache.write_stamped(blocker / "entries.json", "pages", {"k": 1})
    assert blocker.read_text() == "not a folder"
    cache.drop_old_templates(blocker)
    assert blocker.read_text() == "not a folder"


def test_kept_entries_save_what_this_build_used(tmp_path):
    first = cache.KeptEntries(tmp_path, cache.CONVERSIONS, "pages")
    first.used = {"a": 1}
    first.save()
    second = cache.KeptEntries(tmp_path, cache.CONVERSIONS, "pages")
    assert second.kept == {"a": 1} and second.enabled
    stamp = (tmp_path / cache.CONVERSIONS).stat().st_mtime_ns
    second.used = {"a": 1}
    second.save()  # nothing changed: nothing written
    assert (tmp_path / cache.CONVERSIONS).stat().st_mtime_ns == stamp


def test_with_caching_off_nothing_is_named_read_or_written(tmp_path):
    assert cache.folder(tmp_path, ".cache/thinksafe", enabled=False) is None
    assert cache.folder(tmp_path, ".cache/thinksafe") == tmp_path / ".cache/thinksafe"
    entries = cache.KeptEntries(None, cache.CONVERSIONS, "pages")
    entries.used = {"a": 1}
    entries.save()
    cache.drop_old_templates(None)
    assert not entries.enabled
    assert list(tmp_path.iterdir()) == []


def test_the_old_compiled_templates_folder_is_emptied_of_jinjas_files_alone(tmp_path):
    old = tmp_path / cache.OLD_TEMPLATES
    old.mkdir()
    for name in ("fingerprint", "__jinja2_x.cache"):
        (old / name).write_bytes(b"code")
    cache.drop_old_templates(tmp_path)
    assert list(tmp_path.iterdir()) == []
    old.mkdir()  # `cache_dir` may name a folder of the owner's: its own files stay
    (old / "__jinja2_y.cache").write_bytes(b"code")
    (old / "mine.html").write_text("an owner's file")
    cache.drop_old_templates(tmp_path)
    assert [p.name for p in old.iterdir()] == ["mine.html"]


def test_a_link_in_the_old_templates_place_is_not_followed(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "__jinja2_x.cache").write_text("not the cache's")
    (tmp_path / cache.OLD_TEMPLATES).symlink_to(elsewhere)
    cache.drop_old_templates(tmp_path)
    assert (elsewhere / "__jinja2_x.cache").exists()


def test_a_packs_zip_name_carries_its_key_and_hash_and_nothing_else_parses_as_one():
    name = cache.zip_name("plan", "k" * 64, "0" * 64)
    assert cache.zip_parts(name) == ("plan", "k" * 32, "0" * 64)
    assert cache.zip_stem("plan", "k" * 64) == "plan-" + "k" * 32
    long = cache.zip_name("s" * 300, "k" * 64, "0" * 64)
    assert len(long.encode()) < 255 and cache.zip_parts(long) is not None
    for other in [cache.PACK_RECORD, cache.PLANS, cache.PACKS_LOCK, "plan.zip", ".tmp-abc"]:
        assert cache.zip_parts(other) is None


def test_a_written_down_value_is_hashed_as_written_and_anything_else_refused():
    assert cache.digest_written({"b": [1, "x"], "a": None}) == cache.digest_written({"a": None, "b": [1, "x"]})
    assert cache.digest_written(["x"]) != cache.digest_written(["y"]) != cache.digest(["y"])
    for odd in (object(), Path("p"), {"a": 1, 2: "keys of two kinds"}):
        with pytest.raises(Unkeyable):
            cache.digest_written([odd])


def test_a_written_down_value_is_written_as_json_dumps_writes_it():
    # digest_written calls json's C encoder itself: the text, and so every key, is unchanged.
    from thinksafe.core.cache import _written_json
    values = ["x", 1, None, [1.5, -0.0, 1e300, float("nan"), True, "é\ud800\n"],
              {"b": {"d": [], "c": {}}, "a": ["v", "<p>Markup</p>"], "\0sha256": "x"}, {1: "an int key"}]
    for value in values:
        assert _written_json(value) == json.dumps(value, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    looped: list = []
    looped.append(looped)
    with pytest.raises(Unkeyable):
        cache.digest_written(looped)
    assert cache.digest_written(["after", "a refusal"]) == cache.digest_written(["after", "a refusal"])


def test_kept_entries_are_written_one_a_line_as_the_stamped_json_and_read_back(tmp_path):
    first = cache.KeptEntries(tmp_path, cache.CONVERSIONS, "pages")
    first.used = {"a": {"html": "<p>é\n</p>"}, 'odd "key"\\\n\u00e9': [1, 2.5, None, True], "n": "\udcff"}
    first.save()
    text = (tmp_path / cache.CONVERSIONS).read_text(encoding="ascii")
    assert len(text.splitlines()) == 1 + 3 + 1  # the stamp, an entry a line, the end
    assert cache.read_stamped(tmp_path / cache.CONVERSIONS, "pages") == first.used  # still the one JSON
    second = cache.KeptEntries(tmp_path, cache.CONVERSIONS, "pages")
    assert dict(second.kept) == first.used and list(second.kept) == list(first.used)


def test_a_kept_entry_is_parsed_only_when_asked_for_and_carried_unread(tmp_path):
    first = cache.KeptEntries(tmp_path, cache.CONVERSIONS, "pages")
    first.used = {"a": [1], "b": [2], "c": [3]}
    first.save()
    second = cache.KeptEntries(tmp_path, cache.CONVERSIONS, "pages", lazy=True)
    second.carry("a")
    second.carry("missing")  # nothing kept under it: nothing carried
    second.used["b"] = second.kept["b"]
    second.save()
    assert second.kept._parsed == {"b": [2]}  # "a" was carried without being read
    third = cache.KeptEntries(tmp_path, cache.CONVERSIONS, "pages")
    assert third.kept._parsed == {"b": [2], "a": [1]}  # not lazy: the file parsed whole, at once


def test_an_entry_used_as_read_is_written_from_its_line_and_a_changed_one_anew(tmp_path, monkeypatch):
    first = cache.KeptEntries(tmp_path, cache.CONVERSIONS, "pages")
    first.used = {"same": {"x": [1, "y"]}, "int": 1, "order": {"p": 1, "q": 2}, "zero": 0.0}
    first.save()
    second = cache.KeptEntries(tmp_path, cache.CONVERSIONS, "pages")
    written = []
    encode = cache._entry_line
    monkeypatch.setattr(cache, "_entry_line", lambda key, value: written.append(key) or encode(key, value))
    # Equal in Python, but not written the same: each is written as now used, so read back as it was.
    second.used = {"same": second.kept["same"], "int": 1.0, "order": {"q": 2, "p": 1}, "zero": -0.0}
    second.save()
    assert written == ["int", "order", "zero"]
    third = cache.KeptEntries(tmp_path, cache.CONVERSIONS, "pages")
    assert [(k, type(v), list(v) if isinstance(v, dict) else str(v)) for k, v in third.kept.items()] == [
        ("same", dict, ["x"]), ("int", float, "1.0"), ("order", dict, ["q", "p"]), ("zero", float, "-0.0")]


def test_a_damaged_kept_line_is_no_entry_and_the_others_are_read(tmp_path):
    first = cache.KeptEntries(tmp_path, cache.CONVERSIONS, "pages")
    first.used = {"a": {"k": 1}, "b": {"k": 2}, "c": {"k": 3}}
    first.save()
    path = tmp_path / cache.CONVERSIONS
    path.write_text(path.read_text().replace('{"k": 2}', '{"k": 2, "b": ').replace('"c":{"k": 3}', '"c":{"k": 3} 4'))
    second = cache.KeptEntries(tmp_path, cache.CONVERSIONS, "pages")
    assert second.kept.get("a") == {"k": 1} and second.kept.get("b") is None and "c" not in second.kept
    assert dict(second.kept) == {"a": {"k": 1}}
    path.write_text(json.dumps({"fingerprint": cache.fingerprint(), "pages": {"a": 1}}))  # one line, as before
    assert dict(cache.KeptEntries(tmp_path, cache.CONVERSIONS, "pages").kept) == {"a": 1}
    path.write_text(path.read_text().replace(cache.fingerprint(), "other code's"))
    assert dict(cache.KeptEntries(tmp_path, cache.CONVERSIONS, "pages").kept) == {}
