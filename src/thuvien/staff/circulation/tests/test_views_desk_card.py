"""A reader's card scanned where the desk expects a copy: the desk says whose card it is (to
staff whose desk may see that reader) and offers to switch readers; it never lends anything."""

from __future__ import annotations

import pytest
from django.test import Client
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
