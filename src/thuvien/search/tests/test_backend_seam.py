"""The search seam holds: only a backend package knows its engine, and every backend is real."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import thuvien
from thuvien.search import engine as seam
from thuvien.search.engine import SearchBackend, registered_backends

SRC = Path(thuvien.__file__).resolve().parent
ROOT = SRC.parent.parent
BACKEND_PACKAGE = SRC / "search" / "backends" / "tantivy"


def _imports(path: Path) -> set[str]:
    """Top-level module names imported anywhere in ``path`` (function-level imports too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "__import__"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.add(str(node.args[0].value).split(".")[0])
    return found


def test_only_the_tantivy_backend_package_imports_tantivy():
    files = [*SRC.rglob("*.py"), *(ROOT / "benchmarks").rglob("*.py")]
    assert len(files) > 100  # the walk really reads the source tree
    offenders = [
        str(path.relative_to(ROOT))
        for path in files
        if "tantivy" in _imports(path) and BACKEND_PACKAGE not in path.parents
    ]
    assert offenders == []
    # and the package does use it: the check above is not vacuous
    assert any("tantivy" in _imports(p) for p in BACKEND_PACKAGE.glob("*.py"))


def test_the_seam_module_names_no_engine():
    """Types, facet definitions and the backend interface import nothing engine-specific."""
    assert not {"tantivy"} & _imports(Path(seam.__file__))
    source = Path(seam.__file__).read_text(encoding="utf-8")
    assert "backends.tantivy" in source  # only as a registered dotted path, imported lazily
    assert "from .backends" not in source and "import thuvien.search.backends" not in source


@pytest.mark.parametrize("name", registered_backends())
def test_every_registered_backend_implements_the_interface(name, settings, tmp_path):
    settings.SEARCH_BACKEND = name
    backend = seam.engine()
    assert isinstance(backend, SearchBackend)
    assert backend.name == name
    abstract = getattr(type(backend), "__abstractmethods__", frozenset())
    assert not abstract
    assert backend.count() == 0
