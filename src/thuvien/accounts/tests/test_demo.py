"""The accounts demo step: one staff account per role in the demo networks, idempotent."""

from __future__ import annotations

import pytest

from thuvien.accounts.models import Membership, User
from thuvien.core.demo import DemoContext, demo_steps


@pytest.mark.django_db
def test_demo_staff_after_the_network_and_idempotent():
    steps = [(name, fn) for _order, name, fn in demo_steps()]
    names = [name for name, _fn in steps]
    assert names.index("network") < names.index("accounts") < names.index("catalog")
    ctx = DemoContext(verbosity=0)
    dict(steps)["network"](ctx)
    dict(steps)["accounts"](ctx)
    usernames = [u for u, _role, _lib in ctx.logins]
    assert {"admin", "thanhtra", "tinh.bienmuc", "tinh.luuthong"} <= set(usernames)
    admin = User.objects.get(username="admin")
    assert Membership.objects.filter(user=admin, library__isnull=True).exists()
    counts = (User.objects.count(), Membership.objects.count())
    again = DemoContext(verbosity=0)
    dict(steps)["accounts"](again)
    assert (User.objects.count(), Membership.objects.count()) == counts
    assert len(again.logins) == len(ctx.logins)
