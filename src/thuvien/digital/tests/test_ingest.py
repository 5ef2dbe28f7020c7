"""Ingest through the real screening service, libvips and Tesseract; search finds the words."""

from __future__ import annotations

import zipfile

import pytest
from django.core.files.storage import default_storage
from django_scopes import scopes_disabled

from thuvien.core.outbox import outbox_drain
from thuvien.digital import derivatives
from thuvien.digital.errors import DigitalError
from thuvien.digital.models import DigitalFile, DigitalObject, FileEvent, Page
from thuvien.digital.selectors import page_hits
from thuvien.digital.services import digital_ingest, object_update, page_text_correct
from thuvien.screening.models import QuarantinedFile

from .booklet import booklet_folder, page_image

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


@pytest.mark.django_db
def test_booklet_ingest_ocr_and_search(world, digitiser, record, tmp_path,
                                       django_capture_on_commit_callbacks):
    folder = booklet_folder(tmp_path / "booklet", csv_rows={"record": str(record.pk)})
    with scopes_disabled():
        with django_capture_on_commit_callbacks(execute=True):
            report = digital_ingest(paths=[folder], library=world.provincial, actor=digitiser,
                                    ocr_language="vie", publish=True)
        assert report.refused == [] and report.pages == 3
        obj = DigitalObject.all_objects.get(pk=report.objects[0])
        assert obj.ingest_complete and obj.record_id == record.pk
        assert obj.dc["dcterms:subject"] == ["Hưng Yên", "Phố Hiến"]
        pages = list(Page.all_objects.filter(obj=obj).order_by("seq"))
        assert [(p.width, p.height) for p in pages] == [(1240, 1754)] * 3
        # Huey runs tasks at once in tests: OCR went through the worker's task, page by page.
        assert all(p.ocr_status == "done" for p in pages)
        assert "thương cảng" in pages[1].text
        assert pages[1].ocr_confidence > 70 and pages[1].words
        dfile = DigitalFile.all_objects.filter(obj=obj).first()
        assert len(dfile.sha256) == 64 and dfile.screening
        kinds = set(FileEvent.all_objects.filter(file=dfile).values_list("kind", flat=True))
        assert kinds == {"ingest", "screening", "derivative"}
        assert derivatives.pyramid_path(library_id=obj.library_id, obj_id=obj.pk, seq=2).exists()
        # a word without its tone marks finds the page, with its box for the viewer
        hits = page_hits(obj=obj, query="thuong cang")
        assert [h.seq for h in hits] == [2] and len(hits[0].words) == 2
    outbox_drain()
    from thuvien.search.selectors import search_catalogue

    found = search_catalogue(params={"q": "sam uat"})
    assert [r.record.pk for r in found.rows] == [record.pk]
    # a rerun of the same folder makes nothing new
    with scopes_disabled():
        again = digital_ingest(paths=[folder], library=world.provincial, actor=digitiser)
    assert again.skipped == 1 and again.pages == 0


@pytest.mark.django_db
def test_restricted_text_stays_out_of_the_index(world, digitiser, record, tmp_path,
                                                django_capture_on_commit_callbacks):
    folder = booklet_folder(tmp_path / "b", csv_rows={"record": str(record.pk),
                                                     "access": "restricted"})
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        digital_ingest(paths=[folder], library=world.provincial, actor=digitiser,
                       ocr_language="vie", publish=True)
    outbox_drain()
    from thuvien.search.selectors import search_catalogue

    assert search_catalogue(params={"q": "sam uat"}).rows == []


@pytest.mark.django_db
def test_eicar_refused_and_the_rest_kept(world, digitiser, tmp_path, clamav):
    folder = tmp_path / "mixed"
    folder.mkdir()
    page_image("Trang một", folder / "001.png", size=(400, 300), font_size=30)
    (folder / "002.jpg").write_bytes(EICAR)
    (folder / "003.tif").write_bytes(b"not an image at all")
    with scopes_disabled():
        report = digital_ingest(paths=[folder], library=world.provincial, actor=digitiser)
        assert report.pages == 1
        reasons = {r["file"]: r.get("code") for r in report.refused}
        assert reasons["002.jpg"] == "malware"
        assert "003.tif" in reasons
        assert QuarantinedFile.objects.filter(declared_name="002.jpg").exists()
        assert DigitalFile.all_objects.count() == 1


@pytest.mark.django_db
def test_zip_and_pdf_with_text_layer(world, digitiser, tmp_path):
    from reportlab.pdfgen import canvas

    pdf_path = tmp_path / "bao-cao.pdf"
    pdf = canvas.Canvas(str(pdf_path), pagesize=(300, 200))
    for n in (1, 2):
        pdf.drawString(20, 100, f"Report page {n} fixity")
        pdf.showPage()
    pdf.save()
    folder = booklet_folder(tmp_path / "z", pages=["Một", "Hai"])
    archive = tmp_path / "booklet.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for p in folder.rglob("*"):
            if p.is_file():
                zf.write(p, p.relative_to(folder))
    with scopes_disabled():
        report = digital_ingest(paths=[archive, pdf_path], library=world.provincial,
                                actor=digitiser)
        assert report.refused == [] and len(report.objects) == 2 and report.pages == 4
        pdf_obj = DigitalObject.all_objects.get(title="bao-cao")
        texts = list(Page.all_objects.filter(obj=pdf_obj).order_by("seq")
                     .values_list("text", flat=True))
        assert texts == ["Report page 1 fixity", "Report page 2 fixity"]


