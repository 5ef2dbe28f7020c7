"""Figures the system cannot count, entered once a year with their flag, and the indicators
and Decree 93 thresholds that use them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from thuvien.circulation.tests.factories import make_item
from thuvien.oversight.errors import OversightError
from thuvien.oversight.models import YearFigure
from thuvien.oversight.year_figures import (
    _plain,
    decree_93_thresholds,
    indicators,
    year_figures_get,
    year_figures_save,
)

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
K = YearFigure.Key


@pytest.mark.parametrize(
    ("typed", "plain"),
    [("1.234,5", "1234.5"), ("1,234.5", "1234.5"), ("85,5", "85.5"), ("85.5", "85.5"),
     ("200.000", "200000"), ("3,000,000", "3000000"), (" 12 ", "12")],
)  # fmt: skip
def test_numbers_as_people_type_them(typed, plain):
    assert _plain(typed) == plain


def test_entered_estimated_and_missing(world):
    admin = world.users["tinh_library_admin"]
    stored = year_figures_save(
        library=world.provincial, year=YEAR, actor=admin,
        values={K.POPULATION: "1.250.000", K.SEATS: "120", K.STAFF: "20",
                K.STAFF_QUALIFIED: "15", K.VISITS: "96.000"},
        flags={K.VISITS: "estimated"},
    )  # fmt: skip
    assert stored == 5
    entered = year_figures_get(library=world.provincial, year=YEAR)
    assert entered[K.POPULATION].value == Decimal("1250000")
    assert entered[K.VISITS].flag == "estimated" and entered[K.SEATS].flag == "entered"
    rows = {i.label: i for i in indicators(counted={"loans": 2500, "copies": 1000},
                                           entered=entered, unused_copies=400)}  # fmt: skip
    assert rows["Chỗ ngồi trên 1.000 dân"].value == Decimal("0.10")
    assert rows["Tỷ lệ tài liệu không được dùng (%)"].value == Decimal("40.00")
    assert rows["Tỷ lệ người làm thư viện có chuyên môn (%)"].value == Decimal("75.00")
    thresholds = {t.label: t for t in decree_93_thresholds(
        library=world.provincial, counted={"copies": 1000, "titles": 900}, entered=entered)}
    assert thresholds["Số bản tài liệu"].met is False
    assert thresholds["Người làm thư viện có chuyên môn (%)"].met is True
    assert thresholds["Diện tích phòng đọc (m²)"].met is None  # not entered: unknown, not failed
    # An empty value makes the figure missing again.
    year_figures_save(library=world.provincial, year=YEAR, actor=admin,
                      values={K.POPULATION: ""}, flags={})  # fmt: skip
    assert K.POPULATION not in year_figures_get(library=world.provincial, year=YEAR)


def test_what_cannot_be_is_refused(world):
    admin = world.users["tinh_library_admin"]
    for values in ({K.STAFF: "5", K.STAFF_QUALIFIED: "6"}, {K.SEATS: "-3"}, {K.SEATS: "abc"},
                   {K.BUDGET: "1e20"}, {K.SEATS: "NaN"}):  # fmt: skip
        with pytest.raises(OversightError):
            year_figures_save(library=world.provincial, year=YEAR, actor=admin, values=values,
                              flags={})  # fmt: skip
    assert year_figures_get(library=world.provincial, year=YEAR) == {}


def test_the_page_for_the_librarys_head(world, staff_client):
    make_item(world.commune_a)
    head = staff_client(world.users["tienlu_library_admin"], world.commune_a)
    page = head.get("/staff/oversight/figures/").content.decode()
    assert "Nghị định 93/2020" in page and "chưa có số liệu" in page
    response = head.post("/staff/oversight/figures/", {"year": YEAR, "staff": "2",
                                                       "staff_qualified": "1"})  # fmt: skip
    assert response.status_code == 302
    page = head.get(response["Location"]).content.decode()
    assert "50,00" in page  # 1 of 2 qualified (written as Vietnamese writes it), under 70%
    bad = head.post("/staff/oversight/figures/", {"year": YEAR, "seats": "<script>"})
    assert bad.status_code == 400 and "&lt;script&gt;" in bad.content.decode()
    cataloguer = staff_client(world.users["tienlu_cataloguer"], world.commune_a)
    assert cataloguer.get("/staff/oversight/figures/").status_code == 403
