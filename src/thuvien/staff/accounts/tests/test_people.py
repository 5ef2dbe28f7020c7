"""Staff people pages: a library admin manages his own library only; a network admin every
library of the network and the network-wide roles. Bad input saves nothing."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from thuvien.accounts.models import Membership, Role, User
from thuvien.core.models import AuditEntry


def _role(code):
    return Role.objects.get(code=code)


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_library_admin_sees_and_manages_own_library(staff_client, world):
    client = staff_client(world.users["tienlu_library_admin"], world.commune_a)
    page = client.get(reverse("people:list"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "tienlu_cataloguer" in html and "tinh_cataloguer" not in html

    response = client.post(
        reverse("people:add"),
        {
            "target_library": world.commune_a.pk,
            "role": _role("circulation").pk,
            "username": "tienlu_cataloguer",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(
        user=world.users["tienlu_cataloguer"], library=world.commune_a, role__code="circulation"
    )
    entry = AuditEntry.objects.get(action="accounts.membership.added")
    assert entry.library == world.commune_a and entry.actor == world.users["tienlu_library_admin"]

    edit = client.post(
        reverse("people:edit", args=[membership.pk]), {"role": _role("digitiser").pk}
    )
    assert edit.status_code == 302
    membership.refresh_from_db()
    assert membership.role.code == "digitiser"

    gone = client.post(reverse("people:remove", args=[membership.pk]))
    assert gone.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.django_db
def test_library_admin_gets_404_for_another_library(staff_client, world):
    client = staff_client(world.users["tienlu_library_admin"], world.commune_a)
    other = Membership.objects.get(user=world.users["phohien_cataloguer"])
    assert client.get(reverse("people:list"), {"library": world.commune_b.pk}).status_code == 404
    assert client.get(reverse("people:edit", args=[other.pk])).status_code == 404
    assert client.post(reverse("people:remove", args=[other.pk])).status_code == 404
    assert client.get(reverse("people:list"), {"scope": "network"}).status_code == 404
    response = client.post(
        reverse("people:add"),
        {"target_library": world.commune_b.pk, "role": _role("cataloguer").pk, "username": "x"},
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()


@pytest.mark.django_db
def test_library_admin_cannot_give_network_roles(staff_client, world):
    client = staff_client(world.users["tienlu_library_admin"], world.commune_a)
    client.post(
        reverse("people:add"),
        {
            "target_library": world.commune_a.pk,
            "role": _role("network_admin").pk,
            "username": "tienlu_cataloguer",
        },
    )
    assert not Membership.objects.filter(
        role__code="network_admin", user__username="tienlu_cataloguer"
    ).exists()


@pytest.mark.django_db
def test_create_a_staff_account_with_bad_input_saves_nothing(staff_client, world):
    client = staff_client(world.users["tienlu_library_admin"], world.commune_a)
    users_before = User.objects.count()
    # password too short: no account, no membership, a clear message
    response = client.post(
        reverse("people:add"),
        {
            "target_library": world.commune_a.pk,
            "role": _role("cataloguer").pk,
            "username": "nguoi_moi",
            "create": "on",
            "full_name": "Người Mới",
            "email": "moi@example.org",
            "password": "ngan",
        },
    )
    assert response.status_code == 302
    assert User.objects.count() == users_before
    assert any("mật khẩu" in m.lower() or "password" in m.lower() for m in _messages(response))
    # an existing username: refused
    response = client.post(
        reverse("people:add"),
        {
            "target_library": world.commune_a.pk,
            "role": _role("cataloguer").pk,
            "username": "tinh_cataloguer",
            "create": "on",
            "password": "mot-mat-khau-dai-9",
        },
    )
    assert User.objects.count() == users_before
    assert any("đã có người dùng" in m for m in _messages(response))
    # an unknown existing account: refused
    response = client.post(
        reverse("people:add"),
        {"target_library": world.commune_a.pk, "role": _role("cataloguer").pk, "username": "ma"},
    )
    assert any("Không có tài khoản" in m for m in _messages(response))
    # a missing role: form error, nothing saved
    response = client.post(
        reverse("people:add"), {"target_library": world.commune_a.pk, "username": "ma"}
    )
    assert _messages(response)
    assert User.objects.count() == users_before


@pytest.mark.django_db
def test_create_a_staff_account(staff_client, world):
    client = staff_client(world.users["tienlu_library_admin"], world.commune_a)
    client.post(
        reverse("people:add"),
        {
            "target_library": world.commune_a.pk,
            "role": _role("cataloguer").pk,
            "username": "nguoi_moi",
            "create": "on",
            "full_name": "Người Mới",
            "email": "moi@example.org",
            "password": "mot-mat-khau-dai-9",
        },
    )
    user = User.objects.get(username="nguoi_moi")
    assert user.check_password("mot-mat-khau-dai-9")
    assert Membership.objects.filter(user=user, library=world.commune_a).exists()


@pytest.mark.django_db
def test_admin_cannot_remove_his_own_admin_role(staff_client, world):
    admin = world.users["tienlu_library_admin"]
    client = staff_client(admin, world.commune_a)
    own = Membership.objects.get(user=admin)
    response = client.post(reverse("people:remove", args=[own.pk]))
    assert Membership.objects.filter(pk=own.pk).exists()
    assert any("chính mình" in m for m in _messages(response))


@pytest.mark.django_db
def test_network_admin_manages_every_library_and_network_roles(staff_client, world):
    client = staff_client(world.users["hy_admin"], world.provincial)
    assert client.get(reverse("people:list"), {"library": world.school.pk}).status_code == 200
    assert (
        client.get(reverse("people:list"), {"library": world.bn_provincial.pk}).status_code == 404
    )
    page = client.get(reverse("people:list"), {"scope": "network"})
    assert page.status_code == 200 and "hy_oversight" in page.content.decode()
    client.post(
        reverse("people:add"),
        {
            "target_scope": "network",
            "role": _role("oversight_officer").pk,
            "username": "tinh_cataloguer",
        },
    )
    assert Membership.objects.filter(
        user=world.users["tinh_cataloguer"], library__isnull=True, network=world.hung_yen
    ).exists()
    # a library role at network level is refused
    client.post(
        reverse("people:add"),
        {"target_scope": "network", "role": _role("cataloguer").pk, "username": "tinh_circulation"},
    )
    assert not Membership.objects.filter(
        user=world.users["tinh_circulation"], library__isnull=True
    ).exists()


@pytest.mark.django_db
def test_cataloguer_is_refused(staff_client, world):
    client = staff_client(world.users["tinh_cataloguer"], world.provincial)
    assert client.get(reverse("people:list")).status_code == 403