@pytest.mark.django_db
def test_killed_job_leaves_no_half_object_and_rerun_continues(world, digitiser, tmp_path,
                                                              monkeypatch):
    folder = booklet_folder(tmp_path / "k", pages=["Một", "Hai", "Ba"])
    real = derivatives.make_page_derivatives
    calls = {"n": 0}

    def dies_on_third(**kw):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt("worker killed")
        return real(**kw)

    monkeypatch.setattr(derivatives, "make_page_derivatives", dies_on_third)
    with scopes_disabled(), pytest.raises(KeyboardInterrupt):
        digital_ingest(paths=[folder], library=world.provincial, actor=digitiser, publish=True)
    with scopes_disabled():
        obj = DigitalObject.all_objects.get()
        assert not obj.ingest_complete and Page.all_objects.filter(obj=obj).count() == 2
    monkeypatch.setattr(derivatives, "make_page_derivatives", real)
    with scopes_disabled():
        report = digital_ingest(paths=[folder], library=world.provincial, actor=digitiser,
                                publish=True)
        obj.refresh_from_db()
        assert report.objects == [obj.pk] and obj.ingest_complete
        assert list(Page.all_objects.filter(obj=obj).values_list("seq", flat=True)) == [1, 2, 3]
        assert DigitalObject.all_objects.count() == 1


@pytest.mark.django_db
def test_bad_metadata_is_refused_clearly(world, digitiser, tmp_path):
    folder = booklet_folder(tmp_path / "m", pages=["Một"], csv_rows={"access": "secret"})
    with scopes_disabled(), pytest.raises(DigitalError) as err:
        digital_ingest(paths=[folder], library=world.provincial, actor=digitiser)
    assert err.value.code == "metadata_invalid"
    with scopes_disabled():
        assert DigitalObject.all_objects.count() == 0


@pytest.mark.django_db
def test_staff_correct_text_and_publish(world, digitiser, tmp_path):
    folder = booklet_folder(tmp_path / "c", pages=["Một"])
    with scopes_disabled():
        report = digital_ingest(paths=[folder], library=world.provincial, actor=digitiser)
        obj = DigitalObject.all_objects.get(pk=report.objects[0])
        assert not obj.published
        object_update(obj=obj, actor=digitiser, published=True)
        page = Page.all_objects.get(obj=obj)
        page_text_correct(page=page, text="Văn bản hiệu đính", actor=digitiser)
        page.refresh_from_db()
        assert page.ocr_status == "corrected" and page.text == "Văn bản hiệu đính"
        from thuvien.core.models import AuditEntry

        actions = set(AuditEntry.objects.values_list("action", flat=True))
        assert {"digital.object.published", "digital.page.text_corrected"} <= actions
    assert default_storage.exists(DigitalFile.all_objects.get().storage_name)


@pytest.mark.django_db
def test_duplicate_row_is_named_not_merged(world, digitiser, tmp_path):
    """Two CSV rows whose files are byte for byte the same: the second row is reported by its
    line, with the object that has its files; the good rows are kept, nothing is merged."""
    import csv
    import io

    from django.core.management import call_command

    folder = tmp_path / "batch"
    for name, text in (("a", "Tập một"), ("c", "Tập ba")):
        (folder / name).mkdir(parents=True)
        page_image(text, folder / name / "p001.png", size=(300, 200), font_size=20)
    (folder / "b").mkdir()
    (folder / "b" / "p001.png").write_bytes((folder / "a" / "p001.png").read_bytes())
    with open(folder / "meta.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["folder", "title", "creator"])
        w.writerow(["a", "Tập 1", "Người A"])
        w.writerow(["b", "Tập 2 (bản chụp trùng)", "Người B"])
        w.writerow(["c", "Tập 3", "Người C"])
    out, err = io.StringIO(), io.StringIO()
    with scopes_disabled():
        call_command("digital_ingest", str(folder), "--library", world.provincial.code,
                     stdout=out, stderr=err, verbosity=1)
        first, third = (DigitalObject.all_objects.get(title=t) for t in ("Tập 1", "Tập 3"))
        assert DigitalObject.all_objects.count() == 2
        assert first.dc["dcterms:creator"] == ["Người A"]
    import json

    report = json.loads(out.getvalue())
    assert report["objects"] == [first.pk, third.pk] and report["skipped"] == 0
    assert report["duplicates"] == [
        {"row": "meta.csv:3", "first": "meta.csv:2", "object": first.pk, "kind": "batch"}]
    said = err.getvalue()
    assert (f"Dòng meta.csv:3 không được tiếp nhận: các tệp giống hệt dòng meta.csv:2 (tài liệu "
            f"số {first.pk}); siêu dữ liệu của dòng này bị bỏ qua.") in said, said
    assert "Đã tiếp nhận 2 tài liệu số, 2 trang." in said

    # the same batch again: every row is named, with the object that already has its files
    again = io.StringIO()
    with scopes_disabled():
        call_command("digital_ingest", str(folder), "--library", world.provincial.code,
                     "--language", "en", stdout=io.StringIO(), stderr=again, verbosity=1)
        assert DigitalObject.all_objects.count() == 2
    said = again.getvalue()
    assert (f"Row meta.csv:2 was not ingested: these files were already ingested as digital "
            f"object {first.pk}; no new object was made and this row's metadata was not "
            f"used.") in said, said
    assert (f"Row meta.csv:3 was not ingested: its files are identical to those of row "
            f"meta.csv:2 (digital object {first.pk}); this row's metadata was dropped.") in said
