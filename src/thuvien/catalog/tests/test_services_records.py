from __future__ import annotations

import json

import pytest

from thuvien.catalog.errors import CatalogError
from thuvien.catalog.models import Record, RecordIdentifier
from thuvien.catalog.services import record_create, record_delete, record_update
from thuvien.core.models import AuditEntry, OutboxEntry

from .factories import vi_marc


@pytest.fixture
def cataloguer(world):
    return world.users["tinh_cataloguer"]


def test_record_create_extracts_and_queues(world, cataloguer):
    record = record_create(network=world.hung_yen, marc=vi_marc(), actor=cataloguer)
    record.refresh_from_db()
    assert record.title == "Lịch sử Việt Nam"
    assert record.authors == ["Trần Trọng Kim"]
    assert record.publisher == "Văn học"
    assert record.place == "Hà Nội"
    assert record.year == 2020
    assert record.isbns == ["9786041234567"]
    assert record.language == "vie"
    assert record.ddc == "959.7"
    assert record.subjects == ["Lịch sử -- Việt Nam"]
    assert record.match_key == "lich su viet nam|tran trong kim|2020"
    assert record.work_key == "isbn:9786041234567"
    kinds = set(RecordIdentifier.objects.filter(record=record).values_list("kind", "value"))
    assert ("isbn", "9786041234567") in kinds
    assert OutboxEntry.objects.filter(topic="catalog.record", object_id=record.pk).exists()
    assert AuditEntry.objects.filter(action="catalog.record.created").count() == 1


def test_record_create_refuses_without_title(world):
    marc = vi_marc()
    marc["fields"] = [f for f in marc["fields"] if "245" not in f]
    with pytest.raises(CatalogError) as err:
        record_create(network=world.hung_yen, marc=marc)
    # The MARC21 rules (marc.validation) are the service's own: every problem, by tag.
    assert err.value.code == "catalog.marc_rules"
    assert [p.tag for p in err.value.problems] == ["245"]
    assert Record.objects.count() == 0


def test_record_create_refuses_malformed(world):
    with pytest.raises(CatalogError) as err:
        record_create(network=world.hung_yen, marc={"leader": "x", "fields": [{"24": "x"}]})
    assert err.value.code == "catalog.marc_rules"  # leader length, tag "24", no 245
    assert len(err.value.problems) == 3
    with pytest.raises(CatalogError) as err:
        record_create(network=world.hung_yen, marc={"leader": "x", "fields": "not a list"})
    assert err.value.code == "catalog.invalid_marc"


def test_record_update_reextracts(world, cataloguer):
    record = record_create(network=world.hung_yen, marc=vi_marc(isbn="0-19-852663-6"))
    assert record.isbns == ["9780198526636"]  # ISBN-10 stored as its ISBN-13
    record_update(record=record, marc=vi_marc(title="Truyện Kiều", isbn=None), actor=cataloguer)
    record.refresh_from_db()
    assert record.title == "Truyện Kiều"
    assert record.isbns == []
    assert not RecordIdentifier.objects.filter(record=record, kind="isbn").exists()
    entry = AuditEntry.objects.get(action="catalog.record.updated")
    assert entry.changes["title"] == ["Lịch sử Việt Nam", "Truyện Kiều"]
    assert set(entry.changes) >= {"MARC 245", "MARC 020"}
    assert entry.changes["MARC 020"][1] is None  # the ISBN field went
    assert "Truyện Kiều" in entry.changes["MARC 245"][1]


def test_record_delete_refused_with_items(world):
    from thuvien.holdings.services import item_create

    record = record_create(network=world.hung_yen, marc=vi_marc())
    item_create(record=record, library=world.provincial, barcode="HY1")
    with pytest.raises(CatalogError):
        record_delete(record=record)
    other = record_create(network=world.hung_yen, marc=vi_marc(title="Khác"))
    record_delete(record=other)
    other.refresh_from_db()
    assert other.is_deleted


def test_pasted_invisible_characters_are_dropped_and_text_stored_nfc(world, cataloguer):
    import unicodedata

    title = unicodedata.normalize("NFD", "Phố\u200b Hiến \u202eđảo\u202c \ufeffxưa")
    persian = "می\u200cخواهم"  # a zero-width non-joiner between two Persian letters stays
    marc = vi_marc(title=title, author="Nguyễn\u200d Du",
                   extra=[("500", " ", " ", [("a", persian)])])  # fmt: skip
    record = record_create(network=world.hung_yen, marc=marc, actor=cataloguer)
    record.refresh_from_db()
    assert record.title == "Phố Hiến đảo xưa"
    assert record.authors == ["Nguyễn Du"]
    assert persian in json.dumps(record.marc, ensure_ascii=False)
    assert unicodedata.is_normalized("NFC", json.dumps(record.marc, ensure_ascii=False))


def test_an_856_link_that_would_run_is_refused_with_its_field(world, cataloguer):
    for url in ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>",
                "vbscript:msgbox", "java\tscript:alert(1)"):  # fmt: skip
        marc = vi_marc(extra=[("856", "4", "0", [("u", url)])])
        with pytest.raises(CatalogError) as err:
            record_create(network=world.hung_yen, marc=marc, actor=cataloguer)
        assert err.value.code == "catalog.field_invalid", url
        assert [(p.tag, p.code, p.kind) for p in err.value.problems] == [("856", "u", "url")]
    assert Record.objects.count() == 0
    marc = vi_marc(extra=[("856", "4", "0", [("u", "https://example.org/sach")])])
    assert record_create(network=world.hung_yen, marc=marc, actor=cataloguer).pk


def test_an_856_address_with_spaces_asks_the_cataloguer_to_confirm(world, cataloguer):
    """A pasted sentence in 856 $u is not one address: the cataloguer is asked, as for an ISBN
    with a wrong check digit, and may keep it on purpose."""
    url = "https://example.org/ok JaVaScRiPt&colon;alert(1)"
    marc = vi_marc(extra=[("856", "4", "0", [("u", url)])])
    with pytest.raises(CatalogError) as err:
        record_create(network=world.hung_yen, marc=marc, actor=cataloguer)
    assert err.value.code == "catalog.needs_confirmation"
    assert [(p.tag, p.code, p.kind) for p in err.value.problems] == [("856", "u", "url_space")]
    assert "%20" in err.value.message
    assert Record.objects.count() == 0
    assert record_create(
        network=world.hung_yen, marc=marc, actor=cataloguer, confirm_warnings=True
    ).pk
    trimmed = vi_marc(extra=[("856", "4", "0", [("u", " https://example.org/a%20b ")])])
    assert record_create(network=world.hung_yen, marc=trimmed, actor=cataloguer).pk
