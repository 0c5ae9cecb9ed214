"""Packs kept between builds, named by the key of what went in, with a record of each build."""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .lessons import Lesson
from .packs import PackPlan, PackSettings, build_pack, pack_key, pack_path

RECORD = "record.json"


@dataclass(frozen=True)
class Pack:
    """One lesson's built pack, as the site shows it."""

    lesson: Lesson
    key: str
    file: Path  # the ZIP in the cache
    size: int
    names: tuple[str, ...]  # the ZIP's entries
    linked: tuple[str, ...] = ()  # content paths the lesson links to

    @property
    def slug(self) -> str:
        return self.lesson.slug

    @property
    def path(self) -> str:
        return pack_path(self.lesson.slug)

    @property
    def size_text(self) -> str:
        """'123 KB' or '4.5 MB'."""
        if self.size >= 1_000_000:
            return f"{self.size / 1_000_000:.1f} MB"
        return f"{max(1, round(self.size / 1000))} KB"

    @property
    def contents(self) -> list[str]:
        """What is inside, in words, for the download button."""
        lines = ["lesson.pdf: the lesson, ready to print",
                 "lesson.html: the lesson, to open in a browser without the internet"]
        lines += [name.removeprefix("resources/") for name in self.names if name.startswith("resources/")]
        pictures = sum(name.startswith("images/") for name in self.names)
        if pictures:
            lines.append(f"{pictures} picture{'s' if pictures > 1 else ''} the lesson shows")
        lines.append("manifest.json: a list of every file, with its size and checksum")
        return lines


class PackCache:
    """Under `<cache>/packs/`: `<slug>-<key>.zip` per pack, and `record.json` of the last build."""

    def __init__(self, folder: Path):
        self.folder = Path(folder) / "packs"
        self.built: dict[str, str] = {}
        self.reused: dict[str, str] = {}

    def pack(self, plan: PackPlan, settings: PackSettings) -> Pack:
        """The plan's pack: from the cache when its key is there, else made and stored."""
        slug, key = plan.lesson.slug, pack_key(plan, settings)
        file = self.folder / f"{slug}-{key[:32]}.zip"
        if file.is_file():
            self.reused[slug] = key
        else:
            _write_atomically(file, build_pack(plan, settings))
            self.built[slug] = key
        with zipfile.ZipFile(file) as archive:
            names = tuple(archive.namelist())
        return Pack(plan.lesson, key, file, file.stat().st_size, names, tuple(plan.linked))

    def finish(self) -> dict:
        """Write the record of this build and drop stale packs; return the record."""
        record = {"built": dict(sorted(self.built.items())), "reused": dict(sorted(self.reused.items()))}
        self.folder.mkdir(parents=True, exist_ok=True)
        _write_atomically(self.folder / RECORD, (json.dumps(record, indent=2) + "\n").encode())
        self._prune({**self.built, **self.reused})
        return record

    def _prune(self, used: dict[str, str]) -> None:
        """Keep each lesson's pack of this build and its newest other one (so that `mkdocs serve`
        and `mkdocs build`, or two checkouts, do not remake each other's); drop the rest."""
        by_slug: dict[str, list[Path]] = {}
        for file in self.folder.glob("*.zip"):
            by_slug.setdefault(file.stem.rsplit("-", 1)[0], []).append(file)
        for slug, files in by_slug.items():
            current = f"{slug}-{used[slug][:32]}.zip" if slug in used else None
            others = sorted((f for f in files if f.name != current), key=_mtime, reverse=True)
            for stale in others[1 if current else 0:]:
                stale.unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:  # removed meanwhile by another build sharing the cache
        return 0.0


def read_record(cache_folder: Path) -> dict:
    """The record of the last build that used this cache."""
    return json.loads((Path(cache_folder) / "packs" / RECORD).read_text(encoding="utf-8"))


def _write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file, so that a build stopped half-way never leaves half a pack."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
