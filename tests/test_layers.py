"""The data flow is one way: corpus → chunking → index → retrieval → answer → verify →
eval → cli/app. No library module imports the command line, the app's launcher or the
app; the app imports no private name of the library."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "dsrqa"
LAYER = {"cli", "serve"}  # the command line and the app's launcher
LIBRARY = sorted(p for p in PACKAGE.glob("*.py") if p.stem not in LAYER)


def imported(path: Path) -> set[str]:
    """Every module a file imports, as ``dsrqa.x`` for the package's own modules."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = "dsrqa" if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            names.add(module)
            if node.level and node.module is None:  # from . import x
                names.update(f"dsrqa.{a.name}" for a in node.names)
    return names


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.stem)
def test_library_modules_do_not_import_the_cli_or_the_app(path: Path) -> None:
    names = imported(path)
    assert not {f"dsrqa.{m}" for m in LAYER} & names, names
    assert "app_streamlit" not in names and "streamlit" not in {n.split(".")[0] for n in names}


def test_the_app_uses_the_library_through_public_modules() -> None:
    names = imported(ROOT / "app_streamlit.py")
    own = {n for n in names if n.startswith("dsrqa")}
    assert own and not [n for n in own if n.split(".")[-1].startswith("_")]
    assert "dsrqa.cli" not in own
