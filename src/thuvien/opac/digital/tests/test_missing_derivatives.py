"""A digital library whose derivatives are gone (a restore without ``DATA_DIR/digital``, a lost
cache disk): a reader's PDF download and the viewer's tiles still work, rebuilt from the
masters; with the master gone too they answer a clear message, never a 500."""

from __future__ import annotations

import shutil

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from thuvien.digital import derivatives
from thuvien.digital.models import DigitalFile, DigitalObject
from thuvien.digital.services import digital_ingest
from thuvien.digital.storage import masters_storage
from thuvien.digital.tests.booklet import page_image


@pytest.fixture
def restored(world, tmp_path):
    """An open object of two pages whose derivative folder was not restored."""
    folder = tmp_path / "book"
    folder.mkdir()
    for n in (1, 2):
        page_image(f"Trang {n}", folder / f"{n:03d}.png", size=(300, 400), font_size=24)
    with scopes_disabled():
        report = digital_ingest(paths=[folder], library=world.provincial, publish=True)
        obj = DigitalObject.all_objects.get(pk=report.objects[0])
    shutil.rmtree(derivatives.derivative_dir(library_id=obj.library_id, obj_id=obj.pk))
    return obj


@pytest.mark.django_db
def test_pdf_and_tiles_are_rebuilt_from_the_masters(restored):
    obj = restored
    reader = Client()
    tile = reader.get(f"/iiif/3/image/{obj.pk}-2/full/150,/0/default.jpg")
    assert tile.status_code == 200 and tile["Content-Type"] == "image/jpeg"
    pdf = reader.get(f"/digital/{obj.pk}/pdf")
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    for seq in (1, 2):
        assert derivatives.pyramid_path(library_id=obj.library_id, obj_id=obj.pk, seq=seq).exists()


@pytest.mark.django_db
def test_without_the_master_the_reader_gets_a_message(restored):
    obj = restored
    with scopes_disabled():
        master = DigitalFile.all_objects.filter(obj=obj).order_by("id").last()
    masters_storage().delete(master.storage_name)  # page 2's master is lost too
    reader = Client()
    tile = reader.get(f"/iiif/3/image/{obj.pk}-2/full/150,/0/default.jpg")
    assert tile.status_code == 404
    assert tile["Access-Control-Allow-Origin"] == "*"
    assert tile.json() == {
        "error": "image_unavailable",
        "detail": "Ảnh của trang 2 chưa có trên máy chủ và không có tệp gốc để tạo lại.",
    }
    assert reader.get(f"/iiif/3/image/{obj.pk}-1/full/150,/0/default.jpg").status_code == 200
    pdf = reader.get(f"/digital/{obj.pk}/pdf")
    assert pdf.status_code == 503
    text = pdf.content.decode()
    assert "Chưa tạo được tệp PDF của tài liệu này." in text
    assert "Ảnh của trang 2 chưa có trên máy chủ" in text
    english = Client(headers={"Accept-Language": "en"})
    english.cookies["thuvien_language"] = "en"
    page = english.get(f"/digital/{obj.pk}/pdf")
    assert page.status_code == 503
    assert "The PDF of this document could not be made yet." in page.content.decode()
