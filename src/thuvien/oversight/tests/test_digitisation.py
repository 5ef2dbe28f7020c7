"""Digitisation figures as the authorities meet them: a digitiser ingests scanned documents, the
public reads and downloads them, and the library head's annual report (XLSX and PDF), the
inspector's dashboard, the indicators and the Decision 206 targets show the digital library's
figures equal to counts taken straight from its tables."""

from __future__ import annotations

import io
import re
import subprocess
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.test import Client
from django.utils import timezone
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from thuvien.catalog.models import Record
from thuvien.circulation.tests.factories import make_item, make_record
from thuvien.digital.models import DigitalObject, Page, UsageCount
from thuvien.digital.services import digital_ingest
from thuvien.digital.tests.booklet import booklet_folder
from thuvien.holdings.models import Item
from thuvien.network.models import Library
from thuvien.oversight.models import Target
from thuvien.oversight.services import GONE, library_days_record
from thuvien.oversight.targets import targets_ensure_decision_206, targets_progress

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
# What the programme calls special-value and endogenous documents, as catalogued here.
SPECIAL_TYPES = ("local_history", "manuscript")
ENDOGENOUS_TYPES = ("thesis",)


@pytest.fixture(autouse=True)
def _index_dir(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"


def _record(world, title: str, material_type: str) -> Record:
    """A record as the cataloguer marks it (940 $a Địa chí / Hán Nôm, or a thesis)."""
    record = make_record(world.hung_yen, title)
    Record.objects.filter(pk=record.pk).update(material_type=material_type)
    record.refresh_from_db()
    return record


def _ingest(library, tmp_path, name: str, *, pages: int, record=None, publish: bool) -> int:
    rows = {"record": str(record.pk)} if record is not None else {}
    folder = booklet_folder(tmp_path / name, pages=[f"Trang {n} của {name}" for n in
                                                    range(1, pages + 1)],
                            title=f"Tài liệu {name}", csv_rows=rows)  # fmt: skip
    with scopes_disabled():
        report = digital_ingest(paths=[folder], library=library, publish=publish)
    assert report.refused == [] and report.pages == pages
    return report.objects[0]


@pytest.fixture
def digital_world(busy_world, tmp_path):
    world = busy_world
    pho_hien = _record(world, "Phố Hiến xưa", "local_history")
    han_nom = _record(world, "Hưng Yên tỉnh chí", "manuscript")
    thesis = _record(world, "Luận văn về Phố Hiến", "thesis")
    for record in (pho_hien, han_nom, thesis):
        make_item(world.provincial, record=record)
    make_item(world.commune_a, record=pho_hien)
    # The provincial library digitises the local-history book (published), a Hán Nôm book
    # still in review (not published), and a thesis (published); another network's object
    # never counts in Hưng Yên.
    world.published = _ingest(world.provincial, tmp_path, "a", pages=3, record=pho_hien,
                              publish=True)  # fmt: skip
    _ingest(world.provincial, tmp_path, "b", pages=2, record=han_nom, publish=False)
    world.thesis_obj = _ingest(world.provincial, tmp_path, "c", pages=1, record=thesis,
                               publish=True)  # fmt: skip
    _ingest(world.bn_provincial, tmp_path, "d", pages=1, publish=True)
    # The public reads the local-history book twice and downloads it once.
    reader = Client()
    for _ in range(2):
        assert reader.get(f"/digital/{world.published}/").status_code == 200
    download = reader.get(f"/digital/{world.published}/pdf")
    assert download.status_code == 200
    b"".join(download.streaming_content)
    return world


def _from_the_tables(libraries) -> dict[str, int]:
    """The digital library's figures counted straight from its tables."""
    with scopes_disabled():
        objects = DigitalObject.all_objects.filter(library__in=libraries, ingest_complete=True)
        published_records = objects.model.all_objects.filter(
            published=True, ingest_complete=True, record__isnull=False
        ).values("record_id")
        stock = Item.objects.filter(library__in=libraries).exclude(status__in=GONE)

        def titles(queryset) -> int:
            return queryset.values("library_id", "record_id").distinct().count()

        use = UsageCount.all_objects.filter(library__in=libraries, month__year=YEAR).aggregate(
            views=Sum("views"), downloads=Sum("downloads")
        )
        return {
            "objects": objects.count(),
            "pages": Page.all_objects.filter(library__in=libraries).count(),
            "published": objects.filter(published=True).count(),
            "titles": titles(stock),
            "titles_digitised": titles(stock.filter(record_id__in=published_records)),
            "special": titles(stock.filter(record__material_type__in=SPECIAL_TYPES)),
            "special_digitised": titles(stock.filter(record__material_type__in=SPECIAL_TYPES,
                                                     record_id__in=published_records)),
            "endogenous": titles(stock.filter(record__material_type__in=ENDOGENOUS_TYPES)),
            "endogenous_digitised": titles(stock.filter(
                record__material_type__in=ENDOGENOUS_TYPES, record_id__in=published_records)),
            "views": use["views"] or 0,
            "downloads": use["downloads"] or 0,
        }  # fmt: skip


def test_the_annual_report_as_xlsx_and_pdf_holds_the_digital_librarys_figures(
    digital_world, staff_client
):
    world = digital_world
    db = _from_the_tables([world.provincial])
    assert (db["objects"], db["pages"], db["published"], db["views"], db["downloads"]) == (
        3, 6, 2, 2, 1
    )
    head = staff_client(world.users["tinh_library_admin"], world.provincial)
    xlsx = head.get("/staff/oversight/report/library/", {"format": "xlsx", "year": YEAR})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = {row[1]: row[2] for row in sheet.iter_rows(values_only=True) if len(row) > 2}
    expected = {
        "Tài liệu số cuối kỳ": db["objects"],
        "Số trang đã số hóa cuối kỳ": db["pages"],
        "Tài liệu số đã công bố cuối kỳ": db["published"],
        "Tên tài liệu có bản số đã công bố": db["titles_digitised"],
        "Tên tài liệu địa chí, Hán Nôm đang giữ": db["special"],
        "Tên tài liệu địa chí, Hán Nôm đã số hóa": db["special_digitised"],
        "Tên tài liệu nội sinh (luận văn, luận án) đang giữ": db["endogenous"],
        "Tên tài liệu nội sinh đã số hóa": db["endogenous_digitised"],
        "Lượt xem tài liệu số trong kỳ": db["views"],
        "Lượt tải tài liệu số trong kỳ": db["downloads"],
    }
    assert {label: values[label] for label in expected} == expected
    assert db["special"] == 2 and db["special_digitised"] == 1  # Hán Nôm not published yet
    share = (Decimal(db["titles_digitised"] * 100) / db["titles"]).quantize(Decimal("0.1"))
    assert Decimal(str(values["Tỷ lệ tên tài liệu đã số hóa (%)"])) == share
    assert values["Tỷ lệ tài liệu địa chí, Hán Nôm đã số hóa (%)"] == 50
    per_thousand = (Decimal(db["objects"] * 1000) / values["Số bản tài liệu cuối kỳ"]).quantize(
        Decimal("0.01")
    )
    assert Decimal(str(values["Tài liệu số hóa trên 1.000 bản tài liệu"])) == per_thousand
    assert Decimal(str(values["Lượt tải bình quân một tài liệu số đã công bố"])) == Decimal(
        "0.50"
    )
    assert "chưa có số liệu: thư viện số" not in str(values)

    pdf = head.get("/staff/oversight/report/library/", {"format": "pdf", "year": YEAR})
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf.content,
                          capture_output=True, check=True).stdout.decode()  # fmt: skip
    for label, number in (("Tài liệu số cuối kỳ", db["objects"]),
                          ("Số trang đã số hóa cuối kỳ", db["pages"]),
                          ("Tài liệu số đã công bố cuối kỳ", db["published"]),
                          ("Lượt xem tài liệu số trong kỳ", db["views"]),
                          ("Lượt tải tài liệu số trong kỳ", db["downloads"])):  # fmt: skip
        assert re.search(rf"{re.escape(label)}\s+{number}\b", text), label


