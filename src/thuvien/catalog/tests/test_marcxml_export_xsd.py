"""Every MARCXML file the catalogue exports (``export_run``: the staff download and
``thuvien export-marc``) against the Library of Congress's published MARC21slim.xsd, strictly
(``thuvien.testing.xsd``), whatever the records hold: the odd text and broken MARC of the OAI-PMH
schema test, upper-case subfield codes, the leaders and indicators of other libraries' files,
values that are not records at all. A record the schema cannot take as stored is repaired
(``catalog.marc.slim``) or, when it is not a record, skipped and reported; the good records
around it are always kept. The whole of ``shared/data`` is checked in
``test_marcxml_export_valid``."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from lxml import etree

from thuvien.catalog.marc.slim import slim_record
from thuvien.catalog.marc.writer import RecordUnwritable, to_iso2709, to_marcxml
from thuvien.catalog.models import Record
from thuvien.catalog.services import export_run, record_create
from thuvien.testing import xsd

from .factories import vi_marc

NS = {"m": xsd.MARC_NS}
# the odd text of the OAI-PMH schema test: C0 and C1 controls, a DEL, noncharacters, NFD,
# lone combining marks, right-to-left text, characters outside the BMP, XML's own characters
ODD = (
    "Sa\u0301ch\x01 la\u0323\x0b\x1f \x7f\x85\x9f \ufffe\uffff \u0301\u0323 "
    "\u05e9\u05dc\u05d5\u05dd \U0001f4da\U00020000 a\u200db <x>&amp;\"'"
)


def nasty_marcs() -> dict[str, Any]:
    """Stored values as raw imports and old data left them, past every service's checks."""
    nul = "\x00" if connection.vendor == "sqlite" else ""  # jsonb cannot hold a NUL
    broken = vi_marc(title="Hỏng")
    broken["leader"] = "short\x02"
    broken["fields"] += [
        {"1$x": "bad tag"},
        {"000": "a control field numbered 000"},
        {"00": {"ind1": " ", "subfields": [{"a": "a tag of two"}]}},
        {"650": {"ind1": "XY", "ind2": "Q", "subfields": [{"": "no code"}, {"a": 5}]}},
        {"651": {"ind1": " ", "ind2": " ", "subfields": []}},
        {"245": {"ind1": "1", "ind2": "0", "subfields": [{"ab": "a code of two"}, {"\x01": "x"}]}},
        {"246": {"ind1": "1", "ind2": "0", "subfields": "not a list"}},
        {"500": "a data tag holding a control field's text"},
        {"008": {"ind1": " ", "ind2": " ", "subfields": [{"a": "a control tag with subfields"}]}},
        {"0 2": {"ind1": " ", "ind2": " ", "subfields": [{"a": "a tag with a space"}]}},
        {"001\n": "a tag with a line feed"},
        ["a field that is a list"],
    ]
    other_library = vi_marc(title="Thư viện khác")
    other_library["leader"] = "01053cas a2200325u| 4504"  # a fill character, a bad 20-23
    other_library["fields"] = [
        *other_library["fields"][1:],  # the 008 after the data fields
        other_library["fields"][0],
        {"700": {"ind1": "1", "ind2": "L", "subfields": [{"a": "Lê Quý Đôn"}]}},
        {"710": {"ind1": "#", "ind2": "_", "subfields": [{"a": "Nhà xuất bản"}]}},
    ]
    return {
        "odd": vi_marc(
            title=ODD,
            author=ODD,
            extra=[
                ("500", " ", " ", [("a", ODD)]),
                ("520", " ", " ", [("a", nul + "\x02\x1b[0m")]),
                ("590", " ", " ", [("A", "ghi chú địa phương"), ("b", "x")]),
                ("9Ab", " ", " ", [("a", "nhãn lẫn hoa thường")]),
            ],
        ),
        "broken": broken,
        "other_library": other_library,
        "empty": {"leader": "", "fields": []},
        "no_fields": {"leader": "00000nam a2200000 i 4500"},
    }


NOT_RECORDS = {"list": ["not", "a", "record"], "string": "junk", "number": 5}


@pytest.fixture
def stored(network):
    """Good records around the nasty ones, each stored as a raw import would store it."""
    records = {}
    for name in ("first", *nasty_marcs(), *NOT_RECORDS, "last"):
        records[name] = record_create(network=network, marc=vi_marc(title=f"Sách {name}"))
    for name, marc in {**nasty_marcs(), **NOT_RECORDS}.items():
        Record.objects.filter(pk=records[name].pk).update(marc=marc)
    return records


def _export(network, fmt: str = "marcxml") -> tuple[bytes, int, list[int]]:
    out = io.BytesIO()
    count, skipped = export_run(out=out, network=network, fmt=fmt)
    return out.getvalue(), count, skipped


def assert_valid_collection(data: bytes) -> Any:
    """The whole file against MARC21slim.xsd (a ``collection``), then each record alone."""
    doc = etree.fromstring(data)
    xsd.marc21_slim_schema().assertValid(doc)
    for record in doc.iterfind("m:record", NS):
        xsd.assert_valid_marc21(record)
    return doc


