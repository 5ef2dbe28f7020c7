"""Weeding (Circular 02/2020 art. 28): copies chosen by condition, age, use and location, a
draft list approved by a decision, the copies withdrawn through holdings and marked "đã thanh
lọc" with the decision in the individual register; a lent copy stops the approval."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from thuvien.circulation.models import Loan
from thuvien.circulation.services import loan_checkin, loan_checkout
from thuvien.circulation.tests.factories import make_item, make_patron, make_record
from thuvien.core.models import AuditEntry
from thuvien.holdings.models import Item, ItemStatus
from thuvien.oversight.errors import OversightError
from thuvien.oversight.models import Weeding
from thuvien.oversight.registers import individual_register
from thuvien.oversight.weeding import (
    criteria_from,
    weeding_approve,
    weeding_candidates,
    weeding_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(world):
    old = dt.date(2010, 5, 1)
    kieu = make_record(world.hung_yen, "Truyện Kiều")
    make_item(world.provincial, record=kieu, barcode="TL0001", status=ItemStatus.DAMAGED,
              acquired_on=old, price=Decimal("20000"), call_number="895.9221 NG-D")  # fmt: skip
    make_item(world.provincial, record=kieu, barcode="TL0002", status=ItemStatus.DAMAGED,
              acquired_on=old, price=Decimal("30000"))  # fmt: skip
    make_item(world.provincial, barcode="TL0003", status=ItemStatus.DAMAGED,
              acquired_on=dt.date(2025, 1, 1))  # new: too young  # fmt: skip
    make_item(world.provincial, barcode="TL0004", acquired_on=old)  # available, never lent
    used = make_item(world.provincial, barcode="TL0005", acquired_on=old)
    make_item(world.commune_a, barcode="XA0009", status=ItemStatus.DAMAGED, acquired_on=old)
    reader = make_patron(world.provincial)
    staff = world.users["tinh_circulation"]
    with scopes_disabled():
        loan_checkout(item=used, patron=reader, library=world.provincial, staff=staff)
        loan_checkin(item=used, library=world.provincial, staff=staff)
    return world


def _barcodes(items) -> list[str]:
    return sorted(item.barcode for item in items)


def test_copies_are_chosen_by_condition_age_use_and_location(shelf):
    lib = shelf.provincial
    damaged_old = criteria_from(library=lib, conditions=["damaged"], acquired_before="2020-01-01")
    assert _barcodes(weeding_candidates(library=lib, criteria=damaged_old)) == ["TL0001", "TL0002"]
    idle = criteria_from(library=lib, conditions=["available"], idle_years="3")
    # TL0005 was lent today: used, kept; TL0004 never lent.
    assert _barcodes(weeding_candidates(library=lib, criteria=idle)) == ["TL0004"]
    with scopes_disabled():
        Loan.objects.filter(item__barcode="TL0005").update(
            issued_at=timezone.now() - dt.timedelta(days=365 * 4)
        )
    assert _barcodes(weeding_candidates(library=lib, criteria=idle)) == ["TL0004", "TL0005"]
    other_shelf = criteria_from(library=lib, conditions=["damaged"],
                                location=str(shelf.provincial.locations.first().pk))  # fmt: skip
    assert weeding_candidates(library=lib, criteria=other_shelf).count() == 0  # none has one
    elsewhere = str(shelf.commune_a.locations.first().pk)
    for bad in ({"conditions": []}, {"acquired_before": "31/12/2020"}, {"idle_years": "0"},
                {"idle_years": "abc"}, {"location": elsewhere}):  # fmt: skip
        values = {"conditions": ["damaged"], **bad}
        with pytest.raises(OversightError) as exc:
            criteria_from(library=lib, **values)
        assert exc.value.field in {"conditions", "acquired_before", "idle_years", "location"}


def test_a_lent_copy_stops_the_approval_and_nothing_changes(shelf):
    lib, head = shelf.provincial, shelf.users["tinh_library_admin"]
    criteria = criteria_from(library=lib, conditions=["available"], acquired_before="2020-01-01")
    weeding = weeding_create(library=lib, criteria=criteria, actor=head)
    with scopes_disabled():
        lent = Item.objects.get(barcode="TL0004")
        loan_checkout(item=lent, patron=make_patron(lib), library=lib,
                      staff=shelf.users["tinh_circulation"])  # fmt: skip
    with pytest.raises(OversightError) as exc:
        weeding_approve(weeding=weeding, actor=head, decision_number="7/QĐ-TV",
                        decision_date=timezone.localdate())  # fmt: skip
    assert exc.value.code == "oversight.copy_in_use" and "TL0004" in exc.value.message
    weeding.refresh_from_db()
    assert weeding.status == Weeding.Status.DRAFT and weeding.decision_number == ""
    with scopes_disabled():
        assert Item.objects.get(barcode="TL0005").status == ItemStatus.AVAILABLE
    with pytest.raises(OversightError):  # a decision of tomorrow
        weeding_approve(weeding=weeding, actor=head, decision_number="7/QĐ-TV",
                        decision_date=timezone.localdate() + dt.timedelta(days=1))  # fmt: skip


def test_the_library_weeds_by_decision_through_the_pages(shelf, staff_client):
    cataloguer = staff_client(shelf.users["tinh_cataloguer"], shelf.provincial)
    query = {"preview": "1", "conditions": ["damaged"], "acquired_before": "2020-01-01"}
    html = cataloguer.get("/staff/oversight/weeding/", query).content.decode()
    assert "TL0001" in html and "TL0002" in html and "TL0003" not in html
    assert "XA0009" not in html  # another library's copy
    bad = cataloguer.get("/staff/oversight/weeding/", {**query, "idle_years": "<script>"})
    assert bad.status_code == 200 and "Số năm từ 1 đến 100" in bad.content.decode()
    response = cataloguer.post("/staff/oversight/weeding/create/",
                               {**query, "reason": "Rách nát, không sửa được"})  # fmt: skip
    assert response.status_code == 302
    weeding = Weeding.all_objects.get(library=shelf.provincial)
    page = response["Location"]
    # The library keeps TL0002 after all.
    assert cataloguer.post(f"{page}remove/", {"barcode": "TL0002"}).status_code == 302
    html = cataloguer.get(page).content.decode()
    assert "TL0001" in html and 'data-barcode="TL0002"' not in html
    assert 'id="weeding-approve"' not in html  # a cataloguer does not sign decisions
    assert cataloguer.post(f"{page}approve/", {"decision_number": "1"}).status_code == 403

    head = staff_client(shelf.users["tinh_library_admin"], shelf.provincial)
    missing = head.post(f"{page}approve/", {"decision_number": " ", "decision_date": "2026-01-01"})
    assert missing.status_code == 302
    weeding.refresh_from_db()
    assert weeding.status == Weeding.Status.DRAFT
    day = timezone.localdate()
    head.post(f"{page}approve/", {"decision_number": "15/QĐ-TVT", "decision_date": str(day)})
    weeding.refresh_from_db()
    assert (weeding.status, weeding.decision_number) == (Weeding.Status.APPROVED, "15/QĐ-TVT")
    with scopes_disabled():
        assert Item.objects.get(barcode="TL0001").status == ItemStatus.WITHDRAWN
        assert Item.objects.get(barcode="TL0002").status == ItemStatus.DAMAGED
    # An approved list is no longer edited.
    head.post(f"{page}remove/", {"barcode": "TL0001"})
    with scopes_disabled():
        assert weeding.copies.count() == 1

    # The individual register says so, with the decision.
    line = next(x for x in individual_register(library=shelf.provincial) if x.number == "TL0001")
    assert line.gone == f"Đã thanh lọc theo Quyết định số 15/QĐ-TVT ngày {day:%d/%m/%Y}"
    register = cataloguer.get("/staff/oversight/registers/").content.decode()
    assert "Đã thanh lọc theo Quyết định số 15/QĐ-TVT" in register

    # The report, as XLSX and PDF.
    xlsx = head.get(page, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "TL0001" in cells and "Truyện Kiều" in cells
    assert any("15/QĐ-TVT" in str(c) for c in cells)
    assert any("1 bản, trị giá 20.000 đồng" in str(c) for c in cells)
    pdf = head.get(page, {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    # Every step audited.
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"oversight.weeding.created", "oversight.weeding.copy_removed",
            "oversight.weeding.approved"} <= actions  # fmt: skip
    with scopes_disabled():
        pk = str(Item.objects.get(barcode="TL0001").pk)
        withdrawn = AuditEntry.objects.filter(action="holdings.item.status_changed", object_id=pk)
        assert any("15/QĐ-TVT" in str(e.changes) for e in withdrawn)


def test_inspectors_read_weeding_and_write_nothing(shelf, staff_client):
    lib = shelf.provincial
    criteria = criteria_from(library=lib, conditions=["damaged"])
    weeding = weeding_create(library=lib, criteria=criteria, actor=shelf.users["tinh_cataloguer"])
    inspector = staff_client(shelf.users["hy_oversight"], lib)
    page = f"/staff/oversight/weeding/{weeding.pk}/"
    html = inspector.get(page).content.decode()
    assert "TL0001" in html and 'id="weeding-approve"' not in html and "Giữ lại" not in html
    assert inspector.get("/staff/oversight/weeding/").status_code == 200
    tries = (
        (f"{page}approve/", {"decision_number": "1", "decision_date": "2026-01-01"}),
        (f"{page}remove/", {"barcode": "TL0001"}),
        ("/staff/oversight/weeding/create/", {"conditions": ["damaged"]}),
    )
    for url, data in tries:
        assert inspector.post(url, data).status_code == 403
    weeding.refresh_from_db()
    with scopes_disabled():
        assert weeding.status == Weeding.Status.DRAFT and weeding.copies.count() == 3
    # Another library's staff do not find it.
    other = staff_client(shelf.users["tienlu_library_admin"], shelf.commune_a)
    assert other.get(page).status_code == 404
