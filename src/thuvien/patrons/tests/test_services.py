"""Readers: registration with consent (a guardian's for a child), card numbers, login by card
or e-mail, data export, deletion by anonymisation, loan-history retention."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.contrib.auth import authenticate
from django.utils import timezone

from thuvien.circulation.models import Loan
from thuvien.circulation.privacy import loan_history_anonymise
from thuvien.circulation.services import loan_checkin, loan_checkout
from thuvien.circulation.tests.factories import make_item, make_patron
from thuvien.core.errors import NotFound
from thuvien.patrons.errors import PatronError
from thuvien.patrons.errors import PatronErrorCode as E
from thuvien.patrons.models import Consent, DeletionRequest, Patron
from thuvien.patrons.selectors import patron_get_by_card, patron_get_for, patron_get_for_user
from thuvien.patrons.services import (
    categories_ensure,
    deletion_request_create,
    deletion_request_process,
    patron_export_data,
    patron_register,
    patron_update,
)

pytestmark = pytest.mark.django_db


def test_register_needs_consent_and_guardian_for_child(world):
    cats = categories_ensure(network=world.hung_yen)
    lib = world.commune_a
    with pytest.raises(PatronError) as exc:
        patron_register(library=lib, full_name="Lê Văn A", category=cats["adult"], actor=None,
                        consent=False)  # fmt: skip
    assert exc.value.code == E.CONSENT_REQUIRED
    with pytest.raises(PatronError) as exc:
        patron_register(library=lib, full_name="Bé Na", category=cats["child"], actor=None,
                        consent=True)  # fmt: skip
    assert exc.value.code == E.GUARDIAN_CONSENT_REQUIRED and "giám hộ" in exc.value.message
    # A pupil under 16 by birth date is a child too.
    young = timezone.localdate().replace(year=timezone.localdate().year - 10)
    with pytest.raises(PatronError):
        patron_register(library=lib, full_name="Bé Tí", category=cats["pupil"], actor=None,
                        consent=True, birth_date=young)  # fmt: skip
    assert Patron.all_objects.count() == 0
    child = patron_register(
        library=lib, full_name="Bé Na", category=cats["child"], actor=None, consent=True,
        guardian_consent=True, guardian_name="Trần Thị Mẹ", keep_history=True,
    )  # fmt: skip
    consents = {c.purpose: c for c in Consent.objects.filter(patron=child)}
    assert set(consents) == {"registration", "notices", "history"}
    assert consents["registration"].given_by_guardian
    assert consents["registration"].guardian_name == "Trần Thị Mẹ"
    assert consents["registration"].given_at is not None


def test_card_numbers_and_login(world):
    a = make_patron(world.commune_a, email="Reader@Example.org", password="mat-khau-ban-doc")
    b = make_patron(world.commune_a)
    c = make_patron(world.provincial)
    assert a.card_number == "HYTIENLU000001" and b.card_number == "HYTIENLU000002"
    assert c.card_number == "HYTINH000001"
    assert authenticate(None, username=a.card_number.lower(), password="mat-khau-ban-doc") == a.user
    assert authenticate(None, username="reader@example.org", password="mat-khau-ban-doc") == a.user
    assert authenticate(None, username=a.card_number, password="sai-mat-khau") is None
    assert authenticate(None, username="HYTIENLU999999", password="mat-khau-ban-doc") is None
    assert patron_get_for_user(user=a.user) == a
    assert patron_get_by_card(network=world.hung_yen, card_number=" hytienlu000001 ") == a
    with pytest.raises(NotFound):
        patron_get_by_card(network=world.bac_ninh, card_number=a.card_number)
    with pytest.raises(PatronError) as exc:
        make_patron(world.provincial, email="reader@example.org")
    assert exc.value.code == E.EMAIL_TAKEN
    from thuvien.core.scoping import library_scope

    with library_scope(world.provincial), pytest.raises(NotFound):
        patron_get_for(library=world.provincial, pk=a.pk)


def test_export_and_anonymise(world):
    staff = world.users["tienlu_circulation"]
    patron = make_patron(world.commune_a, email="x@example.org", phone="0912345678",
                         password="mat-khau-ban-doc", birth_date=dt.date(1990, 5, 1))  # fmt: skip
    item = make_item(world.commune_a)
    loan_checkout(item=item, patron=patron, library=world.commune_a, staff=staff)
    data = patron_export_data(patron=patron)
    json.dumps(data)
    assert data["patron"]["email"] == "x@example.org" and len(data["loans"]) == 1
    request = deletion_request_create(patron=patron, actor=patron.user)
    assert deletion_request_create(patron=patron, actor=patron.user) == request
    with pytest.raises(PatronError) as exc:
        deletion_request_process(request=request, actor=staff, approve=True)
    assert exc.value.code == E.HAS_OPEN_LOANS
    request.refresh_from_db()
    assert request.status == DeletionRequest.Status.PENDING
    loan_checkin(item=item, library=world.commune_a, staff=staff)
    user = patron.user
    deletion_request_process(request=request, actor=staff, approve=True)
    patron.refresh_from_db()
    user.refresh_from_db()
    assert patron.is_anonymised and patron.email == "" and patron.phone == ""
    assert "Độc Giả" not in patron.full_name and patron.birth_year == 1990
    assert not user.is_active and not user.has_usable_password()
    loan = Loan.all_objects.get()
    assert loan.patron is None and loan.patron_category == "adult"  # statistics kept
    assert authenticate(None, username="x@example.org", password="mat-khau-ban-doc") is None


def test_history_retention(world):
    staff = world.users["tienlu_circulation"]
    keeper = make_patron(world.commune_a, keep_history=True)
    other = make_patron(world.commune_a)
    for patron in (keeper, other):
        item = make_item(world.commune_a)
        loan_checkout(item=item, patron=patron, library=world.commune_a, staff=staff)
        loan_checkin(item=item, library=world.commune_a, staff=staff)
    assert loan_history_anonymise() == 0  # not yet past the retention period
    later = timezone.now() + dt.timedelta(days=31)
    assert loan_history_anonymise(now=later) == 1
    assert Loan.all_objects.filter(patron=keeper).count() == 1
    assert Loan.all_objects.filter(patron=other).count() == 0
    from thuvien.circulation.models import Hold
    from thuvien.circulation.services import hold_cancel, hold_place

    hold = hold_place(patron=other, pickup_library=world.commune_a, actor=None,
                      record=make_item(world.commune_a).record)  # fmt: skip
    hold_cancel(hold=hold, actor=None)
    loan_history_anonymise(now=later)
    assert Hold.all_objects.get(pk=hold.pk).patron is None
    patron_update(patron=keeper, actor=None, keep_history=False)
    assert Consent.objects.get(patron=keeper, purpose="history").withdrawn_at is not None


def test_portal_login_page_with_card_number(world, client):
    patron = make_patron(world.commune_a, email="doc@example.org", password="mat-khau-ban-doc")
    r = client.post("/accounts/login/", {"username": patron.card_number.lower(),
                    "password": "mat-khau-ban-doc"})  # fmt: skip
    assert r.status_code == 302
    assert client.session["_auth_user_id"] == str(patron.user.pk)