def test_the_dashboard_and_targets_show_the_networks_digitisation(digital_world, staff_client):
    world = digital_world
    library_days_record()
    hung_yen = list(Library.objects.filter(network=world.hung_yen))
    db = _from_the_tables(hung_yen)
    inspector = staff_client(world.users["hy_oversight"], world.provincial)
    html = inspector.get("/staff/oversight/").content.decode()

    def figure(name: str) -> int:
        return int(re.search(rf'data-figure="{name}">(\d+)<', html).group(1))

    assert figure("digital-objects") == db["objects"] == 3  # Bắc Ninh's is not Hưng Yên's
    assert figure("digital-pages") == db["pages"]
    assert figure("digital-published") == db["published"]
    assert figure("digital-views") == db["views"] and figure("digital-downloads") == 1
    shares = re.findall(r'data-share="\d"><th scope="row">[^<]*</th><td class="num">(\d+)</td>'
                        r'<td class="num">(\d+)</td>', html)  # fmt: skip
    assert shares[0] == (str(db["titles_digitised"]), str(db["titles"]))
    # The provincial library's special-value titles: Phố Hiến published, the Hán Nôm not yet.
    assert shares[1] == ("1", "2")
    assert "chưa được nối vào trang này" not in html

    targets_ensure_decision_206(network=world.hung_yen, actor=world.users["hy_admin"])
    rows = {(p.target.measure, p.target.deadline): p
            for p in targets_progress(network=world.hung_yen)}  # fmt: skip
    special = rows[(Target.Measure.SPECIAL_DIGITISED, 2030)]
    assert (special.how, special.counted, special.of, special.percent) == (
        "counted", 1, 2, Decimal("50.0")
    )
    assert not special.reached
