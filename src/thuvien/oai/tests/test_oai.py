# ruff: noqa: E501  (the table of error cases reads best one case a line)
"""The OAI-PMH 2.0 endpoint as a harvester meets it: every verb, every error, deleted records,
resumption tokens that carry a cursor, hostile input, and answers that are always well-formed."""

from __future__ import annotations

import base64
import json
import random
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from lxml import etree

from thuvien.catalog.models import Record, RecordTombstone
from thuvien.catalog.services import record_create, record_delete
from thuvien.catalog.tests.factories import vi_marc
from thuvien.holdings.models import Item

NS = {
    "o": "http://www.openarchives.org/OAI/2.0/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "m": "http://www.loc.gov/MARC21/slim",
}
SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "oai_pmh.xsd")))
DATESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
VERB_CHILDREN = {
    "Identify",
    "ListMetadataFormats",
    "ListSets",
    "GetRecord",
    "ListIdentifiers",
    "ListRecords",
}
ERRORS = {
    "badArgument",
    "badResumptionToken",
    "badVerb",
    "cannotDisseminateFormat",
    "idDoesNotExist",
    "noRecordsMatch",
    "noMetadataFormats",
    "noSetHierarchy",
}


def check_structure(root) -> None:
    """Valid against the OAI-PMH 2.0 structure and, inside it, MARC21 slim (schemas/, written
    from the specifications, stricter than the published XSDs in places: test_xsd_validation
    checks against those), plus what a schema cannot say."""
    SCHEMA.assertValid(root)
    assert root.tag == "{{{}}}OAI-PMH".format(NS["o"])
    children = list(root)
    assert children[0].tag == "{{{}}}responseDate".format(NS["o"])
    assert DATESTAMP.match(children[0].text)
    assert children[1].tag == "{{{}}}request".format(NS["o"])
    assert children[1].text.startswith("http")
    rest = children[2:]
    assert rest, "a response has a verb element or errors"
    if rest[0].tag == "{{{}}}error".format(NS["o"]):
        assert all(e.tag == "{{{}}}error".format(NS["o"]) for e in rest)
        for e in rest:
            assert e.get("code") in ERRORS
        return
    assert len(rest) == 1 and etree.QName(rest[0]).localname in VERB_CHILDREN
    body = rest[0]
    for header in body.iter("{{{}}}header".format(NS["o"])):
        kids = [etree.QName(k).localname for k in header]
        assert kids[:2] == ["identifier", "datestamp"]
        assert set(kids[2:]) <= {"setSpec"}
        assert DATESTAMP.match(header[1].text)
        assert header.get("status") in (None, "deleted")
    for record in body.iter("{{{}}}record".format(NS["o"])):
        kids = [etree.QName(k).localname for k in record]
        header = record[0]
        if header.get("status") == "deleted":
            assert kids == ["header"]
        else:
            assert kids[:2] == ["header", "metadata"]
            assert len(record[1]) == 1  # exactly one metadata element
    tokens = body.findall("{{{}}}resumptionToken".format(NS["o"]))
    assert len(tokens) <= 1
    if tokens:
        assert body[-1] is tokens[0]


def check_marcxml(record) -> None:
    """MARC21 slim structure: leader of 24, controlfields before datafields, tags of 3."""
    kids = list(record)
    assert kids[0].tag == "{{{}}}leader".format(NS["m"]) and len(kids[0].text) == 24
    seen_data = False
    for k in kids[1:]:
        name = etree.QName(k).localname
        assert name in ("controlfield", "datafield")
        assert re.match(r"^[0-9A-Za-z]{3}$", k.get("tag"))
        if name == "datafield":
            seen_data = True
            assert re.match(r"^[0-9a-z ]$", k.get("ind1"))
            assert re.match(r"^[0-9a-z ]$", k.get("ind2"))
            assert all(etree.QName(s).localname == "subfield" for s in k)
            assert all(len(s.get("code")) == 1 for s in k)
        else:
            assert not seen_data or True  # MARC order is kept as catalogued


def oai(client, method="get", **params):
    response = getattr(client, method)("/oai", params)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("text/xml")
    root = etree.fromstring(response.content)
    check_structure(root)
    return root


