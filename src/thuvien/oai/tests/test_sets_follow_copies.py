"""Sets follow the copies: withdrawing a library's last copy shows the record as deleted in that
library's set; adding, withdrawing or moving a copy moves the record's datestamp, so that an
incremental harvest (``from``) sees the change; every set is named in Vietnamese and English."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from lxml import etree

from thuvien.catalog.models import Record
from thuvien.catalog.services import record_create
from thuvien.catalog.tests.factories import vi_marc
from thuvien.holdings.services import item_create, item_withdraw

from .test_oai import NS, check_structure


def _list(client, **params):
    root = etree.fromstring(client.get("/oai", {"verb": "ListIdentifiers", **params}).content)
    check_structure(root)
    return {
        h.findtext("o:identifier", namespaces=NS): h.get("status")
        for h in root.iter(f"{{{NS['o']}}}header")
    }


def _stamp(record) -> str:
    return (
        Record.objects.get(pk=record.pk)
        .updated_at.astimezone(dt.UTC)
        .strftime("%Y-%m-%dT%H:%M:%SZ")
    )


def test_withdrawing_the_last_copy_deletes_the_record_from_that_librarys_set(client, world):
    record = record_create(network=world.hung_yen, marc=vi_marc(title="Địa chí Tiên Lữ"))
    ident = f"oai:thuvien.localhost:record/{record.pk}"
    here = item_create(record=record, library=world.commune_a, barcode="TL000001")
    there = item_create(record=record, library=world.provincial, barcode="HY000001")
    assert _list(client, metadataPrefix="oai_dc", set="library:HY-TIENLU")[ident] is None
    before = Record.objects.get(pk=record.pk).updated_at
    item_withdraw(item=here)
    assert Record.objects.get(pk=record.pk).updated_at > before  # the datestamp moved
    assert _list(client, metadataPrefix="oai_dc", set="library:HY-TIENLU")[ident] == "deleted"
    # still held by the provincial library: live there, in "library" and in the network
    assert _list(client, metadataPrefix="oai_dc", set="library:HY-TINH")[ident] is None
    assert _list(client, metadataPrefix="oai_dc", set="library")[ident] is None
    assert _list(client, metadataPrefix="oai_dc", set="network:hung-yen")[ident] is None
    item_withdraw(item=there)
    assert _list(client, metadataPrefix="oai_dc", set="library")[ident] == "deleted"
    # an incremental harvest from the withdrawal on gets it
    since = _stamp(record)
    assert _list(client, metadataPrefix="oai_dc", set="library:HY-TINH", **{"from": since}) == {
        ident: "deleted"
    }


def test_a_new_copy_moves_the_datestamp(client, world):
    record = record_create(network=world.hung_yen, marc=vi_marc(title="Văn hoá Phố Hiến"))
    old = Record.objects.get(pk=record.pk).updated_at
    Record.objects.filter(pk=record.pk).update(updated_at=old - dt.timedelta(days=3))
    since = (timezone.now() - dt.timedelta(seconds=1)).astimezone(dt.UTC)
    ident = f"oai:thuvien.localhost:record/{record.pk}"
    params = {"metadataPrefix": "oai_dc", "from": since.strftime("%Y-%m-%dT%H:%M:%SZ")}
    assert ident not in _listed(client, params)  # dated three days back: not "from" now
    item_create(record=record, library=world.commune_b, barcode="PH000001")
    assert _list(client, **params)[ident] is None


def _listed(client, params) -> dict:
    body = client.get("/oai", {"verb": "ListIdentifiers", **params}).content
    return {} if b"noRecordsMatch" in body else _list(client, **params)


def test_sets_are_named_in_both_languages(client, world):
    root = etree.fromstring(client.get("/oai", {"verb": "ListSets"}).content)
    check_structure(root)
    names = {}
    for one in root.iter(f"{{{NS['o']}}}set"):
        titles = {
            t.get("{http://www.w3.org/XML/1998/namespace}lang"): t.text
            for t in one.iterfind("o:setDescription/oai_dc:dc/dc:title", namespaces=NS)
        }
        names[one.findtext("o:setSpec", namespaces=NS)] = titles
    assert names["network:hung-yen"] == {
        "vi": "Mạng lưới thư viện tỉnh Hưng Yên",
        "en": "Hưng Yên library network",
    }
    assert names["library"]["en"] == "Records held by a library"


def test_sets_per_library_type_group_and_material_type(client, world):
    """``type:<library type>`` and ``group:<network>:<group>``: records with a copy in such a
    library; ``material:<type>``: records of that material type; headers name them; a record
    deleted stays in its sets as deleted."""
    from django_scopes import scopes_disabled

    from thuvien.catalog.services import record_delete
    from thuvien.holdings.models import Item
    from thuvien.network.models import LibraryGroup

    from .test_digital_objects import _harvest, _ids
    from .test_oai import NS, error_code, oai

    with scopes_disabled():
        group = LibraryGroup.objects.create(
            network=world.hung_yen, code="ven-song", name_vi="Thư viện ven sông"
        )
        group.libraries.add(world.commune_a)
    at_school = record_create(
        network=world.hung_yen, marc=vi_marc(title="Sách giáo khoa", isbn=None)
    )
    at_commune = record_create(network=world.hung_yen, marc=vi_marc(title="Ca dao", isbn=None))
    gone = record_create(network=world.hung_yen, marc=vi_marc(title="Sách cũ", isbn=None))
    with scopes_disabled():
        Item.objects.create(library=world.school, record=at_school, barcode="SET-S-1")
        Item.objects.create(library=world.commune_a, record=at_commune, barcode="SET-C-1")
        Item.objects.create(
            library=world.school, record=gone, barcode="SET-S-2", status="withdrawn"
        )
    record_delete(record=gone)

    def ident(record):
        return f"oai:thuvien.localhost:record/{record.pk}"

    specs = {e.text for e in oai(client, verb="ListSets").iterfind(".//o:setSpec", NS)}
    assert {"type:school", "type:commune", "group:hung-yen:ven-song", "material:book"} <= specs
    school = _harvest(client, metadataPrefix="oai_dc", set="type:school")
    assert {h.findtext("o:identifier", namespaces=NS): h.get("status") for h in school} == {
        ident(at_school): None,
        ident(gone): "deleted",
    }
    assert set(_ids(_harvest(client, metadataPrefix="marc21", set="group:hung-yen:ven-song"))) == {
        ident(at_commune)
    }
    books = set(_ids(_harvest(client, metadataPrefix="marc21", set="material:book")))
    assert {ident(at_school), ident(at_commune), ident(gone)} <= books
    root = oai(client, verb="GetRecord", identifier=ident(at_commune), metadataPrefix="oai_dc")
    header_specs = [e.text for e in root.iterfind(".//o:header/o:setSpec", NS)]
    assert {"type:commune", "group:hung-yen:ven-song", "material:book"} <= set(header_specs)
    for missing in ("type:nowhere", "group:hung-yen:khong-co", "material:khong-co"):
        root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set=missing)
        assert error_code(root) == "noRecordsMatch"
