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
