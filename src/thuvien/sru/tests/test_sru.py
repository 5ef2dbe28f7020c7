"""The SRU endpoint as a partner's client meets it: searchRetrieve in 1.2 and 2.0, both record
schemas and packings, paging, explain, scan, the portal's scope, diagnostics instead of errors,
and answers that stay well-formed whatever a record holds."""

from __future__ import annotations

import pytest
from lxml import etree

from thuvien.catalog.models import Record
from thuvien.catalog.services import record_create
from thuvien.catalog.tests.factories import vi_marc
from thuvien.core.outbox import outbox_drain

from .conftest import VI_AUTHOR, VI_ISBN, VI_TITLE

SRU12 = "http://www.loc.gov/zing/srw/"
SRU20 = "http://docs.oasis-open.org/ns/search-ws/sruResponse"
DIAG12 = "http://www.loc.gov/zing/srw/diagnostic/"
DIAG20 = "http://docs.oasis-open.org/ns/search-ws/diagnostic"
MARC = "http://www.loc.gov/MARC21/slim"
DC = "http://purl.org/dc/elements/1.1/"
ZR = "http://explain.z3950.org/dtd/2.0/"


def sru(client, method="get", **params):
    response = getattr(client, method)("/sru", params)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/xml")
    return etree.fromstring(response.content)


def search(client, query, version="1.2", **params):
    if version:
        params.setdefault("operation", "searchRetrieve")
        params["version"] = version
    return sru(client, query=query, **params)


def total(root) -> int:
    ns = SRU20 if root.tag.startswith("{" + SRU20) else SRU12
    return int(root.findtext(f"{{{ns}}}numberOfRecords"))


def titles(root) -> list[str]:
    return [
        (f.findtext(f"{{{MARC}}}subfield[@code='a']") or "").rstrip(" /")
        for f in root.iter(f"{{{MARC}}}datafield")
        if f.get("tag") == "245"
    ]


def diagnostic(root) -> str | None:
    for ns in (DIAG12, DIAG20):
        found = root.find(f".//{{{ns}}}diagnostic/{{{ns}}}uri")
        if found is not None:
            return found.text
    return None


def test_vietnamese_title_with_and_without_tone_marks(client, catalogue):
    for query in ('dc.title = "Lịch sử Hưng Yên"', 'dc.title = "lich su hung yen"', "tỉnh", "tinh"):
        root = search(client, query)
        assert diagnostic(root) is None
        assert total(root) == 1, query
        assert titles(root) == [VI_TITLE]


def test_indexes_of_each_context_set(client, catalogue):
    cases = {
        f'dc.creator = "{VI_AUTHOR}"': 1,
        'bath.personalName = "nguyen van duc"': 1,
        f"bath.isbn = {VI_ISBN}": 1,
        'dc.identifier = "978-604-109-511-3"': 1,
        "dc.subject = lịch*": 4,
        'cql.serverChoice any "ca quan"': 2,
        'title = "hưng yên" not dc.title = "địa chí"': 1,
        "dc.date = 2015": 1,
        "cql.allRecords = 1": 4,
    }
    for query, expected in cases.items():
        root = search(client, query)
        assert diagnostic(root) is None, (query, diagnostic(root))
        assert total(root) == expected, query


def test_sru_20_answer_and_post(client, catalogue):
    for method in ("get", "post"):
        root = sru(client, method, query='dc.title = "hưng yên"', recordXMLEscaping="xml")
        assert root.tag == f"{{{SRU20}}}searchRetrieveResponse"
        assert root.findtext(f"{{{SRU20}}}version") == "2.0"
        assert total(root) == 2
        record = root.find(f"{{{SRU20}}}records/{{{SRU20}}}record")
        assert record.findtext(f"{{{SRU20}}}recordXMLEscaping") == "xml"
        assert root.findtext(f"{{{SRU20}}}resultCountPrecision").endswith("/exact")


def test_dc_schema_and_string_packing(client, catalogue):
    root = search(client, f"bath.isbn = {VI_ISBN}", recordSchema="dc")
    assert root.findtext(f".//{{{DC}}}title").startswith(VI_TITLE)
    assert root.findtext(f".//{{{SRU12}}}recordSchema") == "info:srw/schema/1/dc-v1.1"
    root = search(client, f"bath.isbn = {VI_ISBN}", recordPacking="string")
    data = root.find(f".//{{{SRU12}}}recordData")
    assert len(data) == 0
    inner = etree.fromstring(data.text.encode())
    assert inner.tag == f"{{{MARC}}}record" and titles(inner) == [VI_TITLE]


