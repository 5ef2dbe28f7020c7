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
def test_five_failures_by_card_number_refuse_the_reader_from_that_address(client, world):
    patron = make_patron(world.commune_a, password="mat-khau-ban-doc-1")
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": patron.card_number, "password": "sai-mat-khau"})
    # The right password is refused from this address while the count holds ...
    response = client.post(url, {"username": patron.card_number, "password": "mat-khau-ban-doc-1"})
    assert "_auth_user_id" not in client.session
    assert "quá nhiều lần" in response.content.decode()
    # ... while the reader, on the library's own machine, logs in.
    response = client.post(
        url,
        {"username": patron.card_number, "password": "mat-khau-ban-doc-1"},
        REMOTE_ADDR="10.20.30.40",
    )
    assert response.status_code == 302
