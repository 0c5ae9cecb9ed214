"""The package's layers, as docs/architecture.md draws them: each part imports only what its
row allows, the core imports nothing of MkDocs, and every part of the package is on the map."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import thinksafe

PACKAGE = Path(thinksafe.__file__).parent
MAP = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"
# Python-Markdown is a library the core uses (printable lessons); the engines are what it must not.
ENGINES = {"mkdocs", "material", "properdocs"}


def layer_map() -> dict[str, set[str]]:
    """Part -> the parts it may import, read from the table between the layer markers."""
    text = MAP.read_text(encoding="utf-8")
    table = text.split("<!-- layers: start -->")[1].split("<!-- layers: end -->")[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    return {re.findall(r"`([\w.]+)`", cells[1])[0]: set(re.findall(r"`([\w.]+)`", cells[3]))
            for cells in (row.split("|") for row in rows)}


def part_of(path: Path) -> str:
    """The part a file belongs to: `core.<sub-package or module>`, `mkdocs`, or a top module."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[0] == "core":
        return f"core.{parts[1]}"
    return parts[0]


def imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) of every import in a file; relative imports keep their dots."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, "." * node.level + (node.module or ""), [a.name for a in node.names]))
    return found


def part_imported(module: str, names: list[str]) -> str | None:
    """The part of the package an import reaches, or None for anything outside it."""
    bits = module.split(".")
    if bits[0] != "thinksafe" or len(bits) == 1:
        return None
    if bits[1] == "core":
        return f"core.{bits[2]}" if len(bits) > 2 else f"core.{names[0]}"
    return bits[1]


SOURCES = sorted(p for p in PACKAGE.rglob("*.py")
                 if p.parent not in (PACKAGE, PACKAGE / "core") or p.name != "__init__.py")


def test_the_map_has_every_part_and_the_core_has_sub_packages():
    parts = {part_of(p) for p in SOURCES}
    assert parts <= set(layer_map()), f"not on the map in docs/architecture.md: {parts - set(layer_map())}"
    assert {"core.model", "core.checks", "core.html", "core.help", "core.packs", "core.pages"} <= parts
    assert len([p for p in SOURCES if part_of(p).startswith("core.")]) > 40


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_module_imports_only_what_its_layer_allows(path):
    allowed = layer_map()[part_of(path)] | {part_of(path)}
    for line, module, names in imports(path):
        where = f"{path.relative_to(PACKAGE)}:{line} imports {module}"
        assert not module.startswith("."), f"{where}: imports inside the package are absolute"
        reached = part_imported(module, names)
        assert reached is None or reached in allowed, f"{where}, which its layer may not"
        if part_of(path).startswith("core."):
            assert module.split(".")[0] not in ENGINES, f"{where}: the core is engine-agnostic"


def test_the_check_catches_a_core_module_that_imports_the_engine(tmp_path):
    """The rule above can fail: a module that climbs out of the core is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("from mkdocs.config import base\nfrom thinksafe.mkdocs.plugin import ThinkSafePlugin\n")
    found = [(m, part_imported(m, n)) for _, m, n in imports(bad)]
    assert found == [("mkdocs.config", None), ("thinksafe.mkdocs.plugin", "mkdocs")]
    assert "mkdocs" not in layer_map()["core.model"]
