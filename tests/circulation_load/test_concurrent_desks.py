"""Two desks scanning the same copy at the same moment: exactly one loan.

Real concurrent transactions on PostgreSQL: many threads, each with its own database
connection, call ``loan_checkout`` / ``loan_checkin`` on a small set of shared copies. At the
end no copy is lent twice, every successful check-in closed exactly one loan, and each copy's
status agrees with its open loan. (SQLite serialises writers by design; the same property is
checked through the web server in ``test_concurrent_http.py``.)
"""

from __future__ import annotations

import random
import threading
from collections import Counter

import pytest
from django.db import connection, connections

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8
COPIES = 24
ROUNDS = 25


def _require_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("real row locks are exercised on PostgreSQL (SQLite serialises writers)")


@pytest.fixture
def floor():
    """Committed data: the world, copies at Tiên Lữ, one reader per desk thread."""
    _require_postgres()
    from django_scopes import scopes_disabled

    from thuvien.circulation.tests.factories import make_item, make_patron, make_record
    from thuvien.conftest import build_world
    from thuvien.sip2.tests.conftest import ensure_builtin_roles

    ensure_builtin_roles()
    world = build_world()
    with scopes_disabled():
        record = make_record(world.hung_yen, title="Tắt đèn")
        items = [make_item(world.commune_a, record, barcode=f"C{n:04d}") for n in range(COPIES)]
        readers = [make_patron(world.commune_a) for _ in range(THREADS)]
    return world, items, readers


def _run(threads: list[threading.Thread]) -> None:
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a desk thread hung"


def _desk(fn):
    """Run ``fn`` in a thread with its own connection, closed at the end; collect errors."""
    errors: list[BaseException] = []

    def target(*args):
        try:
            fn(*args)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connections.close_all()

    return target, errors


def _services(via_desk: bool):
    """Check-out and check-in as the services are called: with the copy object in hand, or as
    the REST desk, the staff desk and SIP2 call them (``desk_checkout``: the copy read by
    barcode and locked, ``SELECT ... FOR UPDATE OF`` in one prepared statement, inside the
    service's own atomic block)."""
    from thuvien.circulation.services import (
        desk_checkin,
        desk_checkout,
        loan_checkin,
        loan_checkout,
    )

    if not via_desk:
        return loan_checkout, loan_checkin

    def checkout(*, item, patron, library, staff):
        return desk_checkout(library=library, barcode=item.barcode, patron=patron, staff=staff)

    def checkin(*, item, library, staff):
        return desk_checkin(library=library, barcode=item.barcode, staff=staff)

    return checkout, checkin


@pytest.mark.parametrize("via_desk", [False, True], ids=["service", "desk-path"])
def test_same_copy_scanned_at_once_gives_one_loan(floor, via_desk):
    from django_scopes import scopes_disabled

    from thuvien.circulation.errors import CirculationError
    from thuvien.circulation.models import Loan

    loan_checkout, _ = _services(via_desk)

    world, items, readers = floor
    staff = world.users["tienlu_circulation"]
    start = threading.Barrier(THREADS)
    wins: Counter[int] = Counter()
    refusals: Counter[str] = Counter()
    lock = threading.Lock()

    def desk(reader):
        order = items[:]
        random.Random(reader.pk).shuffle(order)
        start.wait()
        with scopes_disabled():
            for item in order:
                try:
                    loan_checkout(item=item, patron=reader, library=world.commune_a, staff=staff)
                except CirculationError as exc:
                    with lock:
                        refusals[exc.code] += 1
                else:
                    with lock:
                        wins[item.pk] += 1

    target, errors = _desk(desk)
    _run([threading.Thread(target=target, args=(r,)) for r in readers])
    assert not errors, errors
    assert set(wins.values()) == {1} and len(wins) == COPIES  # every copy lent exactly once
    assert set(refusals) <= {"item_already_on_loan", "loan_limit_reached"}
    with scopes_disabled():
        open_loans = Counter(
            Loan.all_objects.filter(returned_at__isnull=True).values_list("item_id", flat=True)
        )
    assert set(open_loans.values()) == {1} and len(open_loans) == COPIES


@pytest.mark.parametrize("via_desk", [False, True], ids=["service", "desk-path"])
def test_mixed_checkouts_and_checkins_lose_nothing(floor, via_desk):
    """Without the row lock two desks taking back one copy would both close its loan: the
    counts of successful check-ins and closed loans below would differ."""
    from django_scopes import scopes_disabled

    from thuvien.circulation.errors import CirculationError
    from thuvien.circulation.models import Loan
    from thuvien.holdings.models import Item

    loan_checkout, loan_checkin = _services(via_desk)

    world, items, readers = floor
    staff = world.users["tienlu_circulation"]
    start = threading.Barrier(THREADS)
    checkouts: Counter[int] = Counter()
    checkins: Counter[int] = Counter()
    lock = threading.Lock()
    hot = items[:6]  # few copies, many desks: collisions are the point

    def desk(reader):
        rng = random.Random(reader.pk * 7)
        start.wait()
        with scopes_disabled():
            for _ in range(ROUNDS):
                item = rng.choice(hot)
                try:
                    if rng.random() < 0.5:
                        loan_checkout(
                            item=item, patron=reader, library=world.commune_a, staff=staff
                        )
                        with lock:
                            checkouts[item.pk] += 1
                    else:
                        loan_checkin(item=item, library=world.commune_a, staff=staff)
                        with lock:
                            checkins[item.pk] += 1
                except CirculationError:
                    pass

    target, errors = _desk(desk)
    _run([threading.Thread(target=target, args=(r,)) for r in readers])
    assert not errors, errors
    assert sum(checkouts.values()) > 0 and sum(checkins.values()) > 0
    with scopes_disabled():
        for item in hot:
            loans = Loan.all_objects.filter(item=item)
            open_count = loans.filter(returned_at__isnull=True).count()
            assert open_count <= 1, f"{item.barcode} lent twice"
            assert loans.count() == checkouts[item.pk]  # every success made one loan
            # Every successful check-in closed exactly one loan: none lost, none doubled.
            assert loans.filter(returned_at__isnull=False).count() == checkins[item.pk]
            assert checkouts[item.pk] - checkins[item.pk] == open_count
            status = Item._base_manager.get(pk=item.pk).status
            assert (status == "on_loan") == (open_count == 1)
