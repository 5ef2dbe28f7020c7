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
    # Each library's gaps are on the libraries' pages the dashboard links to.
    assert 'href="/staff/oversight/libraries/"' in html
    listing = inspector.get("/staff/oversight/libraries/").content.decode()
    table = listing[listing.index('id="decree93-gaps"') :]
    school_row = re.search(rf'data-library="{world.school.code}">.*?data-gap>([\d.,]+)<', table,
                           re.S)  # fmt: skip
    assert school_row, table[:3000]
    assert Decimal(school_row.group(1).replace(".", "").replace(",", ".")) == Decimal(40 - 3)
    commune = re.search(rf'data-library="{world.commune_a.code}">.*?data-gap>([\d.,]+)<', table,
                        re.S)  # fmt: skip
    assert commune  # 1.999: thousands grouped the Vietnamese way
    assert Decimal(commune.group(1).replace(".", "").replace(",", ".")) == Decimal(2000 - 1)

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
    assert report.value("Tài liệu số cuối kỳ") == 0  # the digital library holds none of it


def test_key_library_thresholds_are_checked_with_the_figures_behind_them(
    busy_world, staff_client
):
    """Decree 93/2020 art. 3: the provincial library's figures against a library of an important
    role's thresholds, on the inspector's dashboard and the head's own page."""
    from thuvien.oversight.models import StaffPerson
    from thuvien.oversight.training import staff_person_save
    from thuvien.oversight.year_figures import (
        key_library_criteria,
        key_library_status,
    )

    world = busy_world
    year = timezone.localdate().year
    head = world.users["tinh_library_admin"]
    q = StaffPerson.Qualification
    for name, qualification in (("Nguyễn Thị Lan", q.BACHELOR), ("Trần Văn Hùng", q.MASTER),
                                ("Lê Minh", q.CERTIFICATE)):  # fmt: skip
        staff_person_save(library=world.provincial, actor=head, full_name=name,
                          qualification=qualification)  # fmt: skip
    year_figures_save(library=world.provincial, year=year, actor=head,
                      values={"visits": "1.200", "web_visits": "30.000"}, flags={})  # fmt: skip
    library_days_record()
    with scopes_disabled():
        copies = Item.objects.filter(library=world.provincial).exclude(
            status__in=[ItemStatus.WITHDRAWN, ItemStatus.LOST]
        ).count()
        from thuvien.patrons.models import Patron

        readers = Patron.objects.filter(library=world.provincial, is_anonymised=False,
                                        expires_on__gte=timezone.localdate()).count()  # fmt: skip
    inspector = staff_client(world.users["hy_oversight"], world.provincial)
    html = inspector.get("/staff/oversight/").content.decode()
    table = html[html.index('id="key-libraries"') :]
    table = table[: table.index("</table>")]
    # Only the provincial library of Hưng Yên is a candidate; communes and schools are not.
    assert re.findall(r'data-library="([^"]+)" data-status="(\w+)"', table) == [
        (world.provincial.code, "short")
    ]
    heads = re.findall(r'<th scope="col" class="num">([^<]+) \(≥ [\d.,]+\)</th>', table)
    row = table[table.index(f'data-library="{world.provincial.code}"') :]
    values = re.findall(r'<td class="num" data-met="(\w+)">([^<]+) [✓✗?]</td>', row)
    cells = {head: value for head, (_met, value) in zip(heads, values, strict=True)}
    met = {head: m for head, (m, _value) in zip(heads, values, strict=True)}
    assert cells["Đơn vị bảo quản (bản tài liệu và tài liệu số)"] == str(copies)
    assert met["Đơn vị bảo quản (bản tài liệu và tài liệu số)"] == "no"
    assert cells["Bạn đọc có thẻ còn hạn (người đăng ký sử dụng thư viện)"] == str(readers)
    # 2 of 3 people are graduates of library science: 66.67% against 70%.
    graduates = "Người làm thư viện tốt nghiệp đại học trở lên ngành thông tin - thư viện (%)"
    assert cells[graduates] in ("66.67", "66,67") and met[graduates] == "no"
    # thousands grouped as the page's language groups them (core.numbers)
    assert cells["Lượt đến thư viện và truy cập trang thông tin điện tử trong năm"] == "31.200"
    assert "khoản 1" in html  # what only the file can show is listed for the inspector

    page = staff_client(head, world.provincial).get("/staff/oversight/figures/").content.decode()
    assert 'data-status="short"' in page and page.count("data-key>") == 6
    school = staff_client(world.users["thpt_library_admin"], world.school)
    assert 'id="key-library"' not in school.get("/staff/oversight/figures/").content.decode()

    # A library with every figure reached is classified as meeting them; a missing one is
    # unknown, not failed.
    from thuvien.oversight.training import TrainingRow

    big = {"copies": 480_000, "digital_objects": 25_000, "book_copies": 300_000,
           "readers": 9_000}  # fmt: skip
    entered = {"visits": type("F", (), {"value": Decimal(700_000)})(),
               "web_visits": type("F", (), {"value": Decimal(400_000)})()}  # fmt: skip
    staff = TrainingRow(staff=10, qualified=9, graduates=8)
    assert key_library_status(key_library_criteria(counted=big, entered=entered,
                                                   training=staff)) == "met"  # fmt: skip
    assert key_library_status(key_library_criteria(counted=big, entered={},
                                                   training=staff)) == "unknown"  # fmt: skip
