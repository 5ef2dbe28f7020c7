"""Every OAI-PMH answer against the published schemas (issue 15): OAI-PMH.xsd of the Open
Archives Initiative, oai_dc.xsd with simple Dublin Core, and the Library of Congress's
MARC21slim.xsd, as registry packages ship them (``scripts/fetch-test-schemas.sh``; see
``thuvien.testing.xsd``). A demo-like catalogue: records with holdings, a deleted one, one
with control characters and odd Unicode, one with broken MARC, digital objects in
collections; every verb in every format, every page of every list, every error. The
hand-written schemas and structural checks of ``test_oai`` stay; these are on top."""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django_scopes import scopes_disabled
from lxml import etree

from thuvien.catalog.models import Record
from thuvien.catalog.services import record_create, record_delete
from thuvien.catalog.tests.factories import vi_marc
from thuvien.digital.models import Collection
from thuvien.holdings.models import Item
from thuvien.testing import xsd

from .test_digital_objects import _object
from .test_oai import ERROR_CASES, NS, check_structure, error_code

# text a harvester must get back as well-formed, schema-valid XML: C0 controls, a DEL, C1
# controls, noncharacters, decomposed Vietnamese (NFD), combining marks on their own, right-to-
# left text, characters outside the BMP, a zero-width joiner, XML's own special characters
ODD = (
    "Sa\u0301ch\x01 la\u0323\x0b\x1f \x7f\x85\x9f \ufffe\uffff \u0301\u0323 "
    "\u05e9\u05dc\u05d5\u05dd \U0001f4da\U00020000 a\u200db <x>&amp;\"'"
)


def _item(world, record, barcode: str, call_number: str) -> None:
    with scopes_disabled():
        Item.objects.create(
            library=world.provincial,
            record=record,
            barcode=barcode,
            location=world.provincial.locations.first(),
            call_number=call_number,
        )


@pytest.fixture
def demo(world, settings):
    settings.OAI_PAGE_SIZE = 2  # every list takes several pages: resumption tokens
    plain = [
        record_create(network=world.hung_yen, marc=vi_marc(title=f"Sách Hưng Yên {i}"))
        for i in range(3)
    ]
    plain.append(record_create(network=world.bac_ninh, marc=vi_marc(title="Quan họ Bắc Ninh")))
    _item(world, plain[0], "HY0001", "959.7 L302S")
    _item(world, plain[0], "HY0002", "959.7 L302S c.2")
    deleted = record_create(network=world.hung_yen, marc=vi_marc(title="Sách đã xoá"))
    record_delete(record=deleted)

    odd = record_create(network=world.hung_yen, marc=vi_marc(title="Lạ"))
    # NUL only where the database can hold it: PostgreSQL's jsonb refuses \u0000 (and the
    # importers drop it before storing)
    nul = "\x00" if connection.vendor == "sqlite" else ""
    odd_marc = vi_marc(
        title=ODD,
        author=ODD,
        extra=[("500", " ", " ", [("a", ODD)]), ("520", " ", " ", [("a", nul + "\x02\x1b[0m")])],
    )
    Record.objects.filter(pk=odd.pk).update(marc=odd_marc)  # as a raw import would store it
    _item(world, odd, "HY\u00a0LẠ", ODD[:40])

    broken = record_create(network=world.hung_yen, marc=vi_marc(title="Hỏng"))
    marc = dict(broken.marc)
    marc["leader"] = "short\x02"
    marc["fields"] = [
        *marc["fields"],
        {"1$x": "bad tag"},
        {"000": "a control field numbered 000"},
        {"00": {"ind1": " ", "subfields": [{"a": "a tag of two"}]}},
        {"650": {"ind1": "XY", "ind2": "Q", "subfields": [{"": "no code"}, {"a": 5}]}},
        {"651": {"ind1": " ", "ind2": " ", "subfields": []}},
        {"245": {"ind1": "1", "ind2": "0", "subfields": [{"ab": "a code of two"}, {"\x01": "x"}]}},
    ]
    Record.objects.filter(pk=broken.pk).update(marc=marc)

    # a line feed after a tag, a code or the leader passed the writers' "^...$" checks ($
    # matches before a final line feed) and made the answer invalid
    newline = record_create(network=world.hung_yen, marc=vi_marc(title="Xuống dòng"))
    marc = dict(newline.marc)
    marc["leader"] = marc["leader"] + "\n"
    marc["fields"] = [
        *marc["fields"],
        {"005\n": "20200101"},
        {"650\n": {"ind1": " ", "ind2": " ", "subfields": [{"a": "y"}]}},
        {"651": {"ind1": " ", "ind2": " ", "subfields": [{"a\n": "z"}, {"a": "kept"}]}},
    ]
    Record.objects.filter(pk=newline.pk).update(marc=marc)

    with scopes_disabled():
        dia_chi = Collection.objects.create(
            network=world.hung_yen, library=world.provincial, code="dia-chi",
            title_vi="Địa chí Hưng Yên", title_en="Hưng Yên local history",
        )  # fmt: skip
        objects = [
            _object(world.provincial, "Phố Hiến xưa", collections=[dia_chi]),
            _object(world.provincial, ODD, dc={"dcterms:creator": [ODD]}),
            _object(world.commune_a, "Đình làng Tiên Lữ"),
        ]
    return {
        "records": [*plain, odd, broken, newline],
        "deleted": deleted,
        "odd": odd,
        "broken": broken,
        "objects": objects,
    }


