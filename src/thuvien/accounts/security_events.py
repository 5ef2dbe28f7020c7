"""Security events of a network, read from the audit log: lock-outs, failed second factors,
refused uploads, bursts of permission denials, failed backups; and the e-mail alert that the
worker sends to the network's administrators when they come in a burst.

Entries about a person (a lock-out, a wrong code) carry no library; they belong to a network
through the person's memberships.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q, QuerySet
from django.template import loader
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from thuvien.core.audit import audit_record
from thuvien.core.models import AuditEntry
from thuvien.core.site import site_name

from .capabilities import Capability
from .models import Membership

log = logging.getLogger(__name__)

# category -> (label, audit codes, severity). A "high" event alerts at once; the others when
# THUVIEN_SECURITY_ALERT_BURST of them come within THUVIEN_SECURITY_ALERT_WINDOW_MINUTES.
CATEGORIES: dict[str, tuple[Any, tuple[str, ...], str]] = {
    "lockout": (
        _("Khóa tài khoản, chặn đăng nhập"),
        ("accounts.user.locked", "accounts.login.throttled"),
        "normal",
    ),
    "second_factor": (_("Sai mã xác thực hai bước"), ("accounts.user.totp_failed",), "normal"),
    "upload": (_("Tệp tải lên bị từ chối"), ("screening.upload.refused",), "normal"),
    "permission": (
        _("Bị từ chối truy cập nhiều lần"),
        ("accounts.permission.denied_burst",),
        "normal",
    ),
    "backup": (_("Sao lưu thất bại"), ("backup.failed", "backup.verified_failed"), "high"),
}
CODE_CATEGORY = {code: cat for cat, (_label, codes, _sev) in CATEGORIES.items() for code in codes}
ALERT_SENT = "accounts.security.alert_sent"


def _member_ids(network: Any) -> list[str]:
    ids = Membership.objects.filter(network=network).values_list("user_id", flat=True)
    return [str(pk) for pk in set(ids)]


def security_event_list(*, network: Any, since: dt.datetime | None = None) -> QuerySet:
    """The network's security events, newest first."""
    codes = list(CODE_CATEGORY)
    own = Q(network=network)
    about_members = Q(
        network__isnull=True, object_type="accounts.user", object_id__in=_member_ids(network)
    )
    qs = AuditEntry.objects.filter(own | about_members, action__in=codes)
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    return qs.select_related("actor", "library").order_by("-created_at", "-id")


@dataclass(frozen=True)
class CategoryCount:
    code: str
    label: Any
    count: int
    severity: str


def security_event_counts(*, network: Any, since: dt.datetime) -> list[CategoryCount]:
    counts = Counter(
        CODE_CATEGORY[action]
        for action in security_event_list(network=network, since=since).values_list(
            "action", flat=True
        )
    )
    return [
        CategoryCount(code=cat, label=label, count=counts.get(cat, 0), severity=severity)
        for cat, (label, _codes, severity) in CATEGORIES.items()
    ]


def _is_malware(entry: AuditEntry) -> bool:
    return entry.action == "screening.upload.refused" and (entry.changes or {}).get("code") in (
        "malware",
        "antivirus_unavailable",
    )


def network_admin_emails(network: Any) -> list[str]:
    members = Membership.objects.filter(
        network=network, library__isnull=True, user__is_active=True
    ).select_related("user", "role")
    emails = {
        m.user.email
        for m in members
        if m.user.email and Capability.ADMINISTER_NETWORK.value in (m.role.capabilities or ())
    }
    return sorted(emails)


def security_alert_check(*, network: Any, now: dt.datetime | None = None) -> bool:
    """Mail the network administrators if security events came in a burst since the last alert
    (at most one mail per ``THUVIEN_SECURITY_ALERT_MINUTES``). Returns True if one was sent."""
    now = now or timezone.now()
    window = dt.timedelta(minutes=settings.THUVIEN_SECURITY_ALERT_WINDOW_MINUTES)
    quiet = dt.timedelta(minutes=settings.THUVIEN_SECURITY_ALERT_MINUTES)
    last = (
        AuditEntry.objects.filter(network=network, action=ALERT_SENT)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if last is not None and now - last < quiet:
        return False
    since = max(now - window, last) if last is not None else now - window
    events = list(security_event_list(network=network, since=since)[:500])
    urgent = [
        e for e in events if CATEGORIES[CODE_CATEGORY[e.action]][2] == "high" or _is_malware(e)
    ]
    if not urgent and len(events) < settings.THUVIEN_SECURITY_ALERT_BURST:
        return False
    recipients = network_admin_emails(network)
    counts = Counter(CODE_CATEGORY[e.action] for e in events)
    lines = [(CATEGORIES[cat][0], n) for cat, n in counts.most_common()]
    context = {
        "network": network,
        "lines": lines,
        "total": len(events),
        "since": since,
        "urgent": len(urgent),
        "site_name": site_name(),
    }
    with translation.override("vi"):
        subject = "".join(
            loader.render_to_string("accounts/security_alert_subject.txt", context).splitlines()
        )
        body: str = str(loader.render_to_string("accounts/security_alert_email.txt", context))
    with translation.override("en"):
        body += "\n\n" + loader.render_to_string("accounts/security_alert_email.txt", context)
    if recipients:
        EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, recipients).send()
    else:
        log.error("security alert for network %s: no administrator with an e-mail", network.pk)
    audit_record(
        actor=None,
        action=ALERT_SENT,
        network=network,
        changes={"events": len(events), "recipients": len(recipients)},
    )
    log.warning("security alert for network %s: %d events", network.pk, len(events))
    return True
