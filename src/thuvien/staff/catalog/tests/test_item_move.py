"""Moving a copy to another library of the network from its edit page (issue 15): only staff
who edit copies in both libraries, or a network administrator, may; the list offers only the
libraries they may move it to; a lent copy is refused with a clear message; the move is
audited and the record leaves the old library's OAI-PMH set."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from thuvien.accounts.models import Membership, Role
from thuvien.catalog.models import RecordSetLeave
from thuvien.core.models import AuditEntry
from thuvien.holdings.errors import HoldingsError, HoldingsErrorCode
from thuvien.holdings.models import Item, ItemStatus
from thuvien.holdings.services import item_create, item_status_change, item_update


def _copy(world, make_record, barcode: str = "HYMOVE1"):
    record = make_record()
    return item_create(record=record, library=world.provincial, barcode=barcode)


def _library_of(item) -> int:
    with scopes_disabled():
        return Item.objects.get(pk=item.pk).library_id


def _options(page: str, world) -> set[str]:
    """The library codes of those offered in the move form's list (by name, as the library
    switcher names them)."""
    libraries = (world.provincial, world.commune_a, world.commune_b, world.school)
    every = (*libraries, world.bn_provincial)
    start = page.find('id="id_library"')
    form = page[start : page.find("</select>", start)] if start >= 0 else ""
    return {lib.code for lib in every if f">{lib.name_vi}</option>" in form}


def test_a_cataloguer_of_both_libraries_moves_a_copy(world, staff_client, make_record):
    user = world.users["tinh_cataloguer"]
    Membership.objects.create(
        user=user, network=world.hung_yen, library=world.commune_a,
        role=Role.objects.get(code="cataloguer"),
    )  # fmt: skip
    item = _copy(world, make_record)
    client = staff_client(user, world.provincial)
    edit = client.get(reverse("catalog:item-edit", args=[item.pk])).content.decode()
    url = reverse("catalog:item-move", args=[item.pk])
    assert url in edit  # the edit page offers the move
    page = client.get(url).content.decode()
    assert "Chuyển đến thư viện" in page
    assert _options(page, world) == {"HY-TIENLU"}  # not the libraries it may not edit

    response = client.post(url, {"library": world.commune_a.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("catalog:record-detail", args=[item.record_id])
    assert _library_of(item) == world.commune_a.pk
    entries = AuditEntry.objects.filter(action="holdings.item.moved")
    assert {e.library_id for e in entries} == {world.provincial.pk, world.commune_a.pk}
    assert all(e.actor_id == user.pk and "library" in e.changes for e in entries)
    followed = client.get(response["Location"]).content.decode()
    assert "Đã chuyển bản sao HYMOVE1 sang Thư viện xã Tiên Lữ." in followed
    assert RecordSetLeave.objects.filter(record_id=item.record_id, set_spec="library:HY-TINH")
    # the copy is the other library's now: its old library's page no longer offers the move
    # but says where the copy went (the person works there too)
    again = client.get(url)
    assert again.status_code == 302
    assert again["Location"] == reverse("catalog:record-detail", args=[item.record_id])
    told = client.get(again["Location"]).content.decode()
    assert (
        "Bản sao HYMOVE1 không còn ở Thư viện tỉnh Hưng Yên: nó đã được chuyển sang "
        "Thư viện xã Tiên Lữ." in told
    )


def test_a_cataloguer_of_one_library_is_offered_nothing_and_cannot_force_it(
    world, cataloguer, make_record
):
    item = _copy(world, make_record)
    url = reverse("catalog:item-move", args=[item.pk])
    assert url not in cataloguer.get(reverse("catalog:item-edit", args=[item.pk])).content.decode()
    page = cataloguer.get(url).content.decode()
    assert _options(page, world) == set()
    assert "Không có thư viện nào khác trong mạng lưới" in page
    response = cataloguer.post(url, {"library": world.commune_a.pk})
    assert response.status_code == 400  # not a choice it has: nothing moves
    assert _library_of(item) == world.provincial.pk
    moves = ["holdings.item.updated", "holdings.item.moved"]
    assert not AuditEntry.objects.filter(action__in=moves).exists()


def test_a_network_administrator_moves_to_any_library_of_the_network(
    world, staff_client, make_record
):
    item = _copy(world, make_record)
    client = staff_client(world.users["hy_admin"], world.provincial)
    url = reverse("catalog:item-move", args=[item.pk])
    page = client.get(url).content.decode()
    assert _options(page, world) == {"HY-TIENLU", "HY-PHOHIEN", "HY-THPT"}  # not Bắc Ninh
    response = client.post(url, {"library": world.bn_provincial.pk})
    assert response.status_code == 400
    assert client.post(url, {"library": world.school.pk}).status_code == 302
    assert _library_of(item) == world.school.pk


def test_a_lent_copy_is_refused_with_a_clear_message(world, staff_client, make_record):
    item = _copy(world, make_record)
    item_status_change(item=item, status=ItemStatus.ON_LOAN)
    client = staff_client(world.users["hy_admin"], world.provincial)
    url = reverse("catalog:item-move", args=[item.pk])
    assert "hãy xử lý ở quầy lưu thông trước khi chuyển" in client.get(url).content.decode()
    response = client.post(url, {"library": world.commune_a.pk})
    assert response.status_code == 400
    assert "Bản sao đang được mượn" in response.content.decode()
    assert _library_of(item) == world.provincial.pk
    assert not RecordSetLeave.objects.filter(record_id=item.record_id)


def test_staff_without_the_capability_or_of_another_library_are_refused(
    world, staff_client, make_record
):
    item = _copy(world, make_record)
    url = reverse("catalog:item-move", args=[item.pk])
    circulation = staff_client(world.users["tinh_circulation"], world.provincial)
    assert circulation.get(url).status_code == 403
    assert circulation.post(url, {"library": world.commune_a.pk}).status_code == 403
    other = staff_client(world.users["tienlu_cataloguer"], world.commune_a)
    assert other.get(url).status_code == 404  # another library's copy: as if none
    assert other.post(url, {"library": world.commune_a.pk}).status_code == 404
    bac_ninh = staff_client(world.users["bn_cataloguer"], world.bn_provincial)
    assert bac_ninh.post(url, {"library": world.bn_provincial.pk}).status_code == 404
    assert _library_of(item) == world.provincial.pk


def test_the_move_page_in_english(world, staff_client, make_record, settings):
    item = _copy(world, make_record)
    client = staff_client(world.users["hy_admin"], world.provincial)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("catalog:item-move", args=[item.pk])).content.decode()
    assert "Move to library" in page and "Move copy" in page
    assert "Chuyển đến thư viện" not in page


def test_both_libraries_read_the_move_in_their_audit_log(world, staff_client, make_record):
    """The head of the library a copy left opens the audit log and reads that it moved, and
    where to (before, the entry was filed under the receiving library only, as "Sửa bản sao":
    a copy vanished from the giving library's log); the receiving library reads it too, and an
    ordinary edit of a copy stays "Sửa bản sao"."""
    item = _copy(world, make_record)
    mover = staff_client(world.users["hy_admin"], world.provincial)
    url = reverse("catalog:item-move", args=[item.pk])
    assert mover.post(url, {"library": world.commune_a.pk}).status_code == 302
    for head, library in (
        ("tinh_library_admin", world.provincial),  # the copy left
        ("tienlu_library_admin", world.commune_a),  # the copy joined
    ):
        log = staff_client(world.users[head], library).get(reverse("people:audit"))
        html = log.content.decode()
        assert "<td>Bản sao được chuyển sang thư viện khác</td>" in html, head
        assert "HYMOVE1" in html and "Thư viện xã Tiên Lữ" in html, head
    other = staff_client(world.users["phohien_library_admin"], world.commune_b)
    assert "HYMOVE1" not in other.get(reverse("people:audit")).content.decode()


def test_the_service_refuses_a_move_the_person_may_not_make(world, make_record):
    """The rule is holdings', not the screen's: a caller that skips the screen's list (another
    interface, a forged form) is refused by ``item_update`` itself, and nothing moves."""
    item = _copy(world, make_record, barcode="HYMOVE9")
    with pytest.raises(HoldingsError) as refused:
        item_update(item=item, library=world.commune_a, actor=world.users["tinh_cataloguer"])
    assert refused.value.code == HoldingsErrorCode.MOVE_NOT_ALLOWED
    assert _library_of(item) == world.provincial.pk
    # a network administrator may
    moved = item_update(item=item, library=world.commune_a, actor=world.users["hy_admin"])
    assert moved.library_id == world.commune_a.pk
