"""Lock-out after repeated failures, per account and address, whatever backend accepted the
identifier (see test_login_throttle.py for the attacks on it)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from thuvien.core.models import AuditEntry

PASSWORD = "mat-khau-dai-123"


class EmailBackend(ModelBackend):
    """Stands for any other backend (the patrons app's card numbers): logs in by e-mail."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        from thuvien.accounts.models import User

        user = User.objects.filter(email__iexact=username or "").first()
        if user and user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def _login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


@pytest.mark.django_db
def test_five_failures_refuse_the_name_from_that_address_for_fifteen_minutes(client, world):
    user = world.users["tinh_cataloguer"]
    for _ in range(4):
        response = _login(client, "tinh_cataloguer", "sai-mat-khau")
        assert response.status_code == 200
        assert "không đúng" in response.content.decode()
    response = _login(client, "tinh_cataloguer", "sai-mat-khau")
    assert "quá nhiều lần" in response.content.decode()
    assert "15 phút" in response.content.decode()
    assert AuditEntry.objects.filter(
        action="accounts.login.throttled", object_id=str(user.pk)
    ).exists()

    # Even the right password is refused from this address, with the clear message.
    response = _login(client, "tinh_cataloguer", PASSWORD)
    assert response.status_code == 200
    assert "quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session

    # Once the time is over (the counts gone) the right password works.
    cache.clear()
    assert _login(client, "tinh_cataloguer", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_failures_are_counted_per_account(client, world):
    for _ in range(4):
        _login(client, "tinh_cataloguer", "sai")
    assert _login(client, "tienlu_cataloguer", PASSWORD).status_code == 302
    client.logout()
    # The fifth failure of tinh_cataloguer refuses it, not tienlu_cataloguer.
    assert "quá nhiều lần" in _login(client, "tinh_cataloguer", "sai").content.decode()
    assert _login(client, "tienlu_cataloguer", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_success_resets_the_count(client, world):
    for _ in range(3):
        _login(client, "tinh_cataloguer", "sai")
    assert _login(client, "tinh_cataloguer", PASSWORD).status_code == 302
    world.users["tinh_cataloguer"].refresh_from_db()
    assert world.users["tinh_cataloguer"].failed_logins == 0


@pytest.mark.django_db
@override_settings(
    AUTHENTICATION_BACKENDS=[
        "django.contrib.auth.backends.ModelBackend",
        "thuvien.accounts.tests.test_login_security.EmailBackend",
    ]
)
def test_lock_out_holds_whatever_backend_accepts_the_identifier(client, world):
    email = "tinh_cataloguer@example.org"
    assert _login(client, email, PASSWORD).status_code == 302  # the other backend works
    client.logout()
    for _ in range(5):
        _login(client, email, "sai")
    response = _login(client, email, PASSWORD)
    assert "quá nhiều lần" in response.content.decode()
    # ... and the count is the account's, so its user name is refused too (from there).
    assert "quá nhiều lần" in _login(client, "tinh_cataloguer", PASSWORD).content.decode()


@pytest.mark.django_db
def test_a_locked_account_found_only_by_its_backend_is_still_refused(client, world):
    user = world.users["tinh_cataloguer"]
    user.locked_until = timezone.now() + dt.timedelta(minutes=10)
    user.save(update_fields=["locked_until"])
    with override_settings(
        AUTHENTICATION_BACKENDS=["thuvien.accounts.tests.test_login_security.EmailBackend"]
    ):
        # "TINH_..." with odd case and spaces is still the same e-mail for the backend.
        response = _login(client, "tinh_cataloguer@example.org", PASSWORD)
    assert "tạm thời bị khóa" in response.content.decode()


@pytest.mark.django_db
def test_unknown_usernames_give_the_same_message(client, world):
    response = _login(client, "khong-co-ai", "sai")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
