"""Each role's dashboard leads to its work, and a page offers only the buttons its reader may
use: the same declaration decides both (``{% allowed %}`` reads the view's ``requires``)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thuvien.accounts.models import Membership, Role, User
from thuvien.circulation.models import LoanRule
from thuvien.circulation.tests.factories import make_patron

pytestmark = pytest.mark.django_db


@pytest.fixture
def patron_manager(world):
    user = User.objects.create_user(
        username="tinh_patron_manager", password="mat-khau-dai-123", full_name="Vũ Thị Lan"
    )
    Membership.objects.create(
        user=user,
        network=world.hung_yen,
        library=world.provincial,
        role=Role.objects.get(code="patron_manager"),
    )
    return user


def _tiles(response):
    return [t["name"] for t in response.context["tiles"]]


def test_reader_manager_sees_the_readers_work_and_it_opens(world, staff_client, patron_manager):
    client = staff_client(patron_manager, world.provincial)
    tiles = _tiles(client.get(reverse("dashboard:home")))
    assert "circulation:patron-list" in tiles and "circulation:patron-create" in tiles
    assert "circulation:checkout" not in tiles and "people:list" not in tiles
    for name in tiles:  # every tile opens
        assert client.get(reverse(name)).status_code == 200, name
    patron = make_patron(world.provincial)
    page = client.get(reverse("circulation:patron-detail", args=[patron.pk])).content.decode()
    assert "Sửa thông tin" in page and "Gia hạn thẻ" in page
    assert "Cho mượn" not in page.split('class="circ-nav"')[1]  # no desk for this role
    assert "Báo mất" not in page


def test_circulation_staff_see_no_edit_on_a_reader(world, staff_client):
    client = staff_client(world.users["tinh_circulation"], world.provincial)
    tiles = _tiles(client.get(reverse("dashboard:home")))
    assert tiles[:3] == ["circulation:checkout", "circulation:checkin", "circulation:renew"]
    assert "circulation:patron-create" not in tiles and "people:list" not in tiles
    patron = make_patron(world.provincial)
    page = client.get(reverse("circulation:patron-detail", args=[patron.pk])).content.decode()
    assert reverse("circulation:patron-edit", args=[patron.pk]) not in page
    assert "Gia hạn thẻ" not in page and "Khóa thẻ" not in page
    assert client.get(reverse("circulation:patron-edit", args=[patron.pk])).status_code == 403
    listing = client.get(reverse("circulation:patron-list")).content.decode()
    assert reverse("circulation:patron-create") not in listing


def test_cataloguer_and_admin_dashboards(world, staff_client):
    tiles = _tiles(
        staff_client(world.users["tinh_cataloguer"], world.provincial).get(
            reverse("dashboard:home")
        )
    )
    assert tiles == [
        "catalog:search", "catalog:import", "oversight:stocktakes", "oversight:registers",
        "oversight:weedings",
    ]
    admin_tiles = _tiles(
        staff_client(world.users["tinh_library_admin"], world.provincial).get(
            reverse("dashboard:home")
        )
    )
    assert {"people:list", "people:audit", "circulation:rules", "network:index"} <= set(admin_tiles)
    assert {
        "oversight:library-evaluations", "oversight:library-report", "oversight:year-figures",
        "oversight:training",
    } <= set(admin_tiles)
    assert "oversight:training-network" not in admin_tiles
    assert "oversight:overview" not in admin_tiles  # the network's figures are the inspector's


def test_loan_rules_show_labels_and_delete_only_what_one_may(world, staff_client):
    network_rule = LoanRule.objects.create(
        network=world.hung_yen, patron_category="child", fine_per_day=1000, fine_cap=50000
    )
    own = LoanRule.objects.create(
        network=world.hung_yen, library=world.provincial, item_type="textbook", loan_days=120
    )
    client = staff_client(world.users["tinh_library_admin"], world.provincial)
    page = client.get(reverse("circulation:rules")).content.decode()
    for code in (">child<", ">textbook<", ">*<", "1000 50000"):
        assert code not in page
    assert "Thiếu nhi" in page and "Sách giáo khoa" in page and "Tất cả" in page
    assert "1.000 đ" in page and "50.000 đ" in page
    assert reverse("circulation:rule-delete", args=[network_rule.pk]) not in page
    assert reverse("circulation:rule-delete", args=[own.pk]) in page
    assert (
        client.post(reverse("circulation:rule-delete", args=[network_rule.pk])).status_code == 403
    )
    confirm = client.get(reverse("circulation:rule-delete", args=[own.pk]))
    assert confirm.status_code == 200 and LoanRule.objects.filter(pk=own.pk).exists()
    client.post(reverse("circulation:rule-delete", args=[own.pk]))
    assert not LoanRule.objects.filter(pk=own.pk).exists()
    # The network admin deletes the network's rule, after confirming.
    net = staff_client(world.users["hy_admin"], world.provincial)
    assert (
        reverse("circulation:rule-delete", args=[network_rule.pk])
        in net.get(reverse("circulation:rules")).content.decode()
    )


def test_removing_a_role_asks_first(world, staff_client):
    client = staff_client(world.users["tinh_library_admin"], world.provincial)
    membership = Membership.objects.get(user=world.users["tinh_cataloguer"])
    url = reverse("people:remove", args=[membership.pk])
    assert url in client.get(reverse("people:list")).content.decode()
    r = client.get(url)
    assert r.status_code == 200 and "Bỏ vai trò?" in r.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()
    client.post(url)
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_oversight_reads_but_is_not_offered_the_desk(world, staff_client):
    client = staff_client(world.users["hy_oversight"], world.provincial)
    tiles = _tiles(client.get(reverse("dashboard:home")))
    assert "circulation:checkout" not in tiles and "circulation:patron-create" not in tiles
    # Nor the pages of readers' data (the readers, circulation reports, the audit log), nor
    # the management of people; the library's rules and annual report stay hers to read.
    assert not {"circulation:patron-list", "circulation:reports", "people:audit"} & set(tiles)
    assert not {"circulation:deletion-requests", "people:list"} & set(tiles)
    assert {"circulation:rules", "oversight:library-report", "network:index"} <= set(tiles)
    # The inspector's own work leads from the dashboard (issue 16: it reached only the log).
    assert {"oversight:overview", "oversight:targets", "oversight:evaluations"} <= set(tiles)
    assert "oversight:stocktakes" not in tiles and "oversight:library-evaluations" not in tiles
    assert "oversight:training-network" in tiles
    assert "oversight:weedings" not in tiles and "oversight:training" not in tiles


def test_dashboard_in_english(world, staff_client):
    client = staff_client(world.users["tinh_circulation"], world.provincial)
    client.post("/i18n/setlang/", {"language": "en", "next": "/staff/"})
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "Scan the reader&#x27;s card, then the books." in page or "Scan the reader" in page
    assert "Quét thẻ" not in page