def _answer(client, method="get", **params):
    """The answer, checked against the published schemas and the structural checks."""
    response = getattr(client, method)("/oai", params)
    assert response.status_code == 200, response.content[:500]
    root = etree.fromstring(response.content)
    xsd.assert_valid_oai_pmh(root)
    check_structure(root)
    return root


def _record_id(record) -> str:
    return f"oai:thuvien.localhost:record/{record.pk}"


def _object_id(obj) -> str:
    return f"oai:thuvien.localhost:digital/{obj.pk}"


def _pages(client, verb: str, **params) -> list:
    """Every page of a list, following resumption tokens to the last (empty) one."""
    pages = [_answer(client, verb=verb, **params)]
    while True:
        token = pages[-1].find(f"o:{verb}/o:resumptionToken", NS)
        if token is None or not token.text:
            return pages
        pages.append(_answer(client, verb=verb, resumptionToken=token.text))


def test_identify_list_metadata_formats_and_list_sets(client, demo):
    root = _answer(client, verb="Identify")
    assert root.find("o:Identify/o:description", NS) is not None
    _answer(client, verb="ListMetadataFormats")
    _answer(client, verb="ListMetadataFormats", identifier=_record_id(demo["records"][0]))
    _answer(client, verb="ListMetadataFormats", identifier=_object_id(demo["objects"][0]))
    root = _answer(client, verb="ListSets")
    # set descriptions are oai_dc, validated strictly inside the answer and alone
    assert len(root.findall(".//o:setDescription/oai_dc:dc", NS)) == len(
        root.findall(".//o:set", NS)
    )


@pytest.mark.parametrize("prefix", ["oai_dc", "marc21", "marc21_withholdings"])
def test_get_record_of_every_record_in_every_format(client, demo, prefix):
    for record in [*demo["records"], demo["deleted"]]:
        root = _answer(
            client, verb="GetRecord", identifier=_record_id(record), metadataPrefix=prefix
        )
        assert error_code(root) is None
        if record is demo["deleted"]:
            assert root.find(".//o:header", NS).get("status") == "deleted"
        assert xsd.oai_pmh_schema().validate(root)  # strict: the record inside checked too
    root = _answer(
        client, verb="GetRecord", identifier=_record_id(demo["records"][0]), metadataPrefix=prefix
    )
    if prefix == "marc21_withholdings":
        assert len(root.xpath(".//m:datafield[@tag='852']", namespaces=NS)) == 2
    if prefix != "oai_dc":
        assert root.find(".//m:record", NS) is not None


