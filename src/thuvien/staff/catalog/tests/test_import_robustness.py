"""Import robustness as a cataloguer meets it (issues 12 and 17): a MARCXML file with a DOCTYPE
entity, a very large file at the preview, uploads that must leave the disk, and a job that ends
with what it did and a report that always says something."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from thuvien.catalog.models import Record
from thuvien.catalog.uploads import upload_dir
from thuvien.core.models import Job

DATA = Path(__file__).resolve().parents[5] / ".." / "shared" / "data" / "marc"
BATCH_XML = DATA / "pymarc-tests" / "test__batch.xml"
UVA = DATA / "solrmarc-tests" / "uva_001_2000.mrc"
AUTHORITY = DATA / "mrrc-testbed" / "authority__sample.mrc"


def _with_entity(source: Path) -> bytes:
    """A real MARCXML file with a harmless internal entity declared, as some tools write."""
    text = source.read_bytes()
    head, rest = text.split(b"?>", 1) if text.startswith(b"<?xml") else (b"", text)
    doctype = b'<!DOCTYPE collection [ <!ENTITY a "x"> ]>'
    return (head + b"?>" if head else b"") + b"\n" + doctype + rest


def upload(client, name: str, data: bytes, **extra):
    return client.post(
        reverse("catalog:import"),
        {
            "file": SimpleUploadedFile(name, data),
            "fmt": "",
            "match_rules": ["isbn", "035", "001"],
            "on_match": "keep",
            "library": "",
            **extra,
        },
    )


def test_an_entity_in_the_doctype_is_a_reported_error_not_a_500(world, cataloguer):
    response = upload(cataloguer, "entity.xml", _with_entity(BATCH_XML))
    assert response.status_code == 200
    page = response.content.decode()
    assert "DOCTYPE" in page and "ENTITY" in page
    assert Record.objects.count() == 0


def test_the_command_reports_the_entity_file_and_imports_the_good_ones(world, tmp_path):
    bad = tmp_path / "entity.xml"
    bad.write_bytes(_with_entity(BATCH_XML))
    report_path = tmp_path / "report.csv"
    out = io.StringIO()
    call_command(
        "import_marc", str(bad), str(BATCH_XML), network=world.hung_yen.code,
        report=str(report_path), stdout=out,
    )  # fmt: skip
    assert Record.objects.filter(network=world.hung_yen).count() == 2  # the good file's records
    rows = list(csv.reader(report_path.open(encoding="utf-8")))
    assert any(row[1] == "entity.xml" and "ENTITY" in row[3] for row in rows)
    assert "entity.xml" in out.getvalue()
    assert "Đã nhập xong" in out.getvalue() and "lỗi 1" in out.getvalue()


@pytest.mark.slow
def test_a_large_file_is_previewed_from_a_bounded_prefix(world, cataloguer):
    data = UVA.read_bytes() * 20  # 40,000 real records, ~ 40 MB
    response = upload(cataloguer, "large.mrc", data)
    assert response.status_code == 200
    report = response.context["report"]
    assert report.truncated and report.read == 1000
    assert 'id="preview-truncated"' in response.content.decode()
    # The bound is the record count read (not a wall-clock limit, which a busy machine breaks):
    # benchmarks/catalog_import.py measures the time.


def test_a_new_upload_replaces_the_waiting_one_and_old_uploads_are_swept(world, cataloguer):
    first = upload(cataloguer, "a.xml", BATCH_XML.read_bytes())
    first_path = Path(cataloguer.session["thuvien_catalog_imports"][first.context["token"]]["path"])
    assert first_path.is_file()
    second = upload(cataloguer, "b.xml", BATCH_XML.read_bytes())
    assert not first_path.exists()  # abandoned for another file
    second_path = Path(
        cataloguer.session["thuvien_catalog_imports"][second.context["token"]]["path"]
    )
    from thuvien.catalog.uploads import uploads_sweep

    eight_hours_ago = time.time() - 8 * 3600
    import os

    os.utime(second_path, (eight_hours_ago, eight_hours_ago))
    assert uploads_sweep() >= 1 and not second_path.exists()
    assert upload_dir().is_dir()


def test_job_ends_with_counts_and_a_report_that_lists_every_failed_record(
    world, cataloguer, django_capture_on_commit_callbacks
):
    name = "test__three-records-second-bad.xml"
    path = DATA / "ruby-marc-tests" / name
    response = upload(cataloguer, name, path.read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        cataloguer.post(reverse("catalog:import-preview", args=[response.context["token"]]))
    job = Job.objects.get(kind="catalog.import")
    assert job.status == Job.Status.DONE, job.error
    assert "tạo mới" in job.message and "lỗi 1" in job.message, job.message
    assert "Đã đọc" not in job.message
    rows = list(csv.reader(io.StringIO(job.report.read().decode())))
    failed = [r for r in rows[1:] if r[2] == "Lỗi"]
    assert len(failed) == job.result["failed"] == 1
    assert failed[0][0] == "2" and failed[0][3]


def test_a_clean_import_report_says_there_were_no_errors(
    world, cataloguer, django_capture_on_commit_callbacks
):
    response = upload(cataloguer, "batch.xml", BATCH_XML.read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        cataloguer.post(reverse("catalog:import-preview", args=[response.context["token"]]))
    job = Job.objects.get(kind="catalog.import")
    text = job.report.read().decode()
    assert text.count("\n") > 1  # never a bare header
    assert "Không có lỗi" in text
    assert "tạo mới 2" in job.message, job.message


def test_a_file_of_authority_records_offers_no_import_and_says_why(world, cataloguer):
    """Every record of a real authority file fails as a bibliographic record: the preview
    says nothing can be imported instead of offering an import that would do nothing."""
    response = upload(cataloguer, "authority.mrc", AUTHORITY.read_bytes())
    assert response.status_code == 200
    report = response.context["report"]
    assert report.read > 0 and report.failed == report.read and report.nothing_to_import
    page = response.content.decode()
    assert 'id="run-import"' not in page
    assert 'id="nothing-to-import"' in page and "không có biểu ghi nào nhập được" in page


def test_a_good_file_still_offers_the_import(world, cataloguer):
    response = upload(cataloguer, "batch.xml", BATCH_XML.read_bytes())
    assert not response.context["report"].nothing_to_import
    assert 'id="run-import"' in response.content.decode()