def test_paging_and_next_record_position(client, catalogue):
    root = search(client, "cql.allRecords = 1", maximumRecords="3", startRecord="1")
    positions = [int(p.text) for p in root.iter(f"{{{SRU12}}}recordPosition")]
    assert positions == [1, 2, 3]
    assert root.findtext(f"{{{SRU12}}}nextRecordPosition") == "4"
    root = search(client, "cql.allRecords = 1", maximumRecords="3", startRecord="4")
    assert [int(p.text) for p in root.iter(f"{{{SRU12}}}recordPosition")] == [4]
    assert root.find(f"{{{SRU12}}}nextRecordPosition") is None
    root = search(client, "cql.allRecords = 1", maximumRecords="0")
    assert total(root) == 4 and root.find(f"{{{SRU12}}}records") is None


def test_sort_by_title(client, catalogue):
    root = search(client, "cql.allRecords = 1 sortBy dc.title", maximumRecords="10")
    assert titles(root) == sorted(titles(root), key=lambda t: t.lower().replace("đ", "dz"))[:4]
    root = search(client, "cql.allRecords = 1 sortBy dc.date/sort.descending")
    years = [
        int(f.findtext(f"{{{MARC}}}subfield[@code='c']"))
        for f in root.iter(f"{{{MARC}}}datafield")
        if f.get("tag") == "264"
    ]
    assert years == sorted(years, reverse=True)


@pytest.mark.parametrize(
    "params, number",
    [
        ({"query": "lịch sử"}, 10),
        ({"query": "dc.nothing = x"}, 16),
        ({"query": "a", "recordSchema": "mods"}, 66),
        ({"query": "cql.allRecords = 1", "startRecord": "99"}, 61),
        ({"query": "a", "startRecord": "0"}, 6),
        ({"query": "a", "maximumRecords": "-1"}, 6),
        ({"query": "a", "recordPacking": "json"}, 71),
        ({"query": "dc.title=a prox dc.creator=b"}, 39),  # prox within one index only
        ({"query": "dc.title > a"}, 19),
        ({"version": "3.0", "query": "a"}, 5),
        ({"operation": "searchRetrieve"}, 7),
        ({"operation": "update", "query": "a"}, 4),
        ({"query": "a", "x-library": "no-such-library"}, 6),
    ],
)
def test_diagnostics_never_an_error(client, catalogue, params, number):
    params.setdefault("version", "1.2")
    params.setdefault("operation", "searchRetrieve")
    root = sru(client, **params)
    assert diagnostic(root) == f"info:srw/diagnostic/1/{number}"
    if root.tag.endswith("searchRetrieveResponse"):
        assert root.find(f"{{{SRU12}}}numberOfRecords") is not None


def test_diagnostic_in_sru_20(client, catalogue):
    root = sru(client, query="dc.nothing = x")
    assert root.tag == f"{{{SRU20}}}searchRetrieveResponse"
    assert root.findtext(f".//{{{DIAG20}}}uri") == "info:srw/diagnostic/1/16"
    assert root.findtext(f".//{{{DIAG20}}}details") == "dc.nothing"


def test_explain_lists_indexes_and_schemas(client, catalogue):
    for params in ({"operation": "explain", "version": "1.2"}, {}):
        root = sru(client, **params)
        explain = root.find(f".//{{{ZR}}}explain")
        names = {(n.get("set"), n.text) for n in explain.iter(f"{{{ZR}}}name")}
        assert {
            ("dc", "title"),
            ("dc", "creator"),
            ("bath", "isbn"),
            ("cql", "serverChoice"),
        } <= names
        schemas = {s.get("name") for s in explain.iter(f"{{{ZR}}}schema")}
        assert schemas == {"marcxml", "dc"}


def test_scan_subjects(client, catalogue):
    root = sru(client, operation="scan", version="1.2", scanClause="dc.subject = lich")
    values = [t.findtext(f"{{{SRU12}}}value") for t in root.iter(f"{{{SRU12}}}term")]
    counts = [int(t.findtext(f"{{{SRU12}}}numberOfRecords")) for t in root.iter(f"{{{SRU12}}}term")]
    assert values and all(v.lower().startswith("lịch sử") for v in values)
    assert sum(counts) >= 3
    root = sru(client, operation="scan", version="1.2", scanClause="dc.title = lich")
    assert diagnostic(root) == "info:srw/diagnostic/1/16"


