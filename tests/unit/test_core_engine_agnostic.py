"""The core is plain Python: it imports nothing of MkDocs, so it outlives the engine."""

import ast
from pathlib import Path

import thinksafe.core

CORE = Path(thinksafe.core.__file__).parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_core_module_imports_mkdocs_or_material():
    modules = sorted(CORE.glob("*.py"))
    assert len(modules) > 10
    for module in modules:
        for name in imported_modules(module):
            assert name.split(".")[0] not in {"mkdocs", "material"}, (module.name, name)
