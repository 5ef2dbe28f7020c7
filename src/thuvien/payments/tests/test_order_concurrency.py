"""Two taps on "Thanh toán" at the same instant (a double tap on a slow phone line, or the same
page open in two tabs) make one order, and both land on the gateway with the same order.

Real threads, each with its own database connection, POST the pay form as the reader's browser
does. The two requests are made to reach the point of writing the order together, as an
unlucky double tap does: the database layer of each thread (Django's execute wrapper, not our
code) holds the order's INSERT until the other request reaches its own INSERT, or for a few
seconds when the other is kept waiting elsewhere (by a lock). Runs on SQLite and PostgreSQL
(``THUVIEN_DATABASE_URL``)."""

from __future__ import annotations

import copy
import threading
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django_scopes import scopes_disabled

from thuvien.payments.models import Order

from .conftest import make_object, make_reader

pytestmark = pytest.mark.django_db(transaction=True)

HOLD_SECONDS = 3  # how long one request waits at its INSERT for the other to reach its own


class Together:
    """Hold each thread's first INSERT of an order until the other thread's reaches it."""

    def __init__(self) -> None:
        self.barrier = threading.Barrier(2, timeout=HOLD_SECONDS)
        self.local = threading.local()

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if sql.lstrip().upper().startswith('INSERT INTO "PAYMENTS_ORDER"') and not getattr(
                self.local, "held", False):
            self.local.held = True
            try:
                self.barrier.wait()
            except threading.BrokenBarrierError:
                pass  # the other request is kept waiting before its INSERT: go on alone
        return execute(sql, params, many, context)


def _tap_twice(session: Client, path: str) -> list[Any]:
    """The same reader's browser POSTs ``path`` twice at once (same session cookie)."""
    together = Together()
    answers: list[Any] = [None, None]
    errors: list[BaseException] = []

    def tap(n: int) -> None:
        browser = Client()
        browser.cookies = copy.deepcopy(session.cookies)  # one browser: the same session
        try:
            with connection.execute_wrapper(together):
                answers[n] = browser.post(path)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=tap, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return answers


def _ref(response: Any) -> str:
    assert response.status_code == 302, response.content[:300]
    return dict(parse_qsl(urlsplit(response["Location"]).query))["vnp_TxnRef"]


def test_two_taps_at_once_on_pay_make_one_order(world, tmp_path):
    obj = make_object(world, tmp_path)
    user = make_reader(world, "ban_doc_bam_hai_lan")
    session = Client()
    session.force_login(user)

    first, second = _tap_twice(session, f"/payments/digital/{obj.pk}/pay/")

    # both taps go to the gateway with the same order: one payment URL, never a second charge
    assert _ref(first) == _ref(second)
    with scopes_disabled():
        orders = list(Order.all_objects.filter(user=user))
    assert [o.txn_ref for o in orders] == [_ref(first)]
    assert orders[0].status == "pending" and orders[0].amount == 20000


def test_two_taps_at_once_on_pay_for_a_copy_make_one_order(world, tmp_path):
    from thuvien.digital.copies import copy_request_create, copy_request_decide

    obj = make_object(world, tmp_path, access="onsite", price=None, pages=3)
    user = make_reader(world, "ban_doc_sao_chup")
    with scopes_disabled():
        asked = copy_request_create(obj=obj, user=user, pages="1-2", purpose="Nghiên cứu")
        copy_request_decide(request=asked, staff=world.users["tinh_library_admin"],
                            approve=True, reason="")
        asked.refresh_from_db()
    assert asked.status == "awaiting_payment", asked.status
    session = Client()
    session.force_login(user)

    first, second = _tap_twice(session, f"/payments/copies/{asked.pk}/pay/")

    assert _ref(first) == _ref(second)
    with scopes_disabled():
        assert Order.all_objects.filter(user=user).count() == 1
