"""Targets live in one network-level setting; malformed entries are skipped."""

from __future__ import annotations

import pytest

from thuvien.catalog.copycat import CopycatError, target_get, targets_for
from thuvien.catalog.copycat.targets import DEFAULT_TARGETS, SETTING_KEY
from thuvien.network.models import SettingValue


def test_defaults_are_the_library_of_congress(world):
    codes = [t.code for t in targets_for(world.hung_yen)]
    assert codes == [t["code"] for t in DEFAULT_TARGETS]
    assert target_get(world.hung_yen, "loc").zurl == "tcp:lx2.loc.gov:210/LCDB"


def test_network_setting_replaces_the_list_and_skips_bad_entries(world):
    SettingValue.objects.create(
        network=world.hung_yen,
        key=SETTING_KEY,
        value=[
            {
                "code": "nlv",
                "name": "Thư viện Quốc gia Việt Nam",
                "protocol": "Z39.50",
                "host": "z.example.vn",
            },
            {"code": "broken", "protocol": "gopher", "host": "x"},
            "not a dict",
        ],
    )
    targets = targets_for(world.hung_yen)
    assert [(t.code, t.protocol, t.port) for t in targets] == [("nlv", "z3950", 210)]
    assert [t.code for t in targets_for(world.bac_ninh)] == ["loc", "loc-sru"]
    with pytest.raises(CopycatError) as err:
        target_get(world.hung_yen, "loc")
    assert "loc" in err.value.message
