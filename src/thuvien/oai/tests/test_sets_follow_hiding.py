"""OAI-PMH: a record that drops out of a library-derived set (``library:``, ``type:``,
``group:``) because a copy was deleted outright, because the public no longer sees its copies
there, or because its library moved to another network and left its groups, shows as deleted
in that set for ever (issue 15), while it stays live where it still is; and comes back when the
change is undone. The same scheme as ``test_sets_follow_moves``: a complete harvest, the
change made through the service the staff screen calls, an incremental harvest ``from``."""

from __future__ import annotations

from thuvien.catalog.models import RecordSetLeave, RecordTombstone
from thuvien.holdings.services import (
    item_create,
    item_delete,
    item_update,
    item_visibility_set,
    item_withdraw,
    library_visibility_set,
    location_visibility_set,
)
from thuvien.network.models import LibraryGroup, LibraryVisibility, Location, ShelfVisibility
from thuvien.network.services import (
    group_create,
    group_set_libraries,
    library_move,
    library_update,
)

from .test_oai import NS, oai
from .test_sets_follow_moves import age, header_specs, ident, listed, make

HIDDEN, NORMAL = ShelfVisibility.HIDDEN, ShelfVisibility.NORMAL


def status(client, record) -> str | None:
    """GetRecord's header status of ``record`` (None: live)."""
    root = oai(client, verb="GetRecord", identifier=ident(record), metadataPrefix="oai_dc")
    return root.find(".//o:header", NS).get("status")


# --- a copy deleted outright --------------------------------------------------------------------


def test_a_copy_deleted_outright_is_deleted_in_the_sets_it_left(client, world):
    record, (school, _tinh) = make(world, "Sách giáo khoa văn", world.school, world.provincial)
    two, (first, _second) = make(world, "Hai bản", world.school, world.school, prefix="TW")
    assert listed(client, "library:HY-THPT") == {ident(record): None, ident(two): None}
    since = age(record, two)

    item_delete(item=school)
    item_delete(item=first)  # another copy is left there: still live (re-dated)

    assert listed(client, "library:HY-THPT", since) == {
        ident(record): "deleted",
        ident(two): None,
    }
    assert listed(client, "type:school", since) == {ident(record): "deleted", ident(two): None}
    assert "library:HY-THPT" in header_specs(client, "library:HY-THPT", record)
    assert listed(client, "library:HY-TINH", since) == {ident(record): None}
    assert listed(client, "network:hung-yen", since) == {ident(record): None, ident(two): None}
    assert listed(client, "library:HY-THPT", since, "ListRecords")[ident(record)] == "deleted"
    assert status(client, record) is None
    # for ever: the complete harvest says it too, once
    assert listed(client, "library:HY-THPT") == {ident(record): "deleted", ident(two): None}

    # a new copy there: live again, its deleted header gone
    since = age(record, two)
    item_create(record=record, library=world.school, barcode="BACK0001")
    assert listed(client, "library:HY-THPT", since) == {ident(record): None}
    assert listed(client, "type:school")[ident(record)] is None
    assert not RecordSetLeave.objects.filter(record_id=record.pk, set_spec="library:HY-THPT")


def test_a_withdrawn_copy_deleted_later_stays_deleted_in_its_library(client, world):
    """Withdrawn, the record shows as deleted in the library (``_withdrawn_here``); the
    withdrawn copy deleted outright afterwards must not make that header vanish."""
    record, (school, _tinh) = make(world, "Thanh lý rồi xoá", world.school, world.provincial)
    since = age(record)
    item_withdraw(item=school)
    assert listed(client, "library:HY-THPT", since) == {ident(record): "deleted"}
    assert not RecordSetLeave.objects.filter(record_id=record.pk)  # the withdrawal says it

    since = age(record)
    item_delete(item=school)
    assert listed(client, "library:HY-THPT", since) == {ident(record): "deleted"}
    assert listed(client, "type:school") == {ident(record): "deleted"}
    assert listed(client, "library:HY-TINH") == {ident(record): None}


