"""Online payment: an order for one paid service, the gateway's answer, and its receipt.

Money is whole đồng (VND has no minor unit) in integer fields, never floats. No card data is
ever stored: the reader types it on the gateway's own page; we keep only the gateway's
transaction number, bank code and response code.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thuvien.core.scoping import LibraryScopedManager


class OrderStatus(models.TextChoices):
    PENDING = "pending", _("Chờ thanh toán")
    PAID = "paid", _("Đã thanh toán")
    FAILED = "failed", _("Thanh toán không thành công")
    CANCELLED = "cancelled", _("Bạn đọc đã hủy thanh toán")
    REFUNDED = "refunded", _("Đã hoàn tiền")
    # the gateway's payment timeout passed and the gateway, asked, has no payment for it
    EXPIRED = "expired", _("Hết hạn thanh toán")


class Purpose(models.TextChoices):
    DIGITAL_ACCESS = "digital_access", _("Phí sử dụng tài liệu số")
    COPY = "copy", _("Phí sao chụp tài liệu từ xa")


class Order(models.Model):
    """One payment asked of a reader for one service (a paid object, a copy)."""

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    patron = models.ForeignKey("patrons.Patron", on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(_("nội dung"), max_length=20, choices=Purpose.choices)
    # the id of what is paid for in the app that registered the purpose (a digital object,
    # a copy request); that app is higher in the layers and hears of the payment by its hook
    subject_id = models.PositiveBigIntegerField()
    description = models.CharField(_("diễn giải"), max_length=255)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    txn_ref = models.CharField(_("mã giao dịch"), max_length=32, unique=True)
    gateway = models.CharField(max_length=20)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=OrderStatus.choices, default=OrderStatus.PENDING
    )
    response_code = models.CharField(max_length=4, blank=True)
    gateway_txn_no = models.CharField(max_length=32, blank=True)
    bank_code = models.CharField(max_length=20, blank=True)
    fee = models.ForeignKey(
        "circulation.Fee", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ledger_payment = models.ForeignKey(
        "circulation.Payment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(db_index=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    # when the order was closed as expired; kept if the gateway reports it paid afterwards
    expired_at = models.DateTimeField(null=True, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)
    refunded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    refund_reason = models.CharField(max_length=255, blank=True)
    # paid twice: the reader's order for the same thing that was paid first (while this one was
    # still open at the gateway). This one charged no fee, gave no receipt nor service; its money
    # is owed back to the reader (refunded by hand, recorded with ``order_refund``).
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects: models.Manager[Order] = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "purpose", "subject_id"])]
        verbose_name = _("giao dịch thanh toán")

    def __str__(self) -> str:
        return self.txn_ref


class Receipt(models.Model):
    """A receipt (biên lai), numbered per library and year: BL-<library>-<year>-<n>."""

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="receipt")
    year = models.PositiveIntegerField()
    seq = models.PositiveIntegerField()
    number = models.CharField(_("số biên lai"), max_length=48, unique=True)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    issued_at = models.DateTimeField()

    objects: models.Manager[Receipt] = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["library", "year", "seq"], name="payments_receipt_seq")
        ]
        verbose_name = _("biên lai")

    def __str__(self) -> str:
        return self.number


class ReceiptCounter(models.Model):
    """The last receipt number a library gave in a year (locked while the next is taken)."""

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["library", "year"], name="payments_receipt_counter")
        ]


class SandboxTransaction(models.Model):
    """What the sandbox gateway (standing in for VNPay on this machine) remembers of a payment
    begun on its page: opened (no response code yet), then paid, failed or cancelled; enough
    to answer its IPN and the merchant's transaction query (querydr). Never card data."""

    txn_ref = models.CharField(max_length=32, db_index=True)
    transaction_no = models.CharField(max_length=16, unique=True)
    amount_x100 = models.PositiveBigIntegerField()
    response_code = models.CharField(max_length=4, blank=True)  # "" while the page is open
    # the merchant's vnp_CreateDate (yyyyMMddHHmmss, Vietnam): querydr asks by it with the ref
    create_date = models.CharField(max_length=14, blank=True)
    bank_code = models.CharField(max_length=20, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
