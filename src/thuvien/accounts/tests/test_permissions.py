import pytest
from django_scopes import ScopeError

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import can, can_in_network
from thuvien.core.scoping import library_scope


@pytest.mark.django_db
def test_library_roles_hold_only_in_their_library(world):
    cataloguer = world.users["tienlu_cataloguer"]
    assert can(cataloguer, Capability.CATALOGUE, world.commune_a)
    assert not can(cataloguer, Capability.CATALOGUE, world.commune_b)
    assert not can(cataloguer, Capability.CIRCULATE, world.commune_a)


@pytest.mark.django_db
def test_network_admin_holds_everything_in_own_network_only(world):
    admin = world.users["hy_admin"]
    assert can(admin, Capability.CIRCULATE, world.school)
    assert can_in_network(admin, Capability.ADMINISTER_NETWORK, world.hung_yen.pk)
    assert not can(admin, Capability.CIRCULATE, world.bn_provincial)


@pytest.mark.django_db
def test_oversight_reads_everything_and_writes_nothing(world):
    officer = world.users["hy_oversight"]
    for library in (world.provincial, world.commune_a, world.school):
        assert can(officer, Capability.CATALOGUE, library, write=False)
        assert not can(officer, Capability.CATALOGUE, library, write=True)
    assert not can(officer, Capability.CATALOGUE, world.bn_provincial, write=False)


@pytest.mark.django_db
def test_library_owned_queries_outside_a_scope_fail_loudly(world):
    from thuvien.holdings.models import Item

    with pytest.raises(ScopeError):
        list(Item.objects.all())
    with library_scope(world.provincial):
        assert list(Item.objects.all()) == []


def test_library_scope_refuses_none():
    with pytest.raises(ValueError), library_scope(None):
        pass
