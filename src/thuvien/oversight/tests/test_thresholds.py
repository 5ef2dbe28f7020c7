"""Decree 93's minimums checked for every library with the gaps shown (school libraries: copies
per pupil by level), and the ISO 11620 indicators that need entered figures in the report."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from thuvien.circulation.models import Loan
from thuvien.circulation.tests.factories import make_item
from thuvien.holdings.models import Item, ItemStatus
from thuvien.oversight.reports import annual_report
from thuvien.oversight.services import library_days_record
from thuvien.oversight.year_figures import year_figures_save

pytestmark = pytest.mark.django_db


def test_gaps_are_shown_for_every_library_and_school_copies_follow_the_pupils(
    busy_world, staff_client
):
    world = busy_world
    year = timezone.localdate().year
    for _ in range(3):
        make_item(world.school)
    year_figures_save(library=world.school, year=year, actor=None,
                      values={"pupils_primary": "10", "pupils_upper": "2"}, flags={})  # fmt: skip
    library_days_record()
    inspector = staff_client(world.users["hy_oversight"], world.provincial)
    html = inspector.get("/staff/oversight/").content.decode()
    # Hưng Yên: the provincial library (short of 200,000 copies), two communes (2,000 each)
    # and the school (10 × 3 + 2 × 5 = 40 copies for its pupils, it has 3).
    assert re.search(r'data-figure="decree93-short">4<', html)
    table = html[html.index('id="decree93-gaps"') :]
    school_row = re.search(rf'data-library="{world.school.code}">.*?data-gap>([\d.,]+)<', table,
                           re.S)  # fmt: skip
    assert school_row, table[:3000]
    assert Decimal(school_row.group(1).replace(",", ".")) == Decimal(40 - 3)
    commune = re.search(rf'data-library="{world.commune_a.code}">.*?data-gap>([\d.,]+)<', table,
                        re.S)  # fmt: skip
    assert commune and Decimal(commune.group(1).replace(",", ".")) == Decimal(2000 - 1)

    head = staff_client(world.users["thpt_library_admin"], world.school)
    page = head.get("/staff/oversight/figures/").content.decode()
    assert "2/3/4/5 bản mỗi em" in page and re.search(r"data-gap>37([.,]0)?<", page)


def test_the_report_has_the_indicators_of_entered_figures(busy_world):
    world = busy_world
    year = timezone.localdate().year
    values = {"population": "1000", "visits": "250", "seats": "20"}
    year_figures_save(library=world.provincial, year=year, actor=None, values=values, flags={})
    report = annual_report(year=year, library=world.provincial)
    with scopes_disabled():
        loans = Loan.objects.filter(library=world.provincial).count()
        stock = Item.objects.filter(library=world.provincial).exclude(
            status__in=[ItemStatus.WITHDRAWN, ItemStatus.LOST]
        )
        unused = stock.exclude(pk__in=Loan.objects.values("item_id")).count()
    assert report.value("Lượt mượn bình quân đầu người") == (Decimal(loans) / 1000).quantize(
        Decimal("0.01")
    )
    assert report.value("Lượt đến thư viện bình quân đầu người") == Decimal("0.25")
    assert report.value("Chỗ ngồi trên 1.000 dân") == Decimal("20.00")
    assert report.value("Tỷ lệ tài liệu không được dùng (%)") == (
        Decimal(unused * 100) / stock.count()
    ).quantize(Decimal("0.01"))
    # Without staff records the training indicator says what is missing, not a zero.
    line = next(x for x in report.lines if "giờ đào tạo bình quân" in x.label)
    assert line.value is None and "chưa có số liệu" in line.note
    assert report.value("Tài liệu số hóa") is None
