"""A reader cannot queue for what no desk would lend him (issue 19): a title whose copies are
all in restricted reading (read in the reading room by permission) or hidden from readers of
other libraries refuses the hold on the portal's hold page, in words, and keeps no hold; a
title with one lendable copy still takes it. A restricted copy handed back at a desk is not
trapped for a reader waiting on its title."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from thuvien.circulation.models import Hold, HoldStatus
from thuvien.circulation.tests.factories import make_item, make_record

from .test_views import login

pytestmark = pytest.mark.django_db


def _restrict(item, world, visibility="restricted"):
    from thuvien.holdings.services import item_visibility_set

    item_visibility_set(item=item, visibility=visibility, actor=world.users["hy_admin"])


def _ask(client, record, pickup):
    url = reverse("opac_account:hold_place") + f"?record={record.pk}"
    return client.post(url, {"pickup": pickup.pk})


def test_a_title_held_only_in_restricted_reading_refuses_the_hold(client, readers):
    world = readers["world"]
    with scopes_disabled():
        record = make_record(world.hung_yen, title="Địa chí Hưng Yên (bản lưu)")
        copy = make_item(world.provincial, record)
    _restrict(copy, world)
    login(client, readers["dao"])
    response = _ask(client, record, world.commune_a)
    text = response.content.decode()
    assert response.status_code == 400
    assert "Tài liệu đọc hạn chế" in text and "phòng đọc" in text
    assert not Hold.all_objects.filter(record=record).exists()
    # a second copy that can go home: the hold is taken
    with scopes_disabled():
        make_item(world.commune_b, record)
    assert _ask(client, record, world.commune_a).status_code == 302
    assert Hold.all_objects.filter(record=record, patron=readers["dao"]).count() == 1


def test_a_title_hidden_from_other_libraries_readers_refuses_their_hold(client, readers):
    world = readers["world"]
    with scopes_disabled():
        record = make_record(world.hung_yen, title="Tài liệu nội bộ")
        copy = make_item(world.commune_b, record)
    _restrict(copy, world, "hidden")
    login(client, readers["dao"])  # a reader of commune A
    response = _ask(client, record, world.commune_a)
    if response.status_code != 404:  # the record itself may not even be shown to him
        assert response.status_code == 400
        assert "chỉ bạn đọc của thư viện đó được mượn" in response.content.decode()
    assert not Hold.all_objects.filter(record=record).exists()


def test_a_restricted_copy_checked_in_is_not_trapped_for_a_hold(readers):
    from thuvien.circulation.services import hold_place
    from thuvien.circulation.services.loans import desk_checkin, desk_checkout

    world = readers["world"]
    staff = world.users["hy_admin"]
    with scopes_disabled():
        record = make_record(world.hung_yen, title="Bản đồ cổ Phố Hiến")
        lendable = make_item(world.commune_a, record)
        restricted = make_item(world.commune_a, record)
        for copy in (lendable, restricted):  # both out with another reader
            desk_checkout(library=world.commune_a, patron=readers["binh"],
                          barcode=copy.barcode, staff=staff)
        hold = hold_place(patron=readers["dao"], pickup_library=world.commune_a,
                          actor=world.users["hy_admin"], record=record)
    _restrict(restricted, world)
    desk_checkin(library=world.commune_a, barcode=restricted.barcode,
                 staff=world.users["hy_admin"])
    hold.refresh_from_db()
    assert hold.status == HoldStatus.QUEUED and hold.item_id is None
    desk_checkin(library=world.commune_a, barcode=lendable.barcode,
                 staff=world.users["hy_admin"])
    hold.refresh_from_db()
    assert hold.status == HoldStatus.READY and hold.item_id == lendable.pk
