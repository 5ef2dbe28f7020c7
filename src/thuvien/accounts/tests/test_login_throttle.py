"""Attacks on the login lock-out (found by attacking main).

After 5 wrong passwords an existing account answered "locked" at once while an unknown name
answered "bad credentials" after a hash: anyone could list the accounts and lock any reader,
librarian or kiosk out, again and again, and one address could guess without limit across
names. Now: counted by (name, address) and by address, identical for unknown names.
"""

from __future__ import annotations

from unittest import mock

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from thuvien.accounts import security
from thuvien.core.models import AuditEntry

PASSWORD = "mat-khau-dai-123"
ATTACKER = "203.0.113.7"
OWNER = "198.51.100.20"


def _login(client, username, password, address):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def _errors(response) -> list[str]:
    form = response.context["form"]
    return [str(e) for e in form.non_field_errors()]


@pytest.mark.django_db
def test_unknown_and_existing_names_get_identical_answers(client, world):
    for attempt in range(7):
        known = _login(client, "tinh_cataloguer", "sai-mat-khau", ATTACKER)
        unknown = _login(client, "khong_co_ai_ten_nay", "sai-mat-khau", ATTACKER)
        assert known.status_code == unknown.status_code == 200
        assert _errors(known) == _errors(unknown), attempt
    assert "quá nhiều lần" in _errors(known)[0]


@pytest.mark.django_db
def test_a_refusal_spends_a_password_check(client, world):
    for _ in range(5):
        _login(client, "tinh_cataloguer", "sai", ATTACKER)
    with mock.patch.object(security, "check_password", wraps=security.check_password) as spy:
        response = _login(client, "tinh_cataloguer", "sai", ATTACKER)
    assert "quá nhiều lần" in _errors(response)[0]
    assert spy.call_count == 1  # the throttled answer costs the hasher, like a real check


@pytest.mark.django_db
def test_an_attacker_cannot_lock_the_owner_out_from_elsewhere(client, world):
    for _ in range(12):
        _login(client, "tinh_cataloguer", "sai", ATTACKER)
    # The attacker's address is refused even with the right password ...
    refused = _login(client, "tinh_cataloguer", PASSWORD, ATTACKER)
    assert refused.status_code == 200 and "quá nhiều lần" in _errors(refused)[0]
    # ... while the owner, at another address, logs in.
    assert _login(client, "tinh_cataloguer", PASSWORD, OWNER).status_code == 302
    assert AuditEntry.objects.filter(action="accounts.login.throttled").exists()


@pytest.mark.django_db
def test_one_address_is_refused_after_many_names(client, world, settings):
    settings.THUVIEN_LOGIN_MAX_FAILURES_PER_ADDRESS = 20
    for i in range(20):  # one try per name: no name reaches its own limit
        response = _login(client, f"doan-ten-{i}", "sai", ATTACKER)
        assert "không đúng" in _errors(response)[0] or i == 19
    response = _login(client, "tinh_cataloguer", PASSWORD, ATTACKER)
    assert response.status_code == 200 and "quá nhiều lần" in _errors(response)[0]
    assert _login(client, "tinh_cataloguer", PASSWORD, OWNER).status_code == 302


@pytest.mark.django_db
def test_a_login_clears_the_counts_of_the_account(client, world):
    for _ in range(4):
        _login(client, "tinh_cataloguer", "sai", ATTACKER)
    assert _login(client, "tinh_cataloguer", PASSWORD, ATTACKER).status_code == 302
    client.logout()
    for _ in range(4):  # four more: not five in a row since the success
        response = _login(client, "tinh_cataloguer", "sai", ATTACKER)
        assert "không đúng" in _errors(response)[0]


@pytest.mark.django_db
def test_token_endpoint_answers_unknown_and_existing_names_alike(world, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1000/min", "user": "1000/min", "token": "1000/min"},
    }
    api = APIClient(REMOTE_ADDR=ATTACKER)
    for _ in range(6):
        known = api.post("/api/v1/auth/token/", {"username": "tinh_cataloguer", "password": "x"})
        unknown = api.post("/api/v1/auth/token/", {"username": "khong_co_ai", "password": "x"})
        assert known.status_code == unknown.status_code == 400
        assert known.json() == unknown.json()
    assert known.json()["code"] == "locked"
    owner = APIClient(REMOTE_ADDR=OWNER).post(
        "/api/v1/auth/token/", {"username": "tinh_cataloguer", "password": PASSWORD}
    )
    assert owner.status_code == 200 and owner.json()["token"]


@pytest.mark.django_db
def test_kiosk_logins_are_throttled_by_account_and_address(world):
    from thuvien.sip2.circ import kiosk_login

    for _ in range(6):
        assert kiosk_login(username="tienlu_circulation", password="sai", address=ATTACKER) is None
    assert kiosk_login(username="tienlu_circulation", password=PASSWORD, address=ATTACKER) is None
    found = kiosk_login(username="tienlu_circulation", password=PASSWORD, address=OWNER)
    assert found is not None and found[1].code == "HY-TIENLU"


def test_ipv6_clients_are_counted_by_their_64():
    assert security.address_key("2001:db8:1:2::5") == security.address_key("2001:db8:1:2:ffff::9")
    assert security.address_key("2001:db8:1:3::5") != security.address_key("2001:db8:1:2::5")
    assert security.address_key("::ffff:10.1.2.3") == "10.1.2.3"
    assert security.address_key("not an address") == "unknown"


@pytest.mark.django_db
def test_an_administrator_unlock_also_lifts_the_address_counts(client, world):
    user = world.users["tinh_cataloguer"]
    for _ in range(5):
        _login(client, "tinh_cataloguer", "sai", ATTACKER)
    assert "quá nhiều lần" in _errors(_login(client, "tinh_cataloguer", PASSWORD, ATTACKER))[0]
    security.account_unlock(user=user, actor=world.users["hy_admin"])
    assert _login(client, "tinh_cataloguer", PASSWORD, ATTACKER).status_code == 302
