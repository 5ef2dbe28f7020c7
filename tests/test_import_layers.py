"""The apps import each other in one order, checked with import-linter's layers contract
(pyproject.toml, [tool.importlinter]): a new upward import, even one hidden inside a function,
fails this test. The contract's ignore list names the few known ones still to be broken."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[1]


def test_apps_import_downward_only():
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_the_contract_catches_an_upward_import_inside_a_function(tmp_path, monkeypatch):
    """The guard is real: core reaching up into circulation inside a function breaks it."""
    package = tmp_path / "src" / "thuvien"
    src = ROOT / "src" / "thuvien"
    # A copy of the package's import graph with one upward import added to core.
    for path in src.rglob("*.py"):
        target = package / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (package / "core" / "upward.py").write_text(
        textwrap.dedent(
            """
            def sneaky():
                from thuvien.circulation.models import Loan
                return Loan
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path / "src"))
    # grimp finds the package through the import system: let it find the copy this time.
    for name in [m for m in sys.modules if m == "thuvien" or m.startswith("thuvien.")]:
        monkeypatch.delitem(sys.modules, name)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 1
