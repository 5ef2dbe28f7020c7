"""The staff dashboard: the day's desk figures of the active library, and only of it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from thuvien.circulation.models import Loan
from thuvien.circulation.services import loan_checkout
from thuvien.circulation.tests.factories import make_item, make_patron

pytestmark = pytest.mark.django_db


def _lend(library, staff, *, overdue: bool = False) -> Loan:
    loan = loan_checkout(
        item=make_item(library), patron=make_patron(library), library=library, staff=staff
    )
    if overdue:
        Loan.all_objects.filter(pk=loan.pk).update(
            due_on=timezone.localdate() - dt.timedelta(days=3)
        )
    return loan


def test_circulation_sees_todays_figures_of_the_active_library_only(
    world, staff_client, django_assert_max_num_queries
):
    _lend(world.provincial, world.users["tinh_circulation"])
    _lend(world.provincial, world.users["tinh_circulation"], overdue=True)
    _lend(world.commune_a, world.users["tienlu_circulation"], overdue=True)
    client = staff_client(world.users["tinh_circulation"], world.provincial)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("dashboard:home"))
    assert response.status_code == 200
    day = response.context["day"]
    assert day["lent_today"] == 2 and day["open_loans"] == 2 and day["overdue"] == 1
    assert day["returned_today"] == 0 and day["transits"] == 0
    page = response.content.decode()
    assert "Hôm nay tại quầy" in page and reverse("circulation:report", args=["overdue"]) in page


def test_a_cataloguer_gets_no_desk_figures(world, staff_client):
    client = staff_client(world.users["tinh_cataloguer"], world.provincial)
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 200 and response.context["day"] is None
    assert "Hôm nay tại quầy" not in response.content.decode()


def test_a_network_admins_working_library_is_kept_across_logins(world, client):
    admin = world.users["hy_admin"]
    client.force_login(admin)
    assert client.get(reverse("dashboard:home")).context["active_library"] == world.provincial
    client.post(reverse("dashboard:switch-library"), {"library": world.commune_b.pk})
    assert client.get(reverse("dashboard:home")).context["active_library"] == world.commune_b
    client.logout()
    client.force_login(admin)  # a new session: the choice is still there
    assert client.get(reverse("dashboard:home")).context["active_library"] == world.commune_b
    # A library the person may not act for is never kept.
    client.post(reverse("dashboard:switch-library"), {"library": world.bn_provincial.pk})
    admin.refresh_from_db()
    assert admin.working_library == world.commune_b


def test_staff_of_several_libraries_land_at_home_then_where_they_last_worked(world, client):
    """A circulation librarian of the provincial library who also helps at Phố Hiến: at the
    first login he lands at his home library (his first appointment), not at the library whose
    code sorts first (HY-PHOHIEN < HY-TINH); after switching, at the library he worked at last."""
    from thuvien.accounts.models import Membership, Role

    person = world.users["tinh_circulation"]  # a member of HY-TINH since the world was built
    Membership.objects.create(
        user=person,
        network=world.hung_yen,
        library=world.commune_b,
        role=Role.objects.get(code="circulation"),
    )
    login = {"username": person.username, "password": "mat-khau-dai-123"}
    landed = client.post(reverse("accounts:login"), login, follow=True)
    assert landed.context["active_library"] == world.provincial
    assert world.provincial.name_vi in landed.content.decode()
    client.post(reverse("dashboard:switch-library"), {"library": world.commune_b.pk})
    client.post(reverse("accounts:logout"))
    again = client.post(reverse("accounts:login"), login, follow=True)
    assert again.context["active_library"] == world.commune_b
