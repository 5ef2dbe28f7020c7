"""Authentication backends of the accounts app.

- ``NetworkAdminPermissionBackend`` authenticates nobody; it grants the Django admin's model
  permissions to active network administrators (a network-wide ADMINISTER_NETWORK membership),
  so ``/admin/`` works for them without hand-kept Django permission rows.
- ``ForceLoginTestBackend`` is listed (first) in the TEST settings only; see ``config/settings/
  test.py``. A session created through it counts as having passed the second factor.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend, ModelBackend

from .capabilities import Capability

FORCE_LOGIN_TEST_BACKEND = "thuvien.accounts.backends.ForceLoginTestBackend"


def is_network_admin(user: Any) -> bool:
    """Holds ADMINISTER_NETWORK through a network-wide membership (or is a superuser)."""
    from .permissions import staff_access

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    access = staff_access(user)
    if access.superuser:
        return True
    return any(Capability.ADMINISTER_NETWORK in caps for caps in access.network_caps.values())


def is_installation_admin(user: Any) -> bool:
    """A superuser, or a network admin of every active network of the installation.

    The Django admin shows every network's rows with scoping off, so a network admin of one
    province must not reach it while the installation also hosts another province.
    """
    if not is_network_admin(user):
        return False
    from .permissions import staff_access

    access = staff_access(user)
    if access.superuser:
        return True
    from thuvien.network.models import Network

    administered = {
        network_id
        for network_id, caps in access.network_caps.items()
        if Capability.ADMINISTER_NETWORK in caps
    }
    active = set(Network.objects.filter(is_active=True).values_list("pk", flat=True))
    return active <= administered


class NetworkAdminPermissionBackend(BaseBackend):
    def authenticate(self, request: Any, **credentials: Any) -> None:
        return None

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return is_installation_admin(user_obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return is_installation_admin(user_obj)


class ForceLoginTestBackend(ModelBackend):
    """Test settings only: used by ``client.force_login``; never accepts a password."""

    def authenticate(self, request: Any, **credentials: Any) -> None:
        return None
