"""Failed logins by card number count towards the account lock-out like those by user name."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thuvien.circulation.tests.factories import make_patron
from thuvien.patrons.auth import account_for_card_or_email


@pytest.mark.django_db
def test_card_number_resolves_to_the_reader_account(world):
    patron = make_patron(world.commune_a, password="mat-khau-ban-doc-1", email="doc@example.org")
    assert account_for_card_or_email(patron.card_number.lower()) == patron.user
    assert account_for_card_or_email("doc@example.org") == patron.user
    assert account_for_card_or_email("KHONG-CO-THE-NAY") is None


@pytest.mark.django_db
def test_five_failures_by_card_number_lock_the_reader(client, world):
    patron = make_patron(world.commune_a, password="mat-khau-ban-doc-1")
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": patron.card_number, "password": "sai-mat-khau"})
    patron.user.refresh_from_db()
    assert patron.user.locked_until is not None
    # The right password is refused while the account is locked.
    response = client.post(url, {"username": patron.card_number, "password": "mat-khau-ban-doc-1"})
    assert "_auth_user_id" not in client.session
    assert "tạm thời bị khóa" in response.content.decode()
