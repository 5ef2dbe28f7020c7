"""Factories for circulation and patron tests: records, items, readers on top of the world."""

from __future__ import annotations

import itertools
from typing import Any

from django_scopes import scopes_disabled

from thuvien.catalog.models import Record
from thuvien.holdings.models import Item
from thuvien.patrons.services import categories_ensure, patron_register

_seq = itertools.count(1)


def make_record(network: Any, title: str = "Truyện Kiều") -> Record:
    return Record.objects.create(network=network, marc={"leader": "", "fields": []}, title=title)


def make_item(library: Any, record: Record | None = None, **kw: Any) -> Item:
    with scopes_disabled():
        return Item.objects.create(
            library=library,
            record=record or make_record(library.network),
            barcode=kw.pop("barcode", f"TV{next(_seq):08d}"),
            **kw,
        )


def make_patron(library: Any, category: str = "adult", **kw: Any) -> Any:
    cats = categories_ensure(network=library.network)
    kw.setdefault("full_name", f"Nguyễn Văn Độc Giả {next(_seq)}")
    kw.setdefault("consent", True)
    if cats[category].needs_guardian:
        kw.setdefault("guardian_consent", True)
        kw.setdefault("guardian_name", "Nguyễn Thị Mẹ")
    return patron_register(library=library, category=cats[category], actor=None, **kw)
