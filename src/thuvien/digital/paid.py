"""Paid use of digitised documents (Decision 206: "thu phí sử dụng tài liệu số").

An object with access "paid" and a price set by its library asks a logged-in reader to pay; the
order goes through ``thuvien.payments`` (gateway, ledger, receipt). When the gateway confirms
it, payments calls ``_on_paid`` (registered at start-up): the reader gets an access grant for
the library's ``digital.paid_access_days`` and the object opens on every path (tiles, manifest,
PDF), since ``access_decide`` reads the grant. A refund withdraws the grant.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.network.settings_registry import setting_get
from thuvien.patrons.models import Patron
from thuvien.payments.hooks import order_paid_hooks, order_refunded_hooks
from thuvien.payments.models import Order, Purpose
from thuvien.payments.services import order_create

from .access import Decision, access_decide
from .errors import DigitalError, DigitalErrorCode
from .models import AccessGrant, AccessLevel, DigitalObject, UsageCount

E = DigitalErrorCode


def reader_patron(*, user: Any, obj: DigitalObject) -> Patron | None:
    """The reader's card in the object's network (None for a visitor without one)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (Patron.all_objects.filter(user=user, network_id=obj.network_id,
                                      is_anonymised=False).first())


def paid_price(obj: DigitalObject) -> int | None:
    """What opening the object costs, or None when it is not offered for a fee."""
    if obj.access != AccessLevel.PAID or not obj.price:
        return None
    return int(obj.price)


def paid_access_start(*, obj: DigitalObject, user: Any, ip: str | None) -> Order:
    """A pending order for ``user`` to open ``obj``; the caller sends them to the gateway."""
    price = paid_price(obj)
    if price is None or not (obj.published and obj.ingest_complete):
        raise DigitalError(E.NOT_PAYABLE, _("Tài liệu này không bán quyền sử dụng trực tuyến."))
    if access_decide(obj=obj, user=user, ip=ip) is Decision.ALLOW:
        raise DigitalError(E.ALREADY_OPEN, _("Bạn đã được xem tài liệu này."))
    patron = reader_patron(user=user, obj=obj)
    if patron is None:
        raise DigitalError(E.NO_CARD, _("Bạn cần có thẻ bạn đọc của mạng lưới thư viện này để "
                                        "thanh toán. Hãy liên hệ thư viện để làm thẻ."))
    return order_create(
        user=user, patron=patron, library=obj.library, purpose=Purpose.DIGITAL_ACCESS,
        subject_id=obj.pk, amount=price,
        description=(_("Phí sử dụng tài liệu số: %(title)s") % {"title": obj.title})[:255],
    )


def _usage_add(obj: DigitalObject, field: str) -> None:
    month = timezone.localdate().replace(day=1)
    row, _new = UsageCount.all_objects.get_or_create(obj=obj, month=month,
                                                    defaults={"library": obj.library})
    UsageCount.all_objects.filter(pk=row.pk).update(**{field: F(field) + 1})


def _on_paid(order: Order) -> None:
    """Runs inside the payment's transaction: the grant is written with it or not at all."""
    if order.purpose != Purpose.DIGITAL_ACCESS:
        return
    obj = DigitalObject.all_objects.select_related("library").get(pk=order.subject_id)
    days = int(setting_get("digital.paid_access_days", library=obj.library))
    until = timezone.localdate() + timedelta(days=days)
    grant = AccessGrant.all_objects.filter(obj=obj, user=order.user).first()
    if grant is None:
        AccessGrant.all_objects.create(library=obj.library, obj=obj, user=order.user, until=until)
    elif grant.until is not None and grant.until < until:
        grant.until = until
        grant.save(update_fields=["until"])
    _usage_add(obj, "paid_uses")
    audit_record(actor=None, action="digital.grant.paid", obj=obj, library=obj.library,
                 changes={"order": order.txn_ref, "until": until.isoformat()})


def _on_refunded(order: Order) -> None:
    if order.purpose != Purpose.DIGITAL_ACCESS:
        return
    obj = DigitalObject.all_objects.get(pk=order.subject_id)
    AccessGrant.all_objects.filter(obj=obj, user=order.user).delete()
    audit_record(actor=None, action="digital.grant.withdrawn", obj=obj, library=obj.library,
                 changes={"order": order.txn_ref})


def grant_until(*, obj: DigitalObject, user: Any) -> Any:
    grant = AccessGrant.all_objects.filter(obj=obj, user=user).first()
    return grant.until if grant else None


def register() -> None:
    from .copies import copy_on_paid, copy_on_refunded

    for paid, refunded in ((_on_paid, _on_refunded), (copy_on_paid, copy_on_refunded)):
        order_paid_hooks.register(paid)
        order_refunded_hooks.register(refunded)





def object_fees_set(*, obj: DigitalObject, actor: Any, price: int | None,
                    download_limit: int | None) -> DigitalObject:
    """The library's price for using ``obj`` (whole đồng) and its daily download limit."""
    from django.db import transaction

    from thuvien.core.audit import diff_fields
    from thuvien.payments.services import MAX_AMOUNT

    for name, value in (("price", price), ("download_limit", download_limit)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                  or value < 0 or value > MAX_AMOUNT):
            raise DigitalError(E.NOT_PAYABLE, _("Hãy nhập một số nguyên không âm."), field=name)
    values = {"price": price or None, "download_limit": download_limit}
    with transaction.atomic():
        changes = diff_fields(obj, values)
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save(update_fields=[*values, "updated_at"])
        audit_record(actor=actor, action="digital.object.fees_set", obj=obj, library=obj.library,
                     changes=changes)
    return obj
