"""Kiosk accounts: a staff login holding the circulation role in one library.

A self-check kiosk logs in (SIP2 message 93) like a librarian would; its transactions are
recorded under that account. Creating one goes through the accounts services, acting as a
network administrator of the library's network (the operator who runs the command or the
demo has the whole installation in hand anyway).
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db.models import Q

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.models import Membership, Role, User
from thuvien.accounts.services import membership_add, staff_user_create
from thuvien.core.errors import ThuvienError


def network_admin_for(library: Any) -> Any | None:
    """An active account that administers the library's network (the actor of the writes)."""
    superuser = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    for membership in (
        Membership.objects.filter(network=library.network, library__isnull=True)
        .filter(Q(user__is_active=True))
        .select_related("role", "user")
        .order_by("pk")
    ):
        if membership.role.grants(Capability.ADMINISTER_NETWORK):
            return membership.user
    return superuser


def kiosk_account_ensure(
    *, library: Any, username: str, password: str | None = None, actor: Any = None
) -> tuple[User, str | None]:
    """Create (or find) the kiosk account ``username`` with the circulation role in ``library``.

    Returns (user, password) — the password only when the account was created now (a random
    one unless given). Idempotent: running it again changes nothing.
    """
    actor = actor or network_admin_for(library)
    if actor is None:
        raise ThuvienError(
            "no_actor",
            "Chưa có quản trị mạng lưới để tạo tài khoản; hãy tạo trên trang cán bộ.",
        )
    user = User.objects.filter(username__iexact=username).first()
    created_password = None
    if user is None:
        created_password = password or secrets.token_urlsafe(12)
        user = staff_user_create(
            actor=actor,
            username=username,
            full_name=f"Máy tự phục vụ {library.name_vi}",
            email="",
            password=created_password,
        )
    role = Role.objects.get(code="circulation")
    if not Membership.objects.filter(user=user, library=library, role=role).exists():
        membership_add(actor=actor, user=user, role=role, network=library.network, library=library)
    return user, created_password