def test_a_library_changing_type_keeps_the_deleted_header_of_a_withdrawn_copy(client, world):
    """Shown as deleted in ``type:commune`` because its copy there is withdrawn, the record
    stays deleted there when the library becomes another type (a leave takes over)."""
    record, (tienlu, _tinh) = make(world, "Thanh lý ở xã", world.commune_a, world.provincial)
    item_withdraw(item=tienlu)
    assert listed(client, "type:commune") == {ident(record): "deleted"}
    since = age(record)
    library_update(library=world.commune_a, library_type="community", actor=None)
    assert listed(client, "type:commune", since) == {ident(record): "deleted"}
    assert listed(client, "type:commune") == {ident(record): "deleted"}
    assert RecordSetLeave.objects.filter(record_id=record.pk, set_spec="type:commune")
    since = age(record)
    library_update(library=world.commune_a, library_type="commune", actor=None)
    assert listed(client, "type:commune", since) == {ident(record): "deleted"}  # withdrawn
    assert not RecordSetLeave.objects.filter(record_id=record.pk, set_spec="type:commune")


# --- what the public sees -----------------------------------------------------------------------


def test_a_hidden_copy_takes_its_record_out_of_the_librarys_sets(client, world):
    record, (school, _tinh) = make(world, "Tài liệu mật", world.school, world.provincial)
    assert listed(client, "library:HY-THPT") == {ident(record): None}
    since = age(record)

    item_visibility_set(item=school, visibility=HIDDEN, actor=None)

    assert listed(client, "library:HY-THPT", since) == {ident(record): "deleted"}
    assert listed(client, "type:school", since) == {ident(record): "deleted"}
    assert listed(client, "library:HY-TINH", since) == {ident(record): None}  # re-dated
    assert listed(client, "library:HY-THPT", since, "ListRecords") == {ident(record): "deleted"}
    assert status(client, record) is None
    assert not RecordTombstone.objects.filter(record_id=record.pk)  # still public elsewhere

    since = age(record)
    item_visibility_set(item=school, visibility=NORMAL, actor=None)
    assert listed(client, "library:HY-THPT", since) == {ident(record): None}
    assert listed(client, "type:school") == {ident(record): None}
    assert not RecordSetLeave.objects.filter(record_id=record.pk)


def test_a_hidden_shelf_takes_its_records_out_of_the_librarys_set(client, world):
    record, (school, _tinh) = make(world, "Kho hạn chế", world.school, world.provincial)
    shelf = Location.objects.get(library=world.school, code="kho")
    item_update(item=school, location=shelf)
    since = age(record)
    location_visibility_set(location=shelf, visibility=HIDDEN, actor=None)
    assert listed(client, "library:HY-THPT", since) == {ident(record): "deleted"}
    assert listed(client, "library:HY-TINH", since) == {ident(record): None}

    since = age(record)
    location_visibility_set(location=shelf, visibility=NORMAL, actor=None)
    assert listed(client, "library:HY-THPT", since) == {ident(record): None}


