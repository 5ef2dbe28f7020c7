"""Spine and barcode labels: a real PDF (checked with poppler's pdftotext) with the barcodes."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.urls import reverse

from thuvien.holdings.labels import LabelData, labels_pdf
from thuvien.holdings.services import item_create, items_create_batch

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils missing"
)


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "labels.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def pdf_pages(pdf: bytes, tmp_path) -> int:
    path = tmp_path / "labels.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@needs_poppler
@pytest.mark.parametrize(("layout", "per_page"), [("3x8", 24), ("4x10", 40)])
def test_barcode_labels_fill_sheets(tmp_path, layout, per_page):
    labels = [
        LabelData(f"HY{n:06d}", "895.922 T450H", "Dế Mèn phiêu lưu ký", "Thư viện tỉnh Hưng Yên")
        for n in range(per_page + 1)
    ]
    pdf = labels_pdf(labels, kind="barcode", layout=layout)
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf, tmp_path)
    assert "HY000000" in text and f"HY{per_page:06d}" in text
    assert "Thư viện tỉnh Hưng Yên" in text  # Vietnamese glyphs through DejaVu Sans
    assert pdf_pages(pdf, tmp_path) == 2


@needs_poppler
def test_skip_leaves_used_labels_empty(tmp_path):
    labels = [LabelData("A1", "", "T", "L")]
    assert pdf_pages(labels_pdf(labels, layout="3x8", skip=23), tmp_path) == 1
    assert pdf_pages(labels_pdf(labels * 2, layout="3x8", skip=23), tmp_path) == 2


@needs_poppler
def test_labels_page_prints_todays_items_of_the_active_library_only(
    world, cataloguer, make_record, tmp_path
):
    record = make_record("Truyện Kiều", author="Nguyễn Du")
    items_create_batch(
        record=record, library=world.provincial, first_barcode="HY000201", count=3,
        call_number="895.9221 D500T",
    )  # fmt: skip
    item_create(record=record, library=world.commune_a, barcode="TL000001")
    response = cataloguer.post(
        reverse("catalog:labels"),
        {"kind": "spine", "layout": "3x8", "selection": "today", "skip": 0},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "HY000201" in text and "HY000203" in text and "D500T" in text
    assert "TL000001" not in text


@needs_poppler
def test_labels_for_listed_barcodes_and_unknown_ones(world, cataloguer, make_record, tmp_path):
    record = make_record()
    item_create(record=record, library=world.provincial, barcode="HY9")
    item_create(record=record, library=world.commune_a, barcode="TL9")
    ok = cataloguer.post(
        reverse("catalog:labels"),
        {
            "kind": "barcode",
            "layout": "4x10",
            "selection": "barcodes",
            "barcodes": "HY9",
            "skip": 0,
        },
    )
    assert "HY9" in pdf_text(ok.content, tmp_path)
    bad = cataloguer.post(
        reverse("catalog:labels"),
        {
            "kind": "barcode",
            "layout": "4x10",
            "selection": "barcodes",
            "barcodes": "HY9\nTL9",
            "skip": 0,
        },
    )
    assert bad.status_code == 400
    assert "Thư viện không có bản sao với mã vạch: TL9." in bad.content.decode()


def test_nothing_to_print_is_a_message(world, cataloguer):
    response = cataloguer.post(
        reverse("catalog:labels"),
        {"kind": "spine", "layout": "3x8", "selection": "today", "skip": 0},
    )
    assert response.status_code == 400
    assert "Không có bản sao nào để in nhãn." in response.content.decode()


@needs_poppler
def test_record_page_links_to_labels_for_its_copies(world, cataloguer, make_record, tmp_path):
    record = make_record()
    item_create(record=record, library=world.provincial, barcode="HY77", call_number="895 A1")
    page = cataloguer.get(reverse("catalog:record-detail", args=[record.pk]))
    link = page.context["items"] and "?kind=spine&amp;barcodes=HY77" in page.content.decode()
    assert link
    pdf = cataloguer.get(reverse("catalog:labels"), {"kind": "spine", "barcodes": "HY77"})
    assert pdf["Content-Type"] == "application/pdf" and "HY77" in pdf_text(pdf.content, tmp_path)
