"""Changing who may see what (issue 19): the services audit, queue the index, tell harvesters,
start armed-forces libraries hidden; the staff pages that call them; restricted reading."""

from __future__ import annotations

import importlib
import time

import pytest
from django.apps import apps as django_apps
from django_scopes import scopes_disabled

from thuvien.catalog.models import RecordTombstone
from thuvien.core.models import AuditEntry, OutboxEntry
from thuvien.core.outbox import outbox_drain
from thuvien.holdings.errors import HoldingsError
from thuvien.holdings.services import (
    item_visibility_set,
    library_visibility_set,
    location_visibility_set,
)
from thuvien.holdings.visibility import (
    ANONYMOUS,
    EVERYONE,
    Viewer,
    record_visibility_q,
    record_visible,
    viewer_for,
)
from thuvien.network.models import Library, LibraryType, Location
from thuvien.network.services import library_create
from thuvien.search.selectors import search_catalogue
from thuvien.search.tests.factories import make_item, make_record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def index_dir(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"


def _found(word, viewer=ANONYMOUS):
    return search_catalogue(params={"q": word}, viewer=viewer).total


def test_armed_forces_libraries_start_hidden_and_others_public(world):
    armed = library_create(
        network=world.hung_yen,
        code="HY-BCHQS",
        name_vi="Thư viện Bộ Chỉ huy Quân sự tỉnh",
        library_type=LibraryType.ARMED_FORCES,
        actor=world.users["hy_admin"],
    )
    school = library_create(
        network=world.hung_yen,
        code="HY-THCS",
        name_vi="Thư viện trường THCS",
        library_type=LibraryType.SCHOOL,
        actor=world.users["hy_admin"],
    )
    assert armed.visibility == "own_staff" and school.visibility == "public"


def test_data_migration_hides_existing_armed_forces_libraries(world):
    Library.objects.filter(pk=world.school.pk).update(library_type=LibraryType.ARMED_FORCES)
    migration = importlib.import_module("thuvien.network.migrations.0004_visibility")
    migration.apply_defaults(django_apps, None)
    assert Library.objects.get(pk=world.school.pk).visibility == "own_staff"
    assert Library.objects.get(pk=world.provincial.pk).visibility == "public"


def test_library_switch_is_audited_reindexed_and_told_to_harvesters(world):
    rec = make_record(world.hung_yen, "Lịch sử quân sự địa phương")
    make_item(rec, world.school)
    outbox_drain()
    assert _found("quan su dia phuong") == 1
    admin = world.users["hy_admin"]
    OutboxEntry.objects.all().delete()
    library_visibility_set(library=world.school, visibility="own_staff", actor=admin)
    entry = AuditEntry.objects.filter(action="network.library.visibility_changed").get()
    assert entry.changes["visibility"] == ["public", "own_staff"]
    assert list(OutboxEntry.objects.values_list("object_id", flat=True)) == [rec.pk]
    tomb = RecordTombstone.objects.get(record_id=rec.pk)
    assert tomb.reason == "hidden"
    outbox_drain()
    assert _found("quan su dia phuong") == 0
    staff = viewer_for(world.users["thpt_cataloguer"])
    assert _found("quan su dia phuong", staff) == 1
    # back to public: findable again, no longer deleted for harvesters, dated anew
    before = type(rec).objects.get(pk=rec.pk).updated_at
    library_visibility_set(library=world.school, visibility="public", actor=admin)
    outbox_drain()
    assert _found("quan su dia phuong") == 1
    assert not RecordTombstone.objects.filter(record_id=rec.pk).exists()
    assert type(rec).objects.get(pk=rec.pk).updated_at > before
    # the same value again changes nothing and writes nothing
    count = AuditEntry.objects.count()
    library_visibility_set(library=world.school, visibility="public", actor=admin)
    assert AuditEntry.objects.count() == count


def test_bad_values_are_refused_and_nothing_is_written(world):
    with pytest.raises(HoldingsError) as exc:
        library_visibility_set(library=world.school, visibility="secret", actor=None)
    assert exc.value.code == "holdings.bad_visibility"
    loc = Location.objects.get(library=world.school)
    with pytest.raises(HoldingsError):
        location_visibility_set(location=loc, visibility="", actor=None)
    assert Library.objects.get(pk=world.school.pk).visibility == "public"
    assert not AuditEntry.objects.filter(action__endswith="visibility_changed").exists()


def test_item_and_location_flags(world):
    rec = make_record(world.hung_yen, "Bản đồ phòng thủ")
    item = make_item(rec, world.provincial)
    outbox_drain()
    item_visibility_set(item=item, visibility="restricted", actor=world.users["tinh_cataloguer"])
    outbox_drain()
    assert _found("ban do phong thu") == 1  # restricted reading is shown
    item_visibility_set(item=item, visibility="hidden", actor=world.users["tinh_cataloguer"])
    outbox_drain()
    assert _found("ban do phong thu") == 0
    assert _found("ban do phong thu", viewer_for(world.users["tinh_cataloguer"])) == 1
    assert AuditEntry.objects.filter(action="holdings.item.visibility_changed").count() == 2
    item_visibility_set(item=item, visibility="normal", actor=None)
    loc = Location.objects.get(library=world.provincial)
    with scopes_disabled():
        type(item).objects.filter(pk=item.pk).update(location=loc)
    location_visibility_set(location=loc, visibility="hidden", actor=None)
    outbox_drain()
    assert _found("ban do phong thu") == 0
    assert AuditEntry.objects.filter(action="network.location.visibility_changed").exists()


def test_copy_cataloguing_sees_a_hidden_record_only_when_the_library_allows(world):
    rec = make_record(world.hung_yen, "Điều lệnh")
    make_item(rec, world.school)
    library_visibility_set(library=world.school, visibility="own_staff", actor=None)
    cataloguer = viewer_for(world.users["tinh_cataloguer"])
    assert not record_visible(cataloguer, rec)
    assert record_visible(cataloguer.for_copy_cataloguing(), rec)
    qs = type(rec).objects.filter(pk=rec.pk)
    assert qs.filter(record_visibility_q(cataloguer.for_copy_cataloguing())).exists()
    library_visibility_set(
        library=world.school,
        visibility="own_staff",
        share_for_copy_cataloguing=False,
        actor=None,
    )
    assert not record_visible(cataloguer.for_copy_cataloguing(), rec)
    assert not qs.filter(record_visibility_q(cataloguer.for_copy_cataloguing())).exists()
    # a reader of another network, or a circulation librarian, never does
    assert not record_visible(viewer_for(world.users["bn_cataloguer"]).for_copy_cataloguing(), rec)
    assert record_visible(EVERYONE, rec) and not record_visible(Viewer(), rec)


def test_network_admin_sets_visibility_on_the_staff_page(world, staff_client):
    client = staff_client(world.users["hy_admin"], world.provincial)
    url = f"/staff/network/libraries/{world.school.code}/visibility/"
    page = client.get(url)
    assert page.status_code == 200 and "Chỉ cán bộ của thư viện" in page.content.decode()
    assert client.post(url, {"visibility": "network_staff"}).status_code == 302
    library = Library.objects.get(pk=world.school.pk)
    assert library.visibility == "network_staff" and not library.share_for_copy_cataloguing
    assert AuditEntry.objects.filter(action="network.library.visibility_changed").exists()
    assert client.post(url, {"visibility": "bogus"}).status_code == 400
    # a library's own administrator does not choose it
    other = staff_client(world.users["thpt_library_admin"], world.school)
    assert other.get(url).status_code in (403, 404)


def test_location_and_item_forms_carry_the_flags(world, staff_client):
    client = staff_client(world.users["tinh_library_admin"], world.provincial)
    loc = Location.objects.get(library=world.provincial)
    response = client.post(
        f"/staff/network/libraries/{world.provincial.code}/locations/{loc.pk}/",
        {"name_vi": loc.name_vi, "kind": loc.kind, "is_public": "on", "visibility": "restricted"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Location.objects.get(pk=loc.pk).visibility == "restricted"
    rec = make_record(world.hung_yen, "Hồ sơ")
    item = make_item(rec, world.provincial)
    cat = staff_client(world.users["tinh_cataloguer"], world.provincial)
    response = cat.post(
        f"/staff/catalog/items/{item.pk}/",
        {
            "action": "edit",
            "barcode": item.barcode,
            "item_type": "book",
            "visibility": "hidden",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    with scopes_disabled():
        assert type(item).objects.get(pk=item.pk).visibility == "hidden"


def test_restricted_reading_request_and_decision(world, staff_client):
    from thuvien.circulation.models import ReadingPermission
    from thuvien.circulation.tests.factories import make_patron

    rec = make_record(world.hung_yen, "Tư liệu mật")
    item = make_item(rec, world.provincial)
    plain = make_item(rec, world.provincial)
    item_visibility_set(item=item, visibility="restricted", actor=None)
    patron = make_patron(world.provincial)
    client = staff_client(world.users["tinh_circulation"], world.provincial)
    url = "/staff/circulation/reading/"
    assert client.get(url).status_code == 200
    # not a restricted copy: refused, nothing written
    bad = client.post(
        url,
        {"barcode": plain.barcode, "card_number": patron.card_number, "purpose": "Nghiên cứu"},
    )
    assert bad.status_code == 400 and not ReadingPermission.all_objects.exists()
    ok = client.post(
        url,
        {"barcode": item.barcode, "card_number": patron.card_number, "purpose": "Nghiên cứu"},
    )
    assert ok.status_code == 302
    permission = ReadingPermission.all_objects.get()
    # a decision needs its reason
    client.post(url, {"action": "decide", "pk": permission.pk, "granted": "1", "reason": " "})
    assert ReadingPermission.all_objects.get().status == "requested"
    client.post(
        url, {"action": "decide", "pk": permission.pk, "granted": "1", "reason": "Đề tài cấp tỉnh"}
    )
    permission = ReadingPermission.all_objects.get()
    assert permission.status == "granted" and permission.reason == "Đề tài cấp tỉnh"
    assert AuditEntry.objects.filter(action="circulation.reading_permission.granted").exists()
    assert "Đề tài cấp tỉnh" in client.get(url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_switching_to_public_is_findable_through_the_real_worker(tmp_path, settings):
    """The outbox row of the switch reaches a real Huey consumer, which writes the index."""
    import signal
    import uuid

    from huey.contrib.djhuey import HUEY
    from huey.storage import SqliteStorage

    from thuvien.accounts.services import builtin_roles_ensure
    from thuvien.conftest import build_world

    builtin_roles_ensure()
    world = build_world()
    rec = make_record(world.hung_yen, "Truyền thống vũ trang")
    make_item(rec, world.school)
    library_visibility_set(library=world.school, visibility="own_staff", actor=None)
    outbox_drain()
    assert _found("truyen thong vu trang") == 0
    saved = (HUEY.storage, HUEY._immediate)
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    HUEY._immediate = False
    HUEY.storage = SqliteStorage(
        name=f"vis-{uuid.uuid4().hex[:8]}", filename=str(tmp_path / "q.sqlite3")
    )
    worker = HUEY.create_consumer(
        workers=1,
        worker_type="thread",
        periodic=False,
        initial_delay=0.05,
        max_delay=0.2,
        check_worker_health=False,
    )
    worker.start()
    try:
        library_visibility_set(library=world.school, visibility="public", actor=None)
        deadline = time.monotonic() + 60  # a bound for a busy machine, not an expectation
        while _found("truyen thong vu trang") == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _found("truyen thong vu trang") == 1
        while OutboxEntry.objects.exists() and time.monotonic() < deadline:
            time.sleep(0.1)  # the rows go once the handler has returned
        assert not OutboxEntry.objects.exists()
    finally:
        worker.stop(graceful=True)
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        HUEY.storage, HUEY._immediate = saved


def test_staff_catalogue_shows_hidden_records_for_copy_cataloguing_only_if_shared(
    world, staff_client
):
    rec = make_record(world.hung_yen, "Điều lệnh quản lý bộ đội")
    make_item(rec, world.school)
    outbox_drain()
    library_visibility_set(library=world.school, visibility="own_staff", actor=None)
    outbox_drain()
    client = staff_client(world.users["tinh_cataloguer"], world.provincial)
    assert client.get(f"/staff/catalog/records/{rec.pk}/").status_code == 200
    assert f"/staff/catalog/records/{rec.pk}/" in client.get(
        "/staff/catalog/", {"q": "dieu lenh quan ly"}
    ).content.decode()
    library_visibility_set(
        library=world.school, visibility="own_staff", share_for_copy_cataloguing=False, actor=None
    )
    outbox_drain()
    assert client.get(f"/staff/catalog/records/{rec.pk}/").status_code == 404
    assert f"/staff/catalog/records/{rec.pk}/" not in client.get(
        "/staff/catalog/", {"q": "dieu lenh quan ly"}
    ).content.decode()
    own = staff_client(world.users["thpt_cataloguer"], world.school)
    assert own.get(f"/staff/catalog/records/{rec.pk}/").status_code == 200
