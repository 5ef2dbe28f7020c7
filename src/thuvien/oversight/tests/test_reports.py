"""The annual report holds the database's figures, in every format, from the command and the
page alike."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.db import models
from django.utils import timezone
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from thuvien.circulation.models import Loan
from thuvien.holdings.models import Item, ItemStatus
from thuvien.oversight.reports import annual_report, report_csv, report_pdf, report_period
from thuvien.patrons.models import Patron

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def _from_the_tables(library):
    with scopes_disabled():
        return {
            "copies": Item.objects.filter(library=library)
            .exclude(status__in=[ItemStatus.WITHDRAWN, ItemStatus.LOST])
            .count(),
            "loans": Loan.all_objects.filter(library=library, issued_at__year=YEAR).count(),
            "readers_new": Patron.objects.filter(
                library=library, registered_on__year=YEAR
            ).count(),
        }


def test_a_library_report_holds_the_databases_figures(busy_world):
    report = annual_report(year=YEAR, library=busy_world.provincial)
    expected = _from_the_tables(busy_world.provincial)
    assert report.value("Số bản tài liệu cuối kỳ") == expected["copies"] == 4
    assert report.value("Lượt mượn về nhà") == expected["loans"] == 2
    assert report.value("Bạn đọc đăng ký mới trong kỳ") == expected["readers_new"] == 2
    assert report.value("Lượt trả") == 1
    assert str(report.value("Vòng quay tài liệu")) == "0.50"
    assert not report.estimated


def test_a_network_report_adds_up_its_libraries_only(busy_world):
    report = annual_report(year=YEAR, network=busy_world.hung_yen)
    assert report.value("Số bản tài liệu cuối kỳ") == 5  # Bắc Ninh's copy is not counted
    assert [lib.code for lib, _f in report.libraries] and all(
        lib.network_id == busy_world.hung_yen.pk for lib, _f in report.libraries
    )


def test_a_past_period_never_recorded_says_its_stock_is_estimated(busy_world):
    report = annual_report(year=YEAR - 1, library=busy_world.provincial)
    assert report.estimated and report.value("Lượt mượn về nhà") == 0
    assert "ước tính" in report_csv(report).decode("utf-8-sig")


def test_the_evaluation_year_runs_from_december_to_november():
    assert report_period(2026, "evaluation") == (dt.date(2025, 12, 1), dt.date(2026, 11, 30))
    assert report_period(2026) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def test_the_command_writes_xlsx_pdf_and_csv_with_the_same_figures(busy_world, tmp_path):
    code = busy_world.provincial.code
    for fmt in ("xlsx", "pdf", "csv"):
        call_command("report", "annual", "--library", code, "--year", str(YEAR),
                     "--format", fmt, "-o", str(tmp_path / f"r.{fmt}"))  # fmt: skip
    sheet = load_workbook(tmp_path / "r.xlsx").active
    values = {row[1]: row[2] for row in sheet.iter_rows(values_only=True) if len(row) > 2}
    assert values["Lượt mượn về nhà"] == 2 and values["Số bản tài liệu cuối kỳ"] == 4
    rows = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_text("utf-8-sig"))))
    assert ["Lưu thông", "Lượt mượn về nhà", "2", ""] in rows
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "BÁO CÁO" in text.upper() and "Lượt mượn về nhà" in text
    assert busy_world.provincial.name_vi in text


def test_the_command_names_what_is_wrong(world, tmp_path):
    with pytest.raises(CommandError, match="Không có thư viện mã"):
        call_command("report", "annual", "--library", "NOPE", "-o", str(tmp_path / "x"))
    with pytest.raises(CommandError, match="Năm không hợp lệ"):
        call_command("report", "annual", "--network", world.hung_yen.code, "--year", "1",
                     "-o", str(tmp_path / "x"))  # fmt: skip


def test_the_report_in_english(busy_world):
    from django.utils import translation

    with translation.override("en"):
        pdf = report_pdf(annual_report(year=YEAR, library=busy_world.provincial))
    assert pdf.startswith(b"%PDF")


def test_the_pages_give_each_their_report(busy_world, staff_client):
    client = staff_client(busy_world.users["hy_oversight"], busy_world.provincial)
    response = client.get("/staff/oversight/report/", {"year": YEAR, "format": "xlsx"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = sheet.iter_rows(values_only=True)
    assert any(row[1] == "Lượt mượn về nhà" and row[2] == 2 for row in rows)

    head = staff_client(busy_world.users["tinh_library_admin"], busy_world.provincial)
    assert "Tải báo cáo" in head.get("/staff/oversight/report/library/").content.decode()
    pdf = head.get("/staff/oversight/report/library/", {"format": "pdf", "year": "junk"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert head.get("/staff/oversight/report/", {"format": "csv"}).status_code == 403

    cataloguer = staff_client(busy_world.users["tinh_cataloguer"], busy_world.provincial)
    assert cataloguer.get("/staff/oversight/report/library/").status_code == 403


def test_readers_who_borrowed_and_loans_to_other_libraries_readers(busy_world):
    """People who borrowed in the period, each once, and loans a library made to readers of
    another library (liên thông), counted straight from the loans."""
    from thuvien.circulation.services import loan_checkout

    world = busy_world
    with scopes_disabled():
        reader = Patron.objects.filter(library=world.provincial, loans__isnull=False).first()
        item = Item.objects.filter(library=world.commune_a).first()
    loan_checkout(item=item, patron=reader, library=world.commune_a,
                  staff=world.users["tienlu_circulation"])  # fmt: skip
    with scopes_disabled():
        lent = Loan.all_objects.filter(issued_at__year=YEAR)
        borrowers = {lib: lent.filter(library=lib).values("patron").distinct().count()
                     for lib in (world.provincial, world.commune_a)}  # fmt: skip
        visiting = lent.exclude(patron_library=models.F("library")).filter(
            library=world.commune_a
        ).count()
    assert borrowers == {world.provincial: 1, world.commune_a: 1} and visiting == 1
    report = annual_report(year=YEAR, library=world.commune_a)
    assert report.value("Bạn đọc có mượn trong kỳ") == borrowers[world.commune_a]
    assert report.value("Lượt mượn của bạn đọc thư viện khác") == visiting
    provincial = annual_report(year=YEAR, library=world.provincial)
    assert provincial.value("Lượt mượn của bạn đọc thư viện khác") == 0
    network = annual_report(year=YEAR, network=world.hung_yen)
    assert network.value("Bạn đọc có mượn trong kỳ") == 2  # one person, counted per library
    from thuvien.oversight.year_figures import year_figures_save

    year_figures_save(library=world.commune_a, year=YEAR, actor=None,
                      values={"population": "1.000", "opening_hours": "40"}, flags={})  # fmt: skip
    report = annual_report(year=YEAR, library=world.commune_a)
    assert str(report.value("Tỷ lệ dân số được phục vụ có mượn tài liệu (%)")) == "0.10"
    assert str(report.value("Giờ mở cửa mỗi tuần trên 1.000 dân")) == "40.00"
