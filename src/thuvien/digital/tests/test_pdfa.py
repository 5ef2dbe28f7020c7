"""The downloadable PDF of an OCR'd object is PDF/A-2b with its text layer: made by the worker
with ocrmypdf (Ghostscript), cached, and checked (XMP PDF/A identification with pikepdf, text
with pdftotext). The reader downloads it from the portal as usual."""

from __future__ import annotations

import pikepdf
import pytest
from django.test import Client
from django_scopes import scopes_disabled

from thuvien.digital.models import DigitalObject, Page
from thuvien.digital.pdfa import pdfa_build, pdfa_check, pdfa_ready
from thuvien.digital.services import digital_ingest, object_update, page_text_correct
from thuvien.digital.tests.booklet import booklet_folder

pytestmark = pytest.mark.django_db


@pytest.fixture
def ocred(world, tmp_path, django_capture_on_commit_callbacks):
    folder = booklet_folder(tmp_path / "booklet", pages=[
        "Phố Hiến là thương cảng\nsầm uất bậc nhất", "Chùa Chuông nổi tiếng"])
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        report = digital_ingest(paths=[folder], library=world.provincial, ocr_language="vie")
        obj = DigitalObject.all_objects.get(pk=report.objects[0])
        object_update(obj=obj, actor=None, published=True)
    return obj


def test_the_download_becomes_pdfa_with_the_text(world, ocred):
    with scopes_disabled():
        assert Page.all_objects.filter(obj=ocred, ocr_status="done").count() == 2
    assert pdfa_ready(ocred) is None
    client = Client()
    first = client.get(f"/digital/{ocred.pk}/pdf")  # queues the worker (immediate in tests)
    assert first.status_code == 200
    path = pdfa_ready(ocred)
    assert path is not None
    check = pdfa_check(path)
    assert (check.part, check.conformance, check.pages) == ("2", "B", 2)
    assert "thương cảng" in check.text and "Chùa Chuông" in check.text
    second = client.get(f"/digital/{ocred.pk}/pdf")
    body = b"".join(second.streaming_content)
    assert body == path.read_bytes()  # the cached PDF/A is what the reader gets
    with pikepdf.open(path) as pdf:
        assert pdf.open_metadata().get("dc:title") == ocred.title


def test_corrected_text_makes_a_new_pdfa(world, ocred):
    with scopes_disabled():
        first = pdfa_build(ocred)
        page = Page.all_objects.get(obj=ocred, seq=2)
        page_text_correct(page=page, text="Chùa Chuông ở Phố Hiến, Hưng Yên", actor=None)
        second = pdfa_build(ocred)
    assert second != first and not first.exists()
    assert "Hưng Yên" in pdfa_check(second).text
