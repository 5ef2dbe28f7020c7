"""The accession registers are the library's copies, line for line, withdrawn ones included."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from thuvien.circulation.tests.factories import make_item, make_record
from thuvien.holdings.models import Item
from thuvien.holdings.services import item_withdraw
from thuvien.oversight.registers import general_register, individual_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def books(world):
    kieu = make_record(world.hung_yen, "Truyện Kiều")
    day = dt.date(2026, 3, 2)
    for i in range(3):
        make_item(world.provincial, record=kieu, barcode=f"DK{i:04d}", acquired_on=day,
                  acquisition_source="Mua", price=Decimal("85000"))  # fmt: skip
    make_item(world.provincial, barcode="DK0100", acquired_on=dt.date(2026, 5, 9),
              acquisition_source="Tặng", item_type="children")  # fmt: skip
    make_item(world.provincial, barcode="DK0200", acquired_on=dt.date(2025, 1, 1))
    make_item(world.commune_a, barcode="XA0001", acquired_on=day)
    with scopes_disabled():
        item_withdraw(item=Item.objects.get(barcode="DK0001"), reason="Rách nát")
    return world


def test_the_individual_register_has_every_copy_of_the_library_and_its_withdrawal(books):
    lines = individual_register(library=books.provincial)
    assert [line.number for line in lines] == ["DK0200", "DK0000", "DK0001", "DK0002", "DK0100"]
    withdrawn = next(line for line in lines if line.number == "DK0001")
    assert withdrawn.gone.startswith("Đã thanh lý") and withdrawn.title == "Truyện Kiều"
    assert [line.number for line in individual_register(library=books.provincial, year=2025)] == [
        "DK0200"
    ]


def test_the_general_register_has_one_line_a_batch(books):
    batches = general_register(library=books.provincial, year=2026)
    assert [(b.acquired_on, b.source, b.copies, b.value) for b in batches] == [
        (dt.date(2026, 3, 2), "Mua", 3, Decimal("255000")),
        (dt.date(2026, 5, 9), "Tặng", 1, Decimal("0")),
    ]
    assert batches[1].kinds["children"] == 1


def test_the_page_and_its_csv_for_the_library_only(books, staff_client):
    client = staff_client(books.users["tinh_cataloguer"], books.provincial)
    html = client.get("/staff/oversight/registers/").content.decode()
    assert "DK0001" in html and "XA0001" not in html
    response = client.get("/staff/oversight/registers/", {"kind": "general", "format": "csv",
                                                         "year": "2026"})  # fmt: skip
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][:4] == ["02/03/2026", "Mua", "3", "255000"]
    for junk in ("abc", "-5", "99999999999999999999"):
        assert client.get("/staff/oversight/registers/", {"year": junk}).status_code == 200
    desk = staff_client(books.users["tinh_circulation"], books.provincial)
    assert desk.get("/staff/oversight/registers/").status_code == 403
