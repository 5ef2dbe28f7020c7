"""Each library's day is recorded from the database, and the inspector's page shows exactly
what a count taken straight from the tables gives."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from thuvien.circulation.models import Loan
from thuvien.circulation.tests.factories import make_item
from thuvien.holdings.models import Item, ItemStatus
from thuvien.oversight.models import LibraryDay
from thuvien.oversight.services import library_days_record
from thuvien.patrons.models import Patron
from thuvien.testing.fixtures import wait_for_js

pytestmark = pytest.mark.django_db


def _straight_from_the_tables(library, day):
    """The figures counted the plain way, one library at a time."""
    with scopes_disabled():
        items = Item.objects.filter(library=library).exclude(
            status__in=[ItemStatus.WITHDRAWN, ItemStatus.LOST]
        )
        loans = Loan.all_objects.filter(library=library)
        return {
            "copies": items.count(),
            "titles": items.values("record").distinct().count(),
            "readers": Patron.objects.filter(
                library=library, is_anonymised=False, expires_on__gte=day
            ).count(),
            "readers_new": Patron.objects.filter(library=library, registered_on=day).count(),
            "loans": sum(1 for ln in loans if timezone.localdate(ln.issued_at) == day),
            "returns": sum(
                1
                for ln in Loan.all_objects.filter(returned_library=library)
                if ln.returned_at and timezone.localdate(ln.returned_at) == day
            ),
        }


def test_every_library_day_equals_the_tables(busy_world):
    day = timezone.localdate()
    assert library_days_record(day=day) == 5
    with scopes_disabled():
        for library in busy_world.libraries:
            row = LibraryDay.objects.get(library=library, day=day)
            expected = _straight_from_the_tables(library, day)
            assert {k: getattr(row, k) for k in expected} == expected, library.code
        provincial = LibraryDay.objects.get(library=busy_world.provincial, day=day)
    assert (provincial.copies, provincial.titles, provincial.loans, provincial.returns) == (
        4,
        2,
        2,
        1,
    )


def test_recording_a_day_again_replaces_it(busy_world):
    day = timezone.localdate()
    library_days_record(day=day)
    make_item(busy_world.commune_a)
    library_days_record(day=day)
    with scopes_disabled():
        rows = LibraryDay.objects.filter(library=busy_world.commune_a, day=day)
        assert rows.count() == 1
        assert rows.get().copies == 2


def test_a_past_day_counts_that_days_events(busy_world):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    library_days_record(day=yesterday)
    with scopes_disabled():
        row = LibraryDay.objects.get(library=busy_world.provincial, day=yesterday)
    assert (row.loans, row.returns, row.readers_new) == (0, 0, 0)


def _figure(html, name):
    match = re.search(rf'data-figure="{name}">(\d+)<', html)
    assert match, name
    return int(match.group(1))


def test_the_inspector_sees_the_network_as_the_tables_count_it(busy_world, staff_client):
    day = timezone.localdate()
    library_days_record(day=day)
    client = staff_client(busy_world.users["hy_oversight"], busy_world.provincial)
    html = client.get("/staff/oversight/").content.decode()
    hung_yen = [lib for lib in busy_world.libraries if lib.network_id == busy_world.hung_yen.pk]
    counted = [_straight_from_the_tables(lib, day) for lib in hung_yen]
    assert _figure(html, "libraries") == len(hung_yen)
    assert _figure(html, "copies") == sum(c["copies"] for c in counted) == 5
    assert _figure(html, "readers") == sum(c["readers"] for c in counted) == 3
    assert f'data-month="{day.month}">2<' in html
    # Bắc Ninh's library belongs to another network: not on Hưng Yên's page.
    assert busy_world.bn_provincial.code not in html
    assert "Mạng lưới thư viện tỉnh Hưng Yên: số liệu" in html


def test_the_page_before_any_day_is_recorded_says_so(world, staff_client):
    client = staff_client(world.users["hy_oversight"], world.provincial)
    assert "Chưa có số liệu ngày nào" in client.get("/staff/oversight/").content.decode()


def test_only_those_who_oversee_the_network_open_it(world, staff_client):
    client = staff_client(world.users["tinh_library_admin"], world.provincial)
    assert client.get("/staff/oversight/").status_code == 403
    client = staff_client(world.users["hy_admin"], world.provincial)
    assert client.get("/staff/oversight/").status_code == 200


def test_a_bad_year_is_ignored_not_an_error(world, staff_client):
    library_days_record()
    client = staff_client(world.users["hy_oversight"], world.provincial)
    for year in ("abc", "99999999999999999999", "-1", "<script>"):
        assert client.get("/staff/oversight/", {"year": year}).status_code == 200


def test_the_page_reads_in_english(world, staff_client):
    library_days_record()
    client = staff_client(world.users["hy_oversight"], world.provincial)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/staff/oversight/").content.decode()
    assert ": figures" in html and "By type of library" in html and "Loans by month" in html
    assert "Lượt mượn" not in html


def test_the_months_are_the_sums_of_their_days(busy_world):
    from thuvien.oversight.models import LibraryMonth

    today = timezone.localdate()
    earlier = today.replace(day=1) - dt.timedelta(days=3)
    for day in (earlier, today - dt.timedelta(days=1), today):
        library_days_record(day=day)
    with scopes_disabled():
        for month in {earlier.replace(day=1), today.replace(day=1)}:
            for library in busy_world.libraries:
                days = LibraryDay.objects.filter(
                    library=library, day__year=month.year, day__month=month.month
                )
                row = LibraryMonth.objects.get(library=library, month=month)
                assert row.days == days.count()
                assert row.loans == sum(d.loans for d in days)
                assert row.readers_new == sum(d.readers_new for d in days)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_charts_draw_the_databases_numbers_in_the_browser(busy_world, page):
    library_days_record()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", "hy_oversight")
    page.fill("#id_password", "mat-khau-dai-123")
    page.click("form button[type=submit].btn-primary")
    page.wait_for_url(page.base_url + "/staff/")
    page.goto(page.base_url + "/staff/oversight/")
    wait_for_js(page, "() => window.Chart && Chart.getChart('chart-months')")
    months = page.evaluate("Chart.getChart('chart-months').data.datasets[0].data")
    with scopes_disabled():
        lent = Loan.all_objects.filter(library__network=busy_world.hung_yen).count()
    assert sum(months) == lent == 2
    copies = page.evaluate("Chart.getChart('chart-types').data.datasets[0].data")
    assert sum(copies) == 5
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert errors == []
    page.screenshot(path="/tmp/thuvien-browser-oversight.png", full_page=True)


def test_old_daily_breakdowns_keep_only_each_months_last_day(busy_world):
    """Recording night after night for a season keeps every day of the last two months and,
    before that, the month ends the reports read; the oldest ones are still there."""
    from thuvien.oversight.models import CollectionCount
    from thuvien.oversight.services import COLLECTION_DAYS_KEPT, collection_counts_prune

    today = dt.date(2026, 11, 30)
    with scopes_disabled():
        template = [
            CollectionCount(library=busy_world.provincial, day=today, dimension="ddc", value="3",
                            titles=2, copies=4)  # fmt: skip
        ]
        days = [today - dt.timedelta(days=n) for n in range(0, 150, 3)]
        CollectionCount.all_objects.bulk_create(
            CollectionCount(library=row.library, day=day, dimension=row.dimension,
                            value=row.value, titles=row.titles, copies=row.copies)
            for day in days for row in template
        )  # fmt: skip
        collection_counts_prune(today=today)
        kept = set(CollectionCount.all_objects.values_list("day", flat=True))
    cutoff = today - dt.timedelta(days=COLLECTION_DAYS_KEPT)
    assert {d for d in days if d >= cutoff} <= kept
    old = sorted(d for d in kept if d < cutoff)
    # one day a month before the cut-off, the last one recorded in that month
    assert len({(d.year, d.month) for d in old}) == len(old)
    for d in old:
        assert d == max(x for x in days if (x.year, x.month) == (d.year, d.month))
    assert min(days) in kept or any(d.month == min(days).month for d in old)
