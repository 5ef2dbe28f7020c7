"""Every setting is checked against its declaration (type, range, list items, JSON shape) in
the service that stores it, whoever calls it; a broken value is refused with a Vietnamese
message on its field and nothing is stored. The values are the ones a person really typed."""

from __future__ import annotations

import pytest

from thuvien.network.errors import NetworkError
from thuvien.network.models import SettingValue
from thuvien.network.services import setting_set
from thuvien.network.settings_registry import setting_definition, setting_get

pytestmark = pytest.mark.django_db

REFUSED = [
    ("circulation.copy_fee_per_page", "-500", "từ 0 đến"),
    ("circulation.copy_fee_per_page", -500, "từ 0 đến"),
    ("circulation.fines_block_limit", "9" * 40, "từ 0 đến"),
    ("circulation.fines_block_limit", "50 nghìn", "số nguyên"),
    ("circulation.postal_fee", "1e9", "số nguyên"),
    ("circulation.overdue_notice_days", "-3,0,abc", "“abc” không phải là số nguyên"),
    ("circulation.overdue_notice_days", "-3, 7", "từ 1 đến"),
    ("circulation.overdue_notice_days", "1, 2, 3, 4, 5", "nhiều nhất 3"),
    ("circulation.overdue_notice_days", "7, 7", "hai lần"),
    ("catalog.copycat_targets", "[{'code': 'loc'}]", "JSON"),
    ("catalog.copycat_targets", '[{"code": "loc"}]', "host"),
    ("catalog.copycat_targets", '{"code": "loc"}', "danh sách"),
    (
        "catalog.copycat_targets",
        '[{"code": "x", "host": "h", "protocol": "gopher"}]',
        "sru hoặc z3950",
    ),
    (
        "catalog.copycat_targets",
        '[{"code": "x", "host": "h", "protocol": "sru", "port": 99999}]',
        "cổng",
    ),
    ("portal.home_library_count", "100000", "từ 0 đến"),
    ("patrons.card_prefix", "X" * 300, "ký tự"),
    ("sip2.encoding", "ebcdic", "một trong"),
]


@pytest.mark.parametrize(("key", "value", "message"), REFUSED)
def test_broken_values_are_refused_by_the_service(world, key, value, message):
    with pytest.raises(NetworkError) as caught:
        setting_set(key=key, value=value, network=world.hung_yen, actor=None)
    assert caught.value.field == key
    assert message in caught.value.message, caught.value.message
    assert not SettingValue.objects.filter(key=key).exists()


ACCEPTED = [
    ("circulation.copy_fee_per_page", " 700 ", 700),
    ("circulation.fines_block_limit", "50.000", 50000),
    ("circulation.overdue_notice_days", "3, 7", [3, 7]),
    ("circulation.overdue_notice_days", "21,1 ,7", [1, 7, 21]),
    ("circulation.overdue_notice_days", [2, 9], [2, 9]),
    (
        "catalog.copycat_targets",
        '[{"code": "nlv", "name": "Thư viện Quốc gia", "protocol": "sru", "host": "nlv.example",'
        ' "port": 80, "database": "opac"}]',
        [{"code": "nlv", "name": "Thư viện Quốc gia", "protocol": "sru", "host": "nlv.example",
          "port": 80, "database": "opac"}],
    ),
]


@pytest.mark.parametrize(("key", "value", "stored"), ACCEPTED)
def test_good_values_are_stored_in_their_type(world, key, value, stored):
    setting_set(key=key, value=value, library=world.commune_a, actor=None)
    assert SettingValue.objects.get(key=key).value == stored
    assert setting_get(key, library=world.commune_a) == stored


def test_the_form_syntax_round_trips():
    days = setting_definition("circulation.overdue_notice_days")
    assert days.format([3, 7]) == "3, 7"
    assert days.parse(days.format([3, 7])) == [3, 7]
    targets = setting_definition("catalog.copycat_targets")
    text = targets.format(targets.default)
    assert text.lstrip().startswith("[") and '"code": "loc"' in text
    assert targets.parse(text) == targets.default


def test_a_broken_stored_value_is_not_applied(world):
    """A value stored before the checks existed (a negative fee) falls back to the level above."""
    SettingValue.objects.create(
        network=world.hung_yen, key="circulation.copy_fee_per_page", value=-500
    )
    assert setting_get("circulation.copy_fee_per_page", library=world.provincial) == 500
    SettingValue.objects.create(
        network=world.hung_yen, key="catalog.copycat_targets", value=list("[{'code': 'loc'}]")
    )
    assert setting_get("catalog.copycat_targets", network=world.hung_yen)[0]["code"] == "loc"
