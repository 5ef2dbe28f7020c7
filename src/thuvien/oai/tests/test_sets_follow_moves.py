"""A record that leaves a set while staying in the catalogue (issue 15) shows as deleted in that
set, for ever, in ListIdentifiers and ListRecords: a copy moved to another library, a library
that changes type or group, a record whose material type changes. It is live again there when
it comes back. Each test harvests as a harvester does: a complete harvest, the change, then an
incremental harvest (``from``) that must see it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from thuvien.catalog.models import Record, RecordSetLeave
from thuvien.catalog.services import record_create, record_delete, record_update
from thuvien.catalog.tests.factories import vi_marc
from thuvien.holdings.services import item_create, item_delete, item_update, item_withdraw
from thuvien.network.services import group_create, group_set_libraries, library_update

from .test_digital_objects import _harvest
from .test_oai import NS, oai


def ident(record) -> str:
    return f"oai:thuvien.localhost:record/{record.pk}"


def listed(client, spec: str, since: str | None = None, verb: str = "ListIdentifiers") -> dict:
    """{identifier: "deleted" or None} of a whole listing of ``spec`` (every page), checking
    that no identifier comes twice."""
    params = {"verb": verb, "metadataPrefix": "oai_dc", "set": spec}
    if since is not None:
        params["from"] = since
    headers = _harvest(client, **params)
    ids = [h.findtext("o:identifier", namespaces=NS) for h in headers]
    assert len(ids) == len(set(ids)), ids
    return {h.findtext("o:identifier", namespaces=NS): h.get("status") for h in headers}


def header_specs(client, spec: str, record) -> list[str]:
    headers = _harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set=spec)
    for header in headers:
        if header.findtext("o:identifier", namespaces=NS) == ident(record):
            return [e.text for e in header.iterfind("o:setSpec", NS)]
    raise AssertionError(f"{ident(record)} not in {spec}")


def age(*records) -> str:
    """Date the records three days back (harvested long ago); return ``from`` for now."""
    old = timezone.now() - dt.timedelta(days=3)
    Record.objects.filter(pk__in=[r.pk for r in records]).update(updated_at=old)
    since = timezone.now() - dt.timedelta(seconds=1)
    return since.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def make(world, title: str, *libraries, prefix: str = "MV"):
    record = record_create(network=world.hung_yen, marc=vi_marc(title=title, isbn=None))
    items = [
        item_create(record=record, library=lib, barcode=f"{prefix}{record.pk:04d}{n}")
        for n, lib in enumerate(libraries)
    ]
    return record, items


def test_a_copy_moved_to_another_library_is_deleted_in_the_sets_it_left(client, world):
    moved, (copy,) = make(world, "Sách giáo khoa lịch sử", world.school)
    both, (tienlu, _phohien) = make(world, "Ca dao Tiên Lữ", world.commune_a, world.commune_b)
    assert listed(client, "library:HY-THPT") == {ident(moved): None}  # the complete harvest
    assert listed(client, "type:school") == {ident(moved): None}
    since = age(moved, both)
    assert ident(moved) not in listed(client, "library:HY-TINH", since)

    item_update(item=copy, library=world.provincial)
    item_update(item=tienlu, library=world.provincial)

    # the incremental harvests see it: deleted where it left, live where it went
    assert listed(client, "library:HY-THPT", since) == {ident(moved): "deleted"}
    assert listed(client, "type:school", since) == {ident(moved): "deleted"}
    assert listed(client, "library:HY-TINH", since) == {ident(moved): None, ident(both): None}
    assert listed(client, "type:provincial", since)[ident(moved)] is None
    assert listed(client, "library:HY-TIENLU", since) == {ident(both): "deleted"}
    # still held by a commune library (Phố Hiến): live in the type it did not leave
    assert listed(client, "type:commune", since) == {ident(both): None}
    assert listed(client, "network:hung-yen", since) == {ident(moved): None, ident(both): None}
    # ListRecords too, and the deleted header names the set it left
    assert listed(client, "library:HY-THPT", since, "ListRecords") == {ident(moved): "deleted"}
    assert "library:HY-THPT" in header_specs(client, "library:HY-THPT", moved)
    assert "type:school" in header_specs(client, "type:school", moved)
    # the record itself is live (it is in other sets): GetRecord says so
    root = oai(client, verb="GetRecord", identifier=ident(moved), metadataPrefix="oai_dc")
    assert root.find(".//o:header", NS).get("status") is None
    specs = {e.text for e in root.iterfind(".//o:header/o:setSpec", NS)}
    assert {"library:HY-TINH", "type:provincial"} <= specs
    assert not {"library:HY-THPT", "type:school"} & specs

    # persistent: later unrelated changes leave it deleted there, in a complete harvest too
    other, _items = make(world, "Văn hoá Phố Hiến", world.school, prefix="OT")
    item_withdraw(item=_phohien)
    assert listed(client, "library:HY-THPT") == {ident(moved): "deleted", ident(other): None}
    assert listed(client, "library:HY-TIENLU") == {ident(both): "deleted"}

    # back where it was: live there again, its deleted header gone
    since = age(moved, both, other)
    item_update(item=copy, library=world.school)
    assert listed(client, "library:HY-THPT", since) == {ident(moved): None}
    assert listed(client, "library:HY-THPT")[ident(moved)] is None
    assert listed(client, "type:school")[ident(moved)] is None
    assert not RecordSetLeave.objects.filter(record_id=moved.pk, set_spec="library:HY-THPT")
    # and now it left the provincial library
    assert listed(client, "library:HY-TINH", since) == {ident(moved): "deleted"}


def test_a_moved_copy_keeps_no_shelf_of_the_old_library_and_a_lent_copy_stays(world):
    from thuvien.holdings.errors import HoldingsError
    from thuvien.holdings.models import ItemStatus
    from thuvien.holdings.services import item_status_change
    from thuvien.network.models import Location

    record, (copy,) = make(world, "Kho mở", world.school)
    shelf = Location.objects.get(library=world.school, code="kho")
    item_update(item=copy, location=shelf)
    item_update(item=copy, library=world.commune_a)
    copy.refresh_from_db()
    assert (copy.library_id, copy.location_id) == (world.commune_a.pk, None)
    with pytest.raises(HoldingsError):  # a shelf of another library
        item_update(item=copy, library=world.commune_b, location=shelf)
    with pytest.raises(HoldingsError):  # another network
        item_update(item=copy, library=world.bn_provincial)
    item_status_change(item=copy, status=ItemStatus.ON_LOAN)
    with pytest.raises(HoldingsError):
        item_update(item=copy, library=world.school)
    copy.refresh_from_db()
    assert copy.library_id == world.commune_a.pk
    assert not RecordSetLeave.objects.filter(record_id=record.pk, set_spec="library:HY-TIENLU")


def test_a_library_changing_type_moves_its_records_between_type_sets(client, world):
    only, _ = make(world, "Địa chí Tiên Lữ", world.commune_a)
    shared, _ = make(world, "Ca dao", world.commune_a, world.commune_b)
    elsewhere, _ = make(world, "Sách trường", world.school)
    assert ident(only) in listed(client, "type:commune")
    since = age(only, shared, elsewhere)

    library_update(library=world.commune_a, library_type="community", actor=None)

    assert listed(client, "type:commune", since) == {ident(only): "deleted", ident(shared): None}
    assert listed(client, "type:community", since) == {ident(only): None, ident(shared): None}
    assert "type:commune" in header_specs(client, "type:commune", only)
    assert ident(elsewhere) not in listed(client, "network:hung-yen", since)  # not touched
    # persistent, and once only in a complete harvest
    assert listed(client, "type:commune") == {ident(only): "deleted", ident(shared): None}

    since = age(only, shared, elsewhere)
    library_update(library=world.commune_a, library_type="commune", actor=None)
    assert listed(client, "type:commune", since) == {ident(only): None, ident(shared): None}
    assert listed(client, "type:community", since) == {
        ident(only): "deleted",
        ident(shared): "deleted",
    }
    assert listed(client, "type:commune")[ident(only)] is None


def test_a_type_no_library_has_any_more_still_lists_what_left_it(client, world):
    record, _ = make(world, "Sách trường", world.school)
    since = age(record)
    library_update(library=world.school, library_type="university", actor=None)
    assert listed(client, "type:school", since) == {ident(record): "deleted"}
    assert listed(client, "type:university", since) == {ident(record): None}


def test_a_group_losing_or_gaining_a_library_moves_its_records(client, world):
    at_school, _ = make(world, "Sách trường", world.school)
    at_commune, _ = make(world, "Ca dao", world.commune_a)
    since = age(at_school, at_commune)
    group_create(
        network=world.hung_yen,
        code="ven-song",
        name_vi="Thư viện ven sông",
        actor=None,
        libraries=[world.school, world.commune_a],
    )
    spec = "group:hung-yen:ven-song"
    assert listed(client, spec, since) == {ident(at_school): None, ident(at_commune): None}

    since = age(at_school, at_commune)
    from thuvien.network.models import LibraryGroup

    group = LibraryGroup.objects.get(code="ven-song")
    group_set_libraries(group=group, libraries=[world.commune_a], actor=None)
    assert listed(client, spec, since) == {ident(at_school): "deleted"}
    assert listed(client, "library:HY-THPT", since) == {ident(at_school): None}  # new sets
    assert listed(client, spec) == {ident(at_school): "deleted", ident(at_commune): None}
    assert spec in header_specs(client, spec, at_school)

    since = age(at_school, at_commune)
    group_set_libraries(group=group, libraries=[world.commune_a, world.school], actor=None)
    assert listed(client, spec, since) == {ident(at_school): None}
    assert listed(client, spec) == {ident(at_school): None, ident(at_commune): None}


def _as_map(record) -> dict:
    marc = dict(Record.objects.get(pk=record.pk).marc)
    leader = marc["leader"]
    marc["leader"] = leader[:6] + "e" + leader[7:]  # cartographic material
    return marc


def test_a_record_changing_material_type_is_deleted_in_the_old_type(client, world):
    record, _ = make(world, "Bản đồ Hưng Yên", world.provincial)
    assert listed(client, "material:book")[ident(record)] is None
    since = age(record)
    record_update(record=record, marc=_as_map(record), confirm_warnings=True)
    assert Record.objects.get(pk=record.pk).material_type == "map"
    assert listed(client, "material:book", since) == {ident(record): "deleted"}
    assert listed(client, "material:map", since) == {ident(record): None}
    assert "material:book" in header_specs(client, "material:book", record)

    since = age(record)
    back = dict(Record.objects.get(pk=record.pk).marc)
    back["leader"] = back["leader"][:6] + "a" + back["leader"][7:]
    record_update(record=record, marc=back, confirm_warnings=True)
    assert listed(client, "material:book", since) == {ident(record): None}
    assert listed(client, "material:map", since) == {ident(record): "deleted"}


def test_a_record_id_never_comes_twice_across_pages(client, world, settings):
    """A leave and a withdrawn copy in the same library, a leave and a tombstone: one entry
    each, on pages of one and two headers."""
    twice, (kept, moved) = make(world, "Rút và chuyển", world.school, world.school)
    plain, (only,) = make(world, "Chỉ chuyển", world.school)
    item_withdraw(item=kept)
    item_update(item=moved, library=world.provincial)  # a leave, and a withdrawn copy there
    item_update(item=only, library=world.provincial)
    gone, (copy,) = make(world, "Bản đồ đã xoá", world.provincial)
    record_update(record=gone, marc=_as_map(gone), confirm_warnings=True)  # left material:book
    item_delete(item=copy)
    record_delete(record=gone)  # and then a tombstone (deleted, as a map)
    for size in (1, 2):
        settings.OAI_PAGE_SIZE = size
        for verb in ("ListIdentifiers", "ListRecords"):
            assert listed(client, "library:HY-THPT", verb=verb) == {
                ident(twice): "deleted",
                ident(plain): "deleted",
            }
            material = listed(client, "material:book", verb=verb)
            assert material[ident(gone)] == "deleted"
            assert listed(client, "material:map", verb=verb)[ident(gone)] == "deleted"


def test_a_library_wide_change_works_in_chunks(client, world, monkeypatch):
    from thuvien.holdings import set_follow

    monkeypatch.setattr(set_follow, "CHUNK", 2)
    records = [make(world, f"Tập {i}", world.commune_a)[0] for i in range(5)]
    since = age(*records)
    library_update(library=world.commune_a, library_type="specialised", actor=None)
    assert listed(client, "type:commune", since) == {ident(r): "deleted" for r in records}
    assert listed(client, "type:specialised", since) == {ident(r): None for r in records}
    assert RecordSetLeave.objects.filter(set_spec="type:commune").count() == 5


def test_sickle_sees_a_moved_copy_leave_a_librarys_set(live_server, transactional_db, world):
    """An independent harvester over HTTP: complete harvest, the move, incremental harvest."""
    from sickle import Sickle

    moved, (copy,) = make(world, "Sách giáo khoa địa lý", world.school)
    stays, _ = make(world, "Sách giáo khoa toán", world.school, prefix="ST")
    sickle = Sickle(f"{live_server.url}/oai", max_retries=0)

    def harvest(spec: str, **since: str) -> dict[str, bool]:
        records = sickle.ListRecords(
            metadataPrefix="marc21", set=spec, ignore_deleted=False, **since
        )
        return {r.header.identifier: r.header.deleted for r in records}

    assert harvest("library:HY-THPT") == {ident(moved): False, ident(stays): False}
    since = age(moved, stays)
    item_update(item=copy, library=world.commune_b)
    assert harvest("library:HY-THPT", **{"from": since}) == {ident(moved): True}
    assert harvest("library:HY-PHOHIEN", **{"from": since}) == {ident(moved): False}
    assert harvest("library:HY-THPT") == {ident(moved): True, ident(stays): False}


def test_an_import_replacing_a_record_as_a_map_deletes_it_from_material_book(
    client, world, tmp_path
):
    """The import's "replace" of a matched record moves its datestamp (a harvester asking
    ``from`` sees the new MARC) and, with another material type, leaves the old type's set."""
    from thuvien.catalog.marc.writer import MarcWriter
    from thuvien.catalog.services import import_run

    record = record_create(network=world.hung_yen, marc=vi_marc(isbn="9786041234567"))
    since = age(record)
    newer = vi_marc(isbn="9786041234567")
    newer["leader"] = newer["leader"][:6] + "e" + newer["leader"][7:]
    path = tmp_path / "map.mrc"
    with open(path, "wb") as out:
        writer = MarcWriter(out, "iso2709")
        writer.write(newer)
        writer.close()
    report = import_run(paths=[path], network=world.hung_yen, on_match="replace")
    assert report.replaced == 1
    assert Record.objects.get(pk=record.pk).material_type == "map"
    assert listed(client, "material:book", since) == {ident(record): "deleted"}
    assert listed(client, "material:map", since) == {ident(record): None}
