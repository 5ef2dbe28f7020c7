"""The collection by DDC class, language, material type and format, renewals, paid uses and
copy requests: recorded with each library's day, shown on the inspector's pages (the network
and one library) and in the annual report, each equal to a count taken straight from the
tables; and the pages read the recorded figures only."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scopes_disabled

from thuvien.catalog.models import Record
from thuvien.circulation.models import Loan
from thuvien.circulation.services import loan_renew
from thuvien.circulation.tests.factories import make_item, make_record
from thuvien.digital.models import DigitalObject, UsageCount
from thuvien.holdings.models import Item
from thuvien.oversight.models import CollectionCount, LibraryDay, LibraryMonth
from thuvien.oversight.reports import annual_report, report_csv
from thuvien.oversight.services import GONE, library_days_record

pytestmark = pytest.mark.django_db

# Tables a page of recorded figures never reads.
RAW_TABLES = ("circulation_loan", "holdings_item", "patrons_patron", "circulation_hold",
              "catalog_record", "digital_digitalobject", "digital_usagecount",
              "core_auditentry")  # fmt: skip
FORMAT = {"book": "print", "audio": "audiovisual", "electronic": "electronic",
          "manuscript": "manuscript"}  # fmt: skip


def _catalogue(record, **fields):
    Record.objects.filter(pk=record.pk).update(**fields)


@pytest.fixture
def shelved(busy_world):
    """busy_world's copies catalogued by class, language and type, one more Hán Nôm book in a
    language the pages have no name for, a renewal, and the digital library's use."""
    world = busy_world
    with scopes_disabled():
        kieu = Item.objects.filter(library=world.provincial, record__title="Truyện Kiều")[0]
        _catalogue(kieu.record, ddc="895.9221", language="vie", material_type="book")
        other = (
            Item.objects.filter(library=world.provincial)
            .exclude(record=kieu.record)
            .exclude(status__in=GONE)
            .get()
        )
        _catalogue(other.record, ddc="781.62", language="eng", material_type="audio")
        commune = Item.objects.get(library=world.commune_a)
        _catalogue(commune.record, ddc="", language="fre", material_type="electronic")
        old = make_record(world.hung_yen, "Hưng Yên tỉnh chí")
        _catalogue(old, ddc="959.731", language="tha", material_type="manuscript")
        make_item(world.commune_a, record=old)
        loan = Loan.all_objects.filter(library=world.provincial, returned_at__isnull=True).get()
        Loan.all_objects.filter(pk=loan.pk).update(due_on=timezone.localdate())  # due today
        loan_renew(loan=loan, actor=world.users["tinh_circulation"], library=world.provincial)
        obj = DigitalObject.all_objects.create(
            library=world.provincial, network=world.hung_yen, title="Phố Hiến xưa",
            ingest_complete=True,
        )
        UsageCount.all_objects.create(
            library=world.provincial, obj=obj, month=timezone.localdate().replace(day=1),
            views=4, downloads=2, paid_uses=3, copy_requests=2,
        )  # fmt: skip
    return world


def _from_the_tables(libraries) -> dict[str, dict[str, tuple[int, int]]]:
    """Titles and copies in stock by class, language, type and format, copy by copy."""
    dimensions = ("ddc", "language", "material", "format")
    out: dict[str, dict[str, tuple[set, int]]] = {d: {} for d in dimensions}
    with scopes_disabled():
        stock = Item.objects.filter(library__in=libraries).exclude(status__in=GONE)
        for item in stock.select_related("record"):
            r = item.record
            for dimension, value in (
                ("ddc", r.ddc[:1] if r.ddc[:1].isdigit() else ""), ("language", r.language),
                ("material", r.material_type), ("format", FORMAT[r.material_type]),
            ):  # fmt: skip
                titles, copies = out[dimension].get(value, (set(), 0))
                out[dimension][value] = (titles | {(item.library_id, r.pk)}, copies + 1)
    return {d: {v: (len(t), c) for v, (t, c) in values.items()} for d, values in out.items()}


def _table(html: str, dimension: str) -> dict[str, tuple[int, int]]:
    start = html.index(f'id="collection-{dimension}"')
    table = html[start : html.index("</table>", start)]
    return {
        key: (int(titles), int(copies))
        for key, titles, copies in re.findall(
            r'data-value="([^"]*)"><th scope="row">[^<]+</th><td class="num" data-titles>(\d+)'
            r'</td><td class="num" data-copies>(\d+)<',
            table,
        )
    }


def test_each_day_records_the_collection_broken_down_as_the_tables_count_it(shelved):
    world = shelved
    day = timezone.localdate()
    library_days_record(day=day)
    with scopes_disabled():
        for library in world.libraries:
            recorded: dict[str, dict[str, tuple[int, int]]] = {}
            for row in CollectionCount.objects.filter(library=library, day=day):
                recorded.setdefault(row.dimension, {})[row.value] = (row.titles, row.copies)
            expected = {d: v for d, v in _from_the_tables([library]).items() if v}
            assert recorded == expected, library.code
        provincial = LibraryDay.objects.get(library=world.provincial, day=day)
        month = LibraryMonth.objects.get(library=world.provincial, month=day.replace(day=1))
        rows = CollectionCount.objects.filter(library=world.provincial, day=day)
        kept = {(r.dimension, r.value): (r.titles, r.copies) for r in rows}
    # Written out by hand: Kiều (3 copies) is literature in Vietnamese, a book, printed; the
    # other copy music in English, a sound recording; withdrawn and lost copies are not stock.
    assert kept == {
        ("ddc", "8"): (1, 3), ("ddc", "7"): (1, 1), ("language", "vie"): (1, 3),
        ("language", "eng"): (1, 1), ("material", "book"): (1, 3), ("material", "audio"): (1, 1),
        ("format", "print"): (1, 3), ("format", "audiovisual"): (1, 1),
    }  # fmt: skip
    assert (provincial.renewals, month.renewals) == (1, 1)
    assert (month.paid_uses, month.copy_requests) == (3, 2)


