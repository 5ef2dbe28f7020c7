"""Services of the network: tree moves with history, merges, groups, calendars, settings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from thuvien.accounts.models import Membership
from thuvien.catalog.models import Record
from thuvien.core.models import AuditEntry, OutboxEntry
from thuvien.network import selectors, services
from thuvien.network.errors import NetworkError, NetworkErrorCode
from thuvien.network.models import (
    ClosedDay,
    Library,
    LibraryGroup,
    LibraryPlacement,
    LibraryType,
    Network,
    NetworkMerge,
    OpeningHours,
    SettingValue,
)
from thuvien.network.settings_registry import register_setting, setting_get

pytestmark = pytest.mark.django_db

register_setting("test.network.days", type=int, default=14, label="Số ngày")
register_setting("test.network.flag", type=bool, default=False, label="Bật")


def _code(exc: pytest.ExceptionInfo) -> str:
    return exc.value.code


def test_library_create_records_a_placement_and_audit(world):
    admin = world.users["hy_admin"]
    lib = services.library_create(
        network=world.hung_yen,
        code="HY-ANTHI",
        name_vi="  Thư viện xã Ân Thi ",
        library_type=LibraryType.COMMUNE,
        parent=world.provincial,
        commune="Ân Thi",
        actor=admin,
    )
    assert lib.name_vi == "Thư viện xã Ân Thi"
    assert lib.province == "Hưng Yên"  # taken from the network
    placement = LibraryPlacement.objects.get(library=lib)
    assert placement.valid_to is None and placement.parent == world.provincial
    assert AuditEntry.objects.filter(action="network.library.created", object_id=str(lib.pk))


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        ({"code": "HY-TINH"}, NetworkErrorCode.DUPLICATE_CODE, "code"),
        ({"code": "hy-tinh"}, NetworkErrorCode.DUPLICATE_CODE, "code"),
        ({"code": "có dấu"}, NetworkErrorCode.INVALID_CODE, "code"),
        ({"code": ""}, NetworkErrorCode.REQUIRED, "code"),
        ({"name_vi": "   "}, NetworkErrorCode.REQUIRED, "name_vi"),
        ({"library_type": "castle"}, NetworkErrorCode.INVALID_TYPE, "library_type"),
        ({"email": "not-an-email"}, NetworkErrorCode.REQUIRED, "email"),
        ({"website": "ftp://x"}, NetworkErrorCode.REQUIRED, "website"),
        ({"latitude": "95"}, NetworkErrorCode.REQUIRED, "latitude"),
        ({"longitude": "abc"}, NetworkErrorCode.REQUIRED, "longitude"),
    ],
)
def test_library_create_refuses_bad_input_and_writes_nothing(world, kwargs, code, field):
    before = Library.objects.count()
    args = {
        "network": world.hung_yen,
        "code": "HY-NEW",
        "name_vi": "Thư viện mới",
        "library_type": LibraryType.COMMUNE,
        "actor": None,
        **kwargs,
    }
    with pytest.raises(NetworkError) as exc:
        services.library_create(**args)
    assert (exc.value.code, exc.value.field) == (code, field)
    assert Library.objects.count() == before
    assert not LibraryPlacement.objects.filter(library__code="HY-NEW").exists()


def test_parent_must_be_in_the_same_network(world):
    with pytest.raises(NetworkError) as exc:
        services.library_create(
            network=world.hung_yen,
            code="HY-X",
            name_vi="X",
            library_type=LibraryType.COMMUNE,
            parent=world.bn_provincial,
            actor=None,
        )
    assert _code(exc) == NetworkErrorCode.PARENT_OTHER_NETWORK


def test_library_update_changes_only_given_fields(world):
    lib = services.library_update(
        library=world.commune_a, phone=" 0221 123 ", latitude="20.5", actor=None
    )
    lib.refresh_from_db()
    assert lib.phone == "0221 123" and str(lib.latitude) == "20.500000"
    assert lib.name_vi == "Thư viện xã Tiên Lữ"
    entry = AuditEntry.objects.get(action="network.library.updated")
    assert set(entry.changes) == {"phone", "latitude"}


def test_move_keeps_history_and_refuses_cycles(world):
    hy = world.hung_yen
    services.library_move(library=world.commune_a, new_parent=world.school, actor=None)
    world.commune_a.refresh_from_db()
    assert world.commune_a.parent == world.school
    rows = list(LibraryPlacement.objects.filter(library=world.commune_a).order_by("valid_from"))
    assert rows[-1].parent == world.school and rows[-1].valid_to is None
    # Fixture libraries had no history: the move starts it with the new placement only.
    assert rows[-1].network == hy
    with pytest.raises(NetworkError) as exc:
        services.library_move(library=world.school, new_parent=world.commune_a, actor=None)
    assert _code(exc) == NetworkErrorCode.CYCLE
    with pytest.raises(NetworkError) as exc:
        services.library_move(library=world.school, new_parent=world.school, actor=None)
    assert _code(exc) == NetworkErrorCode.CYCLE
    with pytest.raises(NetworkError) as exc:
        services.library_move(
            library=world.school, new_parent=world.bn_provincial, new_network=hy, actor=None
        )
    assert _code(exc) == NetworkErrorCode.PARENT_OTHER_NETWORK


def test_move_to_another_network_takes_the_subtree(world):
    membership = Membership.objects.get(user=world.users["tienlu_circulation"])
    services.closed_day_add(library=world.commune_a, date=dt.date(2027, 3, 8), actor=None)
    services.library_move(library=world.provincial, new_parent=world.bn_provincial, actor=None)
    for lib in (world.provincial, world.commune_a, world.commune_b):
        lib.refresh_from_db()
        assert lib.network == world.bac_ninh
    assert world.provincial.parent == world.bn_provincial
    assert world.commune_a.parent == world.provincial
    membership.refresh_from_db()
    assert membership.network == world.bac_ninh
    assert ClosedDay.objects.get(library=world.commune_a).network == world.bac_ninh
    assert world.school.network == world.hung_yen


def test_effective_date_before_the_last_change_is_refused(world):
    services.library_move(
        library=world.commune_a,
        new_parent=world.school,
        effective_at=timezone.now(),
        actor=None,
    )
    with pytest.raises(NetworkError) as exc:
        services.library_move(
            library=world.commune_a,
            new_parent=world.provincial,
            effective_at=timezone.now() - dt.timedelta(days=400),
            actor=None,
        )
    assert _code(exc) == NetworkErrorCode.INVALID_DATE
    world.commune_a.refresh_from_db()
    assert world.commune_a.parent == world.school


def test_deactivate_refuses_a_library_with_active_branches(world):
    with pytest.raises(NetworkError) as exc:
        services.library_deactivate(library=world.provincial, actor=None)
    assert _code(exc) == NetworkErrorCode.HAS_ACTIVE_CHILDREN
    services.library_deactivate(library=world.commune_a, actor=None)
    world.commune_a.refresh_from_db()
    assert not world.commune_a.is_active
    with pytest.raises(NetworkError):
        services.library_deactivate(library=world.commune_a, actor=None)
    services.library_reactivate(library=world.commune_a, actor=None)
    world.commune_a.refresh_from_db()
    assert world.commune_a.is_active


def _thai_binh():
    tb = services.network_create(
        code="thai-binh",
        name_vi="Mạng lưới thư viện tỉnh Thái Bình",
        province="Thái Bình",
        actor=None,
    )
    then = timezone.make_aware(dt.datetime(2015, 1, 1))
    tinh = services.library_create(
        network=tb,
        code="TB-TINH",
        name_vi="Thư viện tỉnh Thái Bình",
        library_type=LibraryType.PROVINCIAL,
        effective_at=then,
        actor=None,
    )
    xa = services.library_create(
        network=tb,
        code="TB-KIENXUONG",
        name_vi="Thư viện xã Kiến Xương",
        library_type=LibraryType.COMMUNE,
        parent=tinh,
        effective_at=then,
        actor=None,
    )
    return tb, tinh, xa


def test_network_merge_moves_libraries_records_and_keeps_history(world):
    tb, tinh, xa = _thai_binh()
    record = Record.objects.create(network=tb, marc={}, title="Địa chí Thái Bình")
    other = Record.objects.create(network=world.bac_ninh, marc={}, title="Bắc Ninh")
    merged_at = timezone.make_aware(dt.datetime(2025, 7, 1))
    merge = services.network_merge(
        source=tb, target=world.hung_yen, effective_at=merged_at, actor=world.users["hy_admin"]
    )
    assert isinstance(merge, NetworkMerge) and merge.libraries_moved == 2
    tb.refresh_from_db()
    assert tb.merged_into == world.hung_yen and not tb.is_active and tb.merged_at == merged_at
    tinh.refresh_from_db()
    xa.refresh_from_db()
    assert tinh.network == world.hung_yen and xa.parent == tinh
    group = LibraryGroup.objects.get(network=world.hung_yen, code="former-thai-binh")
    assert set(group.libraries.all()) == {tinh, xa}
    assert "Thái Bình" in group.name_vi
    record.refresh_from_db()
    other.refresh_from_db()
    assert record.network == world.hung_yen and other.network == world.bac_ninh
    # Past years' statistics still see the old network.
    assert set(selectors.libraries_at(network=tb, date=dt.date(2024, 12, 31))) == {tinh, xa}
    assert tinh not in selectors.libraries_at(network=world.hung_yen, date=dt.date(2024, 12, 31))
    now_hy = set(selectors.libraries_at(network=world.hung_yen, date=timezone.localdate()))
    assert {tinh, xa, world.provincial, world.school} <= now_hy
    assert world.bn_provincial not in now_hy
    assert AuditEntry.objects.filter(action="network.network.merged").count() == 1
    # The moved records are queued for the search index in the same transaction.
    assert OutboxEntry.objects.filter(topic="catalog.record", object_id=record.pk).exists()
    assert not OutboxEntry.objects.filter(topic="catalog.record", object_id=other.pk).exists()


def test_merge_refusals(world):
    tb, _tinh, _xa = _thai_binh()
    with pytest.raises(NetworkError) as exc:
        services.network_merge(source=tb, target=tb, actor=None)
    assert _code(exc) == NetworkErrorCode.MERGE_SELF
    services.network_merge(source=tb, target=world.hung_yen, actor=None)
    with pytest.raises(NetworkError) as exc:
        services.network_merge(source=world.bac_ninh, target=tb, actor=None)
    assert _code(exc) == NetworkErrorCode.MERGE_INTO_MERGED
    with pytest.raises(NetworkError) as exc:
        services.network_merge(source=tb, target=world.bac_ninh, actor=None)
    assert _code(exc) == NetworkErrorCode.ALREADY_MERGED
    assert NetworkMerge.objects.count() == 1
    with pytest.raises(NetworkError) as exc:
        services.library_create(
            network=tb, code="TB-NEW", name_vi="X", library_type="commune", actor=None
        )
    assert _code(exc) == NetworkErrorCode.NETWORK_INACTIVE


def test_network_create_duplicate_code(world):
    with pytest.raises(NetworkError) as exc:
        services.network_create(code="HUNG-YEN", name_vi="X", actor=None)
    assert _code(exc) == NetworkErrorCode.DUPLICATE_CODE
    assert Network.objects.count() == 2


def test_locations_and_groups(world):
    loc = services.location_create(
        library=world.commune_a, code="doc", name_vi="Phòng đọc", kind="reading_room", actor=None
    )
    with pytest.raises(NetworkError) as exc:
        services.location_create(library=world.commune_a, code="DOC", name_vi="Y", actor=None)
    assert _code(exc) == NetworkErrorCode.DUPLICATE_CODE
    with pytest.raises(NetworkError):
        services.location_update(location=loc, kind="attic", actor=None)
    services.location_update(location=loc, is_public=False, actor=None)
    loc.refresh_from_db()
    assert not loc.is_public and loc.kind == "reading_room"

    group = services.group_create(
        network=world.hung_yen, code="xa", name_vi="Thư viện xã", actor=None
    )
    services.group_set_libraries(
        group=group, libraries=[world.commune_a, world.commune_b], actor=None
    )
    with pytest.raises(NetworkError) as exc:
        services.group_set_libraries(
            group=group, libraries=[world.commune_a, world.bn_provincial], actor=None
        )
    assert _code(exc) == NetworkErrorCode.LIBRARY_OTHER_NETWORK
    assert set(group.libraries.all()) == {world.commune_a, world.commune_b}
    assert list(selectors.library_list(network=world.hung_yen, group=group).order_by("code")) == [
        world.commune_b,
        world.commune_a,
    ]


def test_opening_hours_set_validates_the_whole_week(world):
    t = dt.time
    services.opening_hours_set(
        library=world.commune_a,
        week={0: [(t(13, 30), t(17)), (t(7, 30), t(11, 30))], 5: [(t(8), t(11))]},
        actor=None,
    )
    assert OpeningHours.objects.filter(library=world.commune_a).count() == 3
    for week, code in [
        ({1: [(t(11), t(8))]}, NetworkErrorCode.INVALID_HOURS),
        ({1: [(t(8), t(11)), (t(10), t(12))]}, NetworkErrorCode.OVERLAPPING_HOURS),
        ({7: [(t(8), t(11))]}, NetworkErrorCode.INVALID_HOURS),
    ]:
        with pytest.raises(NetworkError) as exc:
            services.opening_hours_set(library=world.commune_a, week=week, actor=None)
        assert _code(exc) == code
    assert OpeningHours.objects.filter(library=world.commune_a).count() == 3
    days = selectors.opening_hours_week(library=world.commune_a)
    assert days[0].shifts == [(t(7, 30), t(11, 30)), (t(13, 30), t(17))]
    assert days[6].shifts == []


def test_closed_days(world):
    day = dt.date(2027, 2, 6)
    services.closed_day_add(network=world.hung_yen, date=day, reason="Tết", actor=None)
    with pytest.raises(NetworkError) as exc:
        services.closed_day_add(network=world.hung_yen, date=day, actor=None)
    assert _code(exc) == NetworkErrorCode.DUPLICATE_CLOSED_DAY
    own = services.closed_day_add(library=world.commune_a, date=day, actor=None)
    ahead = selectors.closed_day_list(
        network=world.hung_yen, library=world.commune_a, start=dt.date(2027, 1, 1)
    )
    assert ahead.count() == 2
    services.closed_day_remove(closed_day=own, actor=None)
    assert ClosedDay.objects.count() == 1


def test_setting_set_checks_the_registry(world):
    services.setting_set(key="test.network.days", value="21", network=world.hung_yen, actor=None)
    assert setting_get("test.network.days", library=world.commune_a) == 21
    services.setting_set(key="test.network.days", value=7, library=world.commune_a, actor=None)
    assert setting_get("test.network.days", library=world.commune_a) == 7
    with pytest.raises(NetworkError) as exc:
        services.setting_set(
            key="test.network.days", value="mười", library=world.commune_a, actor=None
        )
    assert _code(exc) == NetworkErrorCode.INVALID_SETTING_VALUE
    assert "số nguyên" in exc.value.message
    with pytest.raises(NetworkError) as exc:
        services.setting_set(key="test.network.days", value=1.5, network=world.hung_yen, actor=None)
    assert _code(exc) == NetworkErrorCode.INVALID_SETTING_VALUE
    with pytest.raises(NetworkError) as exc:
        services.setting_set(
            key="test.network.flag", value="maybe", network=world.hung_yen, actor=None
        )
    assert _code(exc) == NetworkErrorCode.INVALID_SETTING_VALUE
    with pytest.raises(NetworkError) as exc:
        services.setting_set(key="no.such", value=1, network=world.hung_yen, actor=None)
    assert _code(exc) == NetworkErrorCode.UNKNOWN_SETTING
    with pytest.raises(NetworkError) as exc:
        services.setting_set(
            key="test.network.days",
            value=1,
            network=world.hung_yen,
            library=world.commune_a,
            actor=None,
        )
    assert _code(exc) == NetworkErrorCode.SETTING_TARGET
    assert SettingValue.objects.get(library=world.commune_a).value == 7
    services.setting_clear(key="test.network.days", library=world.commune_a, actor=None)
    assert setting_get("test.network.days", library=world.commune_a) == 21


def test_library_list_filters_and_folded_search(world):
    hy = world.hung_yen
    assert set(selectors.library_list(network=hy, q="tien lu")) == {world.commune_a}
    assert set(selectors.library_list(network=hy, q="Tiên Lữ")) == {world.commune_a}
    assert set(selectors.library_list(network=hy, q="PHUONG PHO HIEN")) == {world.commune_b}
    assert set(selectors.library_list(q="tinh")) >= {world.provincial, world.bn_provincial}
    assert set(selectors.library_list(network=hy, library_type="school")) == {world.school}
    assert set(selectors.library_list(commune="pho hien")) == {world.commune_b, world.school}
    assert set(selectors.library_list(province="bac ninh")) == {world.bn_provincial}
    services.library_deactivate(library=world.commune_a, actor=None)
    assert not selectors.library_list(network=hy, q="tien lu").exists()
    assert selectors.library_list(network=hy, q="tien lu", active_only=False).exists()


def test_library_tree(world):
    rows = selectors.library_tree_rows(network=world.hung_yen)
    names = [(r.library.code, r.depth) for r in rows]
    assert ("HY-TINH", 0) in names and ("HY-TIENLU", 1) in names and ("HY-THPT", 0) in names
    tinh = names.index(("HY-TINH", 0))
    assert names[tinh + 1][1] == 1  # its branches follow it


def test_merge_moves_rows_that_carry_a_librarys_network(world):
    """Readers, loan rules and memberships of a moved library follow it to the new network;
    readers take the new network's category of the same code; history rows do not change."""
    from django_scopes import scopes_disabled

    from thuvien.circulation.models import LoanRule
    from thuvien.patrons.models import Patron, PatronCategory

    tb, tinh, _xa = _thai_binh()
    services.library_update(library=tinh, phone="0227", actor=None)  # an audit row in tb
    old_cat = PatronCategory.objects.create(network=tb, code="adult", name_vi="Người lớn")
    new_cat = PatronCategory.objects.create(
        network=world.hung_yen, code="adult", name_vi="Người lớn"
    )
    with scopes_disabled():
        patron = Patron.objects.create(
            library=tinh,
            network=tb,
            card_number="TB000001",
            full_name="Nguyễn Văn A",
            category=old_cat,
            registered_on=dt.date(2024, 1, 1),
            expires_on=dt.date(2027, 1, 1),
        )
    rule = LoanRule.objects.create(network=tb, library=tinh, loan_days=21)
    network_rule = LoanRule.objects.create(network=tb, library=None, loan_days=10)
    services.network_merge(source=tb, target=world.hung_yen, actor=None)
    with scopes_disabled():
        patron = Patron.all_objects.get(pk=patron.pk)
    assert patron.network == world.hung_yen and patron.category == new_cat
    rule.refresh_from_db()
    network_rule.refresh_from_db()
    assert rule.network == world.hung_yen and network_rule.network == tb
    assert AuditEntry.objects.get(action="network.library.updated").network == tb
    first = LibraryPlacement.objects.filter(library=tinh).order_by("valid_from").first()
    assert first.network == tb


@pytest.mark.django_db
def test_group_with_a_library_of_another_network_leaves_no_group(world):
    from thuvien.network.errors import NetworkError
    from thuvien.network.models import LibraryGroup

    with pytest.raises(NetworkError):
        services.group_create(
            network=world.hung_yen,
            code="lan-ranh",
            name_vi="Nhóm lẫn mạng lưới",
            libraries=[world.provincial, world.bn_provincial],
            actor=None,
        )
    assert not LibraryGroup.objects.filter(code="lan-ranh").exists()

    group = services.group_create(
        network=world.hung_yen, code="nhom", name_vi="Nhóm", libraries=[world.school], actor=None
    )
    with pytest.raises(NetworkError):
        services.group_update(
            group=group, name_vi="Tên mới", libraries=[world.bn_provincial], actor=None
        )
    group.refresh_from_db()
    assert group.name_vi == "Nhóm" and list(group.libraries.all()) == [world.school]
