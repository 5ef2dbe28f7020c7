"""oai_dc maps back along the catalogue's own MARC -> DC crosswalk: what a partner said in DC
is what we say in DC after the harvest."""

from __future__ import annotations

import io

import pytest
from lxml import etree

from thuvien.catalog.crosswalk import marc_to_dc
from thuvien.catalog.marc.normalize import normalize_marc
from thuvien.harvest.mapping import MappingError, dc_to_marc, dc_values, marcxml_to_marc

from .recorded import SHARED


def test_dublin_core_round_trips_through_the_crosswalk():
    dc = {
        "title": ["Địa chí Hưng Yên", "Hung Yen gazetteer"],
        "creator": ["Nguyễn Văn A", "Trần Thị B"],
        "subject": ["Lịch sử", "Địa lý"],
        "description": ["Tập một."],
        "publisher": ["Nxb. Văn hoá"],
        "date": ["2019"],
        "language": ["vie"],
        "identifier": ["9786041234567", "https://example.org/item/1", "handle:1721.1/42"],
        "rights": ["CC BY 4.0"],
    }
    marc = normalize_marc(dc_to_marc(dc))
    back = marc_to_dc(marc)
    assert back["title"][0].startswith("Địa chí Hưng Yên")
    assert back["creator"] == dc["creator"]
    assert back["subject"] == dc["subject"]
    assert back["publisher"] == dc["publisher"]
    assert "2019" in back["date"][0]
    assert set(dc["identifier"]) <= set(back["identifier"])
    assert back["rights"] == dc["rights"]


def test_recorded_oai_dc_and_marcxml_are_read():
    root = etree.parse(str(SHARED / "sickle-oai" / "ListRecords.xml"))
    meta = root.find(".//{http://www.openarchives.org/OAI/2.0/}metadata")
    values = dc_values(meta)
    assert values["title"] == ["Sample Title"] and len(values["creator"]) == 4
    with pytest.raises(MappingError):
        marcxml_to_marc(meta)  # Dublin Core is not MARCXML
    xml = (
        '<metadata><record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000nam a2200000 a'
        ' 4500</leader><datafield tag="245" ind1="0" ind2="0"><subfield code="a">Truyện Kiều'
        "</subfield></datafield></record></metadata>"
    )
    marc = marcxml_to_marc(etree.parse(io.StringIO(xml)).getroot())
    assert marc["fields"][0]["245"]["subfields"] == [{"a": "Truyện Kiều"}]


def test_dc_without_a_title_is_refused():
    with pytest.raises(MappingError):
        dc_to_marc({"creator": ["Ai đó"]})