@pytest.mark.parametrize("prefix", ["oai_dc", "qdc"])
def test_get_record_of_every_digital_object(client, demo, prefix):
    for obj in demo["objects"]:
        root = _answer(client, verb="GetRecord", identifier=_object_id(obj), metadataPrefix=prefix)
        assert root.find(".//o:metadata", NS) is not None


@pytest.mark.parametrize("prefix", ["oai_dc", "marc21", "marc21_withholdings", "qdc"])
@pytest.mark.parametrize("verb", ["ListIdentifiers", "ListRecords"])
def test_every_page_of_every_list(client, demo, verb, prefix):
    pages = _pages(client, verb, metadataPrefix=prefix)
    headers = [h for page in pages for h in page.iterfind(f"o:{verb}//o:header", NS)]
    if prefix == "qdc":
        assert len(headers) == len(demo["objects"])
    else:
        records = len(demo["records"]) + 1  # the deleted one too
        expected = records + (len(demo["objects"]) if prefix == "oai_dc" else 0)
        assert len(headers) == expected
    size = 4 if verb == "ListIdentifiers" else 2  # ListIdentifiers pages twice the size
    assert len(pages) == -(-len(headers) // size)
    if len(pages) > 1:  # the last page of a resumed list closes it with an empty token
        last = pages[-1].find(f"o:{verb}/o:resumptionToken", NS)
        assert last is not None and not last.text


def test_lists_of_one_set(client, demo):
    for spec, count in (
        ("network:hung-yen", 10),  # seven records (one deleted), three digital objects
        ("library:HY-TINH", 4),  # the two records with copies there, and its two objects
        ("digital:hung-yen:dia-chi", 1),
    ):
        pages = _pages(client, "ListRecords", metadataPrefix="oai_dc", set=spec)
        assert sum(len(p.findall("o:ListRecords/o:record", NS)) for p in pages) == count, spec


def test_the_schemas_are_read_offline_or_not_at_all(monkeypatch, tmp_path):
    """No copy, no test: the failure names the command. An address outside the copies is an
    error, never a download."""
    monkeypatch.setenv("THUVIEN_XSD_DIR", str(tmp_path))
    with pytest.raises(pytest.fail.Exception, match="fetch-test-schemas"):
        xsd.marc21_slim_schema.__wrapped__()
    monkeypatch.delenv("THUVIEN_XSD_DIR")
    with pytest.raises(etree.XMLSchemaParseError):
        xsd._driver({"urn:x": "http://example.org/other.xsd"}, xsd.schema_dir())


@pytest.mark.parametrize(("params", "code"), ERROR_CASES)
def test_every_error_answer(client, demo, params, code):
    root = _answer(client, **params)
    assert error_code(root) == code


def test_hostile_requests_are_answered_validly(client, demo):
    rng = random.Random(1515)
    keys = ["verb", "metadataPrefix", "identifier", "set", "from", "until", "resumptionToken"]
    values = [
        "ListRecords", "GetRecord", "ListIdentifiers", "ListSets", "oai_dc", "marc21", "qdc",
        _record_id(demo["odd"]), _object_id(demo["objects"][1]), "network:hung-yen",
        "2020-01-01", "9999-12-31T23:59:59Z", "bad id", ODD, "\x00", "oai:x:\u00e9",
    ]  # fmt: skip
    for _ in range(80):
        params = {k: rng.choice(values) for k in rng.sample(keys, rng.randint(1, 4))}
        _answer(client, rng.choice(["get", "post"]), **params)


def test_the_published_schemas_refuse_what_the_specifications_refuse(client, demo):
    """They can fail, and they are strict inside <metadata>: a datafield before a controlfield,
    an upper-case indicator, a short leader, a datestamp not in UTC, an unknown error
    code, an element Dublin Core does not have, an unknown namespace in <metadata>."""
    record = demo["records"][0]
    root = _answer(client, verb="GetRecord", identifier=_record_id(record), metadataPrefix="marc21")
    schema = xsd.oai_pmh_schema()
    marc = root.find(".//m:record", NS)
    marc.append(etree.fromstring(f'<controlfield xmlns="{NS["m"]}" tag="005">x</controlfield>'))
    assert not schema.validate(root)
    with pytest.raises(etree.DocumentInvalid):
        xsd.assert_valid_marc21(marc)
    marc.remove(marc[-1])
    assert schema.validate(root)
    datafield = marc.find("m:datafield", NS)
    datafield.set("ind1", "A")
    assert not schema.validate(root)
    datafield.set("ind1", " ")
    marc.find("m:leader", NS).text = "00000nam a2200000 i 450"
    assert not schema.validate(root)
    with pytest.raises(etree.DocumentInvalid):
        xsd.assert_valid_marc21(marc)

    root = _answer(client, verb="GetRecord", identifier=_record_id(record), metadataPrefix="oai_dc")
    root.find(".//dc:title", NS).tag = f"{{{NS['dc']}}}heading"
    assert not schema.validate(root)
    root = _answer(client, verb="GetRecord", identifier=_record_id(record), metadataPrefix="oai_dc")
    metadata = root.find(".//o:metadata", NS)
    metadata.remove(metadata[0])
    metadata.append(etree.fromstring('<thing xmlns="urn:x-unknown"/>'))
    assert not schema.validate(root)  # strict: a namespace without a schema is refused
    assert xsd.oai_pmh_schema_lax().validate(root)  # lax is for those only
    root.find(".//o:datestamp", NS).text = "2020-01-01T07:00:00+07:00"  # UTC only
    assert not xsd.oai_pmh_schema_lax().validate(root)

    root = _answer(client, verb="Nope")
    root.find("o:error", NS).set("code", "badThing")
    assert not schema.validate(root)


def test_the_odd_record_arrives_readable(client, demo):
    """What is kept of the odd text: everything XML can carry, in NFC."""
    root = _answer(
        client, verb="GetRecord", identifier=_record_id(demo["odd"]), metadataPrefix="marc21"
    )
    title = root.xpath(".//m:datafield[@tag='245']/m:subfield[@code='a']/text()", namespaces=NS)
    assert title and "\U0001f4da" in title[0] and "\u05e9\u05dc\u05d5\u05dd" in title[0]
    assert not any(c in title[0] for c in "\x01\x0b\x1f\ufffe\uffff")


@pytest.mark.parametrize("stored", [["not", "a", "record"], "junk", 5])
def test_a_stored_marc_that_is_not_a_record_is_answered(client, world, stored):
    """MARC stored as a list, a string or a number (a raw import) used to fail the answer
    (the cleaned record had a blank leader the schema refuses): now an empty record."""
    record = record_create(network=world.hung_yen, marc=vi_marc(title="Sẽ hỏng"))
    Record.objects.filter(pk=record.pk).update(marc=stored)
    for prefix in ("marc21", "marc21_withholdings", "oai_dc"):
        root = _answer(
            client, verb="GetRecord", identifier=_record_id(record), metadataPrefix=prefix
        )
        assert error_code(root) is None


def test_an_upper_case_subfield_code_is_kept(client, world):
    """MARC21slim.xsd 1.2 takes upper-case subfield codes (local data): they are served, not
    dropped; a tag of mixed case, which the schema refuses, is still left out."""
    marc = vi_marc(
        title="Mã con chữ hoa",
        extra=[
            ("590", " ", " ", [("A", "ghi chú địa phương"), ("b", "x")]),
            ("9Ab", " ", " ", [("a", "nhãn lẫn hoa thường")]),
        ],
    )
    record = record_create(network=world.hung_yen, marc=vi_marc(title="Mã con chữ hoa"))
    Record.objects.filter(pk=record.pk).update(marc=marc)  # as an import of local data stores it
    for prefix in ("marc21", "marc21_withholdings"):
        root = _answer(
            client, verb="GetRecord", identifier=_record_id(record), metadataPrefix=prefix
        )
        f590 = root.xpath(".//m:datafield[@tag='590']/m:subfield", namespaces=NS)
        assert [(s.get("code"), s.text) for s in f590] == [("A", "ghi chú địa phương"), ("b", "x")]
        assert not root.xpath(".//m:datafield[@tag='9Ab']", namespaces=NS)
