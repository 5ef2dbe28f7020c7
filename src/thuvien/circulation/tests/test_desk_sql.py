"""The desk's prepared reads (built with ``core.db``) give what the ORM gives, stay inside the
network, and lock only inside a transaction."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from thuvien.circulation.selectors import patron_for_desk
from thuvien.core.errors import NotFound
from thuvien.holdings.item_sql import desk_item_for_update, desk_item_locked, desk_items
from thuvien.patrons.models import Patron

from .factories import make_item, make_patron

pytestmark = pytest.mark.django_db


def test_desk_item_is_the_orm_item_with_its_relations(world):
    item = make_item(world.commune_a, price=125000, call_number="895.92 NG-D")
    with transaction.atomic():
        got = desk_item_for_update(library=world.provincial, barcode=f"  {item.barcode} ")
        with scopes_disabled():
            orm = desk_items().get(pk=item.pk)
        assert model_to_dict(got) == model_to_dict(orm)
        assert (got.created_at, got.updated_at) == (orm.created_at, orm.updated_at)
        # Read with the copy, as select_related would: no further query.
        with CaptureQueriesContext(connection) as out:
            seen = (got.record.title, got.library.code, got.library.network.code)
        assert len(out) == 0
        assert seen == (orm.record.title, world.commune_a.code, world.hung_yen.code)


def test_desk_item_stays_in_the_network(world):
    item = make_item(world.provincial)
    with transaction.atomic(), pytest.raises(NotFound):
        desk_item_for_update(library=world.bn_provincial, barcode=item.barcode)


@pytest.mark.django_db(transaction=True)
def test_desk_item_is_locked_only_inside_a_transaction():
    """In autocommit the lock would end with the statement: refused, as Django refuses
    ``select_for_update`` there."""
    with pytest.raises(TransactionManagementError):
        desk_item_locked(barcode="B0000001", network_id=1)
    with transaction.atomic():
        assert desk_item_locked(barcode="NO-SUCH-COPY", network_id=1) is None


def test_desk_patron_by_card(world):
    patron = make_patron(world.commune_b)
    got = patron_for_desk(library=world.provincial, card_number=patron.card_number.lower())
    with scopes_disabled():
        orm = Patron.all_objects.select_related("category").get(pk=patron.pk)
    for name in ("pk", "library_id", "network_id", "card_number", "expires_on", "blocked_reason"):
        assert getattr(got, name) == getattr(orm, name)
    assert got.category.code == orm.category.code
    assert got.full_name == orm.full_name  # a column not read at first is loaded on use
    with pytest.raises(NotFound) as refused:  # a reader of another province is unknown here
        patron_for_desk(library=world.bn_provincial, card_number=patron.card_number)
    assert refused.value.code == "patron_not_found"
    with scopes_disabled():
        Patron.all_objects.filter(pk=patron.pk).update(is_anonymised=True)
    with pytest.raises(NotFound):
        patron_for_desk(library=world.provincial, card_number=patron.card_number)
    with pytest.raises(NotFound):
        patron_for_desk(library=world.provincial, card_number="  ")


def test_desk_writes_are_the_orm_rows_and_keep_the_one_open_loan_constraint(world):
    """``core.db.prepared_insert``/``prepared_update`` write what ``create`` and
    ``save(update_fields)`` write; a second open loan of a copy is still refused by
    ``one_open_loan_per_item``."""
    from django.db import DatabaseError, IntegrityError
    from django.utils import timezone

    from thuvien.circulation.models import Loan
    from thuvien.core.db import prepared_insert, prepared_update

    item = make_item(world.provincial)
    patron = make_patron(world.provincial)
    now = timezone.now()
    fields = {"library": world.provincial, "item": item, "patron": patron, "issued_at": now}
    loan = prepared_insert(Loan(**fields, due_on=now.date(), patron_category="adult"))
    assert loan.pk and not loan._state.adding
    with scopes_disabled():
        stored = Loan.all_objects.get(pk=loan.pk)
    assert model_to_dict(stored) == model_to_dict(loan)
    with pytest.raises(IntegrityError), transaction.atomic():
        prepared_insert(Loan(**fields, due_on=now.date()))
    loan.returned_at, loan.returned_library = now, world.commune_a
    prepared_update(loan, ["returned_at", "returned_library"])
    stored.refresh_from_db()
    assert (stored.returned_at, stored.returned_library_id) == (now, world.commune_a.pk)
    gone = Loan(pk=loan.pk + 1000, returned_at=now)  # as save(update_fields): a lost row fails
    with pytest.raises(DatabaseError), transaction.atomic():
        prepared_update(gone, ["returned_at"])
