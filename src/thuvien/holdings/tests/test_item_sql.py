"""The copies written in batches (``holdings.item_sql.insert_items``) are the rows the ORM
writes: every column of ``Item`` taken from the model, the defaults included."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from django.forms.models import model_to_dict
from django_scopes import scopes_disabled

from thuvien.catalog.models import Record
from thuvien.holdings.item_sql import insert_items, item_records_by_barcode
from thuvien.holdings.models import Item

pytestmark = pytest.mark.django_db


def test_a_batch_copy_is_the_orm_copy(world):
    record = Record.objects.create(network=world.hung_yen, marc={"leader": "", "fields": []})
    given = {
        "record_id": record.pk,
        "library_id": world.provincial.pk,
        "call_number": "895.92 NG-D",
        "price": Decimal("125000"),
        "acquired_on": dt.date(2024, 3, 1),
        "notes": "Tặng",
    }
    with transaction.atomic():
        insert_items([{**given, "barcode": "BATCH-1"}])
    with scopes_disabled():
        batch = Item.objects.get(barcode="BATCH-1")
        orm = Item.objects.create(
            record=record,
            library=world.provincial,
            barcode="ORM-1",
            call_number="895.92 NG-D",
            price=Decimal("125000"),
            acquired_on=dt.date(2024, 3, 1),
            notes="Tặng",
        )
    skip = {"id", "barcode", "status_changed_at"}  # a batch stamps it: the copy is new
    got = {k: v for k, v in model_to_dict(batch).items() if k not in skip}
    want = {k: v for k, v in model_to_dict(orm).items() if k not in skip}
    assert got == want  # status, item type, visibility: the model's defaults
    assert batch.created_at and batch.updated_at and batch.status_changed_at
    assert item_records_by_barcode(["BATCH-1", "NONE"]) == {"BATCH-1": record.pk}


def test_a_batch_copy_without_a_required_column_is_refused(world):
    with pytest.raises(ValueError, match="record"), transaction.atomic():
        insert_items([{"library_id": world.provincial.pk, "barcode": "X-1"}])
