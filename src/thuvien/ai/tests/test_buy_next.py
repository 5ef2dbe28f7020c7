"""A commune librarian sees what to buy next: titles the library's readers asked for (holds
here, loans of other libraries' copies) that it does not hold."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from thuvien.ai.selectors import purchase_suggestions
from thuvien.circulation.models import Hold, Loan
from thuvien.circulation.tests.factories import make_patron
from thuvien.search.tests.factories import make_item, make_record


def test_titles_asked_for_and_not_held_are_listed(world, staff_client):
    here = world.commune_a
    wanted = make_record(world.hung_yen, "Kỹ thuật nuôi ong mật")
    make_item(wanted, world.provincial)
    loaned = make_record(world.hung_yen, "Trồng lúa nước")
    far_copy = make_item(loaned, world.provincial)
    owned = make_record(world.hung_yen, "Truyện Kiều")
    make_item(owned, here)
    reader = make_patron(here)
    now = timezone.now()
    for _ in range(2):
        Hold.all_objects.create(library=here, patron=reader, record=wanted, placed_at=now)
    Hold.all_objects.create(library=here, patron=reader, record=owned, placed_at=now)
    Loan.all_objects.create(
        library=world.provincial, item=far_copy, patron=reader, patron_library=here,
        issued_at=now, due_on=(now + dt.timedelta(days=14)).date(),
    )  # fmt: skip
    found = purchase_suggestions(library=here)
    assert [(s.record.title, s.requests, s.held_by) for s in found] == [
        ("Kỹ thuật nuôi ong mật", 2, 1),
        ("Trồng lúa nước", 1, 1),
    ]
    assert purchase_suggestions(library=world.provincial) == []  # it holds them
    client = staff_client(world.users["tienlu_cataloguer"], library=here)
    html = client.get(reverse("catalog:buy-next")).content.decode()
    assert "Kỹ thuật nuôi ong mật" in html and "Truyện Kiều" not in html
