"""The harvester's staff pages: network administrators add a partner, start a harvest and read
the run's report; library staff and other networks' partners get nothing."""

from __future__ import annotations

import pytest

from thuvien.harvest.models import HarvestRun, Partner
from thuvien.harvest.services import partner_create


@pytest.fixture
def admin(world, staff_client):
    return staff_client(world.users["hy_admin"], world.provincial)


def test_a_network_admin_adds_a_partner_and_reads_a_run(admin, world):
    page = admin.get("/staff/harvest/new/")
    assert page.status_code == 200
    bad = admin.post(
        "/staff/harvest/new/",
        {"name": "DSpace", "base_url": "ftp://x", "metadata_prefix": "oai_dc",
         "target": "partner", "interval_hours": 24},
    )  # fmt: skip
    assert bad.status_code == 200 and Partner.objects.count() == 0
    response = admin.post(
        "/staff/harvest/new/",
        {"name": "Kho luận văn Đại học Thái Nguyên", "base_url": "https://dspace.example.edu/oai",
         "metadata_prefix": "oai_dc", "set_spec": "", "target": "partner",
         "interval_hours": 24, "is_active": "on"},
    )  # fmt: skip
    partner = Partner.objects.get()
    assert response.status_code == 302 and partner.network == world.hung_yen
    assert partner.next_run_at is not None
    run = HarvestRun.objects.create(
        partner=partner, status="done", came=3, created=2, refused=1,
        refusals=[{"identifier": "oai:x:1", "reason": "Biểu ghi không có nhan đề."}],
    )  # fmt: skip
    listing = admin.get("/staff/harvest/").content.decode()
    assert "Kho luận văn Đại học Thái Nguyên" in listing
    detail = admin.get(f"/staff/harvest/{partner.pk}/").content.decode()
    assert "dspace.example.edu" in detail
    report = admin.get(f"/staff/harvest/runs/{run.pk}/").content.decode()
    assert "Biểu ghi không có nhan đề." in report and "oai:x:1" in report


def test_library_staff_and_other_networks_see_nothing(world, staff_client):
    other = partner_create(
        network=world.bac_ninh, name="BN", base_url="https://bn.example.org/oai",
        metadata_prefix="marc21",
    )  # fmt: skip
    admin = staff_client(world.users["hy_admin"], world.provincial)
    assert admin.get(f"/staff/harvest/{other.pk}/").status_code == 404
    librarian = staff_client(world.users["tinh_library_admin"], world.provincial)
    assert librarian.get("/staff/harvest/").status_code == 403
