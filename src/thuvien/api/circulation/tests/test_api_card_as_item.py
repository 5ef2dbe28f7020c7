"""A desk client sends a reader's card number as the copy's barcode: the API answers its own
documented code (``circulation.barcode_is_patron_card``, 404: no copy has that barcode) with
the card number and a plain message, in Vietnamese or English; nothing is lent, returned or
renewed. Another network's card stays a plain ``item_not_found``."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from thuvien.circulation.models import Loan
from thuvien.circulation.tests.factories import make_item, make_patron

pytestmark = pytest.mark.django_db
CODE = "circulation.barcode_is_patron_card"


@pytest.fixture
def api(world):
    token = Token.objects.create(user=world.users["tinh_circulation"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_X_LIBRARY="HY-TINH")
    return client


def test_a_card_number_as_the_barcode_has_its_own_code(world, api):
    current = make_patron(world.provincial)
    other = make_patron(world.commune_a, full_name="Trần Thị Thẻ Nhầm")
    item = make_item(world.provincial)
    lend = {"card_number": other.card_number, "barcode": item.barcode}
    r = api.post("/api/v1/circulation/checkout/", lend, format="json")
    assert r.status_code == 201, r.content
    for path, body in (
        ("checkout", {"card_number": current.card_number, "barcode": other.card_number}),
        ("checkin", {"barcode": other.card_number}),
        ("renew", {"barcode": other.card_number.lower()}),
    ):
        r = api.post(f"/api/v1/circulation/{path}/", body, format="json")
        assert r.status_code == 404, (path, r.content)
        assert r.json()["code"] == CODE, path
        assert r.json()["card_number"] == other.card_number
        assert "thẻ bạn đọc" in r.json()["detail"] and other.card_number in r.json()["detail"]
    with scopes_disabled():
        loan = Loan.all_objects.get(patron=other)
        assert loan.returned_at is None and loan.renewals == 0
        assert not Loan.all_objects.filter(patron=current).exists()
    api.cookies["thuvien_language"] = "en"
    r = api.post("/api/v1/circulation/checkin/", {"barcode": other.card_number}, format="json")
    assert r.json()["code"] == CODE and "library card" in r.json()["detail"], r.json()


def test_another_networks_card_is_just_no_copy(world, api):
    current = make_patron(world.provincial)
    stranger = make_patron(world.bn_provincial, full_name="Lê Văn Mạng Khác")
    r = api.post("/api/v1/circulation/checkout/",
                 {"card_number": current.card_number, "barcode": stranger.card_number},
                 format="json")  # fmt: skip
    assert r.status_code == 404 and r.json()["code"] == "item_not_found"
    assert stranger.card_number not in r.content.decode()
    r = api.post("/api/v1/circulation/renew/", {"barcode": stranger.card_number}, format="json")
    assert r.status_code == 404 and r.json()["code"] == "item_not_found"


def test_the_schema_documents_the_code(world):
    r = APIClient().get("/api/v1/schema/")
    assert r.status_code == 200
    text = r.content.decode()
    assert CODE in text
