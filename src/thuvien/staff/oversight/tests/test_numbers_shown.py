"""Counts and amounts read the same way on every page, in both languages: an audit of the demo
found "20000 đ" on the reader's account, "2022 tên tài liệu" on the network figures (while
their PDF said "2.022") and "68000" under "Giá (đồng)" in the accession register."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-ban-doc-1"


def ungrouped_numbers(page: str) -> list[str]:
    """Numbers of four or more digits shown without grouping: the page's text (not its tags,
    attributes or scripts), a year (1900-2100) and codes made of letters and digits aside."""
    text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", page, flags=re.S)
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", text))
    found = []
    for match in re.finditer(r"(?<![\w.,/:-])\d{4,}(?![\w.,/:-]?\d)", text):
        if len(match.group()) == 4 and 1900 <= int(match.group()) <= 2100:
            continue
        found.append(text[max(0, match.start() - 30) : match.end() + 10])
    return found


def test_the_detector_sees_a_bare_amount():
    assert ungrouped_numbers("<p>Tổng cộng: <strong>20000 đ</strong></p>")
    assert not ungrouped_numbers("<p>20.000 đ · 20,000 đ · năm 2026 · 08/12/2026 · TL9001</p>")


@pytest.fixture
def figures(world):
    """Big figures everywhere the network pages show them, a copy priced 68000 đ, a reader
    owing 20000 đ."""
    from thuvien.circulation.services import fee_create
    from thuvien.circulation.tests.factories import make_item, make_patron
    from thuvien.oversight.models import LibraryDay, LibraryMonth

    today = timezone.localdate()
    with scopes_disabled():
        for i, library in enumerate(world.libraries):
            LibraryDay.objects.create(
                library=library, day=today, titles=12345 + i, copies=23456, readers=34567,
                digital_objects=4567, digital_pages=56789, loans=6789,
            )  # fmt: skip
            LibraryMonth.objects.create(
                library=library, month=today.replace(day=1), days=1, loans=45678,
                returns=5678, copies_added=7890,
            )  # fmt: skip
        make_item(world.commune_a, price=Decimal(68000), acquired_on=today - dt.timedelta(days=1))
        reader = make_patron(world.commune_a, password=PASSWORD)
        fee_create(patron=reader, library=world.commune_a, kind="damaged", amount=20000,
                   staff=None, description="Rách bìa")  # fmt: skip
    return reader


@pytest.mark.parametrize("language", ["vi", "en"])
def test_counts_and_amounts_are_grouped_on_every_page(
    client, staff_client, world, figures, settings, language
):
    pages = {}
    admin = staff_client(world.users["hy_admin"], world.provincial)
    admin.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for name, args in (("oversight:overview", []), ("oversight:library", [world.provincial.pk]),
                       ("oversight:libraries", [])):  # fmt: skip
        pages[name] = admin.get(reverse(name, args=args))
    cataloguer = staff_client(world.users["tienlu_cataloguer"], world.commune_a)
    cataloguer.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    pages["registers"] = cataloguer.get(reverse("oversight:registers"))
    cataloguer.logout()
    assert client.login(username=figures.card_number, password=PASSWORD)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    pages["account"] = client.get(reverse("opac_account:overview"))
    sep = "." if language == "vi" else ","
    for name, response in pages.items():
        assert response.status_code == 200, name
        page = response.content.decode()
        assert f'lang="{language}"' in page
        assert not ungrouped_numbers(page), (name, ungrouped_numbers(page))
    assert f"12{sep}345" in pages["oversight:overview"].content.decode()
    assert f"68{sep}000" in pages["registers"].content.decode()
    assert f"20{sep}000 đ" in pages["account"].content.decode()
