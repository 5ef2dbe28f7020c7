"""A librarian uploads the EICAR test file in the browser, as a MARC file and as a reader's
photo: each is refused with a clear reason on the page, nothing is kept, and the file is in
quarantine (issue 17)."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from thuvien.catalog.models import Record
from thuvien.circulation.tests.factories import make_patron
from thuvien.screening.models import QuarantinedFile
from thuvien.testing.clamav import EICAR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, path: str, username: str) -> None:
    page.set_viewport_size({"width": 1024, "height": 900})
    page.goto(f"{page.base_url}/accounts/login/?next={path}")
    page.fill("#id_username", username)
    page.fill("#id_password", "mat-khau-dai-123")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"**{path}")


def test_eicar_as_marc_file_and_as_photo_is_refused_in_the_browser(page, world, clamav):
    _login(page, "/staff/catalog/import/", "tinh_library_admin")
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "sach.mrc", "mimeType": "application/marc", "buffer": EICAR}],
    )
    page.locator("form[enctype] button[type=submit]").last.click()
    page.wait_for_load_state()
    body = page.inner_text("main")
    assert "Tệp có mã độc" in body and "Thuvien.Test.EICAR" in body
    with scopes_disabled():
        assert Record.objects.count() == 0

    with scopes_disabled():
        patron = make_patron(world.provincial)
    page.goto(f"{page.base_url}/staff/circulation/patrons/{patron.pk}/")
    page.locator("details.action-group summary", has_text="ảnh").click()  # as a person opens it
    page.set_input_files(
        "#photo", files=[{"name": "anh.jpg", "mimeType": "image/jpeg", "buffer": EICAR}]
    )
    page.locator("form[enctype] button[type=submit]").click()
    page.wait_for_load_state()
    assert "Tệp có mã độc" in page.inner_text("body")
    with scopes_disabled():
        patron.refresh_from_db()
        assert not patron.photo
        rows = list(QuarantinedFile.objects.order_by("pk").values_list("purpose", "code"))
    assert rows == [("marc_import", "malware"), ("patron_photo", "malware")]
