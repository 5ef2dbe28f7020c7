import pytest

from thuvien.network.models import SettingValue
from thuvien.network.settings_registry import register_setting, setting_get

register_setting("test.loan_days", type=int, default=14, label="Số ngày mượn")


@pytest.mark.django_db
def test_fallback_library_parent_network_default(world):
    commune = world.commune_a  # parent: the provincial library
    assert setting_get("test.loan_days", library=commune) == 14
    SettingValue.objects.create(network=world.hung_yen, key="test.loan_days", value=21)
    assert setting_get("test.loan_days", library=commune) == 21
    SettingValue.objects.create(
        network=world.hung_yen, library=world.provincial, key="test.loan_days", value=28
    )
    assert setting_get("test.loan_days", library=commune) == 28
    SettingValue.objects.create(
        network=world.hung_yen, library=commune, key="test.loan_days", value=7
    )
    assert setting_get("test.loan_days", library=commune) == 7
    # Another network is untouched.
    assert setting_get("test.loan_days", library=world.bn_provincial) == 14


@pytest.mark.django_db
def test_unknown_setting_is_an_error(world):
    with pytest.raises(KeyError):
        setting_get("no.such.key", library=world.provincial)
