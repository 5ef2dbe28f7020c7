"""Loan rules and the library's notice wordings: the settings a library edits for its desk."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import can, can_in_network
from thuvien.core.audit import audit_record
from thuvien.core.errors import PermissionDenied

from ..models import LoanRule, NoticeTemplate

if TYPE_CHECKING:
    from thuvien.accounts.models import User
    from thuvien.network.models import Library


def loan_rule_may_change(*, actor: User | None, library: Library, network_wide: bool) -> bool:
    """Who may write a cell of the matrix: the network's rows belong to network admins, a
    library's rows to that library's administrators (and network admins). The staff page
    shows "Xóa" and the form by this same function."""
    if network_wide:
        return can_in_network(actor, Capability.ADMINISTER_NETWORK, library.network_id)
    return can(actor, Capability.ADMINISTER_LIBRARY, library)


def _check_may_change(*, actor: User | None, library: Library, network_wide: bool) -> None:
    if not loan_rule_may_change(actor=actor, library=library, network_wide=network_wide):
        raise PermissionDenied(
            "rule_forbidden",
            _("Chỉ quản trị mạng lưới được thay đổi quy định chung của mạng lưới.")
            if network_wide
            else _("Chỉ quản trị thư viện được thay đổi quy định mượn của thư viện."),
        )


def loan_rule_save(
    *,
    library: Library,
    network_wide: bool,
    patron_category: Any,
    item_type: str,
    values: dict[str, Any],
    actor: User | None,
) -> LoanRule:
    """Create or replace one cell of the matrix (library or network × category × item type).

    A network-wide cell is a network admin's to write (``loan_rule_may_change``).
    """
    _check_may_change(actor=actor, library=library, network_wide=network_wide)
    key = {
        "network": library.network,
        "library": None if network_wide else library,
        "patron_category": patron_category,
        "item_type": item_type,
    }
    with transaction.atomic():
        rule, _created = LoanRule.objects.update_or_create(**key, defaults=values)
        audit_record(
            actor=actor,
            action="circulation.rule.saved",
            obj=rule,
            library=None if network_wide else library,
            network=library.network,
            changes={k: str(v) for k, v in values.items()},
        )
    return rule


def loan_rule_delete(*, rule: LoanRule, library: Library, actor: User | None) -> None:
    """Remove a cell; the next more general rule applies again."""
    if rule.network_id != library.network_id or rule.library_id not in (None, library.pk):
        raise PermissionDenied("rule_forbidden", _("Không tìm thấy quy định."))
    _check_may_change(actor=actor, library=library, network_wide=rule.library_id is None)
    with transaction.atomic():
        audit_record(actor=actor, action="circulation.rule.deleted", obj=rule, library=library)
        rule.delete()


def notice_template_save(
    *,
    library: Library,
    kind: str,
    channel: str,
    language: str,
    subject: str,
    body: str,
    actor: User | None,
) -> NoticeTemplate:
    """The library's own wording of one notice (falls back to the network's, then built-in)."""
    key: dict[str, Any] = {"network": library.network, "library": library, "kind": kind,
                           "channel": channel, "language": language}  # fmt: skip
    with transaction.atomic():
        template, _created = NoticeTemplate.objects.update_or_create(
            **key, defaults={"subject": subject, "body": body}
        )
        audit_record(actor=actor, action="circulation.notice_template.saved", library=library,
                     changes={"kind": kind, "channel": channel, "language": language})  # fmt: skip
    return template


def notice_template_reset(*, template: NoticeTemplate, actor: User | None) -> None:
    """Drop the library's own wording so the default applies again."""
    with transaction.atomic():
        library = template.library
        kind = template.kind
        template.delete()
        audit_record(actor=actor, action="circulation.notice_template.reset", library=library,
                     changes={"kind": kind})  # fmt: skip
