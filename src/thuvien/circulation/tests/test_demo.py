"""The demo step runs on the small world, is idempotent and leaves a reader login."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate

from thuvien.circulation.models import Fee, Loan
from thuvien.core.demo import DemoContext
from thuvien.demo.circulation import demo_circulation
from thuvien.patrons.models import Patron

from .factories import make_item

pytestmark = pytest.mark.django_db


def test_demo_step(world):
    for library in (world.provincial, world.commune_a):
        for _ in range(6):
            make_item(library)
    ctx = DemoContext(records=100, verbosity=0)
    ctx.libraries = [world.provincial, world.commune_a]
    demo_circulation(ctx)
    demo_circulation(ctx)
    assert Patron.all_objects.count() == 40
    assert Loan.all_objects.filter(returned_at__isnull=True).count() == 10
    assert Fee.all_objects.count() == 2
    card, role, _lib = ctx.logins[0]
    assert role == "reader" and len(ctx.logins) == 4
    assert authenticate(None, username=card, password=ctx.password) is not None


def test_every_demo_reader_with_loans_logs_in_by_email(world, client):
    """The demo's readers with loans, holds and fees log in by e-mail like the first one."""
    for _ in range(6):
        make_item(world.provincial)
    ctx = DemoContext(records=100, verbosity=0)
    ctx.libraries = [world.provincial]
    demo_circulation(ctx)
    active = Patron.all_objects.filter(loans__isnull=False).distinct()
    assert active.count() >= 2
    for patron in [*active, *Patron.all_objects.filter(fees__isnull=False)]:
        r = client.post(
            "/accounts/login/", {"username": patron.email.upper(), "password": ctx.password}
        )
        assert r.status_code == 302, patron.email
        assert client.get("/account/").status_code == 200
        client.logout()
    assert "@" in ctx.logins[0][2]
