"""Recovery codes for the second factor, and the lost-phone procedure.

A person who enrols gets 10 single-use codes, shown once, stored only as password hashes. At the
second-factor prompt one of them stands in for the phone (each use audited, and never twice).
New codes replace the old ones. A network administrator resets the second factor of a person of
his network (audited, with a reason); nobody else can.
"""

from __future__ import annotations

import re

import pyotp
import pytest
from django.contrib.auth.hashers import check_password
from django.urls import reverse

from thuvien.accounts.errors import AccountsError
from thuvien.accounts.models import RecoveryCode
from thuvien.accounts.services import totp_reset
from thuvien.accounts.totp import SESSION_ENROL_SECRET
from thuvien.core.models import AuditEntry

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-dai-123"
CODE = re.compile(r"<code>([0-9a-z]{5}-[0-9a-z]{5})</code>")


def _login(client, username):
    return client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})


def _enrol(client, username):
    """Log in and enrol as the person does; returns (secret, the codes shown once)."""
    _login(client, username)
    client.get(reverse("accounts:totp-enrol"))
    secret = client.session[SESSION_ENROL_SECRET]
    done = client.post(
        reverse("accounts:totp-enrol"), {"code": pyotp.TOTP(secret).now(), "next": "/staff/"},
        follow=True,
    )
    html = done.content.decode()
    codes = CODE.findall(html)
    return secret, codes, html


def test_enrolment_shows_ten_codes_once_and_stores_only_hashes(client, world):
    user = world.users["hy_admin"]
    _secret, codes, html = _enrol(client, "hy_admin")
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "/staff/" in html  # the way on to where the person was going
    rows = list(RecoveryCode.objects.filter(user=user))
    assert len(rows) == 10
    for code in codes:
        assert not any(code in r.code_hash or code.replace("-", "") in r.code_hash for r in rows)
        assert any(check_password(code.replace("-", ""), r.code_hash) for r in rows)
    # Shown once: the page again (or the enrolment page) shows a count, not the codes.
    again = client.get(reverse("accounts:recovery-codes")).content.decode()
    assert not CODE.search(again)
    page = client.get(reverse("accounts:totp-enrol")).content.decode()
    assert not CODE.search(page) and "10" in page


def test_a_recovery_code_logs_in_once_and_is_audited(client, world):
    user = world.users["hy_admin"]
    _secret, codes, _html = _enrol(client, "hy_admin")
    client.post(reverse("accounts:logout"))

    # The phone is lost: password, then a recovery code typed in capitals with a space.
    _login(client, "hy_admin")
    typed = codes[3].upper().replace("-", " ")
    ok = client.post(reverse("accounts:totp-verify"), {"code": typed})
    assert ok.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/staff/").status_code == 200
    assert RecoveryCode.objects.filter(user=user, used_at__isnull=True).count() == 9
    entry = AuditEntry.objects.filter(action="accounts.user.recovery_code_used").get()
    assert entry.object_id == str(user.pk)
    page = client.get(reverse("accounts:totp-enrol")).content.decode()
    assert "9" in page

    client.post(reverse("accounts:logout"))
    _login(client, "hy_admin")
    again = client.post(reverse("accounts:totp-verify"), {"code": codes[3]})
    assert again.status_code == 200 and "_auth_user_id" not in client.session
    assert "không đúng" in again.content.decode()


def test_new_codes_replace_the_old_ones(client, world):
    user = world.users["hy_admin"]
    secret, old, _html = _enrol(client, "hy_admin")
    refused = client.post(reverse("accounts:recovery-codes"), {"code": "000000"})
    assert "không đúng" in refused.content.decode()
    assert RecoveryCode.objects.filter(user=user).count() == 10
    new_page = client.post(
        reverse("accounts:recovery-codes"), {"code": pyotp.TOTP(secret).now()}
    ).content.decode()
    new = CODE.findall(new_page)
    assert len(new) == 10 and not set(new) & set(old)
    assert RecoveryCode.objects.filter(user=user).count() == 10
    assert AuditEntry.objects.filter(action="accounts.user.recovery_codes_generated").count() == 2
    client.post(reverse("accounts:logout"))
    _login(client, "hy_admin")
    stale = client.post(reverse("accounts:totp-verify"), {"code": old[0]})
    assert "_auth_user_id" not in client.session and stale.status_code == 200


def test_network_admin_resets_the_second_factor_of_his_people(client, world, staff_client):
    cataloguer = world.users["tinh_cataloguer"]
    _enrol(client, "tinh_cataloguer")
    cataloguer.refresh_from_db()
    assert cataloguer.has_totp

    # Nobody but a network administrator of the person's network may reset it.
    for name in ("tinh_library_admin", "bn_library_admin", "tinh_circulation"):
        with pytest.raises(AccountsError):
            totp_reset(user=cataloguer, actor=world.users[name], reason="mất điện thoại")
    cataloguer.refresh_from_db()
    assert cataloguer.has_totp

    # The staff page: the network administrator, from the person's membership.
    admin = staff_client(world.users["hy_admin"], world.provincial)
    membership = cataloguer.memberships.get()
    page = admin.get(reverse("people:edit", args=[membership.pk])).content.decode()
    assert "Đặt lại xác thực hai bước" in page
    url = reverse("people:reset-2fa", args=[membership.pk])
    missing = admin.post(url, {"reason": ""})
    assert missing.status_code == 200 and "lý do" in missing.content.decode()
    cataloguer.refresh_from_db()
    assert cataloguer.has_totp
    done = admin.post(url, {"reason": "Mất điện thoại, đã xác minh qua CCCD"})
    assert done.status_code == 302
    cataloguer.refresh_from_db()
    assert not cataloguer.has_totp
    assert not RecoveryCode.objects.filter(user=cataloguer).exists()
    entry = AuditEntry.objects.get(action="accounts.user.totp_reset")
    assert entry.actor_id == world.users["hy_admin"].pk
    assert "CCCD" in str(entry.changes)


def test_a_library_admin_sees_no_reset_and_cannot_post_it(world, staff_client):
    cataloguer = world.users["tinh_cataloguer"]
    cataloguer.totp_secret = pyotp.random_base32()
    cataloguer.totp_confirmed_at = cataloguer.date_joined
    cataloguer.save()
    lib_admin = staff_client(world.users["tinh_library_admin"], world.provincial)
    membership = cataloguer.memberships.get()
    page = lib_admin.get(reverse("people:edit", args=[membership.pk])).content.decode()
    assert "Đặt lại xác thực hai bước" not in page
    response = lib_admin.post(reverse("people:reset-2fa", args=[membership.pk]),
                              {"reason": "thử"})
    assert response.status_code in (403, 404)
    cataloguer.refresh_from_db()
    assert cataloguer.has_totp


def test_the_operator_resets_the_only_network_admin_from_the_server(world):
    from django.core.management import call_command

    admin = world.users["hy_admin"]
    admin.totp_secret = pyotp.random_base32()
    admin.totp_confirmed_at = admin.date_joined
    admin.save()
    call_command("totp_reset", "hy_admin", reason="Giám đốc xác nhận bằng công văn")
    admin.refresh_from_db()
    assert not admin.has_totp
    entry = AuditEntry.objects.get(action="accounts.user.totp_reset")
    assert entry.actor_id is None and "operator" in str(entry.changes)
