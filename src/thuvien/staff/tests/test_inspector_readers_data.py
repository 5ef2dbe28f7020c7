"""The province's inspector (oversight officer) and readers' personal data: least privilege.

Decision 206's inspection reads figures, targets, evaluations and reports. It needs no reader's
name, contacts, loans, payments or requests, and Law 91/2025 asks for no more personal data
than the work needs. So every staff page and file that shows a reader refuses the inspector
(403, as every page a role may not use; ``tests/test_tenancy_matrix.py``), while what an
inspection needs keeps opening, the annual reports included.

The inspector is driven as she works: she logs in through the login page, follows every link
she is shown, downloads the files, and types the readers' addresses herself.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from thuvien.circulation.models import Loan
from thuvien.circulation.services import hold_place, loan_checkout
from thuvien.circulation.services.fees import fee_create, fee_pay
from thuvien.circulation.tests.factories import make_item, make_patron, make_record
from thuvien.oversight.services import library_days_record

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-dai-123"
NAME = "Phạm Thị Riêng Tư"
PHONE = "0912345678"
EMAIL = "rieng.tu@example.org"


def _reader_with_a_history(world: Any) -> dict[str, Any]:
    """A reader of the provincial library who borrows (one loan overdue), holds, owes and pays."""
    lib = world.provincial
    desk = world.users["tinh_circulation"]
    reader = make_patron(lib, full_name=NAME, phone=PHONE, email=EMAIL, address="Số 7 Phố Riêng")
    with scopes_disabled():
        loan = loan_checkout(item=make_item(lib), patron=reader, library=lib, staff=desk)
        loan_checkout(item=make_item(lib), patron=reader, library=lib, staff=desk)
        Loan.objects.filter(pk=loan.pk).update(due_on=timezone.localdate() - dt.timedelta(days=9))
        record = make_record(world.hung_yen, "Lịch sử Hưng Yên")
        make_item(lib, record=record)
        hold = hold_place(patron=reader, pickup_library=lib, actor=desk, record=record)
        fee = fee_create(patron=reader, library=lib, kind="damaged", amount=20000, staff=desk)
        payment = fee_pay(patron=reader, library=lib, amount=20000, staff=desk, fees=[fee])
    library_days_record()  # the night's figures the inspector's pages read
    return {"reader": reader, "hold": hold, "payment": payment, "loan": loan}


def _readers_marks(reader: Any) -> list[str]:
    return [NAME, PHONE, EMAIL, reader.card_number]


def _log_in(client: Client, username: str) -> None:
    """Through the login page, as a person does."""
    answer = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert answer.status_code == 302 and answer["Location"] == "/staff/", answer


def _text(response: Any) -> str:
    """What a person reads in an answer: the page, or the cells of a spreadsheet."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        book = openpyxl.load_workbook(io.BytesIO(body))
        return " ".join(
            str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row
        )
    return body.decode("utf-8", "replace")


