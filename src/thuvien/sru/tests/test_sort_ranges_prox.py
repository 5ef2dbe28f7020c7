"""SRU as a partner's client uses it beyond title and author: sortKeys (SRU 1.2's parameter,
answered in 2.0 too), year ranges (``<``, ``>=``, ``within``), proximity (``prox``) where the
engine can do it, the holding library and the language as AND-ed filters, and an explain
record that lists all of it."""

from __future__ import annotations

from django_scopes import scopes_disabled
from lxml import etree

from thuvien.holdings.models import Item

from .test_sru import DIAG12, ZR, diagnostic, search, sru, titles, total

DATES = ["Ca dao Việt Nam", "Quan họ Bắc Ninh", "Địa chí Hưng Yên", "Lịch sử tỉnh Hưng Yên"]


def test_sort_keys_in_1_2_and_2_0(client, catalogue):
    for version in ("1.2", "2.0"):
        root = search(client, "cql.allRecords=1", version=version, sortKeys="dc.date,,1")
        assert titles(root) == DATES, version
        root = search(client, "cql.allRecords=1", version=version, sortKeys="dc.date,,0")
        assert titles(root) == DATES[::-1], version
    root = search(client, "cql.allRecords=1", sortKeys="title")
    assert titles(root)[0] == "Ca dao Việt Nam"
    # what cannot be done is said, with the SRU diagnostic's number
    root = search(client, "cql.allRecords=1", sortKeys="dc.title,,0")
    assert diagnostic(root) == "info:srw/diagnostic/1/82"
    root = search(client, "cql.allRecords=1", sortKeys="dc.subject")
    assert diagnostic(root) == "info:srw/diagnostic/1/80"
    root = search(client, "cql.allRecords=1 sortBy dc.date", sortKeys="dc.title")
    assert diagnostic(root) == "info:srw/diagnostic/1/80"


def test_year_ranges(client, catalogue):
    assert total(search(client, "dc.date >= 2010")) == 3
    assert sorted(titles(search(client, 'dc.date within "2001 2010"'))) == sorted(DATES[:2])
    assert titles(search(client, "dc.date < 2010")) == ["Ca dao Việt Nam"]
    assert titles(search(client, 'dc.date > 2015 and dc.title = "hung yen"')) == [DATES[3]]
    assert diagnostic(search(client, "dc.title > abc")) == "info:srw/diagnostic/1/19"
    assert diagnostic(search(client, "dc.date >= năm")) == "info:srw/diagnostic/1/36"


def test_proximity(client, catalogue):
    # "Lịch sử tỉnh Hưng Yên": two words lie between "lịch" and "hưng"
    near = "dc.title = lịch prox/unit=word/distance<=3/ordered dc.title = hưng"
    assert titles(search(client, near)) == [DATES[3]]
    too_far = "dc.title = lịch prox/unit=word/distance<=2/ordered dc.title = hưng"
    assert total(search(client, too_far)) == 0
    backwards = "dc.title = hung prox/unit=word/distance<=3/ordered dc.title = lich"
    assert total(search(client, backwards)) == 0
    either_way = "dc.title = hung prox/distance<=3 dc.title = lich"
    assert titles(search(client, either_way)) == [DATES[3]]
    assert diagnostic(search(client, "lịch prox/unit=sentence hưng")) == (
        "info:srw/diagnostic/1/42"
    )
    assert diagnostic(search(client, "dc.title=lịch prox dc.creator=hưng")) == (
        "info:srw/diagnostic/1/39"
    )


def test_library_and_language(client, catalogue, world):
    with scopes_disabled():
        Item.objects.create(
            library=world.provincial, record=catalogue["history"], barcode="SRU-LIB-1"
        )
    from thuvien.core.outbox import outbox_add, outbox_drain

    outbox_add("catalog.record", catalogue["history"].pk)  # the copy reaches the index
    outbox_drain()
    root = search(client, 'thuvien.library = HY-TINH and dc.title = "hưng yên"')
    assert titles(root) == [DATES[3]]
    assert titles(search(client, "library = HY-TINH")) == [DATES[3]]
    assert diagnostic(search(client, "library = HY-TINH or dc.title = dao")) == (
        "info:srw/diagnostic/1/16"
    )
    assert diagnostic(search(client, "library = KHONG-CO")) == "info:srw/diagnostic/1/6"
    everything = total(search(client, "cql.allRecords=1"))
    assert total(search(client, "dc.language = vie and cql.allRecords = 1")) == everything
    assert total(search(client, "dc.language = eng and cql.allRecords = 1")) == 0


def test_explain_lists_the_indexes_and_what_is_supported(client, catalogue):
    root = sru(client, operation="explain", version="1.2")
    names = {
        (n.get("set"), n.text) for n in root.iter(f"{{{ZR}}}name")
    }
    assert {("thuvien", "library"), ("dc", "language"), ("dc", "date"), ("dc", "title"),
            ("bath", "isbn"), ("bath", "issn")} <= names  # fmt: skip
    supports = {(s.get("type"), s.text or "") for s in root.iter(f"{{{ZR}}}supports")}
    assert {("proximity", ""), ("sortKeys", ""), ("relation", "within"),
            ("relation", ">=")} <= supports  # fmt: skip
    assert etree.QName(root).localname == "explainResponse" and DIAG12
