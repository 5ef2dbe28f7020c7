"""A reader's card scanned where the desk expects a copy: the desk says whose card it is (to
staff whose desk may see that reader) and offers to switch readers; it never lends anything."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone
from django_scopes import scopes_disabled

from thuvien.accounts.middleware import ACTIVE_LIBRARY_SESSION_KEY
from thuvien.circulation.models import Loan
from thuvien.circulation.tests.factories import make_patron
from thuvien.patrons.selectors import patron_card_at_desk

pytestmark = pytest.mark.django_db
SCAN = {"HTTP_X_DESK_SCAN": "1"}
OUT = "/staff/circulation/checkout/"


def _client(world, username: str, library) -> Client:
    client = Client()
    client.force_login(world.users[username])
    session = client.session
    session[ACTIVE_LIBRARY_SESSION_KEY] = library.pk
    session.save()
    return client


def test_a_card_in_the_item_box_names_the_reader_and_offers_the_switch(world):
    client = _client(world, "tinh_circulation", world.provincial)
    current = make_patron(world.provincial)
    other = make_patron(world.commune_a, full_name="Trần Thị Thẻ Nhầm")  # same network
    r = client.post(OUT, {"card_number": current.card_number, "barcode": other.card_number}, **SCAN)
    assert r.status_code == 200
    entry = r.json()["entry_html"]
    assert other.card_number in entry and "Trần Thị Thẻ Nhầm" in entry
    assert "thẻ bạn đọc" in entry
    assert "Không tìm thấy tài liệu" not in entry
    assert f'data-switch-reader="{other.card_number}"' in entry
    assert r.json()["card_number"] == current.card_number  # the session stays the current one
    with scopes_disabled():
        assert not Loan.all_objects.filter(patron__in=[current, other]).exists()
    # In English too.
    client.cookies["thuvien_language"] = "en"
    r = client.post(OUT, {"card_number": current.card_number, "barcode": other.card_number}, **SCAN)
    assert "library card of reader" in r.json()["entry_html"]


def test_a_card_the_desk_may_not_see_is_just_not_found(world):
    client = _client(world, "tinh_circulation", world.provincial)
    current = make_patron(world.provincial)
    stranger = make_patron(world.bn_provincial, full_name="Lê Văn Mạng Khác")  # other network
    assert patron_card_at_desk(library=world.provincial, code=stranger.card_number) is None
    assert patron_card_at_desk(library=world.bn_provincial, code=stranger.card_number) == stranger
    r = client.post(
        OUT, {"card_number": current.card_number, "barcode": stranger.card_number}, **SCAN
    )
    entry = r.json()["entry_html"]
    assert "Không tìm thấy tài liệu có mã vạch này." in entry
    assert "Lê Văn Mạng Khác" not in entry and "data-switch-reader" not in entry


def test_without_javascript_the_switch_is_a_link_to_that_readers_card(world):
    client = _client(world, "tinh_circulation", world.provincial)
    current = make_patron(world.provincial)
    other = make_patron(world.provincial)
    r = client.post(OUT, {"card_number": current.card_number, "barcode": other.card_number})
    html = r.content.decode()
    assert f"?card_number={other.card_number}" in html
    r = client.get(OUT, {"card_number": other.card_number})
    assert other.full_name in r.content.decode()


IN = "/staff/circulation/checkin/"
RENEW = "/staff/circulation/renew/"


def _lend(world, patron, **kw):
    from thuvien.circulation.services import loan_checkout
    from thuvien.circulation.tests.factories import make_item
    from thuvien.core.scoping import library_scope

    item = make_item(world.provincial, **kw)
    with library_scope(world.provincial):
        return loan_checkout(item=item, patron=patron, library=world.provincial, staff=None)


def test_a_card_scanned_at_check_in_names_the_reader_and_returns_nothing(world):
    client = _client(world, "tinh_circulation", world.provincial)
    other = make_patron(world.commune_a, full_name="Trần Thị Thẻ Nhầm")
    loan = _lend(world, other)
    r = client.post(IN, {"barcode": other.card_number}, **SCAN)
    entry = r.json()["entry_html"]
    assert other.card_number in entry and "Trần Thị Thẻ Nhầm" in entry
    assert "thẻ bạn đọc" in entry and "Không tìm thấy" not in entry
    assert "Không nhận trả" in entry
    with scopes_disabled():
        assert Loan.all_objects.get(pk=loan.pk).returned_at is None
    # Kept in today's list, after a reload too.
    assert "Trần Thị Thẻ Nhầm" in client.get(IN).content.decode()
    # In English too.
    client.cookies["thuvien_language"] = "en"
    entry = client.post(IN, {"barcode": other.card_number}, **SCAN).json()["entry_html"]
    assert "library card of reader" in entry and "Nothing was returned" in entry


def test_a_card_scanned_at_renewal_offers_that_readers_loans(world):
    client = _client(world, "tinh_circulation", world.provincial)
    other = make_patron(world.commune_a, full_name="Trần Thị Thẻ Nhầm")
    loan = _lend(world, other)
    r = client.post(RENEW, {"barcode": other.card_number}, **SCAN)
    entry = r.json()["entry_html"]
    assert other.card_number in entry and "Trần Thị Thẻ Nhầm" in entry
    assert "Không tìm thấy" not in entry and "Không gia hạn" in entry
    assert f'data-renew="{loan.item.barcode}"' in entry  # the offer: renew that copy
    with scopes_disabled():
        assert Loan.all_objects.get(pk=loan.pk).renewals == 0
        # due today: the renewal below moves it (one on the day of the loan would not)
        Loan.all_objects.filter(pk=loan.pk).update(due_on=timezone.localdate())
    # Without JavaScript the offer is a form that renews that copy.
    html = client.post(RENEW, {"barcode": other.card_number}).content.decode()
    assert f'name="barcode" value="{loan.item.barcode}"' in html
    r = client.post(RENEW, {"barcode": loan.item.barcode}, **SCAN)
    assert "Đã gia hạn" in r.json()["entry_html"]


def test_check_in_and_renew_keep_another_networks_card_unknown(world):
    client = _client(world, "tinh_circulation", world.provincial)
    stranger = make_patron(world.bn_provincial, full_name="Lê Văn Mạng Khác")
    for path in (IN, RENEW):
        entry = client.post(path, {"barcode": stranger.card_number}, **SCAN).json()["entry_html"]
        assert "Không tìm thấy tài liệu có mã vạch này." in entry
        assert "Lê Văn Mạng Khác" not in entry


def test_todays_check_ins_are_headed_by_each_readers_name_and_card(world):
    client = _client(world, "tinh_circulation", world.provincial)
    an = make_patron(world.provincial, full_name="Nguyễn Văn An")
    binh = make_patron(world.provincial, full_name="Lê Thị Bình")
    loans = [_lend(world, an), _lend(world, an), _lend(world, binh)]
    for loan in loans:
        client.post(IN, {"barcode": loan.item.barcode}, **SCAN)
    html = client.get(IN).content.decode()
    heads = re.findall(r'<div class="desk-reader-head"([^>]*)>(.*?)</div>', html, re.S)
    visible = [text for attrs, text in heads if "hidden" not in attrs]
    assert len(heads) == 3 and len(visible) == 2, heads
    assert "Lê Thị Bình" in visible[0] and binh.card_number in visible[0]  # newest first
    assert "Nguyễn Văn An" in visible[1] and an.card_number in visible[1]
    client.cookies["thuvien_language"] = "en"
    assert f"Reader: Lê Thị Bình · {binh.card_number}" in client.get(IN).content.decode()