def _crawl(client: Client, start: str, limit: int = 200) -> Iterator[tuple[str, Any]]:
    """Every staff address reachable by following links from ``start`` (one of each shape)."""
    seen: set[str] = set()
    queue = [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        shape = re.sub(r"\d+", "N", url)
        if shape in seen:
            continue
        seen.add(shape)
        response = client.get(url)
        yield url, response
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for href in re.findall(r'href="([^"#]+)', response.content.decode()):
            href = href.replace("&amp;", "&")
            link = urlparse(href)
            if not link.netloc and link.path.startswith("/staff/"):
                queue.append(href)


def test_no_page_the_inspector_is_led_to_shows_a_reader(world, client):
    history = _reader_with_a_history(world)
    _log_in(client, "hy_oversight")
    pages, leaks, errors = [], [], []
    for url, response in _crawl(client, "/staff/"):
        pages.append(url)
        if response.status_code >= 500 or response.status_code in (403, 404):
            errors.append((url, response.status_code))  # a link she is shown must open
            continue
        text = _text(response)
        leaks += [(url, mark) for mark in _readers_marks(history["reader"]) if mark in text]
    assert not leaks, leaks
    assert not errors, errors
    # The crawl reached the inspector's pages, not only the dashboard.
    assert {"/staff/oversight/", "/staff/oversight/targets/", "/staff/oversight/evaluations/"} <= {
        urlparse(u).path for u in pages
    }, pages


def _readers_addresses(history: dict[str, Any]) -> list[str]:
    """Every staff address that shows a reader's personal data, loans, holds or payments."""
    reader, hold, payment = history["reader"], history["hold"], history["payment"]
    return [
        reverse("circulation:home"),
        reverse("circulation:checkout") + f"?patron={reader.card_number}",
        reverse("circulation:checkin"),
        reverse("circulation:renew"),
        reverse("circulation:patron-list") + f"?q={reader.card_number}",
        reverse("circulation:patron-detail", args=[reader.pk]),
        reverse("circulation:patron-edit", args=[reader.pk]),
        reverse("circulation:patron-card", args=[reader.pk]),
        reverse("circulation:patron-export", args=[reader.pk]),
        reverse("circulation:slip-hold", args=[hold.pk]),
        reverse("circulation:reports"),
        reverse("circulation:report", args=["overdue"]) + "?format=csv",
        reverse("circulation:report", args=["holds-to-pull"]),
        reverse("circulation:ledger"),
        reverse("circulation:receipt", args=[payment.pk]),
        reverse("circulation:postal-list"),
        reverse("circulation:reading"),
        reverse("circulation:deletion-requests"),
        reverse("staff_payments:list"),
        reverse("staff_payments:copies"),
        reverse("people:audit"),
    ]


def test_the_inspector_typing_a_readers_address_is_refused(world, client):
    history = _reader_with_a_history(world)
    addresses = _readers_addresses(history)
    _log_in(client, "hy_oversight")
    answers = {url: client.get(url).status_code for url in addresses}
    assert {url: s for url, s in answers.items() if s != 403} == {}
    # The same in a commune library she switches to: the rule is hers, not the library's.
    client.post(reverse("dashboard:switch-library"), {"library": world.commune_a.pk})
    assert client.get(reverse("circulation:patron-list")).status_code == 403

    # The control: the library's administrator opens every one of them, so the addresses are
    # right and a 403 above means "refused".
    head = Client()
    _log_in(head, "tinh_library_admin")
    opened = {url: head.get(url).status_code for url in addresses}
    assert {url: s for url, s in opened.items() if s != 200} == {}


def test_the_inspector_keeps_every_figure_an_inspection_needs(world, client):
    history = _reader_with_a_history(world)
    year = timezone.localdate().year
    _log_in(client, "hy_oversight")
    for name in (
        "oversight:overview", "oversight:libraries", "oversight:targets", "oversight:evaluations",
        "oversight:training-network", "oversight:units", "oversight:reports",
        "oversight:library-report", "oversight:library-evaluations", "oversight:year-figures",
        "oversight:registers", "oversight:stocktakes", "oversight:weedings", "catalog:search",
        "circulation:rules", "network:index", "jobs:list",
    ):  # fmt: skip
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get(reverse("oversight:library", args=[world.provincial.pk])).status_code == 200
    # The annual reports, in every format: figures, no reader.
    marks = _readers_marks(history["reader"])
    for name in ("oversight:library-report", "oversight:network-report"):
        for fmt in ("xlsx", "csv", "pdf"):
            answer = client.get(reverse(name) + f"?year={year}&format={fmt}")
            assert answer.status_code == 200, (name, fmt)
            if fmt != "pdf":
                text = _text(answer)
                assert world.provincial.name_vi in text, (name, fmt)
                assert not [m for m in marks if m in text], (name, fmt)
    registers = client.get(reverse("oversight:registers") + f"?year={year}&format=csv")
    assert registers.status_code == 200 and not [m for m in marks if m in _text(registers)]
