"""Who may see what (issue 19) when copies are written outside the visibility services: a copy
added at a hidden location, moved between locations or records, deleted, withdrawn, or brought
in by a MARC import. Each path keeps the record's visibility right everywhere: the index (through
the outbox, drained as the worker drains it), and OAI-PMH (a record the public no longer sees
gets a deleted header; one it sees again is harvested again)."""

from __future__ import annotations

import pytest
from django.test import Client

from thuvien.catalog.models import RecordTombstone
from thuvien.core.outbox import outbox_drain
from thuvien.holdings.services import (
    item_create,
    item_delete,
    item_update,
    item_withdraw,
    location_visibility_set,
)
from thuvien.holdings.visibility import ANONYMOUS, viewer_for
from thuvien.network.models import LibraryType, Location
from thuvien.network.services import library_create
from thuvien.search.selectors import search_catalogue
from thuvien.search.tests.factories import make_item, make_record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def index_dir(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"


@pytest.fixture
def places(world):
    admin = world.users["hy_admin"]
    open_stacks = Location.objects.get(library=world.provincial, code="kho")
    secret = Location.objects.create(library=world.provincial, code="an", name_vi="Kho mật")
    location_visibility_set(location=secret, visibility="hidden", actor=admin)
    return open_stacks, secret


def _found(word, user=None):
    viewer = ANONYMOUS if user is None else viewer_for(user)
    outbox_drain()  # what the worker does after each commit
    return search_catalogue(params={"q": word}, viewer=viewer).total


def _oai(record) -> str:
    """"shown", "deleted" (a deleted header) or "unknown", as a harvester is told."""
    from thuvien.oai.views import _identifier

    got = Client().get(
        "/oai",
        {"verb": "GetRecord", "identifier": _identifier(record.pk), "metadataPrefix": "oai_dc"},
    ).content.decode()
    if 'status="deleted"' in got:
        return "deleted"
    return "unknown" if "idDoesNotExist" in got else "shown"


def test_a_copy_added_at_a_hidden_location_hides_a_union_record(world, places):
    _open, secret = places
    record = make_record(world.hung_yen, "Bản đồ phòng thủ khu vực", index=True)
    assert _found("ban do phong thu") == 1 and _oai(record) == "shown"
    item_create(
        record=record, library=world.provincial, barcode="AN0001", location=secret, actor=None
    )
    assert _found("ban do phong thu") == 0
    assert _found("ban do phong thu", world.users["tinh_cataloguer"]) == 1
    assert _oai(record) == "deleted"


def test_moving_the_only_copy_to_a_hidden_location_and_back(world, places):
    open_stacks, secret = places
    record = make_record(world.hung_yen, "Sơ đồ kho quân nhu")
    item = make_item(record, world.provincial, location=open_stacks)
    assert _found("so do kho quan nhu") == 1 and _oai(record) == "shown"
    item_update(item=item, location=secret, actor=None)
    assert _found("so do kho quan nhu") == 0 and _oai(record) == "deleted"
    item_update(item=item, location=open_stacks, actor=None)
    assert _found("so do kho quan nhu") == 1 and _oai(record) == "shown"
    assert not RecordTombstone.objects.filter(record_id=record.pk).exists()


def test_moving_a_hidden_copy_to_another_record(world, places):
    _open, secret = places
    first = make_record(world.hung_yen, "Sổ tay trinh sát")
    second = make_record(world.hung_yen, "Cẩm nang hậu cần", index=True)
    item = make_item(first, world.provincial, location=secret)
    assert _found("so tay trinh sat") == 0 and _found("cam nang hau can") == 1
    item_update(item=item, record=second, actor=None)
    # the first record has no copy left: a union-catalogue record, public; the second is now
    # held at a hidden location only
    assert _found("so tay trinh sat") == 1 and _oai(first) == "shown"
    assert _found("cam nang hau can") == 0 and _oai(second) == "deleted"


def test_deleting_the_last_hidden_copy_shows_the_record_again(world, places):
    _open, secret = places
    record = make_record(world.hung_yen, "Danh bạ đơn vị dự bị", index=True)
    assert _oai(record) == "shown"
    item = item_create(
        record=record, library=world.provincial, barcode="AN0002", location=secret, actor=None
    )
    assert _found("danh ba don vi du bi") == 0 and _oai(record) == "deleted"
    item_delete(item=item, actor=None)
    assert _found("danh ba don vi du bi") == 1 and _oai(record) == "shown"


def test_withdrawing_a_copy_keeps_what_the_record_shows(world, places):
    """A withdrawn copy stays on the record (for the statistics), so the record's visibility
    does not change; the index takes the new status."""
    open_stacks, secret = places
    record = make_record(world.hung_yen, "Lịch sử trung đoàn pháo binh")
    shown = make_item(record, world.provincial, location=open_stacks)
    make_item(record, world.provincial, location=secret)
    assert _found("trung doan phao binh") == 1
    item_withdraw(item=shown, actor=None, reason="Rách nát")
    assert _found("trung doan phao binh") == 1 and _oai(record) == "shown"


def test_importing_copies_into_a_hidden_library_hides_a_matched_union_record(world, tmp_path):
    from thuvien.catalog.marc.writer import MarcWriter
    from thuvien.catalog.services import import_run
    from thuvien.catalog.tests.factories import vi_marc

    bchqs = library_create(
        network=world.hung_yen,
        code="HY-BCHQS",
        name_vi="Thư viện Bộ Chỉ huy Quân sự tỉnh",
        library_type=LibraryType.ARMED_FORCES,
        actor=world.users["hy_admin"],
    )
    Location.objects.create(library=bchqs, code="kho", name_vi="Kho")
    staff = world.users["tinh_cataloguer"]
    from thuvien.accounts.models import Membership, Role, User

    owner = User.objects.create_user(username="bchqs_cat", password="x" * 12)
    Membership.objects.create(
        user=owner, network=world.hung_yen, library=bchqs, role=Role.objects.get(code="cataloguer")
    )

    def write(name, with_copy):
        extra = [("952", " ", " ", [("a", "HY-BCHQS"), ("c", "kho"), ("p", "QS0001")])]
        marc = vi_marc(
            title="Điều lệnh quản lý bộ đội", isbn="9786041112223", extra=extra if with_copy else []
        )
        path = tmp_path / name
        with open(path, "wb") as out:
            writer = MarcWriter(out, "iso2709")
            writer.write(marc)
            writer.close()
        return path

    import_run(paths=[write("union.mrc", False)], network=world.hung_yen)  # no copies: public
    assert _found("dieu lenh quan ly bo doi") == 1
    from thuvien.catalog.models import Record

    record = Record.objects.get(title__startswith="Điều lệnh")
    assert _oai(record) == "shown"
    report = import_run(paths=[write("bchqs.mrc", True)], network=world.hung_yen, library=bchqs)
    assert (report.matched, report.items_created) == (1, 1)
    assert _found("dieu lenh quan ly bo doi") == 0
    assert _found("dieu lenh quan ly bo doi", staff) == 0  # another library's staff
    assert _found("dieu lenh quan ly bo doi", owner) == 1
    assert _oai(record) == "deleted"


def test_a_title_a_hidden_library_catalogues_is_not_public_before_its_first_copy(world):
    """Found at the merge: a record the Military Command's cataloguer had just saved (no copy
    yet) was a union-catalogue record, public, searchable and harvested, until its copy came;
    a title alone can be sensitive. Until then it is seen as the library that catalogued it."""
    from rest_framework.test import APIClient

    from thuvien.accounts.models import Membership, Role, User
    from thuvien.api.catalog.tests.test_api import api_for
    from thuvien.catalog.marc.mij import from_pymarc
    from thuvien.catalog.models import Record
    from thuvien.holdings.services import library_visibility_set
    from thuvien.staff.catalog.tests.conftest import make_marc

    bchqs = library_create(
        network=world.hung_yen,
        code="HY-BCHQS",
        name_vi="Thư viện Bộ Chỉ huy Quân sự tỉnh",
        library_type=LibraryType.ARMED_FORCES,
        actor=world.users["hy_admin"],
    )
    owner = User.objects.create_user(username="bchqs_cat", password="x" * 12)
    Membership.objects.create(
        user=owner, network=world.hung_yen, library=bchqs, role=Role.objects.get(code="cataloguer")
    )
    marc = from_pymarc(make_marc("Phương án tác chiến phòng thủ", author="Bộ Chỉ huy"))
    created = api_for(owner, "HY-BCHQS").post("/api/v1/records/", {"marc": marc}, format="json")
    assert created.status_code == 201, created.content
    record = Record.objects.get(title__startswith="Phương án tác chiến")
    assert _found("phuong an tac chien") == 0  # anonymous portal search
    assert _found("phuong an tac chien", world.users["tinh_cataloguer"]) == 0  # another library
    assert _found("phuong an tac chien", owner) == 1  # its own staff
    assert _oai(record) == "unknown"
    assert APIClient().get(f"/api/v1/records/{record.pk}/").status_code == 404
    assert Client().get(f"/search/record/{record.pk}/").status_code == 404
    own = Client()
    own.force_login(owner)
    assert own.get(f"/search/record/{record.pk}/").status_code == 200
    # The union catalogue's staff still see it for copy cataloguing, as the library allows.
    from thuvien.holdings.visibility import record_visibility_q, visible_record_ids

    copycat = viewer_for(world.users["tinh_cataloguer"]).for_copy_cataloguing()
    assert visible_record_ids(copycat, [record.pk]) == {record.pk}
    assert Record.objects.filter(record_visibility_q(copycat), pk=record.pk).exists()
    assert not Record.objects.filter(record_visibility_q(ANONYMOUS), pk=record.pk).exists()
    # A record catalogued by a public library stays a public union record.
    marc = from_pymarc(make_marc("Lịch sử Phố Hiến xưa", author="Nguyễn Văn A"))
    api = api_for(world.users["tinh_cataloguer"], "HY-TINH")
    assert api.post("/api/v1/records/", {"marc": marc}, format="json").status_code == 201
    assert _found("lich su pho hien xua") == 1
    # The network's administrator opens the library to the public: the title is found.
    library_visibility_set(library=bchqs, visibility="public", actor=world.users["hy_admin"])
    assert _found("phuong an tac chien") == 1
    assert _oai(record) == "shown"


def test_a_title_a_hidden_library_imports_without_copies_is_not_public(world, tmp_path):
    """The MARC import for a library writes its new records in plain SQL: they remember that
    library too, so a hidden library's imported titles wait for it, not for the public."""
    from thuvien.accounts.models import Membership, Role, User
    from thuvien.catalog.marc.writer import MarcWriter
    from thuvien.catalog.models import Record
    from thuvien.catalog.services import import_run
    from thuvien.catalog.tests.factories import vi_marc

    bchqs = library_create(
        network=world.hung_yen,
        code="HY-BCHQS",
        name_vi="Thư viện Bộ Chỉ huy Quân sự tỉnh",
        library_type=LibraryType.ARMED_FORCES,
        actor=world.users["hy_admin"],
    )
    owner = User.objects.create_user(username="bchqs_cat", password="x" * 12)
    Membership.objects.create(
        user=owner, network=world.hung_yen, library=bchqs, role=Role.objects.get(code="cataloguer")
    )
    path = tmp_path / "bchqs.mrc"
    with open(path, "wb") as out:
        writer = MarcWriter(out, "iso2709")
        writer.write(vi_marc(title="Kế hoạch diễn tập khu vực phòng thủ", isbn="9786041112230"))
        writer.close()
    report = import_run(paths=[path], network=world.hung_yen, library=bchqs)
    assert report.items_created == 0
    record = Record.objects.get(title__startswith="Kế hoạch diễn tập")
    assert record.cataloguing_library_id == bchqs.pk
    assert _found("ke hoach dien tap khu vuc") == 0
    assert _found("ke hoach dien tap khu vuc", owner) == 1
    assert _oai(record) == "unknown"
