"""Interface apps only translate (CONVENTIONS 1): no staff, OPAC, API, SIP2, OAI-PMH (or later
protocol) module opens a transaction or takes a row lock. The desk services take their own
(``circulation.services.desk_checkout`` and its siblings). Checked on the source by AST, so a
lock hidden in a helper or under another name for ``transaction`` is found too."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "thuvien"
INTERFACES = ("staff", "opac", "api", "sip2", "oai", "sru", "iiif", "opendata", "ops")


def offences(source: str, name: str = "<source>") -> list[str]:
    """Each ``transaction.atomic`` (or ``atomic`` imported from ``django.db.transaction``,
    under any alias) and each ``select_for_update`` in ``source``."""
    tree = ast.parse(source, name)
    atomic_names = set()
    transaction_names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in (
            "django.db",
            "django.db.transaction",
        ):
            for alias in node.names:
                if node.module == "django.db" and alias.name == "transaction":
                    transaction_names.add(alias.asname or alias.name)
                if node.module == "django.db.transaction" and alias.name == "atomic":
                    atomic_names.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "django.db.transaction" and alias.asname:
                    transaction_names.add(alias.asname)
    found = []
    for node in ast.walk(tree):
        where = f"{name}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Attribute):
            if node.attr == "select_for_update":
                found.append(f"{where} select_for_update")
            elif node.attr == "atomic" and (
                (isinstance(node.value, ast.Name) and node.value.id in transaction_names)
                or ast.unparse(node.value) == "django.db.transaction"
            ):
                found.append(f"{where} transaction.atomic")
        elif isinstance(node, ast.Name) and node.id in atomic_names:
            found.append(f"{where} atomic")
    return found


def _interface_sources() -> list[Path]:
    out = []
    for app in INTERFACES:
        for path in sorted((SRC / app).rglob("*.py")) if (SRC / app).is_dir() else ():
            if "tests" not in path.relative_to(SRC).parts:
                out.append(path)
    return out


def test_no_interface_app_opens_a_transaction_or_takes_a_lock():
    sources = _interface_sources()
    assert len(sources) > 50  # the walk really reads the interface apps
    found = []
    for path in sources:
        found += offences(path.read_text(encoding="utf-8"), str(path.relative_to(SRC)))
    assert found == [], "move these into a domain service:\n" + "\n".join(found)


def test_the_check_finds_each_form():
    """The guard is real: every way of writing a transaction or a lock is caught."""
    cases = {
        "from django.db import transaction\nwith transaction.atomic(): pass": 1,
        "from django.db import transaction as tx\n@tx.atomic\ndef f(): pass": 1,
        "from django.db.transaction import atomic\nwith atomic(): pass": 1,
        "from django.db.transaction import atomic as a\nwith a(): pass": 1,
        "import django.db.transaction\nwith django.db.transaction.atomic(): pass": 1,
        "Item.objects.filter(pk=1).select_for_update().get()": 1,
        "from thuvien.circulation.services import desk_checkout\ndesk_checkout()": 0,
        "pipe = client.pipeline(transaction=False)": 0,
    }
    for source, expected in cases.items():
        assert len(offences(textwrap.dedent(source))) == expected, source