def test_the_inspector_sees_the_breakdowns_and_the_use_as_the_tables_count_them(
    shelved, staff_client
):
    world = shelved
    day = timezone.localdate()
    library_days_record(day=day)
    client = staff_client(world.users["hy_oversight"], world.provincial)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/staff/oversight/").content.decode()
    hung_yen = [lib for lib in world.libraries if lib.network_id == world.hung_yen.pk]
    counted = _from_the_tables(hung_yen)
    for dimension in ("ddc", "material", "format"):
        assert _table(html, dimension) == counted[dimension], dimension
    # Languages by name; a language without one is shown as "other", never as its code.
    languages = dict(counted["language"])
    languages["*"] = languages.pop("tha")
    assert _table(html, "language") == languages
    assert "800 Văn học" in html and "Tiếng Việt" in html and "Ngôn ngữ khác" in html
    assert ">tha<" not in html and "Tài liệu viết tay" in html
    with scopes_disabled():
        renewed = sum(1 for ln in Loan.all_objects.filter(library__in=hung_yen) if ln.renewals)
        use = UsageCount.all_objects.filter(library__in=hung_yen).aggregate(
            p=Sum("paid_uses"), c=Sum("copy_requests")
        )
    assert f'data-renewals="{day.month}">{renewed}<' in html and renewed == 1
    assert re.search(rf'data-figure="digital-paid-uses">{use["p"]}<', html) and use["p"] == 3
    assert re.search(rf'data-figure="digital-copy-requests">{use["c"]}<', html)
    # Each chart draws its table's copies.
    chart = re.search(r'<script id="data-ddc" type="application/json">(.*?)</script>', html)
    assert chart and '"values": [1, 3, 1, 1]' in chart.group(1)
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert [t for t in RAW_TABLES if f'"{t}"' in read] == []


def test_one_library_drilled_down_to_reads_only_its_recorded_figures(shelved, staff_client):
    world = shelved
    day = timezone.localdate()
    library_days_record(day=day)
    client = staff_client(world.users["hy_oversight"], world.provincial)
    listing = client.get("/staff/oversight/libraries/").content.decode()
    link = f'href="/staff/oversight/libraries/{world.commune_a.pk}/"'
    assert link in listing and world.bn_provincial.code not in listing
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/staff/oversight/libraries/{world.commune_a.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and world.commune_a.name_vi in html
    counted = _from_the_tables([world.commune_a])
    assert _table(html, "ddc") == counted["ddc"] == {"": (1, 1), "9": (1, 1)}
    assert "Chưa phân loại DDC" in html and "900 Lịch sử và địa lý" in html
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert [t for t in RAW_TABLES if f'"{t}"' in read] == []
    assert len(queries.captured_queries) <= 16
    provincial = client.get(f"/staff/oversight/libraries/{world.provincial.pk}/").content
    assert re.search(rb'data-figure="digital-paid-uses">3<', provincial)
    assert f'data-renewals="{day.month}">1<'.encode() in provincial
    # Another network's library is no library at all; a library's own head is not an
    # inspector.
    assert client.get(f"/staff/oversight/libraries/{world.bn_provincial.pk}/").status_code == 404
    head = staff_client(world.users["tinh_library_admin"], world.provincial)
    assert head.get(f"/staff/oversight/libraries/{world.provincial.pk}/").status_code == 403


def test_the_pages_read_in_english_without_codes(shelved, staff_client):
    library_days_record()
    client = staff_client(shelved.users["hy_oversight"], shelved.provincial)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/staff/oversight/").content.decode()
    for text in ("Collection by DDC class", "800 Literature", "Vietnamese", "Other languages",
                 "Printed", "Audiovisual", "Renewals", "paid uses this year"):  # fmt: skip
        assert text in html, text
    drilled = client.get(f"/staff/oversight/libraries/{shelved.provincial.pk}/").content.decode()
    assert "Collection by material type" in drilled and "Văn học" not in drilled


def test_the_annual_report_has_them_as_the_tables_count_them(shelved):
    world = shelved
    library_days_record()
    report = annual_report(year=timezone.localdate().year, network=world.hung_yen)
    hung_yen = [lib for lib in world.libraries if lib.network_id == world.hung_yen.pk]
    counted = _from_the_tables(hung_yen)
    assert report.value("Lượt gia hạn") == 1
    assert report.value("Lượt sử dụng tài liệu số có thu phí trong kỳ") == 3
    assert report.value("Yêu cầu sao chụp từ xa trong kỳ") == 2
    lines = {(line.section, line.label): (line.value, line.note) for line in report.lines}
    assert lines[("Vốn tài liệu theo môn loại (DDC)", "800 Văn học")] == (
        counted["ddc"]["8"][1], f"{counted['ddc']['8'][0]} tên tài liệu"
    )
    assert lines[("Vốn tài liệu theo hình thức tài liệu", "Tài liệu nghe nhìn")][0] == 1
    rows = list(csv.reader(io.StringIO(report_csv(report).decode("utf-8-sig"))))
    assert ["Vốn tài liệu theo ngôn ngữ", "Tiếng Việt", "3", "1 tên tài liệu"] in rows
