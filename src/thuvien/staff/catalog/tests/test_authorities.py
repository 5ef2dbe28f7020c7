"""Authorities in the staff pages: create, find, link matching records, edit, merge."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thuvien.catalog.models import Authority, Record, RecordAuthority
from thuvien.core.models import AuditEntry


def _heading_values(record: Record, tag: str) -> list[str]:
    return [
        sub["a"]
        for field in record.marc["fields"]
        for sub in field.get(tag, {}).get("subfields", [])
        if "a" in sub
    ]


def _create(client, **data) -> Authority:
    response = client.post(
        reverse("catalog:authorities"),
        {"kind": "personal", "heading": "Tô Hoài", "dates": "", "variants": "", **data},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return Authority.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


def test_create_find_without_tone_marks_and_refuse_an_empty_heading(world, cataloguer):
    authority = _create(cataloguer, dates="1920-2014", variants="Nguyễn Sen\n\n")
    assert authority.network == world.hung_yen and authority.variants == ["Nguyễn Sen"]
    page = cataloguer.get(reverse("catalog:authorities"), {"q": "to hoai"}).content.decode()
    assert "Tô Hoài" in page and "1920-2014" in page
    bad = cataloguer.post(reverse("catalog:authorities"), {"kind": "personal", "heading": " "})
    assert bad.status_code == 400 and Authority.objects.count() == 1


def test_link_matching_records_then_edit_the_heading(world, cataloguer, make_record):
    linked = make_record("Dế Mèn phiêu lưu ký", author="Tô Hoài")
    variant = make_record("Vợ chồng A Phủ", author="Nguyễn Sen")
    only_title = make_record("Tô Hoài: con người và tác phẩm", author="Vân Thanh")
    other_network = make_record("Sách Bắc Ninh", author="Tô Hoài", network=world.bac_ninh)
    authority = _create(cataloguer, variants="Nguyễn Sen")
    url = reverse("catalog:authority-detail", args=[authority.pk])

    response = cataloguer.post(url, {"action": "link"}, follow=True)
    assert response.content.decode().count("Đã liên kết thêm 2 biểu ghi thư mục.") == 1
    assert set(RecordAuthority.objects.values_list("record_id", flat=True)) == {
        linked.pk,
        variant.pk,
    }
    assert not RecordAuthority.objects.filter(record__in=[only_title, other_network]).exists()
    # linking again changes nothing and says so
    again = cataloguer.post(url, {"action": "link"}, follow=True).content.decode()
    assert "Đã liên kết thêm 0 biểu ghi thư mục." in again

    response = cataloguer.post(
        url, {"action": "update", "heading": "Tô Hoài (Nguyễn Sen)", "dates": "1920-2014"}
    )
    assert response.status_code == 302
    for record in (linked, variant):
        record.refresh_from_db()
        assert _heading_values(record, "100") == ["Tô Hoài (Nguyễn Sen)"]
        assert "Tô Hoài (Nguyễn Sen)" in record.authors
    only_title.refresh_from_db()
    assert _heading_values(only_title, "100") == ["Vân Thanh"]
    authority.refresh_from_db()
    assert "Tô Hoài" in authority.variants  # the old heading is kept as a "see from"
    assert AuditEntry.objects.filter(action="catalog.authority.linked").count() == 2


def test_merge_into_another_authority(world, cataloguer, make_record):
    record = make_record("Vợ chồng A Phủ", author="Nguyễn Sen")
    source = _create(cataloguer, heading="Nguyễn Sen")
    target = _create(cataloguer, heading="Tô Hoài")
    source_url = reverse("catalog:authority-detail", args=[source.pk])
    cataloguer.post(source_url, {"action": "link"})
    response = cataloguer.post(source_url, {"action": "merge", "target": target.pk})
    assert response.status_code == 302
    assert not Authority.objects.filter(pk=source.pk).exists()
    record.refresh_from_db()
    assert _heading_values(record, "100") == ["Tô Hoài"]
    target_url = reverse("catalog:authority-detail", args=[target.pk])
    missing = cataloguer.post(target_url, {"action": "merge", "target": 999999})
    assert missing.status_code == 400
    assert "Không tìm thấy biểu ghi chuẩn." in missing.content.decode()


def test_oversight_reads_but_cannot_change(world, cataloguer, staff_client):
    authority = _create(cataloguer)
    oversight = staff_client(world.users["hy_oversight"], world.provincial)
    url = reverse("catalog:authority-detail", args=[authority.pk])
    page = oversight.get(url)
    assert page.status_code == 200 and 'value="update"' not in page.content.decode()
    refused = oversight.post(url, {"action": "update", "heading": "Khác"})
    assert refused.status_code == 403
    authority.refresh_from_db()
    assert authority.heading == "Tô Hoài"


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_networks_authority_is_404(world, cataloguer, method):
    from thuvien.catalog.services import authority_create

    other = authority_create(network=world.bac_ninh, kind="personal", heading="Người Bắc Ninh")
    url = reverse("catalog:authority-detail", args=[other.pk])
    assert getattr(cataloguer, method)(url, {"action": "link"}).status_code == 404
    listing = cataloguer.get(reverse("catalog:authorities")).content.decode()
    assert "Người Bắc Ninh" not in listing


def test_creating_the_same_heading_twice_is_refused_with_a_link(world, cataloguer):
    first = _create(cataloguer)
    response = cataloguer.post(
        reverse("catalog:authorities"),
        {"kind": "personal", "heading": "tô hoài", "dates": "", "variants": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Đã có biểu ghi chuẩn “Tô Hoài”" in page
    assert reverse("catalog:authority-detail", args=[first.pk]) in page
    assert Authority.objects.count() == 1
