"""The dependency rule's part that import-linter cannot express: domain uses the standard library only."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[2] / "domain"


def imported_top_levels(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_domain_imports_only_the_standard_library_and_itself():
    modules = sorted(DOMAIN.rglob("*.py"))
    assert modules, "no domain modules found"
    allowed = set(sys.stdlib_module_names) | {"domain", "__future__"}
    strays = {f"{m.name}: {name}" for m in modules for name in imported_top_levels(m) - allowed}
    assert not strays