def error_code(root) -> str | None:
    error = root.find("o:error", NS)
    return None if error is None else error.get("code")


@pytest.fixture
def catalogue(world, settings):
    """Five records in Hưng Yên (one held by HY-TINH, one deleted), two in Bắc Ninh."""
    settings.OAI_PAGE_SIZE = 2
    hy = [
        record_create(network=world.hung_yen, marc=vi_marc(title=f"Sách Hưng Yên {i}"))
        for i in range(5)
    ]
    bn = [
        record_create(network=world.bac_ninh, marc=vi_marc(title=f"Sách Bắc Ninh {i}"))
        for i in range(2)
    ]
    with scopes_disabled():
        Item.objects.create(
            library=world.provincial,
            record=hy[0],
            barcode="HY0001",
            location=world.provincial.locations.first(),
            call_number="959.7 L302S",
        )
    record_delete(record=hy[4])
    return {"hy": hy, "bn": bn, "deleted": hy[4]}


def ident(record) -> str:
    return f"oai:thuvien.localhost:record/{record.pk}"


def test_identify_says_deleted_records_are_persistent(client, catalogue):
    root = oai(client, verb="Identify")
    node = root.find("o:Identify", NS)
    assert node.findtext("o:deletedRecord", namespaces=NS) == "persistent"
    assert node.findtext("o:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    assert node.findtext("o:protocolVersion", namespaces=NS) == "2.0"
    assert DATESTAMP.match(node.findtext("o:earliestDatestamp", namespaces=NS))
    assert node.findtext("o:baseURL", namespaces=NS).endswith("/oai")
    assert root.find("o:request", NS).get("verb") == "Identify"


def test_list_metadata_formats_and_sets(client, catalogue):
    root = oai(client, verb="ListMetadataFormats")
    prefixes = [e.text for e in root.iterfind(".//o:metadataPrefix", NS)]
    # qdc: qualified Dublin Core of digital objects (a catalogue record has the other three)
    assert prefixes == ["oai_dc", "marc21", "marc21_withholdings", "qdc"]
    marc_ns = root.xpath(
        ".//o:metadataFormat[o:metadataPrefix='marc21']/o:metadataNamespace", namespaces=NS
    )
    assert marc_ns[0].text == "http://www.loc.gov/MARC21/slim"
    root = oai(client, verb="ListMetadataFormats", identifier=ident(catalogue["hy"][0]))
    assert len(root.findall(".//o:metadataFormat", NS)) == 3
    specs = [e.text for e in oai(client, verb="ListSets").iterfind(".//o:setSpec", NS)]
    assert {"network:hung-yen", "network:bac-ninh", "library:HY-TINH", "library:BN-TINH"} <= set(
        specs
    )


def test_get_record_in_each_format(client, catalogue):
    record = catalogue["hy"][0]
    root = oai(client, verb="GetRecord", identifier=ident(record), metadataPrefix="oai_dc")
    assert root.findtext(".//dc:title", namespaces=NS) == "Sách Hưng Yên 0"
    specs = [e.text for e in root.iterfind(".//o:header/o:setSpec", NS)]
    assert "network:hung-yen" in specs and "library:HY-TINH" in specs
    root = oai(client, verb="GetRecord", identifier=ident(record), metadataPrefix="marc21")
    marc = root.find(".//m:record", NS)
    check_marcxml(marc)
    assert marc.xpath("m:datafield[@tag='245']/m:subfield[@code='a']/text()", namespaces=NS) == [
        "Sách Hưng Yên 0 /"
    ]
    root = oai(
        client, verb="GetRecord", identifier=ident(record), metadataPrefix="marc21_withholdings"
    )
    f852 = root.xpath(".//m:datafield[@tag='852']", namespaces=NS)
    assert len(f852) == 1
    subs = {s.get("code"): s.text for s in f852[0]}
    assert subs["a"] == "HY-TINH" and subs["p"] == "HY0001" and subs["h"] == "959.7 L302S"


def test_post_is_answered_like_get(client, catalogue):
    record = catalogue["hy"][1]
    root = oai(client, "post", verb="GetRecord", identifier=ident(record), metadataPrefix="oai_dc")
    assert root.findtext(".//dc:title", namespaces=NS) == "Sách Hưng Yên 1"


def _harvest(client, verb, **args):
    """Every page of a list request; returns (headers, pages)."""
    headers, pages = [], 0
    root = oai(client, verb=verb, **args)
    while True:
        pages += 1
        headers += root.findall(f".//o:{verb}//o:header", NS)
        token = root.find(".//o:resumptionToken", NS)
        if token is None or not token.text:
            return headers, pages
        root = oai(client, verb=verb, resumptionToken=token.text)


def test_deleted_record_shows_in_all_three_verbs(client, catalogue):
    deleted = catalogue["deleted"]
    root = oai(client, verb="GetRecord", identifier=ident(deleted), metadataPrefix="marc21")
    header = root.find(".//o:header", NS)
    assert header.get("status") == "deleted"
    assert root.find(".//o:metadata", NS) is None
    for verb in ("ListRecords", "ListIdentifiers"):
        for args in ({}, {"set": "network:hung-yen"}):
            headers, _ = _harvest(client, verb, metadataPrefix="oai_dc", **args)
            status = {h.findtext("o:identifier", namespaces=NS): h.get("status") for h in headers}
            assert status[ident(deleted)] == "deleted", (verb, args)
            assert list(status.values()).count("deleted") == 1


def test_deleted_record_stays_after_its_row_is_gone(client, catalogue):
    """The tombstone, not the row, carries the deletion: it outlives the record's row."""
    deleted = catalogue["deleted"]
    assert RecordTombstone.objects.filter(record_id=deleted.pk).exists()
    Record.objects.filter(pk=deleted.pk).delete()
    root = oai(client, verb="GetRecord", identifier=ident(deleted), metadataPrefix="oai_dc")
    assert root.find(".//o:header", NS).get("status") == "deleted"
    headers, _ = _harvest(client, "ListIdentifiers", metadataPrefix="oai_dc")
    assert ident(deleted) in [h.findtext("o:identifier", namespaces=NS) for h in headers]


def test_sets_partition_the_catalogue(client, catalogue):
    whole, pages = _harvest(client, "ListRecords", metadataPrefix="marc21")
    assert len(whole) == 7 and pages == 4  # page size 2
    hy, _ = _harvest(client, "ListRecords", metadataPrefix="marc21", set="network:hung-yen")
    bn, _ = _harvest(client, "ListRecords", metadataPrefix="marc21", set="network:bac-ninh")
    assert len(hy) == 5 and len(bn) == 2
    held, _ = _harvest(client, "ListIdentifiers", metadataPrefix="oai_dc", set="library:HY-TINH")
    assert [h.findtext("o:identifier", namespaces=NS) for h in held] == [ident(catalogue["hy"][0])]
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="library:BN-TINH")
    assert error_code(root) == "noRecordsMatch"