def test_a_library_hidden_from_the_public_leaves_its_type_and_groups(client, world):
    record, _items = make(world, "Sách trường và tỉnh", world.school, world.provincial)
    only, _items = make(world, "Chỉ ở trường", world.school, prefix="ON")
    group_create(
        network=world.hung_yen, code="pho-hien", name_vi="Phố Hiến", actor=None,
        libraries=[world.school, world.provincial],
    )  # fmt: skip
    spec = "group:hung-yen:pho-hien"
    assert listed(client, "type:school") == {ident(record): None, ident(only): None}
    since = age(record, only)

    library_visibility_set(
        library=world.school, visibility=LibraryVisibility.NETWORK_STAFF, actor=None
    )

    # held elsewhere: deleted in the school type only, live in the group (the provincial copy)
    assert listed(client, "type:school", since) == {
        ident(record): "deleted",
        ident(only): "deleted",  # hidden whole: its tombstone, once
    }
    assert listed(client, spec, since) == {ident(record): None, ident(only): "deleted"}
    assert listed(client, "library", since) == {ident(record): None, ident(only): "deleted"}
    assert status(client, record) is None
    assert status(client, only) == "deleted"
    assert RecordTombstone.objects.filter(record_id=only.pk, reason="hidden").exists()
    assert listed(client, "type:school") == {ident(record): "deleted", ident(only): "deleted"}

    since = age(record, only)
    library_visibility_set(library=world.school, visibility=LibraryVisibility.PUBLIC, actor=None)
    assert listed(client, "type:school", since) == {ident(record): None, ident(only): None}
    assert listed(client, "library:HY-THPT") == {ident(record): None, ident(only): None}
    assert not RecordSetLeave.objects.filter(record_id__in=[record.pk, only.pk])


def test_hidden_here_then_hidden_whole_is_deleted_once_everywhere(client, world, settings):
    """A leave (the school copy hidden) and then the HIDDEN tombstone (the last public copy
    hidden): one deleted header per set, on pages of one header too; shown again elsewhere,
    the leave still says it is gone from the school."""
    record, (school, tinh) = make(world, "Ẩn dần", world.school, world.provincial)
    item_visibility_set(item=school, visibility=HIDDEN, actor=None)
    item_visibility_set(item=tinh, visibility=HIDDEN, actor=None)
    assert RecordTombstone.objects.filter(record_id=record.pk, reason="hidden").exists()
    for size in (1, 50):
        settings.OAI_PAGE_SIZE = size
        for spec in ("library:HY-THPT", "library:HY-TINH", "type:school", "library"):
            for verb in ("ListIdentifiers", "ListRecords"):
                assert listed(client, spec, verb=verb) == {ident(record): "deleted"}, spec
    assert status(client, record) == "deleted"

    since = age(record)
    item_visibility_set(item=tinh, visibility=NORMAL, actor=None)
    assert listed(client, "library:HY-TINH", since) == {ident(record): None}
    assert listed(client, "library:HY-THPT") == {ident(record): "deleted"}
    assert status(client, record) is None


# --- a library moved to another network -----------------------------------------------------


def test_a_library_moved_to_another_network_leaves_its_groups(client, world):
    at_school, _items = make(world, "Sách trường", world.school)
    both, _items = make(world, "Ở cả hai", world.school, world.commune_a, prefix="BO")
    group_create(
        network=world.hung_yen, code="ven-song", name_vi="Ven sông", actor=None,
        libraries=[world.school, world.commune_a],
    )  # fmt: skip
    spec = "group:hung-yen:ven-song"
    assert listed(client, spec) == {ident(at_school): None, ident(both): None}
    since = age(at_school, both)

    library_move(
        library=world.school, new_parent=world.bn_provincial, new_network=world.bac_ninh,
        actor=None,
    )  # fmt: skip

    assert listed(client, spec, since) == {ident(at_school): "deleted"}
    assert spec in header_specs(client, spec, at_school)
    assert listed(client, "library:HY-THPT", since) == {ident(at_school): None}  # re-dated
    assert listed(client, spec) == {ident(at_school): "deleted", ident(both): None}
    assert status(client, at_school) is None

    # undone: back in the network and in the group
    since = age(at_school, both)
    library_move(
        library=world.school, new_parent=world.provincial, new_network=world.hung_yen,
        actor=None,
    )  # fmt: skip
    group = LibraryGroup.objects.get(network=world.hung_yen, code="ven-song")
    group_set_libraries(group=group, libraries=[world.school, world.commune_a], actor=None)
    assert listed(client, spec, since) == {ident(at_school): None}  # both never left it
    assert listed(client, spec) == {ident(at_school): None, ident(both): None}
    assert not RecordSetLeave.objects.filter(record_id=at_school.pk, set_spec=spec)
