""""Readers who borrowed this also borrowed", only above the k-reader threshold and only from
readers who chose to keep their history; personal suggestions explained and hideable."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from thuvien.ai.selectors import also_borrowed, personal_suggestions
from thuvien.ai.services import borrowed_together_rebuild, suggestions_hide
from thuvien.circulation.models import Loan
from thuvien.circulation.tests.factories import make_patron
from thuvien.core.outbox import outbox_drain
from thuvien.search.tests.factories import make_item, make_record

K = 5


@pytest.fixture
def shelf(world, settings):
    settings.AI_MIN_READERS = K
    titles = {
        "A": "Kỹ thuật nuôi ong mật",
        "B": "Phòng trị bệnh cho ong",
        "C": "Trồng cây ăn quả",
        "D": "Nuôi gà thả vườn",
    }
    records = {key: make_record(world.hung_yen, title) for key, title in titles.items()}
    items = {key: make_item(record, world.provincial) for key, record in records.items()}
    outbox_drain()
    return records, items


def lend(world, item, patron, days_ago: int) -> None:
    issued = timezone.now() - dt.timedelta(days=days_ago)
    Loan.all_objects.create(
        library=world.provincial,
        item=item,
        patron=patron,
        issued_at=issued,
        due_on=(issued + dt.timedelta(days=14)).date(),
        returned_at=issued + dt.timedelta(days=7),
    )


@pytest.fixture
def borrowings(world, shelf):
    records, items = shelf
    for _ in range(K):  # five readers borrowed A and B: shown
        reader = make_patron(world.provincial, keep_history=True)
        lend(world, items["A"], reader, 30)
        lend(world, items["B"], reader, 20)
    for _ in range(K - 1):  # four borrowed A and C: one short of the threshold
        reader = make_patron(world.provincial, keep_history=True)
        lend(world, items["A"], reader, 30)
        lend(world, items["C"], reader, 20)
    for _ in range(3 * K):  # many borrowed A and D but never agreed to keep their history
        reader = make_patron(world.provincial, keep_history=False)
        lend(world, items["A"], reader, 10)
        lend(world, items["D"], reader, 5)
    borrowed_together_rebuild()
    return records, items


def test_only_pairs_of_k_consenting_readers_are_shown(borrowings):
    records, _items = borrowings
    assert [r.title for r in also_borrowed(record=records["A"])] == ["Phòng trị bệnh cho ong"]
    assert [r.title for r in also_borrowed(record=records["B"])] == ["Kỹ thuật nuôi ong mật"]
    assert also_borrowed(record=records["C"]) == []  # 4 readers < k
    assert also_borrowed(record=records["D"]) == []  # no consent


def test_the_record_page_shows_them_to_anyone(client, borrowings):
    records, _items = borrowings
    html = client.get(reverse("opac_search:record", args=[records["A"].pk])).content.decode()
    assert "Bạn đọc mượn tài liệu này cũng mượn" in html
    block = html.split('id="also"', 1)[1].split("</section>", 1)[0]
    assert "Phòng trị bệnh cho ong" in block
    assert "Trồng cây ăn quả" not in block and "Nuôi gà thả vườn" not in block
    html = client.get(reverse("opac_search:record", args=[records["C"].pk])).content.decode()
    assert "Bạn đọc mượn tài liệu này cũng mượn" not in html


def test_personal_suggestions_say_why_and_can_be_hidden(world, borrowings, client):
    records, items = borrowings
    reader = make_patron(world.provincial, keep_history=True, password="mat-khau-dai-123")
    lend(world, items["A"], reader, 3)
    found = personal_suggestions(patron=reader)
    assert [(s.record.title, s.because.title) for s in found] == [
        ("Phòng trị bệnh cho ong", "Kỹ thuật nuôi ong mật")
    ]
    client.force_login(reader.user)
    html = client.get(reverse("opac_account:overview")).content.decode()
    assert "vì bạn đã mượn “Kỹ thuật nuôi ong mật”" in html
    client.post(reverse("opac_account:suggestions"), {"hide": "1"})
    assert personal_suggestions(patron=reader) == []
    html = client.get(reverse("opac_account:overview")).content.decode()
    assert "Phòng trị bệnh cho ong" not in html and "Hiện lại gợi ý" in html
    client.post(reverse("opac_account:suggestions"), {"show": "1"})
    assert personal_suggestions(patron=reader)


def test_no_suggestions_without_history_consent(world, borrowings):
    _records, items = borrowings
    reader = make_patron(world.provincial, keep_history=False)
    lend(world, items["A"], reader, 3)
    assert personal_suggestions(patron=reader) == []
    hider = make_patron(world.provincial, keep_history=True)
    lend(world, items["A"], hider, 3)
    suggestions_hide(patron_id=hider.pk)
    assert personal_suggestions(patron=hider) == []


def test_a_child_needs_the_guardians_consent(world, borrowings):
    from thuvien.patrons.models import Consent, ConsentPurpose

    _records, items = borrowings
    child = make_patron(world.provincial, category="child", keep_history=True)
    lend(world, items["A"], child, 3)
    assert personal_suggestions(patron=child)  # the guardian agreed at registration
    Consent.objects.filter(patron=child, purpose=ConsentPurpose.HISTORY).update(
        given_by_guardian=False
    )
    assert personal_suggestions(patron=child) == []


def test_the_count_is_the_same_however_it_is_cut_into_bands():
    """Ten million loans are counted a band of records at a time (memory stays bounded): every
    cut gives the pairs, counts and order of the count done in one piece."""
    import numpy as np

    from thuvien.ai.recommend import co_borrowed

    rng = np.random.default_rng(3)
    records = (rng.zipf(1.3, 20_000) % 800).astype(np.int64)
    readers = rng.integers(0, 1_500, 20_000)
    whole = co_borrowed(readers, records, min_readers=3, band=10**12)
    assert len(whole) > 1_000
    assert all(n >= 3 and a != b for a, b, n in whole)
    for band in (1, 500, 50_000):
        assert co_borrowed(readers, records, min_readers=3, band=band) == whole
    # by hand for one pair: distinct readers who borrowed both
    a, b, n = whole[0]
    assert n == len(set(readers[records == a]) & set(readers[records == b]))
