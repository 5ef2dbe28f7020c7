"""The settings pages as an administrator uses them: the form shows each current value in the
syntax it asks for (a list as ``3, 7``, JSON as JSON), refuses a broken value on its own field
in Vietnamese, stores nothing then, and saving the form unchanged changes nothing."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from thuvien.network.models import SettingValue
from thuvien.network.services import setting_set

pytestmark = pytest.mark.django_db

URL = "/staff/network/settings/"


@pytest.fixture
def admin(world, staff_client):
    return staff_client(world.users["hy_admin"], world.provincial)


def _form_values(html: str) -> dict[str, str]:
    values = {}
    for m in re.finditer(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html):
        values[m.group(1)] = unescape(m.group(2))
    for m in re.finditer(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        values[m.group(1)] = unescape(m.group(2)).strip()
    for m in re.finditer(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', m.group(2))
        values[m.group(1)] = chosen.group(1) if chosen else ""
    return values


def test_current_values_are_shown_in_the_syntax_asked_for(world, admin):
    setting_set(key="circulation.overdue_notice_days", value="3,7", network=world.hung_yen,
                actor=None)
    setting_set(key="catalog.copycat_targets",
                value='[{"code": "loc", "protocol": "z3950", "host": "lx2.loc.gov"}]',
                network=world.hung_yen, actor=None)
    values = _form_values(admin.get(URL).content.decode())
    assert values["circulation.overdue_notice_days"] == "3, 7"
    assert json.loads(values["catalog.copycat_targets"])[0]["code"] == "loc"
    # Saving the page as shown keeps every value as it was.
    before = dict(SettingValue.objects.values_list("key", "value"))
    response = admin.post(URL, values)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert dict(SettingValue.objects.values_list("key", "value")) == before


@pytest.mark.parametrize(
    ("key", "typed", "message"),
    [
        ("catalog.copycat_targets", "[{'code': 'loc'}]", "JSON"),
        ("circulation.copy_fee_per_page", "-500", "từ 0 đến"),
        ("circulation.fines_block_limit", "1" * 40, "từ 0 đến"),
        ("circulation.overdue_notice_days", "-3,0,abc", "không phải là số nguyên"),
    ],
)
def test_a_broken_value_is_refused_on_its_field(world, admin, key, typed, message):
    before = list(SettingValue.objects.values())
    response = admin.post(URL, {key: typed, "portal.closed_days_shown": "4"})
    assert response.status_code == 200
    html = response.content.decode()
    field_id = "id_" + key
    errors = re.search(rf'id="{re.escape(field_id)}_errors"[^>]*>(.*?)</ul>', html, re.S)
    assert errors and message in unescape(errors.group(1)), html[:3000]
    assert _form_values(html)[key] == typed  # what was typed is kept for correcting
    assert list(SettingValue.objects.values()) == before  # nothing stored, not even the good one
