"""Restricted reading and hidden copies at the desk (issue 19), as the desk staff work: the
staff desk page and the REST desk refuse to lend a restricted-reading copy home, whatever the
override; a copy hidden from the network's readers goes to the owning library's readers only;
another library's desk does not know a copy its staff may not see."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from thuvien.circulation.models import Loan
from thuvien.circulation.tests.factories import make_item, make_patron
from thuvien.network.models import Location

pytestmark = pytest.mark.django_db
REFUSED = "Tài liệu đọc hạn chế"


@pytest.fixture
def desk(world, staff_client):
    return world, staff_client(world.users["tinh_library_admin"], world.provincial)


def _checkout(client, patron, item, **extra):
    return client.post(
        "/staff/circulation/checkout/",
        {"card_number": patron.card_number, "barcode": item.barcode, **extra},
        HTTP_HX_REQUEST="true",
    ).content.decode()


def _api(world, library_code="HY-TINH", user="tinh_circulation"):
    token, _ = Token.objects.get_or_create(user=world.users[user])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_X_LIBRARY=library_code)
    return client


def test_a_restricted_copy_is_not_lent_home_even_with_an_override(desk):
    from thuvien.holdings.services import item_visibility_set, location_visibility_set

    world, client = desk
    admin = world.users["hy_admin"]
    patron = make_patron(world.provincial)
    copy = make_item(world.provincial)
    item_visibility_set(item=copy, visibility="restricted", actor=admin)
    html = _checkout(client, patron, copy)
    assert REFUSED in html and "phòng đọc" in html
    html = _checkout(
        client, patron, copy, override_reason="Bạn đọc cần gấp", action="override"
    )
    assert REFUSED in html
    assert not Loan.all_objects.filter(item=copy).exists()
    # a copy kept in a restricted location is restricted too
    with scopes_disabled():
        room = Location.objects.create(library=world.provincial, code="hc", name_vi="Kho hạn chế")
    location_visibility_set(location=room, visibility="restricted", actor=admin)
    shelved = make_item(world.provincial, location=room)
    assert REFUSED in _checkout(client, patron, shelved)
    # the REST desk says the same, with its stable code
    r = _api(world).post(
        "/api/v1/circulation/checkout/",
        {"card_number": patron.card_number, "barcode": shelved.barcode},
        format="json",
    )
    assert r.status_code == 409 and r.json()["code"] == "item_restricted_reading"
    assert r.json()["detail"].startswith(REFUSED)
    assert not Loan.all_objects.filter(item__in=[copy, shelved]).exists()
    # an ordinary copy of the same location's library still goes out
    assert "Đã cho mượn" in _checkout(client, patron, make_item(world.provincial))


def test_the_library_may_decide_to_lend_restricted_copies(desk):
    from thuvien.holdings.services import item_visibility_set
    from thuvien.network.services.settings import setting_set

    world, client = desk
    patron = make_patron(world.provincial)
    copy = make_item(world.provincial)
    item_visibility_set(item=copy, visibility="restricted", actor=world.users["hy_admin"])
    setting_set(
        key="circulation.lend_restricted_reading",
        value=True,
        actor=world.users["hy_admin"],
        library=world.provincial,
    )
    assert "Đã cho mượn" in _checkout(client, patron, copy)


def test_a_hidden_copy_goes_to_its_own_readers_only(desk):
    from thuvien.holdings.services import item_visibility_set, library_visibility_set

    world, client = desk
    admin = world.users["hy_admin"]
    own_reader = make_patron(world.provincial)
    commune_reader = make_patron(world.commune_a)  # borrows anywhere (the default)
    hidden = make_item(world.provincial)
    item_visibility_set(item=hidden, visibility="hidden", actor=admin)
    html = _checkout(client, commune_reader, hidden)
    assert "chỉ bạn đọc của thư viện đó được mượn" in html
    assert "Đã cho mượn" in _checkout(client, own_reader, hidden)
    # a library open to its own staff lends its copies to its own readers only
    library_visibility_set(library=world.commune_a, visibility="own_staff", actor=admin)
    theirs = make_item(world.commune_a)
    api = _api(world, "HY-TIENLU", "tienlu_circulation")
    r = api.post(
        "/api/v1/circulation/checkout/",
        {"card_number": own_reader.card_number, "barcode": theirs.barcode},
        format="json",
    )
    assert r.status_code == 409 and r.json()["code"] == "item_own_readers_only"
    r = api.post(
        "/api/v1/circulation/checkout/",
        {"card_number": commune_reader.card_number, "barcode": theirs.barcode},
        format="json",
    )
    assert r.status_code == 201, r.content
    # the provincial desk does not know a copy its staff may not see: as an unknown barcode
    other = make_item(world.commune_a)
    unknown = _api(world).post(
        "/api/v1/circulation/checkout/",
        {"card_number": own_reader.card_number, "barcode": "KHONGCO0001"},
        format="json",
    )
    r = _api(world).post(
        "/api/v1/circulation/checkout/",
        {"card_number": own_reader.card_number, "barcode": other.barcode},
        format="json",
    )
    assert r.status_code == unknown.status_code == 404
    assert r.json() == unknown.json()
    assert not Loan.all_objects.filter(item=other).exists()


def test_reading_room_use_under_a_granted_permission(desk):
    """What the desk does instead of lending: the request recorded with its purpose, granted
    with a reason, the copy handed over in the reading room and taken back, each step audited;
    a copy cannot be handed over before the permission is granted."""
    from thuvien.circulation.models import ReadingPermission
    from thuvien.core.models import AuditEntry
    from thuvien.holdings.services import item_visibility_set

    world, client = desk
    patron = make_patron(world.provincial)
    copy = make_item(world.provincial)
    item_visibility_set(item=copy, visibility="restricted", actor=world.users["hy_admin"])
    r = client.post(
        "/staff/circulation/reading/",
        {"action": "request", "barcode": copy.barcode, "card_number": patron.card_number,
         "purpose": "Nghiên cứu lịch sử địa phương"},
    )  # fmt: skip
    assert r.status_code == 302
    permission = ReadingPermission.all_objects.get(item=copy)
    r = client.post(
        "/staff/circulation/reading/", {"action": "hand_out", "pk": permission.pk}, follow=True
    )
    assert "chưa được cho phép" in r.content.decode()
    client.post(
        "/staff/circulation/reading/",
        {"action": "decide", "pk": permission.pk, "granted": "1", "reason": "Có giấy giới thiệu"},
    )
    r = client.post(
        "/staff/circulation/reading/", {"action": "hand_out", "pk": permission.pk}, follow=True
    )
    page = r.content.decode()
    assert "Đang đọc tại phòng đọc" in page
    permission.refresh_from_db()
    assert permission.handed_out_at is not None and permission.returned_at is None
    client.post("/staff/circulation/reading/", {"action": "take_back", "pk": permission.pk})
    permission.refresh_from_db()
    assert permission.returned_at is not None
    assert not Loan.all_objects.filter(item=copy).exists()  # read in the room, never lent
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "circulation.reading_permission.handed_out",
        "circulation.reading_permission.returned",
    } <= actions
