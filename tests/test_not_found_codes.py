"""Not-found error codes follow one convention (docs/architecture.md, "Errors"): ``not_found``
for the object a URL names; ``<app>.<thing>_not_found`` for a specific one (as each app's other
codes); and the three unprefixed codes the desk API and the kiosks have answered since they were
published (``item_not_found``, ``patron_not_found``, ``fee_not_found``), kept for their clients
and closed to newcomers. Checked on the source by AST: each ``NotFound("code", ...)``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "thuvien"
# and the REST renewal's 404 carries the circulation code it maps (``item_not_on_loan``)
PUBLISHED = {"item_not_found", "patron_not_found", "fee_not_found", "item_not_on_loan"}
PREFIXED = re.compile(r"^[a-z0-9]+\.[a-z0-9_]+_not_found$")


def codes(source: str, name: str = "<source>") -> list[tuple[str, str]]:
    found = []
    for node in ast.walk(ast.parse(source, name)):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None)) == "NotFound"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((f"{name}:{node.lineno}", node.args[0].value))
    return found


def allowed(code: str) -> bool:
    return code == "not_found" or code in PUBLISHED or bool(PREFIXED.match(code))


def test_the_convention():
    assert allowed("not_found") and allowed("item_not_found")
    assert allowed("oversight.stocktake_not_found")
    assert not allowed("hold_not_found")  # a new unprefixed code: circulation.hold_not_found
    assert not allowed("missing")
    assert codes('raise NotFound("x.y_not_found", "...")') == [("<source>:1", "x.y_not_found")]


def test_every_not_found_code_follows_it():
    wrong = [
        f"{where} {code}"
        for path in sorted(SRC.rglob("*.py"))
        if "tests" not in path.parts
        for where, code in codes(path.read_text(encoding="utf-8"), str(path.relative_to(SRC)))
        if not allowed(code)
    ]
    assert not wrong, "not-found codes outside the convention:\n" + "\n".join(wrong)
