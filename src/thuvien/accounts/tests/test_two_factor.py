"""TOTP: enrolment with a locally drawn QR code, the login step, and the requirement for network
administrators on /staff/ and /admin/."""

from __future__ import annotations

import pyotp
import pytest
from django.urls import reverse

from thuvien.accounts.totp import SESSION_ENROL_SECRET

PASSWORD = "mat-khau-dai-123"


def _login(client, username, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


@pytest.mark.django_db
def test_network_admin_must_enrol_before_staff_and_admin(client, world):
    response = _login(client, "hy_admin")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:totp-enrol"))
    for path in ("/staff/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:totp-enrol"))

    page = client.get(reverse("accounts:totp-enrol"))
    html = page.content.decode()
    secret = client.session[SESSION_ENROL_SECRET]
    assert "<svg" in html and "http://" not in html.split("<svg", 1)[1].split("</svg>")[0][:0]
    assert secret in html  # as text too, for phones that cannot scan

    bad = client.post(reverse("accounts:totp-enrol"), {"code": "000000", "next": "/staff/"})
    assert bad.status_code == 200
    assert "không đúng" in bad.content.decode()

    code = pyotp.TOTP(secret).now()
    ok = client.post(reverse("accounts:totp-enrol"), {"code": code, "next": "/staff/"})
    # Enrolled: the recovery codes are shown once, with the way on to /staff/.
    assert ok.status_code == 302
    assert ok["Location"] == reverse("accounts:recovery-codes") + "?next=%2Fstaff%2F"
    assert 'href="/staff/"' in client.get(ok["Location"]).content.decode()
    world.users["hy_admin"].refresh_from_db()
    assert world.users["hy_admin"].has_totp
    assert client.get("/staff/").status_code == 200
    # /admin/ needs an administrator of every hosted network; the world hosts two.
    from thuvien.accounts.models import Membership, Role

    Membership.objects.create(
        user=world.users["hy_admin"],
        network=world.bac_ninh,
        role=Role.objects.get(code="network_admin"),
    )
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_enrolled_user_logs_in_with_password_then_code(client, world):
    user = world.users["hy_admin"]
    secret = pyotp.random_base32()
    user.totp_secret = secret
    user.totp_confirmed_at = user.date_joined
    user.save()

    response = _login(client, "hy_admin")
    assert response["Location"] == reverse("accounts:totp-verify")
    assert "_auth_user_id" not in client.session  # not logged in after the password alone
    assert client.get("/staff/").status_code == 302

    wrong = client.post(reverse("accounts:totp-verify"), {"code": "123456"})
    assert "không đúng" in wrong.content.decode()
    assert "_auth_user_id" not in client.session

    ok = client.post(reverse("accounts:totp-verify"), {"code": pyotp.TOTP(secret).now()})
    assert ok.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/staff/").status_code == 200


@pytest.mark.django_db
def test_wrong_codes_count_towards_the_lock_out(client, world):
    user = world.users["tinh_library_admin"]
    user.totp_secret = pyotp.random_base32()
    user.totp_confirmed_at = user.date_joined
    user.save()
    _login(client, "tinh_library_admin")
    for _ in range(5):
        response = client.post(reverse("accounts:totp-verify"), {"code": "000000"})
    assert "tạm thời bị khóa" in response.content.decode()
    user.refresh_from_db()
    assert user.locked_until is not None


@pytest.mark.django_db
def test_library_staff_are_not_forced_to_enrol(client, world):
    assert _login(client, "tinh_cataloguer")["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


@pytest.mark.django_db
def test_setting_off_lifts_the_requirement(client, world, settings):
    settings.THUVIEN_REQUIRE_TOTP_FOR_NETWORK_ADMINS = False
    _login(client, "hy_admin")
    assert client.get("/staff/").status_code == 200


@pytest.mark.django_db
def test_force_login_sessions_of_the_test_settings_pass(client, world):
    client.force_login(world.users["hy_admin"])
    assert client.get("/staff/").status_code == 200


@pytest.mark.django_db
def test_a_session_naming_an_unlisted_backend_is_not_a_session(client, world, settings):
    """Why the test-only backend is safe: outside the test settings such a session is dropped."""
    client.force_login(world.users["hy_admin"])
    settings.AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_a_code_cannot_be_replayed(client, world):
    user = world.users["hy_admin"]
    secret = pyotp.random_base32()
    user.totp_secret = secret
    user.totp_confirmed_at = user.date_joined
    user.save()
    code = pyotp.TOTP(secret).now()
    _login(client, "hy_admin")
    assert client.post(reverse("accounts:totp-verify"), {"code": code}).status_code == 302
    client.logout()
    _login(client, "hy_admin")
    again = client.post(reverse("accounts:totp-verify"), {"code": code})
    assert again.status_code == 200 and "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_unverified_network_admin_session_is_refused_on_the_api(client, world):
    _login(client, "hy_admin")  # password only, no TOTP yet
    response = client.get("/api/v1/me/")
    assert response.status_code == 403 and response.json()["code"] == "totp_required"


@pytest.mark.django_db
def test_the_password_alone_does_not_reset_a_run_of_wrong_codes(client, world):
    user = world.users["tinh_library_admin"]
    user.totp_secret = pyotp.random_base32()
    user.totp_confirmed_at = user.date_joined
    user.save()
    for _ in range(3):
        _login(client, "tinh_library_admin")
        client.post(reverse("accounts:totp-verify"), {"code": "000000"})
    user.refresh_from_db()
    assert user.failed_logins == 3
    _login(client, "tinh_library_admin")
    client.post(reverse("accounts:totp-verify"), {"code": "000000"})
    response = client.post(reverse("accounts:totp-verify"), {"code": "000000"})
    assert "tạm thời bị khóa" in response.content.decode()