def test_the_export_of_nasty_records_is_valid_and_keeps_the_good_ones(network, stored):
    data, count, skipped = _export(network)
    doc = assert_valid_collection(data)
    records = doc.findall("m:record", NS)
    not_records = {stored[name].pk for name in NOT_RECORDS}
    assert sorted(skipped) == sorted(not_records)  # reported, and nothing of them written
    assert count == len(records) == len(stored) - len(NOT_RECORDS)
    titles = [
        "".join(r.xpath("m:datafield[@tag='245']/m:subfield[@code='a']/text()", namespaces=NS))
        for r in records
    ]
    assert titles[0] == "Sách first /" and titles[-1] == "Sách last /"
    odd = next(r for r, t in zip(records, titles, strict=True) if "\U0001f4da" in t)
    assert "\u05e9\u05dc\u05d5\u05dd" in odd.findtext("m:datafield[@tag='500']/m:subfield", "", NS)
    f590 = odd.findall("m:datafield[@tag='590']/m:subfield", NS)
    assert [(s.get("code"), s.text) for s in f590] == [("A", "ghi chú địa phương"), ("b", "x")]
    assert not odd.findall("m:datafield[@tag='9Ab']", NS)


def test_another_librarys_leader_and_indicators_are_repaired_not_lost(network, stored):
    doc = assert_valid_collection(_export(network)[0])
    record = next(
        r for r in doc.iterfind("m:record", NS)
        if "Thư viện khác" in "".join(r.xpath(".//m:subfield/text()", namespaces=NS))
    )  # fmt: skip
    assert record.findtext("m:leader", "", NS) == "01053cas a2200325u  4500"
    assert [f.get("tag") for f in record][1:2] == ["008"]  # control fields first
    names = {
        f.findtext("m:subfield", "", NS): (f.get("ind1"), f.get("ind2"))
        for f in record.iterfind("m:datafield", NS)
    }
    assert names["Lê Quý Đôn"] == ("1", " ") and names["Nhà xuất bản"] == (" ", " ")


@pytest.mark.parametrize("fmt", ["iso2709", "json", "marcxml"])
@pytest.mark.parametrize("scope", ["all", "query"])
def test_every_format_skips_what_is_not_a_record(network, stored, fmt, scope):
    """ISO 2709 used to stop at a stored list (an AttributeError half-way through the file),
    and a selection stopped at a stored string (read as JSON text); MARC-in-JSON wrote them
    into the array. A broken record is written with what can be kept."""
    not_records = sorted(stored[name].pk for name in NOT_RECORDS)
    out = io.BytesIO()
    count, skipped = export_run(
        out=out, network=network, fmt=fmt, query="sach" if scope == "query" else None
    )
    assert sorted(skipped) == not_records
    assert count == len(stored) - len(NOT_RECORDS)
    data = out.getvalue()
    if fmt == "iso2709":
        assert data.count(b"\x1d") == count
    elif fmt == "json":
        assert all(isinstance(r, dict) for r in json.loads(data)) and len(json.loads(data)) == count
    else:
        assert len(assert_valid_collection(data)) == count


def test_the_command_writes_a_valid_file_and_names_what_it_skipped(network, stored, tmp_path):
    target = tmp_path / "out.xml"
    err = io.StringIO()
    call_command(
        "export_marc", format="marcxml", network=network.code, output=str(target), stderr=err
    )
    doc = assert_valid_collection(target.read_bytes())
    assert len(doc) == len(stored) - len(NOT_RECORDS)
    assert str(stored["list"].pk) in err.getvalue()


@pytest.mark.parametrize("name", [*NOT_RECORDS, "none"])
def test_a_value_that_is_not_a_record_cannot_be_written(name):
    value = NOT_RECORDS.get(name)
    with pytest.raises(RecordUnwritable):
        to_marcxml(value)
    with pytest.raises(RecordUnwritable):
        to_iso2709(value)


@pytest.mark.parametrize("name", list(nasty_marcs()))
def test_each_nasty_record_alone_is_valid_and_says_what_was_changed(db, name):
    marc = nasty_marcs()[name]
    record = etree.fromstring(to_marcxml(marc, namespace=True).encode())
    xsd.assert_valid_marc21(record)
    slim, changes = slim_record(marc)
    if name == "broken":
        assert {"LDR", "1$x", "000", "00", "650 ind1", "650 ind2", "651", "245 $ab"} <= set(changes)
    if name == "odd":
        assert changes == ["9Ab"]  # control characters are dropped silently, as everywhere
    # a clean record is written as it is stored
    clean = vi_marc(title="Sạch")
    assert slim_record(clean) == (clean, [])


def test_the_schema_refuses_what_the_writer_now_repairs(db):
    """The check can fail: the stored order and the fill character as they were written."""
    marc = nasty_marcs()["other_library"]
    record = etree.fromstring(to_marcxml(marc, namespace=True).encode())
    xsd.assert_valid_marc21(record)
    record.append(record.find("m:controlfield", NS))  # the 008 back after the data fields
    with pytest.raises(etree.DocumentInvalid):
        xsd.assert_valid_marc21(record)
    record = etree.fromstring(to_marcxml(marc, namespace=True).encode())
    record.find("m:leader", NS).text = marc["leader"]
    with pytest.raises(etree.DocumentInvalid):
        xsd.assert_valid_marc21(record)
