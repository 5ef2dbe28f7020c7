"""Reads of the accounts app. Each takes the place the reader works for; other places = 404."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from thuvien.core.errors import NotFound

from .capabilities import Capability
from .models import Membership, Role
from .permissions import staff_access

if TYPE_CHECKING:
    from thuvien.network.models import Library, Network


def managed_places(user: Any) -> tuple[set[int], set[int]]:
    """(library ids, network ids) whose memberships ``user`` may manage.

    A library administrator manages his libraries; a network administrator every library of
    his network and the network-wide memberships.
    """
    from thuvien.network.models import Library

    access = staff_access(user)
    if access.superuser:
        return set(Library.objects.values_list("pk", flat=True)), set(
            Library.objects.values_list("network_id", flat=True)
        )
    networks = {
        nid for nid, caps in access.network_caps.items() if Capability.ADMINISTER_NETWORK in caps
    }
    libraries = {
        lid for lid, caps in access.library_caps.items() if Capability.ADMINISTER_LIBRARY in caps
    }
    if networks:
        libraries |= set(
            Library.objects.filter(network_id__in=networks).values_list("pk", flat=True)
        )
    return libraries, networks


def membership_list(
    *, library: Library | None = None, network: Network | None = None
) -> QuerySet[Membership]:
    """Memberships of one library, or the network-wide ones of ``network``."""
    qs = Membership.objects.select_related("user", "role", "library")
    if library is not None:
        return qs.filter(library=library).order_by("user__username", "role__code")
    if network is None:
        raise ValueError("membership_list needs a library or a network")
    return qs.filter(network=network, library__isnull=True).order_by("user__username")


def membership_visible_to(user: Any, *, library_id: str | None = None) -> QuerySet[Membership]:
    """Every membership ``user`` may manage (the API's list); ``library_id`` (as typed in a
    query string) narrows to one library, and one that is not a number to nothing."""
    libraries, networks = managed_places(user)
    qs = (
        Membership.objects.select_related("user", "role", "library", "network")
        .filter(Q(library_id__in=libraries) | Q(network_id__in=networks, library__isnull=True))
        .order_by("network_id", "library_id", "user__username")
    )
    if library_id:
        return qs.filter(library_id=int(library_id)) if library_id.isdigit() else qs.none()
    return qs


def membership_get_for(*, user: Any, pk: Any) -> Membership:
    """One membership ``user`` may manage; another library's answers 404 like a missing one."""
    try:
        membership: Membership = membership_visible_to(user).get(pk=int(pk))
    except (Membership.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound("not_found", _("Không tìm thấy.")) from exc
    return membership


def roles_assignable(*, network_wide: bool) -> QuerySet[Role]:
    return Role.objects.filter(network_wide=network_wide).order_by("code")
