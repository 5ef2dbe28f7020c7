"""Every MARC file passes the screening service before its preview (issue 17): malware and
files that are not MARC are refused with the reason, quarantined, and nothing is written."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from thuvien.catalog.models import Record
from thuvien.catalog.uploads import upload_dir
from thuvien.screening.models import QuarantinedFile
from thuvien.testing.clamav import EICAR

from .test_import_robustness import BATCH_XML, upload

pytestmark = pytest.mark.django_db


def _left_waiting() -> set[Path]:
    """Uploads waiting (other tests of this process may have left theirs)."""
    return {p for p in upload_dir().iterdir() if p.is_file()}


def test_eicar_as_a_marc_file_is_refused_and_quarantined(world, cataloguer, clamav):
    before = _left_waiting()
    response = upload(cataloguer, "sach.mrc", EICAR)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tệp có mã độc" in page and "Thuvien.Test.EICAR" in page
    assert Record.objects.count() == 0 and _left_waiting() == before
    row = QuarantinedFile.objects.get()
    assert (row.code, row.purpose, row.declared_name) == ("malware", "marc_import", "sach.mrc")
    assert row.actor_id == world.users["tinh_cataloguer"].pk


def test_a_picture_named_mrc_is_refused_by_its_content(world, cataloguer, clamav):
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "PNG")
    before = _left_waiting()
    response = upload(cataloguer, "ban-ghi.mrc", out.getvalue())
    assert response.status_code == 400
    assert "Nội dung tệp là ảnh" in response.content.decode()
    assert _left_waiting() == before


def test_refusal_is_explained_in_english(world, cataloguer, clamav):
    cataloguer.cookies["thuvien_language"] = "en"
    response = upload(cataloguer, "sach.mrc", EICAR)
    assert "The file contains malware" in response.content.decode()


def test_a_clean_marc_file_goes_to_its_preview(world, cataloguer, clamav):
    response = upload(cataloguer, "batch.xml", BATCH_XML.read_bytes())
    assert response.status_code == 200 and "token" in response.context
    assert not QuarantinedFile.objects.exists()


def test_the_command_refuses_eicar_before_reading_anything(world, tmp_path, clamav):
    bad = tmp_path / "sach.mrc"
    bad.write_bytes(EICAR)
    with pytest.raises(CommandError, match="mã độc"):
        call_command("import_marc", str(BATCH_XML), str(bad), network=world.hung_yen.code)
    assert Record.objects.count() == 0  # the clean file given first was not imported either
    assert QuarantinedFile.objects.get().purpose == "marc_import"


def test_the_upload_goes_through_the_storage_api(world, cataloguer, clamav, settings, tmp_path):
    """The upload page writes through Django's storage API: the storage configured for
    uploads (a volume the worker machines share) receives the file the job will read."""
    shared = tmp_path / "shared-uploads"
    settings.STORAGES = {
        **settings.STORAGES,
        "catalog_uploads": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(shared)},
        },
    }
    response = upload(cataloguer, "batch.xml", BATCH_XML.read_bytes())
    assert response.status_code == 200
    waiting = cataloguer.session["thuvien_catalog_imports"][response.context["token"]]
    stored = Path(waiting["path"])
    assert stored.parent == shared and stored.read_bytes() == BATCH_XML.read_bytes()
