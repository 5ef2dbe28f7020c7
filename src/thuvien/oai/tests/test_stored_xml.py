"""Stored record XML (``catalog.HarvestXml``): a page copies each record's serialised
``marc21``/``oai_dc`` when it is current, and writes it from the MARC when it is missing or
older than the record; either way the harvester gets the same answer."""

from __future__ import annotations

import re

from django_scopes import scopes_disabled
from lxml import etree

from thuvien.catalog.models import HarvestXml, Record
from thuvien.catalog.services import harvest_xml_refresh, record_create, record_update
from thuvien.catalog.tasks import harvest_xml_catch_up
from thuvien.catalog.tests.factories import vi_marc
from thuvien.holdings.models import Item

from .test_oai import NS, check_marcxml, oai

_DATE = re.compile(rb"<responseDate>[^<]*</responseDate>")


def _pages(client, prefix: str) -> list[bytes]:
    """Every page of a ListRecords harvest in canonical XML (C14N: a namespace declared again
    inside a stored fragment is the same document), less the response date."""
    pages, params = [], {"verb": "ListRecords", "metadataPrefix": prefix}
    while True:
        body = client.get("/oai", params).content
        pages.append(_DATE.sub(b"", etree.tostring(etree.fromstring(body), method="c14n")))
        root = oai(client, **params)
        for record in root.iterfind(".//m:record", NS):
            check_marcxml(record)
        token = root.findtext(".//o:resumptionToken", namespaces=NS)
        if not token:
            return pages
        params = {"verb": "ListRecords", "resumptionToken": token}


def _world_records(world):
    records = [
        record_create(network=world.hung_yen, marc=vi_marc(title=f"Địa chí Hưng Yên tập {i}"))
        for i in range(7)
    ]
    odd = vi_marc(title="Ký tự <lạ> & “ngoặc” \x01 điều khiển")
    Record.objects.filter(pk=records[3].pk).update(marc=odd)  # past normalisation, as imported
    with scopes_disabled():
        Item.objects.create(library=world.provincial, record=records[0], barcode="XML0001")
    return records


def test_a_harvest_is_the_same_with_and_without_stored_xml(client, world, settings):
    settings.OAI_PAGE_SIZE = 3
    _world_records(world)
    live = {prefix: _pages(client, prefix) for prefix in ("marc21", "oai_dc")}
    assert not HarvestXml.objects.exists()
    assert harvest_xml_refresh() == Record.objects.filter(is_deleted=False).count()
    for prefix in ("marc21", "oai_dc"):
        stored = _pages(client, prefix)
        assert stored == live[prefix]
    # the stored text is what the page carries: change it behind the record's back and the
    # harvester sees the change (so the pages above came from the store, not from the MARC)
    row = HarvestXml.objects.order_by("pk").first()
    HarvestXml.objects.filter(pk=row.pk).update(marc21=row.marc21.replace("Địa chí", "Đã lưu sẵn"))
    root = oai(client, verb="ListRecords", metadataPrefix="marc21")
    assert "Đã lưu sẵn" in etree.tostring(root, encoding="unicode")


def test_a_changed_record_is_never_served_from_its_stale_xml(client, world, settings):
    settings.OAI_PAGE_SIZE = 50
    records = _world_records(world)
    assert harvest_xml_catch_up.call_local() == len(records)
    assert harvest_xml_refresh() == 0  # all current
    marc = vi_marc(title="Địa chí Hưng Yên — bản sửa")
    record_update(record=records[5], marc=marc)
    for prefix, path in (("marc21", ".//m:subfield"), ("oai_dc", ".//dc:title")):
        root = oai(client, verb="ListRecords", metadataPrefix=prefix)
        texts = " | ".join(e.text for e in root.iterfind(path, NS))
        assert "Địa chí Hưng Yên — bản sửa" in texts
        assert "Địa chí Hưng Yên tập 5" not in texts
        assert "Địa chí Hưng Yên tập 6" in texts
    assert harvest_xml_refresh() == 1  # only the changed record is written again
    stored = HarvestXml.objects.get(record_id=records[5].pk)
    assert stored.stamp == Record.objects.get(pk=records[5].pk).updated_at
    assert "bản sửa" in stored.marc21 and "bản sửa" in stored.oai_dc


def test_holdings_are_written_live_not_from_the_store(client, world):
    records = _world_records(world)
    harvest_xml_refresh()
    root = oai(client, verb="GetRecord", metadataPrefix="marc21_withholdings",
               identifier=f"oai:thuvien.localhost:record/{records[0].pk}")  # fmt: skip
    barcodes = [
        s.text for s in root.iterfind(".//m:datafield[@tag='852']/m:subfield[@code='p']", NS)
    ]
    assert barcodes == ["XML0001"]
