"""Masters live on the storage named "masters", which in production is an object store with no
local paths. Here it is Django's ``InMemoryStorage`` (a real storage without ``path()``, as an
S3 bucket is): the digitisation librarian uploads scans through the staff page, replaces a
page, a reader reads the tiles and the recording, the fixity audit re-reads the masters and
catches one changed in the store, a bag carries them out. The default storage (where masters
used to be written) receives nothing, and a file the screening refuses never reaches the
masters' storage."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_scopes import scopes_disabled

from thuvien.core.models import Job
from thuvien.digital.models import DigitalFile, DigitalObject, Page
from thuvien.digital.storage import masters_storage, upload_storage
from thuvien.digital.tests.booklet import page_image

pytestmark = pytest.mark.django_db

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


@pytest.fixture
def object_store(settings, tmp_path):
    # an empty default storage of its own: earlier tests of this process left files there
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "masters": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    store = masters_storage()
    name = store.save("probe.txt", ContentFile(b"x"))
    assert not Path(store.path(name)).exists()  # no file on this machine's disk, as S3
    store.delete(name)
    return store


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _files_on_disk(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_masters_go_to_the_masters_storage(world, digitiser, object_store, tmp_path,
                                           django_capture_on_commit_callbacks):
    client = _client(digitiser)
    scans = [page_image(f"Trang {n}", tmp_path / f"{n:03d}.png", size=(320, 240), font_size=20)
             for n in (1, 2)]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/staff/digital/ingest/", {
            "files": [SimpleUploadedFile(p.name, p.read_bytes(), "image/png") for p in scans],
            "title": "Địa chí thử", "ocr": "", "access": "open", "publish": "on",
        })
    assert response.status_code == 302
    job = Job.objects.get(kind="digital.ingest")
    assert job.status == Job.Status.DONE and job.result["pages"] == 2, job.result
    with scopes_disabled():
        obj = DigitalObject.all_objects.get(title="Địa chí thử")
        files = list(DigitalFile.all_objects.filter(obj=obj).order_by("id"))
    assert len(files) == 2
    for dfile, scan in zip(files, scans, strict=True):
        with object_store.open(dfile.storage_name, "rb") as fh:
            assert fh.read() == scan.read_bytes()
        assert not default_storage.exists(dfile.storage_name)
    assert _files_on_disk(Path(default_storage.path(f"digital/{obj.library_id}/{obj.pk}"))) == []
    # the upload waiting for the job is gone once the masters are kept
    assert _files_on_disk(Path(upload_storage().path(""))) == []

    # a reader sees the page: derivatives were made from a temporary copy of the master
    reader = Client()
    manifest = reader.get(f"/iiif/3/{obj.pk}/manifest").json()
    service = manifest["items"][0]["items"][0]["items"][0]["body"]["service"][0]["id"]
    tile = reader.get(service.split("testserver")[1] + "/full/160,/0/default.jpg")
    assert tile.status_code == 200 and tile["Content-Type"] == "image/jpeg"

    # the librarian replaces page 2: the new master joins the store, the old one stays
    new = page_image("Trang 2 chụp lại", tmp_path / "new.png", size=(360, 260), font_size=20)
    with scopes_disabled():
        page = Page.all_objects.get(obj=obj, seq=2)
    response = client.post(f"/staff/digital/{obj.pk}/pages/{page.pk}/replace",
                           {"file": SimpleUploadedFile("new.png", new.read_bytes(), "image/png")})
    assert response.status_code == 302, response.content.decode()[:400]
    with scopes_disabled():
        page.refresh_from_db()
        replacement = page.file
    assert object_store.exists(replacement.storage_name)
    assert object_store.exists(files[1].storage_name)
    assert page.width == 360
    assert _files_on_disk(Path(upload_storage().path(""))) == []

    # the fixity audit reads the store; a master changed there is caught
    object_store.delete(files[0].storage_name)
    object_store.save(files[0].storage_name, ContentFile(b"not the scan"))
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        client.post("/staff/digital/fixity/")
    audit = Job.objects.filter(kind="digital.fixity").latest("id")
    assert audit.result["checked"] == 3, audit.result
    with scopes_disabled():
        assert [f.fixity_ok for f in DigitalFile.all_objects.filter(obj=obj).order_by("id")] \
            == [False, True, True]

    # the bag carries the masters out of the store
    bag = client.get(f"/staff/digital/{obj.pk}/bag")
    assert bag.status_code == 200
    import io
    import zipfile

    names = zipfile.ZipFile(io.BytesIO(b"".join(bag.streaming_content))).namelist()
    assert any(n.endswith("/masters/new.png") for n in names), names


def test_refused_upload_never_reaches_the_masters(world, digitiser, object_store, clamav,
                                                   tmp_path):
    client = _client(digitiser)
    scan = page_image("Trang 1", tmp_path / "001.png", size=(320, 240), font_size=20)
    from thuvien.digital.services import digital_ingest

    with scopes_disabled():
        obj_id = digital_ingest(paths=[scan], library=world.provincial, title="Sách").objects[0]
        page = Page.all_objects.get(obj_id=obj_id, seq=1)
    folder = f"digital/{world.provincial.pk}/{obj_id}/masters"
    before = object_store.listdir(folder)
    assert len(before[1]) == 1
    response = client.post(f"/staff/digital/{obj_id}/pages/{page.pk}/replace",
                           {"file": SimpleUploadedFile("virus.png", EICAR, "image/png")})
    assert response.status_code == 400
    with scopes_disabled():
        assert DigitalFile.all_objects.filter(obj_id=obj_id).count() == 1
    assert object_store.listdir(folder) == before
    assert _files_on_disk(Path(upload_storage().path(""))) == []
