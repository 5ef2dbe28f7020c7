"""Searching and reading the catalogue from the staff pages."""

from __future__ import annotations

from django.urls import reverse

from thuvien.holdings.services import item_create


def test_search_with_and_without_tone_marks(world, cataloguer, make_record):
    make_record("Dế Mèn phiêu lưu ký", author="Tô Hoài", isbn="9786042088213")
    make_record("Số đỏ", author="Vũ Trọng Phụng")
    for q in ("phiêu lưu", "phieu luu", "to hoai", "DE MEN"):
        page = cataloguer.get(reverse("catalog:search"), {"q": q}).content.decode()
        assert "Dế Mèn phiêu lưu ký" in page, q
        assert "Số đỏ" not in page, q
    page = cataloguer.get(reverse("catalog:search"), {"q": "978-604-2088-21-3"}).content.decode()
    assert "Dế Mèn phiêu lưu ký" in page and "Số đỏ" not in page


def test_search_takes_fields_phrases_and_reports_a_bad_query(world, cataloguer, make_record):
    make_record("Dế Mèn phiêu lưu ký", author="Tô Hoài")
    make_record("Tô Hoài và tuổi thơ", author="Nguyễn Văn A")
    page = cataloguer.get(reverse("catalog:search"), {"q": "au:to hoai"}).content.decode()
    assert "Dế Mèn phiêu lưu ký" in page and "Tô Hoài và tuổi thơ" not in page
    page = cataloguer.get(reverse("catalog:search"), {"q": '"phieu luu ky"'}).content.decode()
    assert "Dế Mèn phiêu lưu ký" in page
    response = cataloguer.get(reverse("catalog:search"), {"q": '"phieu luu'})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_scanning_a_barcode_opens_the_record_of_that_copy(world, cataloguer, make_record):
    record = make_record("Dế Mèn phiêu lưu ký", author="Tô Hoài")
    other = make_record("Số đỏ", author="Vũ Trọng Phụng")
    item_create(record=record, library=world.provincial, barcode="HYT0042")
    item_create(record=other, library=world.commune_a, barcode="TLU0042")
    response = cataloguer.get(reverse("catalog:search"), {"q": "hyt0042"})
    assert response.status_code == 302
    assert response["Location"] == reverse("catalog:record-detail", args=[record.pk])
    # another library's copy is not the desk's: no jump to it
    response = cataloguer.get(reverse("catalog:search"), {"q": "TLU0042"})
    assert response.status_code == 200 and "Số đỏ" not in response.content.decode()


def test_search_stays_inside_the_network(world, cataloguer, make_record):
    make_record("Sách của Bắc Ninh", network=world.bac_ninh)
    page = cataloguer.get(reverse("catalog:search"), {"q": "bac ninh"}).content.decode()
    assert "Sách của Bắc Ninh" not in page


def test_record_page_shows_display_marc_and_only_own_library_items(world, cataloguer, make_record):
    record = make_record("Dế Mèn phiêu lưu ký", author="Tô Hoài")
    item_create(record=record, library=world.provincial, barcode="HYT0001")
    item_create(record=record, library=world.commune_a, barcode="TLU0001")
    response = cataloguer.get(reverse("catalog:record-detail", args=[record.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tô Hoài" in page and "=245  10$aDế Mèn phiêu lưu ký" in page
    assert "HYT0001" in page and "TLU0001" not in page


def test_another_networks_record_is_404(world, cataloguer, make_record):
    other = make_record("Sách của Bắc Ninh", network=world.bac_ninh)
    for name in (
        "catalog:record-detail",
        "catalog:record-form",
        "catalog:marc-editor",
        "catalog:item-add",
    ):
        assert cataloguer.get(reverse(name, args=[other.pk])).status_code == 404, name


def test_access(world, staff_client, make_record):
    record = make_record()
    url = reverse("catalog:record-detail", args=[record.pk])
    assert (
        staff_client(world.users["tinh_circulation"], world.provincial).get(url).status_code == 403
    )
    oversight = staff_client(world.users["hy_oversight"], world.provincial)
    page = oversight.get(url)
    assert page.status_code == 200
    assert reverse("catalog:marc-editor", args=[record.pk]) not in page.content.decode()
    # Oversight reads, never writes.
    post = oversight.post(reverse("catalog:marc-editor", args=[record.pk]), {"leader": "x"})
    assert post.status_code == 403


def test_isbn_10_and_13_with_or_without_hyphens_find_the_record(world, cataloguer, make_record):
    make_record("Sách khoa học", isbn="9780306406157")  # ISBN-10 0-306-40615-2
    make_record("Số đỏ", author="Vũ Trọng Phụng")
    for q in ("0306406152", "0-306-40615-2", "9780306406157", "978-0-306-40615-7", "030640615"):
        page = cataloguer.get(reverse("catalog:search"), {"q": q}).content.decode()
        assert "Sách khoa học" in page, q
        assert "Số đỏ" not in page, q