def test_a_record_moved_by_a_network_merger_leaves_a_deleted_header_in_its_old_set(
    client, catalogue, world
):
    from thuvien.catalog.services.network_merge import catalogue_move_network

    catalogue_move_network(world.bac_ninh, world.hung_yen)
    bn, _ = _harvest(client, "ListIdentifiers", metadataPrefix="oai_dc", set="network:bac-ninh")
    assert [h.get("status") for h in bn] == ["deleted", "deleted"]
    hy, _ = _harvest(client, "ListIdentifiers", metadataPrefix="oai_dc", set="network:hung-yen")
    assert len(hy) == 7
    whole, _ = _harvest(client, "ListIdentifiers", metadataPrefix="oai_dc")
    ids = [h.findtext("o:identifier", namespaces=NS) for h in whole]
    assert len(ids) == len(set(ids)) == 7


def test_from_and_until_in_both_granularities(client, catalogue):
    records = Record.objects.order_by("updated_at")
    first, last = records.first(), records.last()
    day = first.updated_at.strftime("%Y-%m-%d")
    headers, _ = _harvest(client, "ListIdentifiers", metadataPrefix="oai_dc", **{"from": day})
    assert len(headers) == 7
    headers, _ = _harvest(client, "ListIdentifiers", metadataPrefix="oai_dc", until=day)
    assert len(headers) == 7
    later = (last.updated_at + timedelta(seconds=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": later})
    assert error_code(root) == "noRecordsMatch"
    stamp = first.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    headers, _ = _harvest(
        client, "ListIdentifiers", metadataPrefix="oai_dc", **{"from": stamp, "until": stamp}
    )
    assert ident(first) in [h.findtext("o:identifier", namespaces=NS) for h in headers]
    # a record changed after a harvest comes back in an incremental harvest from then
    Record.objects.filter(pk=first.pk).update(updated_at=timezone.now() + timedelta(days=3))
    future = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%d")
    headers, _ = _harvest(client, "ListIdentifiers", metadataPrefix="oai_dc", **{"from": future})
    assert [h.findtext("o:identifier", namespaces=NS) for h in headers] == [ident(first)]


def test_resumption_token_is_a_cursor_not_an_offset(client, catalogue):
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = root.find(".//o:resumptionToken", NS).text
    data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    last = root.findall(".//o:header", NS)[-1].findtext("o:identifier", namespaces=NS)
    assert data["c"][1] == int(last.rsplit("/", 1)[1])
    # records inserted before the cursor while a harvest runs shift nothing: no duplicates
    record_create(network=catalogue["hy"][0].network, marc=vi_marc(title="Mới thêm"))
    rest, _ = _harvest(client, "ListIdentifiers", resumptionToken=token)
    ids = [h.findtext("o:identifier", namespaces=NS) for h in rest]
    assert last not in ids and len(ids) == len(set(ids))


ERROR_CASES = [
    ({}, "badVerb"),
    ({"verb": "Frobnicate"}, "badVerb"),
    ({"verb": ["Identify", "ListSets"]}, "badVerb"),
    ({"verb": "Identify", "extra": "1"}, "badArgument"),
    ({"verb": "ListRecords"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "marc21"]}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-13-45"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-01-01T00:00:00.5Z"}, "badArgument"),
    (
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-01-01", "until": "2021-01-01T00:00:00Z"},
        "badArgument",
    ),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2021-01-01", "until": "2020-01-01"}, "badArgument"),
    ({"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "GetRecord", "identifier": "oai:thuvien.localhost:record/1"}, "badArgument"),
    ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
    ({"verb": "ListRecords", "resumptionToken": "eyJ2IjoxfQ"}, "badResumptionToken"),
    ({"verb": "ListSets", "resumptionToken": "abc"}, "badResumptionToken"),
    ({"verb": "ListRecords", "metadataPrefix": "mods"}, "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "identifier": "oai:thuvien.localhost:record/999999", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
    ({"verb": "GetRecord", "identifier": "oai:other.org:record/1", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
    ({"verb": "ListMetadataFormats", "identifier": "junk"}, "idDoesNotExist"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "network:nowhere"}, "noRecordsMatch"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2999-01-01"}, "noRecordsMatch"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "1999-12-31"}, "noRecordsMatch"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "9999-12-31"}, None),
]  # fmt: skip


@pytest.mark.parametrize(("params", "code"), ERROR_CASES)
def test_error_codes(client, catalogue, params, code):
    root = oai(client, **params)
    assert error_code(root) == code
    request = root.find("o:request", NS)
    if code is None:
        return
    if code in ("badVerb", "badArgument"):
        assert not request.attrib  # the spec forbids echoing arguments of a bad request
    else:
        assert request.get("verb") == params["verb"]


def test_token_for_another_verb_is_refused(client, catalogue):
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = root.find(".//o:resumptionToken", NS).text
    assert error_code(oai(client, verb="ListRecords", resumptionToken=token)) == (
        "badResumptionToken"
    )


def test_control_characters_in_a_record_never_break_a_page(client, world, settings):
    settings.OAI_PAGE_SIZE = 10
    marc = vi_marc(title="Sách\x01 có\x0b ký tự \x1f điều khiển\ufffe")
    record_create(network=world.hung_yen, marc=marc)
    Record.objects.update(marc=marc)  # as a raw import would store it, past normalisation
    for prefix in ("oai_dc", "marc21", "marc21_withholdings"):
        root = oai(client, verb="ListRecords", metadataPrefix=prefix)
        text = etree.tostring(root, encoding="unicode")
        assert "\x01" not in text and "\x0b" not in text and "Sách có ký tự  điều khiển" in text
        assert "\ufffe" not in text


def test_a_noncharacter_alone_never_breaks_a_page(client, world):
    record = record_create(network=world.hung_yen, marc=vi_marc(title="Chỉ"))
    marc = vi_marc(title="Chỉ\uffff một ký tự cấm", extra=[("500", " ", " ", [("a", "\ufffe")])])
    Record.objects.filter(pk=record.pk).update(marc=marc)
    for prefix in ("oai_dc", "marc21"):
        root = oai(client, verb="GetRecord", identifier=ident(record), metadataPrefix=prefix)
        text = etree.tostring(root, encoding="unicode")
        assert "Chỉ một ký tự cấm" in text and "\uffff" not in text


def test_hostile_arguments_are_answered_with_errors_never_500(client, catalogue):
    rng = random.Random(15)
    keys = ["verb", "metadataPrefix", "identifier", "set", "from", "until", "resumptionToken", "x"]
    values = [
        "ListRecords", "ListIdentifiers", "GetRecord", "Identify", "ListSets",
        "ListMetadataFormats", "oai_dc", "marc21", "marc21_withholdings", "", "\x00", "\x1b[0m",
        "2020-01-01", "2020-01-01T00:00:00Z", "9999-12-31", "0000-00-00", "network:hung-yen",
        "library:HY-TINH", "library:", "network", ":", "oai:thuvien.localhost:record/1",
        "oai:thuvien.localhost:record/99999999999999999999", "record/-1", "' OR 1=1 --",
        "<x>&amp;", "Nguyễn", "eyJ2IjoxLCJ2ZXJiIjoiTGlzdFJlY29yZHMiLCJtIjoib2FpX2RjIiwiYyI6WzEsMl19",
        base64.urlsafe_b64encode(b'{"v":1,"verb":"ListRecords","m":"oai_dc","c":["x",1]}').decode(),
        base64.urlsafe_b64encode(
            b'{"v":1,"verb":"ListRecords","m":"oai_dc","f":"junk","c":["2020-01-01T00:00:00+00:00",1]}'
        ).decode(),
        "A" * 5000,
    ]  # fmt: skip
    for _ in range(300):
        params = {}
        for key in rng.sample(keys, rng.randint(0, 5)):
            params[key] = rng.choice(values) if rng.random() < 0.9 else rng.sample(values, 2)
        method = rng.choice(["get", "post"])
        oai(client, method, **params)


def test_every_answer_is_well_formed_when_a_record_has_broken_marc(client, world, settings):
    marc = vi_marc(title="Hỏng")
    record = record_create(network=world.hung_yen, marc=marc)
    broken = dict(record.marc)
    broken["leader"] = "short\x02"
    broken["fields"] = [
        *broken["fields"],
        {"1$x": "bad tag"},
        {"650": {"ind1": "XY", "subfields": [{"": "no code"}, {"a": 5}]}},
    ]
    Record.objects.filter(pk=record.pk).update(marc=broken)
    for prefix in ("oai_dc", "marc21"):
        root = oai(client, verb="GetRecord", identifier=ident(record), metadataPrefix=prefix)
        if prefix == "marc21":
            check_marcxml(root.find(".//m:record", NS))


def test_the_test_schemas_refuse_what_the_specifications_refuse(client, catalogue):
    """The hand-written schemas can fail: a datafield before a controlfield, a bad datestamp,
    an unknown error code."""
    record = catalogue["hy"][0]
    root = oai(client, verb="GetRecord", identifier=ident(record), metadataPrefix="marc21")
    marc = root.find(".//m:record", NS)
    first_data = marc.find("m:datafield", NS)
    marc.append(etree.fromstring(f'<controlfield xmlns="{NS["m"]}" tag="005">x</controlfield>'))
    assert not SCHEMA.validate(root)
    marc.remove(marc[-1])
    first_data.set("ind1", "X")
    assert not SCHEMA.validate(root)
    first_data.set("ind1", " ")
    assert SCHEMA.validate(root)
    root.find(".//o:datestamp", NS).text = "2020-01-01T00:00Z"
    assert not SCHEMA.validate(root)
    root = oai(client, verb="Nope")
    root.find("o:error", NS).set("code", "badThing")
    assert not SCHEMA.validate(root)
