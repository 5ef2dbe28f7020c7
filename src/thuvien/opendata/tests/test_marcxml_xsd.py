"""The open-data MARCXML dumps (the union catalogue and each network's) against the Library of
Congress's published MARC21slim.xsd, strictly (``thuvien.testing.xsd``), with the nasty records
of the catalogue's export test stored among good ones: odd text, broken MARC, another library's
leader and indicators, upper-case subfield codes, values that are not records. The build goes
through; the files are valid; every good record is in them; what is not a record is left out."""

from __future__ import annotations

import gzip

from django.conf import settings
from django.core.files.storage import default_storage
from django_scopes import scopes_disabled
from lxml import etree

from thuvien.catalog.models import Record
from thuvien.catalog.services import record_create
from thuvien.catalog.tests.factories import vi_marc
from thuvien.catalog.tests.test_marcxml_export_xsd import NOT_RECORDS, nasty_marcs
from thuvien.holdings.models import Item
from thuvien.opendata.build import opendata_build
from thuvien.testing import xsd

NS = {"m": xsd.MARC_NS}


def test_the_marcxml_dumps_are_valid_whatever_the_records_hold(world):
    records = {}
    names = ("first", *nasty_marcs(), *NOT_RECORDS, "last")
    for n, name in enumerate(names):
        records[name] = record_create(network=world.hung_yen, marc=vi_marc(title=f"Sách {name}"))
        with scopes_disabled():
            Item.objects.create(
                library=world.provincial, record=records[name], barcode=f"OD{n:04d}",
                location=world.provincial.locations.first(), call_number="959.7",
            )  # fmt: skip
    for name, marc in {**nasty_marcs(), **NOT_RECORDS}.items():
        Record.objects.filter(pk=records[name].pk).update(marc=marc)

    manifest = opendata_build()

    files = [
        x["file"] for d in manifest["datasets"] for x in d["distributions"] if x["file"].endswith(
            "marcxml.xml.gz"
        )
    ]  # fmt: skip
    assert "catalogue-marcxml.xml.gz" in files and "catalogue-hung-yen-marcxml.xml.gz" in files
    for name in files:
        data = default_storage.open(f"{settings.OPENDATA_PREFIX}/{name}").read()
        doc = etree.fromstring(gzip.decompress(data))
        xsd.marc21_slim_schema().assertValid(doc)
        for record in doc.iterfind("m:record", NS):
            xsd.assert_valid_marc21(record)
        ids = {int(r.findtext("m:controlfield[@tag='001']", "", NS)) for r in doc}
        kept = {r.pk for name, r in records.items() if name not in NOT_RECORDS}
        assert ids == kept, name
