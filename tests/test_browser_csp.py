"""The Content-Security-Policy breaks nothing a person uses: Chromium opens the main pages of
the portal, the staff screens, the API documentation and an error page, and reports no refused
script, style or image ("Refused to ..." in the console, or a securitypolicyviolation event).
The behaviours moved out of inline handlers still work: the library switch submits on change.
"""

from __future__ import annotations

import pymarc
import pytest
from django_scopes import scopes_disabled

from thuvien.accounts.models import Membership, Role

# Playwright's init scripts run outside the page's policy: this one records every violation.
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile
                    + ':' + e.lineNumber);
});
"""


def _policy_message(text: str) -> bool:
    """A refusal by the CSP, or a header the browser could not read."""
    return "Refused to" in text or "Permissions-Policy" in text or "Content Security" in text


def _open(page, url: str, refused: list[str]) -> None:
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response is not None
    violations = page.evaluate("window.__csp || []")
    assert not violations, f"{url}: {violations}"
    assert not refused, f"{url}: {refused}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_main_pages_run_under_the_policy(builtin_roles, world, page, tmp_path):
    from thuvien.catalog.models import Record
    from thuvien.catalog.services.importing import import_run
    from thuvien.circulation.tests.factories import make_patron

    marc = pymarc.Record()
    marc.leader = pymarc.Leader("00000nam a2200000 a 4500")
    marc.add_field(pymarc.Field(tag="245", indicators=pymarc.Indicators("1", "0"),
                                subfields=[pymarc.Subfield("a", "Truyện Kiều")]))
    marc.add_field(pymarc.Field(tag="856", indicators=pymarc.Indicators("4", "0"),
                                subfields=[pymarc.Subfield("u", " JaVaScRiPt:alert(1)")]))
    # The cataloguing forms refuse such a link; it arrives in a MARC file from elsewhere.
    path = tmp_path / "lien-ket-la.mrc"
    path.write_bytes(marc.as_marc())
    import_run(paths=[path], network=world.hung_yen)
    with scopes_disabled():
        record = Record.objects.get(title__startswith="Truyện Kiều")
    patron = make_patron(world.provincial)
    with scopes_disabled():
        # The circulation librarian also works at a commune library: the header offers a switch.
        Membership.objects.create(
            user=world.users["tinh_circulation"],
            network=world.hung_yen,
            library=world.commune_a,
            role=Role.objects.get(code="circulation"),
        )

    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if _policy_message(m.text) else None)
    page.add_init_script(WATCH)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    base = page.base_url

    for path in ("/", "/search/?q=kieu", f"/search/record/{record.pk}/", "/libraries/",
                 f"/libraries/{world.provincial.code}/", "/accounts/login/", "/khong-co-trang/"):
        _open(page, base + path, refused)
    # The hostile address is text on the record page, and clicking it runs nothing.
    _open(page, base + f"/search/record/{record.pk}/", refused)
    assert page.locator("a[href*='alert']").count() == 0
    page.get_by_text("JaVaScRiPt:alert(1)").first.click()
    assert dialogs == []

    # The API documentation (Swagger UI from drf-spectacular-sidecar) still draws itself.
    _open(page, base + "/api/v1/docs/", refused)
    page.wait_for_selector(".swagger-ui .info .title", timeout=20000)
    assert "thuvien API" in page.locator(".swagger-ui .info .title").inner_text()
    assert not page.evaluate("window.__csp"), page.evaluate("window.__csp")

    page.goto(base + "/accounts/login/")
    page.fill("#id_username", "tinh_library_admin")
    page.fill("#id_password", "mat-khau-dai-123")
    page.click("form button[type=submit].btn-primary")
    page.wait_for_url(base + "/staff/")
    for path in ("/staff/", "/staff/catalog/", f"/staff/catalog/records/{record.pk}/",
                 f"/staff/catalog/records/{record.pk}/form/",
                 f"/staff/catalog/records/{record.pk}/marc/", "/staff/circulation/",
                 "/staff/circulation/checkout/", f"/staff/circulation/patrons/{patron.pk}/",
                 "/staff/network/", f"/staff/network/libraries/{world.provincial.code}/settings/",
                 "/staff/people/", "/staff/jobs/"):
        _open(page, base + path, refused)

    # The library switch (was onchange="this.form.submit()") submits when the choice changes.
    page.context.clear_cookies()
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", "tinh_circulation")
    page.fill("#id_password", "mat-khau-dai-123")
    page.click("form button[type=submit].btn-primary")
    page.wait_for_url(base + "/staff/")
    _open(page, base + "/staff/circulation/", refused)
    with page.expect_navigation():
        page.select_option("#switch-library", str(world.commune_a.pk))
    assert page.locator("#switch-library option:checked").inner_text() == world.commune_a.name_vi
    assert not page.evaluate("window.__csp") and not refused


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_django_admin_runs_under_the_policy(builtin_roles, world, page):
    """The installation administrators' /admin/ (Django's own templates and scripts)."""
    from urllib.parse import urlparse

    from django.conf import settings
    from django.test import Client

    from thuvien.accounts.models import User

    root = User.objects.create_superuser("root", "root@example.org", "mat-khau-dai-123")
    client = Client()
    client.force_login(root)  # the test backend: the session counts as second-factor verified
    host = urlparse(page.base_url).hostname
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "domain": host, "path": "/"}]
    )
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if _policy_message(m.text) else None)
    page.add_init_script(WATCH)
    base = page.base_url
    for path in (
        "/admin/",
        "/admin/network/library/",
        f"/admin/network/library/{world.provincial.pk}/change/",
        "/admin/accounts/user/",
        f"/admin/accounts/user/{root.pk}/change/",
    ):
        _open(page, base + path, refused)
