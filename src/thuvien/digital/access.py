"""Who may see a digital object: one decision used on every path (page, tile, manifest, PDF,
search snippet). Interfaces turn ``Decision.LOGIN`` into 401, ``Decision.DENY`` into 403 and
``Decision.ABSENT`` into 404, as an object that does not exist."""

from __future__ import annotations

import enum
import ipaddress
from typing import Any

from django.utils import timezone

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import staff_access
from thuvien.network.settings_registry import setting_get
from thuvien.patrons.models import Patron

from .library_settings import onsite_networks
from .models import AccessGrant, AccessLevel, DigitalObject


class Decision(enum.Enum):
    ALLOW = "allow"
    LOGIN = "login"  # an anonymous visitor who could see it after logging in
    DENY = "deny"
    # not shown to this person at all (its library's holdings are hidden from him, issue 19):
    # answered exactly as an object that does not exist
    ABSENT = "absent"


def is_library_staff(user: Any, obj: DigitalObject) -> bool:
    """A staff member of the object's library (or a network-wide role of its network)."""
    if not getattr(user, "is_authenticated", False):
        return False
    # An oversight officer reads statistics, not restricted documents.
    return bool(staff_access(user).caps_for(obj.library) - {Capability.OVERSEE})


def _is_reader(user: Any, obj: DigitalObject) -> bool:
    return Patron.all_objects.filter(
        user=user, network_id=obj.network_id, is_anonymised=False
    ).exists()


def _granted(user: Any, obj: DigitalObject) -> bool:
    today = timezone.localdate()
    return any(
        g.until is None or g.until >= today
        for g in AccessGrant.all_objects.filter(obj=obj, user=user)
    )


def _onsite(obj: DigitalObject, ip: str | None) -> bool:
    if not ip:
        return False
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    value = setting_get("digital.onsite_networks", library=obj.library)
    return any(address in net for net in onsite_networks(value or ""))


def embargoed(obj: DigitalObject) -> bool:
    return obj.embargo_until is not None and obj.embargo_until > timezone.localdate()


def access_decide(
    *, obj: DigitalObject, user: Any, ip: str | None, library_shown: bool | None = None
) -> Decision:
    """May ``user`` (from ``ip``) see the pages of ``obj``?

    Staff of the owning library see everything, unpublished objects included. Others see only
    published, fully ingested objects; an embargo keeps them out until its date passes, without
    anyone lifting it. A paid object opens to a reader who paid for it (a grant until a date).
    ``library_shown``: whether the person sees the object's library, when the caller knows
    (``access_decide_many``).
    """
    authenticated = bool(getattr(user, "is_authenticated", False))
    if authenticated and is_library_staff(user, obj):
        return Decision.ALLOW
    if not (_library_shown(user, obj) if library_shown is None else library_shown):
        return Decision.ABSENT
    if not (obj.published and obj.ingest_complete):
        return Decision.DENY
    refuse = Decision.DENY if authenticated else Decision.LOGIN
    if embargoed(obj):
        return Decision.DENY
    level = obj.access
    if level == AccessLevel.OPEN:
        return Decision.ALLOW
    if level == AccessLevel.ONSITE:
        return Decision.ALLOW if _onsite(obj, ip) else Decision.DENY
    if level == AccessLevel.REGISTERED:
        if authenticated and _is_reader(user, obj):
            return Decision.ALLOW
        return refuse
    if level == AccessLevel.RESTRICTED:
        # 403 even to an anonymous visitor: logging in opens it only to the few granted it.
        if authenticated and _granted(user, obj):
            return Decision.ALLOW
        return Decision.DENY
    # paid: open to a reader holding a grant bought through the payment flow (digital.paid)
    if authenticated and _granted(user, obj):
        return Decision.ALLOW
    return refuse


def access_decide_many(
    *, objects: list[DigitalObject], user: Any, ip: str | None
) -> dict[int, Decision]:
    """``access_decide`` of each object by id; the libraries the person sees are read once
    (for the public, each object asked alone read every library again)."""
    from thuvien.holdings.visibility import viewer_for, visible_library_ids

    shown = visible_library_ids(viewer_for(user))
    return {
        obj.pk: access_decide(
            obj=obj, user=user, ip=ip, library_shown=shown is None or obj.library_id in shown
        )
        for obj in objects
    }


def _library_shown(user: Any, obj: DigitalObject) -> bool:
    """The library's holdings are visible to this person (issue 19: an armed-forces library's
    documents are not shown to the public, digital ones included)."""
    from thuvien.holdings.visibility import library_visible, viewer_for

    return library_visible(viewer_for(user), obj.library)


def visible_in_listing(*, obj: DigitalObject, user: Any) -> bool:
    """Is the object's existence shown (its title and catalogue card)? Published ones of a
    library whose holdings the person may see are."""
    if is_library_staff(user, obj):
        return True
    return obj.published and obj.ingest_complete and _library_shown(user, obj)