def test_scope_is_the_portals(client, catalogue, world):
    root = search(client, "cql.allRecords = 1", **{"x-network": world.bac_ninh.code})
    assert titles(root) == ["Quan họ Bắc Ninh"]
    root = search(client, "cql.allRecords = 1", **{"x-network": world.hung_yen.code})
    assert total(root) == 3


def test_control_characters_stay_well_formed(client, world, settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    marc = vi_marc(title="Sách\x01 có\x0b ký tự \x1f điều khiển\ufffe", isbn=None)
    record = record_create(network=world.hung_yen, marc=marc)
    outbox_drain()
    Record.objects.filter(pk=record.pk).update(marc=marc)  # as a raw import would store it
    for schema in ("marcxml", "dc"):
        for packing in ("xml", "string"):
            response = client.get(
                "/sru",
                {"version": "1.2", "operation": "searchRetrieve", "query": "\"điều khiển\"",
                 "recordSchema": schema, "recordPacking": packing},
            )  # fmt: skip
            root = etree.fromstring(response.content)  # raises if ill-formed
            text = etree.tostring(root, encoding="unicode")
            assert total(root) == 1
            assert "\x01" not in text and "\ufffe" not in text
            assert "ký tự" in text


def test_broken_marc_is_served_without_failing(client, catalogue):
    Record.objects.filter(pk=catalogue["folk"].pk).update(
        marc={"leader": 5, "fields": [{"24": "x"}, {"245": {"ind1": "!!", "subfields": "no"}},
              {"100": {"ind1": "1", "ind2": " ", "subfields": [{"A": "x"}, {"a": "Lê"}]}}]}
    )  # fmt: skip
    for schema in ("marcxml", "dc"):
        root = search(client, '"ca dao"', recordSchema=schema)
        assert total(root) == 1 and diagnostic(root) is None


def test_a_record_deleted_after_indexing_is_a_surrogate_diagnostic(client, catalogue):
    Record.objects.filter(pk=catalogue["folk"].pk).update(is_deleted=True)  # index not yet told
    root = search(client, '"ca dao"')
    assert total(root) == 1
    assert root.findtext(f".//{{{SRU12}}}recordSchema") == "info:srw/schema/1/diagnostics-v1.1"
    assert diagnostic(root) == "info:srw/diagnostic/1/65"


def test_no_personal_data(client, catalogue, world):
    from thuvien.circulation.tests.factories import make_item, make_patron

    patron = make_patron(world.provincial, full_name="Hoàng Thị Bạn Đọc", email="bd@example.org")
    make_item(world.provincial, record=catalogue["history"], barcode="HY-SRU-0001")
    body = client.get(
        "/sru", {"version": "1.2", "operation": "searchRetrieve", "query": "cql.allRecords=1",
                 "maximumRecords": "100"}
    ).content.decode()  # fmt: skip
    assert VI_TITLE in body
    for value in (patron.card_number, patron.email, patron.full_name):
        assert value not in body


def test_throttled_like_the_portal(client, catalogue, settings):
    settings.THUVIEN_SRU_RATE = "2/min"
    for _ in range(2):
        assert diagnostic(search(client, "a")) is None
    response = client.get("/sru", {"version": "1.2", "operation": "searchRetrieve", "query": "a"})
    assert diagnostic(etree.fromstring(response.content)) == "info:srw/diagnostic/1/2"
    assert int(response["Retry-After"]) > 0


def test_the_z3950_servers_requests_count_under_their_own_rate(client, catalogue, settings):
    from thuvien.sru.z3950 import gateway_token

    settings.THUVIEN_SRU_RATE = "1/min"
    settings.THUVIEN_Z3950_RATE = "3/min"
    for _ in range(3):
        root = search(client, "a", **{"x-thuvien-gateway": gateway_token()})
        assert diagnostic(root) is None
    root = search(client, "a", **{"x-thuvien-gateway": gateway_token()})
    assert diagnostic(root) == "info:srw/diagnostic/1/2"
    assert diagnostic(search(client, "a", **{"x-thuvien-gateway": "guess"})) is None  # 1st
    assert diagnostic(search(client, "a")) == "info:srw/diagnostic/1/2"  # a client's 2nd


def test_scan_diagnostics_come_in_a_scan_response(client, catalogue):
    for params in (
        {"operation": "scan", "version": "1.2", "scanClause": "dc.title = x"},
        {"scanClause": "dc.subject = x", "maximumTerms": "1000"},
        {"operation": "scan", "version": "1.2"},
    ):
        root = sru(client, **params)
        assert etree.QName(root).localname == "scanResponse"
        assert diagnostic(root).startswith("info:srw/diagnostic/1/")
