"""The MARCXML records of SRU answers against the Library of Congress's published
MARC21slim.xsd (issue 15; ``thuvien.testing.xsd``), in SRU 1.2 and 2.0, packed as XML and as
a string, whatever a record holds: control characters, odd Unicode, broken MARC. The SRU
envelopes themselves keep their structural checks (``test_sru``): no registry package this
project reaches ships the SRU schemas. Searched (December 2026): the file lists of every Debian
bookworm package (apt-file's Contents indexes) for sru, srw, zeerex, oai-identifier,
searchRetrieve, explain, diagnostic(s), xcql and srw_dc schemas; the PyPI sdists of
fcs-sru-server, fcs-simple-endpoint, oai-repo, pyoai, invenio-oaiserver,
core-oaipmh-common-app and core-oaipmh-provider-app; the npm package @natlibfi/sru-client.
None holds sruResponse.xsd, the SRU 1.2 srw-types/diagnostics schemas, ZeeRex, SRW DC's
dc-schema.xsd or OAI's oai-identifier.xsd."""

from __future__ import annotations

import pytest
from lxml import etree

from thuvien.catalog.models import Record
from thuvien.catalog.services import record_create
from thuvien.catalog.tests.factories import vi_marc
from thuvien.core.outbox import outbox_drain
from thuvien.testing import xsd

from .test_sru import MARC, SRU12, SRU20, search, total

ODD = (
    "Sa\u0301ch\x01 la\u0323\x0b\x1f \x7f\x85 \ufffe\uffff \u05e9\u05dc\u05d5\u05dd \U0001f4da <&>"
)


def _marc_records(root) -> list:
    """The MARC records of an answer, unpacking those sent as a string."""
    found = list(root.iter(f"{{{MARC}}}record"))
    for ns in (SRU12, SRU20):
        for data in root.iter(f"{{{ns}}}recordData"):
            if len(data) == 0 and (data.text or "").strip():
                packed = etree.fromstring(data.text.encode())
                found += [packed] if packed.tag == f"{{{MARC}}}record" else []
    return found


@pytest.fixture
def odd_catalogue(catalogue, world):
    odd = record_create(network=world.hung_yen, marc=vi_marc(title="Ca dao lạ", isbn=None))
    outbox_drain()
    Record.objects.filter(pk=odd.pk).update(
        marc=vi_marc(title=f"Ca dao {ODD}", author=ODD, isbn=None)
    )  # as a raw import would store it, past normalisation
    Record.objects.filter(pk=catalogue["folk"].pk).update(
        marc={"leader": 5, "fields": [{"24": "x"}, {"245": {"ind1": "!!", "subfields": "no"}},
              {"000": "x"}, {"1a": {"ind1": "A", "ind2": " ", "subfields": [{"": "y"}]}},
              {"9Ab": {"ind1": " ", "ind2": " ", "subfields": [{"a": "a tag of mixed case"}]}},
              {"0xY": {"ind1": " ", "ind2": " ", "subfields": [{"a": "a tag of mixed case"}]}},
              {"100": {"ind1": "1", "ind2": " ", "subfields": [{"A": "x"}, {"a": "Lê"}]}},
              {"005\n": "20200101"},
              {"650\n": {"ind1": " ", "ind2": " ", "subfields": [{"a": "y"}]}},
              {"651": {"ind1": " ", "ind2": " ", "subfields": [{"a\n": "z"}, {"a": "kept"}]}}]}
    )  # fmt: skip
    # a line feed after a tag or a code passed the writer's "^...$" checks ($ matches before a
    # final line feed) and made the record invalid
    return catalogue


@pytest.mark.parametrize("version", ["1.2", "2.0"])
@pytest.mark.parametrize("packing", ["xml", "string"])
def test_every_marcxml_record_of_an_answer_is_valid(client, odd_catalogue, version, packing):
    for query in ("cql.allRecords = 1", '"ca dao"'):
        params = {"recordSchema": "marcxml", "maximumRecords": "10"}
        params["recordXMLEscaping" if version == "2.0" else "recordPacking"] = packing
        root = search(client, query, version=version, **params)
        records = _marc_records(root)
        assert total(root) >= 2 and len(records) == total(root)
        for record in records:
            xsd.assert_valid_marc21(record)


def test_mixed_case_tags_are_left_out_and_upper_case_codes_kept(client, odd_catalogue):
    """A data field tagged 9Ab or 0xY made the record invalid (the schema takes a tag of one
    case); a subfield $A is valid since MARC21slim.xsd 1.2 and is kept."""
    root = search(client, '"ca dao"', recordSchema="marcxml", maximumRecords="10")
    tags = {f.get("tag") for f in root.iter(f"{{{MARC}}}datafield")}
    assert "9Ab" not in tags and "0xY" not in tags
    codes = [
        s.get("code") for f in root.iter(f"{{{MARC}}}datafield") if f.get("tag") == "100" for s in f
    ]
    assert "A" in codes


def test_the_schema_refuses_a_broken_record(client, odd_catalogue):
    root = search(client, '"ca dao"', recordSchema="marcxml")
    record = _marc_records(root)[0]
    record.find(f"{{{MARC}}}datafield").set("tag", "00A")  # a control tag on a datafield
    with pytest.raises(etree.DocumentInvalid):
        xsd.assert_valid_marc21(record)


SRW_DC = "info:srw/schema/1/dc-schema"


def _dc_records(root) -> list:
    found = list(root.iter(f"{{{SRW_DC}}}dc"))
    for ns in (SRU12, SRU20):
        for data in root.iter(f"{{{ns}}}recordData"):
            if len(data) == 0 and (data.text or "").strip():
                found.append(etree.fromstring(data.text.encode()))
    return found


@pytest.mark.parametrize("version", ["1.2", "2.0"])
@pytest.mark.parametrize("packing", ["xml", "string"])
def test_every_dublin_core_element_is_valid_simple_dc(client, odd_catalogue, version, packing):
    """SRW DC's own wrapper schema (dc-schema.xsd) is in no reachable package; each element
    inside it is checked against the published simpledc20021212.xsd."""
    params = {"recordSchema": "dc", "maximumRecords": "10"}
    params["recordXMLEscaping" if version == "2.0" else "recordPacking"] = packing
    root = search(client, "cql.allRecords = 1", version=version, **params)
    records = _dc_records(root)
    assert len(records) == total(root) >= 2
    for record in records:
        assert record.tag == f"{{{SRW_DC}}}dc"
        xsd.assert_valid_dc_elements(record)
    assert sum(len(r) for r in records) > len(records)
    wrong = etree.fromstring(etree.tostring(records[0]))
    wrong.append(etree.Element("{http://purl.org/dc/elements/1.1/}heading"))
    with pytest.raises(etree.DocumentInvalid):  # the check can fail
        xsd.simple_dc_schema().assertValid(etree.ElementTree(wrong[-1]))
