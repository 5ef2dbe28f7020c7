"""Reads of online payment for pages: a reader's own orders, a library's payments."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from thuvien.core.errors import NotFound

from .models import Order, OrderStatus, Receipt

if TYPE_CHECKING:
    from thuvien.network.models import Library


def orders_of_user(*, user: Any) -> QuerySet[Order]:
    return Order.all_objects.filter(user=user).select_related("library", "receipt",
                                                              "duplicate_of")


def order_get_of_user(*, user: Any, txn_ref: str) -> Order:
    order = orders_of_user(user=user).filter(txn_ref=txn_ref).first()
    if order is None:
        raise NotFound("payments.order_not_found", _("Không tìm thấy giao dịch."))
    return order


def receipt_get_of_user(*, user: Any, number: str) -> Receipt:
    receipt = (Receipt.all_objects.select_related("order", "library", "order__patron")
               .filter(number=number, order__user=user).first())
    if receipt is None:
        raise NotFound("payments.receipt_not_found", _("Không tìm thấy biên lai."))
    return receipt


def receipt_get_for(*, library: Library, number: str) -> Receipt:
    receipt = (Receipt.all_objects.select_related("order", "library", "order__patron")
               .filter(number=number, library=library).first())
    if receipt is None:
        raise NotFound("payments.receipt_not_found", _("Không tìm thấy biên lai."))
    return receipt


def orders_for_library(*, library: Library, status: str = "") -> QuerySet[Order]:
    qs = (Order.all_objects.filter(library=library)
          .select_related("patron", "receipt", "refunded_by", "duplicate_of"))
    if status in OrderStatus.values:
        qs = qs.filter(status=status)
    return qs


def order_get_for(*, library: Library, pk: int) -> Order:
    order = Order.all_objects.filter(library=library, pk=pk).first()
    if order is None:
        raise NotFound("payments.order_not_found", _("Không tìm thấy giao dịch."))
    return order


def paid_order_for(*, user: Any, purpose: str, subject_id: int) -> Order | None:
    return (Order.all_objects.filter(user=user, purpose=purpose, subject_id=subject_id,
                                     status=OrderStatus.PAID).order_by("-paid_at").first())


def pending_timeout_minutes() -> int:
    """How long a reader has to pay an order at the gateway before it expires."""
    return int(settings.PAYMENTS_PENDING_TIMEOUT_MINUTES)
