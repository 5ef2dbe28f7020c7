"""A digital library whose derivatives are gone (a restore without ``DATA_DIR/digital``, a lost
cache disk): the viewer's tiles still work, rebuilt from the masters; a reader's PDF download
queues the rebuild on the worker and asks him to come back shortly (the request does no image
work), then downloads the PDF; with the master gone too they answer a clear message, never a
500."""

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
def test_tiles_are_rebuilt_from_the_masters(restored):
    obj = restored
    tile = Client().get(f"/iiif/3/image/{obj.pk}-2/full/150,/0/default.jpg")
    assert tile.status_code == 200 and tile["Content-Type"] == "image/jpeg"
    assert derivatives.pyramid_path(library_id=obj.library_id, obj_id=obj.pk, seq=2).exists()


@pytest.fixture
def queue():
    """Huey with a real queue (in memory) instead of the suite's immediate mode: what the web
    request queues stays there until the test runs it as the worker would."""
    from huey.contrib.djhuey import HUEY
    from huey.storage import MemoryStorage

    saved = HUEY.storage, HUEY._immediate
    HUEY.storage, HUEY._immediate = MemoryStorage(name="pdf-rebuild-test"), False
    yield HUEY
    HUEY.storage, HUEY._immediate = saved


@pytest.mark.django_db
def test_the_pdf_download_queues_the_rebuild_and_asks_to_come_back(restored, queue):
    obj = restored
    pyramids = [derivatives.pyramid_path(library_id=obj.library_id, obj_id=obj.pk, seq=seq)
                for seq in (1, 2)]
    reader = Client()
    first = reader.get(f"/digital/{obj.pk}/pdf")
    assert first.status_code == 503
    assert int(first["Retry-After"]) > 0
    text = first.content.decode()
    assert "Tệp PDF của tài liệu này đang được chuẩn bị. Vui lòng thử lại sau ít phút." in text
    assert not any(p.exists() for p in pyramids)  # no page was drawn in the request
    assert queue.pending_count() == 1
    english = Client(headers={"Accept-Language": "en"})
    english.cookies["thuvien_language"] = "en"
    page = english.get(f"/digital/{obj.pk}/pdf")
    assert page.status_code == 503
    assert "The PDF of this document is being prepared." in page.content.decode()
    assert not any(p.exists() for p in pyramids)

    for task in [queue.dequeue() for _ in range(queue.pending_count())]:
        queue._immediate = True  # run here, on the test's database connection
        queue.execute(task)  # what the worker does
        queue._immediate = False
    assert all(p.exists() for p in pyramids)
    pdf = reader.get(f"/digital/{obj.pk}/pdf")
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


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
