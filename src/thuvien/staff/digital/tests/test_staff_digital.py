"""Staff pages of the digital library: who may use them, the ingest form, editing an object,
correcting a page's text; another library's object is a 404."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_scopes import scopes_disabled

from thuvien.core.models import Job
from thuvien.digital.models import DigitalObject, Page, UsageCount
from thuvien.digital.services import digital_ingest
from thuvien.digital.tests.booklet import page_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def obj(world, tmp_path):
    path = page_image("Trang thử", tmp_path / "p.png", size=(320, 240), font_size=24)
    with scopes_disabled():
        report = digital_ingest(paths=[path], library=world.provincial, title="Tài liệu thử")
        return DigitalObject.all_objects.get(pk=report.objects[0])


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_only_digitisers_and_admins(world, digitiser):
    assert _client(world.users["tinh_circulation"]).get("/staff/digital/").status_code == 403
    assert _client(digitiser).get("/staff/digital/").status_code == 200
    assert _client(world.users["tinh_library_admin"]).get("/staff/digital/").status_code == 200


def test_ingest_form_queues_a_job(world, digitiser, tmp_path, django_capture_on_commit_callbacks):
    image = page_image("Một trang", tmp_path / "a.png", size=(300, 200), font_size=20)
    client = _client(digitiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/staff/digital/ingest/", {
            "files": [SimpleUploadedFile("a.png", image.read_bytes(), "image/png")],
            "title": "Tờ rơi", "ocr": "", "access": "open", "publish": "on",
        })
    assert response.status_code == 302
    job = Job.objects.get(kind="digital.ingest")
    assert job.status == Job.Status.DONE and job.result["pages"] == 1
    assert not Path(job.params["upload_dir"]).exists()  # the upload's copy is gone
    with scopes_disabled():
        assert DigitalObject.all_objects.get(title="Tờ rơi").published
    # no file: a clear error, nothing queued
    assert client.post("/staff/digital/ingest/", {"ocr": ""}).status_code == 400


def test_job_page_names_a_duplicate_row(world, digitiser, tmp_path,
                                       django_capture_on_commit_callbacks):
    """A batch whose second CSV row has the same scan as the first: the job page says which
    row was not ingested and why, in Vietnamese and in English; the good rows are kept."""
    one = page_image("Tập một", tmp_path / "tap1.png", size=(300, 200), font_size=20).read_bytes()
    three = page_image("Tập ba", tmp_path / "tap3.png", size=(300, 200), font_size=20)
    sheet = ("file,title\ntap1.png,Tập 1\ntap2.png,Tập 2\ntap3.png,Tập 3\n").encode()
    client = _client(digitiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/staff/digital/ingest/", {
            "files": [SimpleUploadedFile("tap1.png", one, "image/png"),
                      SimpleUploadedFile("tap2.png", one, "image/png"),
                      SimpleUploadedFile("tap3.png", three.read_bytes(), "image/png"),
                      SimpleUploadedFile("meta.csv", sheet, "text/csv")],
            "title": "", "ocr": "", "access": "open",
        })
    assert response.status_code == 302
    job = Job.objects.get(kind="digital.ingest")
    with scopes_disabled():
        first = DigitalObject.all_objects.get(title="Tập 1")
        assert sorted(DigitalObject.all_objects.values_list("title", flat=True)) == [
            "Tập 1", "Tập 3"]
    page = client.get(response["Location"]).content.decode()
    assert "Dòng không được tiếp nhận (tệp trùng)" in page
    assert (f"Dòng meta.csv:3 không được tiếp nhận: các tệp giống hệt dòng meta.csv:2 (tài liệu "
            f"số {first.pk}); siêu dữ liệu của dòng này bị bỏ qua.") in page
    assert "Số dòng không được tiếp nhận vì tệp trùng: 1" in page
    client.cookies["thuvien_language"] = "en"
    page = client.get(f"/staff/jobs/{job.pk}/").content.decode()
    assert "Rows not ingested (duplicate files)" in page
    assert (f"Row meta.csv:3 was not ingested: its files are identical to those of row "
            f"meta.csv:2 (digital object {first.pk}); this row&#x27;s metadata was dropped."
            ) in page
    assert "Rows not ingested because their files are duplicates: 1" in page


def test_edit_object_and_correct_text(world, digitiser, obj):
    client = _client(digitiser)
    assert client.get(f"/staff/digital/{obj.pk}/").status_code == 200
    response = client.post(f"/staff/digital/{obj.pk}/", {"title": "Tên mới", "access":
                                                        "registered", "published": "on"})
    assert response.status_code == 302
    obj.refresh_from_db()
    assert (obj.title, obj.access, obj.published) == ("Tên mới", "registered", True)
    response = client.post(f"/staff/digital/{obj.pk}/page/1/", {"text": "Chữ đúng"})
    assert response.status_code == 302
    with scopes_disabled():
        assert Page.all_objects.get(obj=obj).text == "Chữ đúng"


def test_other_library_object_is_404(world, obj):
    other = _client(world.users["bn_library_admin"])
    assert other.get(f"/staff/digital/{obj.pk}/").status_code == 404
    assert other.get(f"/staff/digital/{obj.pk}/bag").status_code == 404


def test_views_and_downloads_are_counted(world, obj):
    from thuvien.digital.services import object_update

    object_update(obj=obj, actor=None, published=True)
    client = Client()
    assert client.get(f"/digital/{obj.pk}/").status_code == 200
    response = client.get(f"/digital/{obj.pk}/pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"
    with scopes_disabled():
        usage = UsageCount.all_objects.get(obj=obj)
    assert (usage.views, usage.downloads) == (1, 1)
