"""Digital objects over OAI-PMH, as a harvester meets them: the published objects open to
everyone are records in ``oai_dc`` and qualified Dublin Core (``qdc``) with their page, IIIF
manifest, thumbnail and rights; sets per network, library and collection (a sub-collection's
objects are in its parent's set); unpublishing, closing, an embargo and a library hidden from
the public make them deleted records with a new datestamp; every answer is well-formed and
valid; Sickle harvests them page by page with counts equal to the database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from sickle import Sickle

from thuvien.catalog.models import Record
from thuvien.catalog.services import record_create
from thuvien.catalog.tests.factories import vi_marc
from thuvien.digital.models import Collection, DigitalObject, DigitalTombstone
from thuvien.digital.selectors_harvest import digital_counts
from thuvien.digital.services import embargo_lifted_reindex, object_update
from thuvien.holdings.services import library_visibility_set

from .test_oai import NS, error_code, oai

NS = {**NS, "dcterms": "http://purl.org/dc/terms/", "qdc": "http://dspace.org/qualifieddc/"}


def _object(library, title, *, collections=(), **values):
    fields = {
        "published": True,
        "ingest_complete": True,
        "rights_status": "public_domain",
        "dc": {"dcterms:creator": ["Sở Văn hóa Hưng Yên"], "dcterms:spatial": ["Phố Hiến"]},
        **values,
    }
    obj = DigitalObject.all_objects.create(
        library=library, network=library.network, title=title, **fields
    )
    obj.collections.add(*collections)
    return obj


@pytest.fixture
def library_of_objects(world, settings):
    """Hưng Yên: a collection with a sub-collection; open objects in each, one outside any
    collection, one in a commune library; a restricted and an unpublished object that no
    harvester ever sees. Two catalogue records beside them."""
    settings.OAI_PAGE_SIZE = 2
    with scopes_disabled():
        dia_chi = Collection.objects.create(
            network=world.hung_yen, library=world.provincial, code="dia-chi",
            title_vi="Địa chí Hưng Yên", title_en="Hưng Yên local history",
        )  # fmt: skip
        ban_do = Collection.objects.create(
            network=world.hung_yen, library=world.provincial, code="ban-do", parent=dia_chi,
            title_vi="Bản đồ cổ", title_en="Old maps",
        )  # fmt: skip
        objects = {
            "pho_hien": _object(world.provincial, "Phố Hiến xưa", collections=[dia_chi]),
            "ban_do": _object(world.provincial, "Bản đồ Hưng Yên 1890", collections=[ban_do],
                              object_type="map"),
            "loose": _object(world.provincial, "Ca dao Hưng Yên"),
            "commune": _object(world.commune_a, "Đình làng Tiên Lữ"),
            "restricted": _object(world.provincial, "Hồ sơ mật", access="restricted"),
            "draft": _object(world.provincial, "Bản nháp", published=False),
        }  # fmt: skip
    records = [
        record_create(network=world.hung_yen, marc=vi_marc(title=f"Sách {i}", isbn=None))
        for i in range(2)
    ]
    return {"objects": objects, "records": records, "dia_chi": dia_chi, "ban_do": ban_do}


def ident(obj) -> str:
    return f"oai:thuvien.localhost:digital/{obj.pk}"


def _harvest(client, **params):
    """Every header of a listing, following resumption tokens, each page checked."""
    verb = params.pop("verb", "ListIdentifiers")
    root = oai(client, verb=verb, **params)
    headers = []
    while True:
        if error_code(root) == "noRecordsMatch":
            return headers
        assert error_code(root) is None, error_code(root)
        headers += root.findall(f".//o:{verb}//o:header", NS) or root.findall(
            f".//o:{verb}/o:header", NS
        )
        token = root.findtext(f".//o:{verb}/o:resumptionToken", namespaces=NS)
        if not token:
            return headers
        root = oai(client, verb=verb, resumptionToken=token)


def _ids(headers) -> list[str]:
    return [h.findtext("o:identifier", namespaces=NS) for h in headers]


def test_open_objects_are_records_in_both_dublin_core_formats(client, library_of_objects):
    objects = library_of_objects["objects"]
    obj = objects["ban_do"]
    root = oai(client, verb="GetRecord", identifier=ident(obj), metadataPrefix="qdc")
    qdc = root.find(".//o:metadata/qdc:qualifieddc", NS)
    assert qdc.findtext("dcterms:title", namespaces=NS) == "Bản đồ Hưng Yên 1890"
    assert qdc.findtext("dcterms:spatial", namespaces=NS) == "Phố Hiến"
    assert qdc.findtext("dcterms:isReferencedBy", namespaces=NS).endswith(
        f"/iiif/3/{obj.pk}/manifest"
    )
    assert f"/iiif/3/image/{obj.pk}-1/full/" in qdc.findtext("dcterms:hasFormat", namespaces=NS)
    assert qdc.findtext("dcterms:identifier", namespaces=NS).endswith(f"/digital/{obj.pk}/")
    assert qdc.findtext("dcterms:rights", namespaces=NS) == (
        "http://creativecommons.org/publicdomain/mark/1.0/"
    )
    assert "http://purl.org/dc/dcmitype/Image" in [
        t.text for t in qdc.findall("dcterms:type", NS)
    ]
    assert [p.text for p in qdc.findall("dcterms:isPartOf", NS)] == ["Bản đồ cổ"]
    specs = [e.text for e in root.iterfind(".//o:header/o:setSpec", NS)]
    # the fewest sets: the sub-collection implies its parent, digital:hung-yen and digital
    assert specs == [
        "network:hung-yen", "library:HY-TINH", "type:provincial", "digital:hung-yen:dia-chi:ban-do"
    ]

    root = oai(client, verb="GetRecord", identifier=ident(obj), metadataPrefix="oai_dc")
    dc = root.find(".//oai_dc:dc", NS)
    assert dc.findtext("dc:title", namespaces=NS) == "Bản đồ Hưng Yên 1890"
    assert dc.findtext("dc:coverage", namespaces=NS) == "Phố Hiến"  # dcterms:spatial refines it
    relations = [r.text for r in dc.findall("dc:relation", NS)]
    assert any(r.endswith(f"/iiif/3/{obj.pk}/manifest") for r in relations)
    assert any("/full/!200,200/0/default.jpg" in r for r in relations)
    assert "http://creativecommons.org/publicdomain/mark/1.0/" in [
        r.text for r in dc.findall("dc:rights", NS)
    ]

    # a digital object is not MARC; a catalogue record is not qualified DC
    root = oai(client, verb="GetRecord", identifier=ident(obj), metadataPrefix="marc21")
    assert error_code(root) == "cannotDisseminateFormat"
    root = oai(client, verb="ListMetadataFormats", identifier=ident(obj))
    assert [e.text for e in root.iterfind(".//o:metadataPrefix", NS)] == ["oai_dc", "qdc"]
    # never shown: no such record (not even deleted)
    for hidden in (objects["restricted"], objects["draft"]):
        root = oai(client, verb="GetRecord", identifier=ident(hidden), metadataPrefix="oai_dc")
        assert error_code(root) == "idDoesNotExist"


def test_sets_follow_libraries_and_collections(client, library_of_objects):
    objects = library_of_objects["objects"]
    specs = [e.text for e in oai(client, verb="ListSets").iterfind(".//o:setSpec", NS)]
    assert {"digital", "digital:hung-yen", "digital:hung-yen:dia-chi",
            "digital:hung-yen:dia-chi:ban-do"} <= set(specs)  # fmt: skip

    def listed(spec, prefix="qdc"):
        return set(_ids(_harvest(client, metadataPrefix=prefix, set=spec)))

    assert listed("digital:hung-yen:dia-chi") == {
        ident(objects["pho_hien"]), ident(objects["ban_do"])
    }
    assert listed("digital:hung-yen:dia-chi:ban-do") == {ident(objects["ban_do"])}
    assert listed("library:HY-TIENLU") == {ident(objects["commune"])}
    assert len(listed("digital")) == len(listed("digital:hung-yen")) == 4
    assert listed("digital:bac-ninh") == set()
    # oai_dc of the network: its records and its objects, in one listing over many pages
    both = _ids(_harvest(client, metadataPrefix="oai_dc", set="network:hung-yen"))
    assert len(both) == len(set(both)) == 4 + 2
    # MARC of the network: the records alone
    marc = _ids(_harvest(client, metadataPrefix="marc21", set="network:hung-yen"))
    assert sorted(marc) == sorted(
        f"oai:thuvien.localhost:record/{r.pk}" for r in library_of_objects["records"]
    )
    root = oai(client, verb="ListRecords", metadataPrefix="qdc", set="digital:hung-yen:nowhere")
    assert error_code(root) == "noRecordsMatch"


def test_leaving_the_public_makes_a_deleted_record_with_a_new_datestamp(
    client, world, library_of_objects
):
    objects = library_of_objects["objects"]
    start = timezone.now().replace(microsecond=0)
    with scopes_disabled():
        object_update(obj=objects["pho_hien"], actor=None, published=False)
        object_update(obj=objects["loose"], actor=None, access="registered")
        object_update(
            obj=objects["ban_do"], actor=None,
            embargo_until=timezone.localdate() + timedelta(days=30),
        )  # fmt: skip
        library_visibility_set(library=world.commune_a, visibility="own_staff", actor=None)

    headers = _harvest(client, metadataPrefix="qdc", set="digital")
    deleted = {
        h.findtext("o:identifier", namespaces=NS)
        for h in headers
        if h.get("status") == "deleted"
    }
    assert deleted == {ident(o) for k, o in objects.items() if k not in ("restricted", "draft")}
    # an incremental harvest from before the changes gets every one of them
    since = start.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert len(_harvest(client, metadataPrefix="oai_dc", set="digital", **{"from": since})) == 4
    # GetRecord and the collection's set say so too (the sub-collection's object included)
    root = oai(client, verb="GetRecord", identifier=ident(objects["ban_do"]), metadataPrefix="qdc")
    assert root.find(".//o:header", NS).get("status") == "deleted"
    assert root.find(".//o:metadata", NS) is None
    in_collection = _harvest(client, metadataPrefix="oai_dc", set="digital:hung-yen:dia-chi")
    assert {h.get("status") for h in in_collection} == {"deleted"}
    assert len(in_collection) == 2
    assert digital_counts() == {"open": 0, "deleted": 4}

    # back again: open records dated now, the tombstones gone
    with scopes_disabled():
        object_update(obj=objects["pho_hien"], actor=None, published=True)
        library_visibility_set(library=world.commune_a, visibility="public", actor=None)
        DigitalObject.all_objects.filter(pk=objects["ban_do"].pk).update(
            embargo_until=timezone.localdate()
        )
    embargo_lifted_reindex(today=timezone.localdate())  # the daily job
    assert not DigitalTombstone.all_objects.filter(
        object_id__in=[objects[k].pk for k in ("pho_hien", "commune", "ban_do")]
    ).exists()
    headers = _harvest(client, metadataPrefix="qdc", set="digital", **{"from": since})
    states = {h.findtext("o:identifier", namespaces=NS): h.get("status") for h in headers}
    assert states == {
        ident(objects["pho_hien"]): None,
        ident(objects["commune"]): None,
        ident(objects["ban_do"]): None,
        ident(objects["loose"]): "deleted",
    }


def test_sickle_harvests_records_and_objects_with_counts_equal_to_the_database(
    live_server, world, library_of_objects
):
    objects = library_of_objects["objects"]
    with scopes_disabled():
        object_update(obj=objects["loose"], actor=None, published=False)
    counts = digital_counts()
    assert counts == {"open": 3, "deleted": 1}
    records = Record.objects.filter(is_deleted=False).count()
    sickle = Sickle(f"{live_server.url}/oai", max_retries=0)
    qdc = list(sickle.ListRecords(metadataPrefix="qdc", ignore_deleted=False))
    assert len(qdc) == len({r.header.identifier for r in qdc}) == counts["open"] + 1
    assert sum(r.header.deleted for r in qdc) == counts["deleted"]
    titles = sorted(r.metadata["title"][0] for r in qdc if not r.header.deleted)
    assert titles == sorted(
        o.title for k, o in objects.items() if k in ("pho_hien", "ban_do", "commune")
    )
    everything = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", ignore_deleted=False))
    assert len(everything) == records + counts["open"] + counts["deleted"]


def test_moving_an_object_to_another_collection_dates_it_and_deletes_it_from_the_old_set(
    client, world, library_of_objects
):
    """Staff move an object from one collection to another (``collection_membership``): an
    incremental harvest gets it with its new set, and the old collection's set lists it as
    deleted (the sets above both list it live); putting it back clears the deletion."""
    from thuvien.digital.editing import collection_membership

    objects, dia_chi = library_of_objects["objects"], library_of_objects["dia_chi"]
    obj = objects["pho_hien"]
    with scopes_disabled():
        anh = Collection.objects.create(
            network=world.hung_yen, library=world.provincial, code="anh-cu",
            title_vi="Ảnh cũ", title_en="Old photographs",
        )  # fmt: skip
    DigitalObject.all_objects.update(updated_at=timezone.now() - timedelta(days=3))
    since = timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    with scopes_disabled():
        collection_membership(collection=anh, obj=obj, add=True, actor=None)
        collection_membership(collection=dia_chi, obj=obj, add=False, actor=None)

    incremental = _harvest(client, metadataPrefix="oai_dc", set="digital", **{"from": since})
    assert _ids(incremental) == [ident(obj)]
    assert incremental[0].get("status") is None
    specs = [e.text for e in incremental[0].iterfind("o:setSpec", NS)]
    assert "digital:hung-yen:anh-cu" in specs and "digital:hung-yen:dia-chi" not in specs

    old = _harvest(client, metadataPrefix="oai_dc", set="digital:hung-yen:dia-chi")
    states = {h.findtext("o:identifier", namespaces=NS): h.get("status") for h in old}
    assert states == {ident(obj): "deleted", ident(objects["ban_do"]): None}
    deleted = next(h for h in old if h.get("status") == "deleted")
    assert [e.text for e in deleted.iterfind("o:setSpec", NS)][-1] == "digital:hung-yen:dia-chi"
    assert deleted.findtext("o:datestamp", namespaces=NS) >= since
    new = _harvest(client, metadataPrefix="qdc", set="digital:hung-yen:anh-cu")
    assert {h.findtext("o:identifier", namespaces=NS): h.get("status") for h in new} == {
        ident(obj): None
    }
    everything = _harvest(client, metadataPrefix="oai_dc", set="digital:hung-yen")
    assert {h.get("status") for h in everything if _ids([h]) == [ident(obj)]} == {None}

    with scopes_disabled():  # filed there again: live in the old set, no deletion left
        collection_membership(collection=dia_chi, obj=obj, add=True, actor=None)
    old = _harvest(client, metadataPrefix="oai_dc", set="digital:hung-yen:dia-chi")
    assert {h.findtext("o:identifier", namespaces=NS): h.get("status") for h in old} == {
        ident(obj): None,
        ident(objects["ban_do"]): None,
    }
