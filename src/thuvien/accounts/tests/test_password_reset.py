"""Password reset by e-mail (Vietnamese), which also lifts a lock-out; password change."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone


@pytest.mark.django_db
def test_reset_mail_is_sent_and_the_link_sets_a_new_password(client, world):
    user = world.users["tinh_cataloguer"]
    user.locked_until = timezone.now() + dt.timedelta(minutes=10)
    user.save(update_fields=["locked_until"])

    response = client.post(reverse("accounts:password-reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "Đặt lại mật khẩu" in message.subject
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+)", message.body).group(1)

    page = client.get(link, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    done = client.post(
        form_url, {"new_password1": "mot-mat-khau-moi-9", "new_password2": "mot-mat-khau-moi-9"}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("mot-mat-khau-moi-9")
    assert user.locked_until is None  # proving the mailbox lifts the lock


@pytest.mark.django_db
def test_unknown_address_sends_nothing_and_says_the_same(client, world):
    response = client.post(reverse("accounts:password-reset"), {"email": "ai@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_change(client, world):
    user = world.users["tinh_cataloguer"]
    client.force_login(user)
    bad = client.post(
        reverse("accounts:password-change"),
        {"old_password": "sai", "new_password1": "x", "new_password2": "y"},
    )
    assert bad.status_code == 200
    ok = client.post(
        reverse("accounts:password-change"),
        {
            "old_password": "mat-khau-dai-123",
            "new_password1": "mot-mat-khau-moi-9",
            "new_password2": "mot-mat-khau-moi-9",
        },
    )
    assert ok.status_code == 302
    user.refresh_from_db()
    assert user.check_password("mot-mat-khau-moi-9")


class RefusingBackend:
    """An e-mail backend that fails the test if a mail is sent inside the request."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise AssertionError("a mail was sent inside the web request")


@pytest.mark.django_db
def test_the_reset_mail_is_sent_by_the_worker_not_in_the_request(client, world, settings):
    from huey.contrib.djhuey import HUEY
    from huey.storage import MemoryStorage

    user = world.users["tinh_cataloguer"]
    saved = HUEY.storage, HUEY._immediate
    HUEY.storage, HUEY._immediate = MemoryStorage(name="reset-test"), False
    try:
        settings.EMAIL_BACKEND = "thuvien.accounts.tests.test_password_reset.RefusingBackend"
        known = client.post(reverse("accounts:password-reset"), {"email": user.email})
        unknown = client.post(reverse("accounts:password-reset"), {"email": "ai@example.org"})
        assert known.status_code == unknown.status_code == 302
        assert known["Location"] == unknown["Location"]
        assert HUEY.pending_count() == 1  # queued for the worker; nothing for the unknown one
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        task = HUEY.dequeue()
        HUEY._immediate = True  # run here, on the test's database connection
        HUEY.execute(task)  # what the worker does
    finally:
        HUEY.storage, HUEY._immediate = saved
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    assert "Đặt lại mật khẩu" in mail.outbox[0].subject
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+)", mail.outbox[0].body)
    page = client.get(link.group(1), follow=True)
    assert page.status_code == 200 and "new_password1" in page.content.decode()


@pytest.mark.django_db
def test_a_stranger_cannot_flood_a_mailbox_with_reset_mails(client, world):
    """Found by attack: 30 reset requests for one address (from 30 addresses) sent 30 mails
    within a second. An account gets THUVIEN_PASSWORD_RESET_MAILS (3 an hour); the page
    still says the same to every request, so it tells nothing about the account."""
    user = world.users["tinh_cataloguer"]
    answers = set()
    for i in range(30):
        response = client.post(
            reverse("accounts:password-reset"), {"email": user.email}, REMOTE_ADDR=f"10.0.0.{i}"
        )
        answers.add((response.status_code, response["Location"]))
    assert answers == {(302, reverse("accounts:password-reset-done"))}
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_one_address_cannot_send_reset_mails_to_every_account(client, world):
    """One address asking for many accounts' resets is limited too (20 an hour), whatever
    the accounts, without a different answer."""
    users = [u for u in world.users.values() if u.email]
    for _ in range(3):
        for user in users:
            response = client.post(reverse("accounts:password-reset"), {"email": user.email})
            assert response.status_code == 302
    assert len(mail.outbox) == min(20, 3 * len(users))
