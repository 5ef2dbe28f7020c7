"""A reader logs in by e-mail whatever its case or Unicode form, and the header greets them by
name, not by the login ``reader-<card>``; editing the reader keeps the login in step."""

from __future__ import annotations

import unicodedata

import pytest

from thuvien.circulation.tests.factories import make_patron
from thuvien.patrons.services import patron_update

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-dai-123"


def _login(client, identifier):
    return client.post("/accounts/login/", {"username": identifier, "password": PASSWORD})


def test_email_login_any_case_and_unicode_form(world, client):
    patron = make_patron(
        world.provincial, full_name="Nguyễn Thị Lan", email="Lan@ThưViện.vn", password=PASSWORD
    )
    assert patron.email == "lan@thưviện.vn"
    for typed in (
        "lan@thưviện.vn",
        "LAN@THƯVIỆN.VN",  # SQLite's LIKE folds ASCII only: Ư never matched ư
        unicodedata.normalize("NFD", " Lan@ThưViện.vn "),
    ):
        r = _login(client, typed)
        assert r.status_code == 302, typed
        client.logout()


def test_header_shows_the_readers_name(world, client):
    patron = make_patron(world.provincial, full_name="Nguyễn Thị Lan", password=PASSWORD)
    assert _login(client, patron.card_number).status_code == 302
    page = client.get("/account/").content.decode()
    assert "Nguyễn Thị Lan" in page
    assert f"reader-{patron.card_number.lower()}" not in page


def test_editing_the_reader_updates_the_login(world, client):
    patron = make_patron(
        world.provincial, full_name="Nguyễn Thị Lan", email="lan@example.org", password=PASSWORD
    )
    patron_update(patron=patron, actor=None, full_name="Nguyễn Thị Lan Anh", email="la@example.org")
    patron.user.refresh_from_db()
    assert patron.user.full_name == "Nguyễn Thị Lan Anh" and patron.user.email == "la@example.org"
    assert _login(client, "la@example.org").status_code == 302
    assert "Nguyễn Thị Lan Anh" in client.get("/account/").content.decode()
