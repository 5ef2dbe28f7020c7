"""/admin/ is for network administrators only, not for anyone with is_staff."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_network_admin_of_one_province_is_kept_out_while_another_is_hosted(client, world):
    # The admin shows every network's rows: Bắc Ninh's data is not Hưng Yên's admin's business.
    client.force_login(world.users["hy_admin"])
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/accounts/user/").status_code == 302


@pytest.mark.django_db
def test_network_admin_uses_the_admin(client, world):
    from thuvien.accounts.models import Membership, Role

    # An administrator of every network of the installation (here: both provinces).
    Membership.objects.create(
        user=world.users["hy_admin"],
        network=world.bac_ninh,
        role=Role.objects.get(code="network_admin"),
    )
    client.force_login(world.users["hy_admin"])
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200
    assert client.get("/admin/core/auditentry/").status_code == 200


@pytest.mark.django_db
def test_is_staff_alone_is_not_enough(client, world):
    user = world.users["tinh_library_admin"]
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert client.get("/admin/accounts/user/").status_code == 302


@pytest.mark.django_db
def test_oversight_officer_is_not_an_admin(client, world):
    client.force_login(world.users["hy_oversight"])
    assert client.get("/admin/").status_code == 302
