"""Loan rules, loans, holds, transits, fees and payments, notices and postal loans.

Every row that belongs to one library uses the scoped manager (``objects``); the services that
work across the network (a copy returned at another library, a reader from another library)
use ``all_objects`` and always filter by network or by primary key explicitly.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thuvien.core.scoping import LibraryScopedManager


class LoanRule(models.Model):
    """One cell of the matrix library x reader category x item type (Koha's circulation rules).

    A blank ``library`` is the network-wide default, a blank ``patron_category`` or ``item_type``
    a wildcard. The most specific row wins (see ``circulation.loan_policy.rule_for``).
    """

    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="+")
    library = models.ForeignKey(
        "network.Library",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("thư viện"),
    )
    patron_category = models.CharField(_("loại bạn đọc"), max_length=20, blank=True)
    item_type = models.CharField(_("loại bản sao"), max_length=20, blank=True)
    loan_days = models.PositiveSmallIntegerField(
        _("số ngày mượn"), default=14, help_text=_("0 = không cho mượn về nhà.")
    )
    max_loans = models.PositiveSmallIntegerField(_("số tài liệu mượn tối đa"), default=5)
    renewals_allowed = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=2)
    renewal_days = models.PositiveSmallIntegerField(_("số ngày mỗi lần gia hạn"), default=14)
    fine_per_day = models.DecimalField(
        _("tiền phạt mỗi ngày quá hạn"), max_digits=12, decimal_places=0, default=1000
    )
    fine_cap = models.DecimalField(
        _("tiền phạt tối đa mỗi lượt mượn"), max_digits=12, decimal_places=0, default=50000
    )
    holds_allowed = models.BooleanField(_("cho đặt mượn trước"), default=True)
    max_holds = models.PositiveSmallIntegerField(_("số yêu cầu đặt trước tối đa"), default=5)
    hold_shelf_days = models.PositiveSmallIntegerField(_("số ngày giữ trên giá"), default=5)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["network_id", "library_id", "patron_category", "item_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "library", "patron_category", "item_type"],
                name="loan_rule_unique_cell",
            ),
            models.UniqueConstraint(
                fields=["network", "patron_category", "item_type"],
                condition=Q(library__isnull=True),
                name="loan_rule_unique_network_cell",
            ),
        ]
        verbose_name = _("quy định mượn")
        verbose_name_plural = _("quy định mượn")

    def __str__(self) -> str:
        return f"{self.library_id or '*'}/{self.patron_category or '*'}/{self.item_type or '*'}"


class Loan(models.Model):
    """A copy lent to a reader. ``library`` is the library where it was checked out.

    At most one open loan per copy: a partial unique constraint makes the database refuse a
    second one even if two desks race past the row lock.
    """

    # Not a column: the first waiting hold's id, read with the open loan by the check-in
    # (``services.loans._open_loan_of``) for the routing that follows.
    first_hold_id: int | None

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey("holdings.Item", on_delete=models.PROTECT, related_name="loans")
    patron = models.ForeignKey(
        "patrons.Patron", null=True, blank=True, on_delete=models.SET_NULL, related_name="loans"
    )
    # Kept after anonymisation, for the statistics.
    patron_category = models.CharField(max_length=20, blank=True)
    patron_library = models.ForeignKey(
        "network.Library", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(db_index=True)
    due_on = models.DateField(_("hạn trả"), db_index=True)
    renewals = models.PositiveSmallIntegerField(_("số lần đã gia hạn"), default=0)
    returned_at = models.DateTimeField(_("ngày trả"), null=True, blank=True, db_index=True)
    returned_library = models.ForeignKey(
        "network.Library", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    override_reason = models.CharField(max_length=255, blank=True)
    last_notice_level = models.PositiveSmallIntegerField(default=0)
    is_anonymised = models.BooleanField(default=False)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["-issued_at"]
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(returned_at__isnull=True),
                name="one_open_loan_per_item",
            )
        ]
        indexes = [models.Index(fields=["patron", "returned_at"])]
        verbose_name = _("lượt mượn")
        verbose_name_plural = _("lượt mượn")

    def __str__(self) -> str:
        return f"loan {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.returned_at is None


class HoldStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    IN_TRANSIT = "in_transit", _("Đang chuyển đến nơi nhận")
    READY = "ready", _("Sẵn sàng để nhận")
    FULFILLED = "fulfilled", _("Đã nhận")
    CANCELLED = "cancelled", _("Đã hủy")
    EXPIRED = "expired", _("Hết hạn giữ")


ACTIVE_HOLD_STATUSES = (HoldStatus.QUEUED, HoldStatus.IN_TRANSIT, HoldStatus.READY)


class Hold(models.Model):
    """A reader's request for a title (any copy) or one copy, picked up at ``library``."""

    library = models.ForeignKey(
        "network.Library",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("thư viện nhận sách"),
    )
    patron = models.ForeignKey(
        "patrons.Patron", null=True, on_delete=models.SET_NULL, related_name="holds"
    )
    record = models.ForeignKey("catalog.Record", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        "holdings.Item",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="holds",
        help_text="The copy asked for, or the copy assigned to the hold once trapped.",
    )
    item_level = models.BooleanField(default=False)
    status = models.CharField(
        max_length=12, choices=HoldStatus.choices, default=HoldStatus.QUEUED, db_index=True
    )
    placed_at = models.DateTimeField(db_index=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["placed_at", "id"]
        base_manager_name = "all_objects"
        indexes = [
            models.Index(fields=["record", "status"]),
            models.Index(fields=["item", "status"]),
        ]
        verbose_name = _("đặt mượn trước")
        verbose_name_plural = _("đặt mượn trước")

    def __str__(self) -> str:
        return f"hold {self.pk}"


class Transit(models.Model):
    """A copy travelling between libraries; ``library`` is where it is going."""

    class Reason(models.TextChoices):
        HOLD = "hold", _("Chuyển cho bạn đọc đặt trước")
        RETURN = "return", _("Chuyển về thư viện chủ quản")

    library = models.ForeignKey(
        "network.Library", on_delete=models.PROTECT, related_name="+", verbose_name=_("nơi đến")
    )
    from_library = models.ForeignKey(
        "network.Library", on_delete=models.PROTECT, related_name="+", verbose_name=_("nơi đi")
    )
    item = models.ForeignKey("holdings.Item", on_delete=models.PROTECT, related_name="transits")
    hold = models.ForeignKey(
        Hold, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=10, choices=Reason.choices)
    sent_at = models.DateTimeField(db_index=True)
    received_at = models.DateTimeField(null=True, blank=True)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["-sent_at"]
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["item"], condition=Q(received_at__isnull=True), name="one_open_transit"
            )
        ]
        verbose_name = _("luân chuyển")
        verbose_name_plural = _("luân chuyển")


class FeeKind(models.TextChoices):
    OVERDUE = "overdue", _("Phạt quá hạn")
    LOST = "lost", _("Bồi thường tài liệu mất")
    DAMAGED = "damaged", _("Bồi thường tài liệu hư hỏng")
    POSTAL = "postal", _("Phí mượn qua bưu chính")
    COPYING = "copying", _("Phí sao chụp tài liệu từ xa")
    CARD = "card", _("Phí cấp lại thẻ")
    OTHER = "other", _("Phí khác")


class Fee(models.Model):
    """A sum a reader owes a library; ``outstanding`` falls as payments and waivers apply."""

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    patron = models.ForeignKey(
        "patrons.Patron", null=True, on_delete=models.SET_NULL, related_name="fees"
    )
    loan = models.ForeignKey(
        Loan, null=True, blank=True, on_delete=models.SET_NULL, related_name="fees"
    )
    kind = models.CharField(_("loại phí"), max_length=10, choices=FeeKind.choices)
    amount = models.DecimalField(_("số tiền"), max_digits=12, decimal_places=0)
    outstanding = models.DecimalField(_("còn nợ"), max_digits=12, decimal_places=0)
    description = models.CharField(_("nội dung"), max_length=255, blank=True)
    created_at = models.DateTimeField(db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["created_at", "id"]
        base_manager_name = "all_objects"
        indexes = [models.Index(fields=["patron", "outstanding"])]
        verbose_name = _("khoản phí")
        verbose_name_plural = _("khoản phí")

    def __str__(self) -> str:
        return f"fee {self.pk}"


class Payment(models.Model):
    """Money received (``payment``) or a debt forgiven (``waiver``), spread over fees; or money
    given back (``refund``) of one payment (``refund_of``), which the ledger takes off."""

    class Kind(models.TextChoices):
        PAYMENT = "payment", _("Thanh toán")
        WAIVER = "waiver", _("Miễn giảm")
        REFUND = "refund", _("Hoàn tiền")

    class Method(models.TextChoices):
        CASH = "cash", _("Tiền mặt")
        TRANSFER = "transfer", _("Chuyển khoản")
        CARD = "card", _("Thẻ ngân hàng")
        OTHER = "other", _("Khác")

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    patron = models.ForeignKey(
        "patrons.Patron", null=True, on_delete=models.SET_NULL, related_name="payments"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PAYMENT)
    method = models.CharField(max_length=10, choices=Method.choices, default=Method.CASH)
    amount = models.DecimalField(_("số tiền"), max_digits=12, decimal_places=0)
    receipt_number = models.CharField(_("số biên lai"), max_length=40, unique=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    created_at = models.DateTimeField(db_index=True)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    refund_of = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="refund",
        verbose_name=_("hoàn tiền cho"),
    )

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["created_at", "id"]
        base_manager_name = "all_objects"
        verbose_name = _("thanh toán")
        verbose_name_plural = _("thanh toán")

    def __str__(self) -> str:
        return self.receipt_number


class PaymentAllocation(models.Model):
    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="allocations")
    fee = models.ForeignKey(Fee, on_delete=models.CASCADE, related_name="allocations")
    amount = models.DecimalField(max_digits=12, decimal_places=0)


class NoticeKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Sắp đến hạn trả")
    OVERDUE_1 = "overdue_1", _("Quá hạn (lần 1)")
    OVERDUE_2 = "overdue_2", _("Quá hạn (lần 2)")
    OVERDUE_3 = "overdue_3", _("Quá hạn (lần 3)")
    HOLD_READY = "hold_ready", _("Tài liệu đặt trước đã sẵn sàng")
    FEE = "fee", _("Khoản phí mới")


class NoticeChannel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn SMS")


class NoticeTemplate(models.Model):
    """A library's (or the network's) wording of a notice; built-in defaults live in code."""

    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="+")
    library = models.ForeignKey(
        "network.Library", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("loại thông báo"), max_length=12, choices=NoticeKind.choices)
    channel = models.CharField(_("kênh"), max_length=5, choices=NoticeChannel.choices)
    language = models.CharField(_("ngôn ngữ"), max_length=2, choices=[("vi", "vi"), ("en", "en")])
    subject = models.CharField(_("tiêu đề"), max_length=200, blank=True)
    body = models.TextField(_("nội dung"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network", "library", "kind", "channel", "language"],
                name="notice_template_unique",
            )
        ]
        verbose_name = _("mẫu thông báo")
        verbose_name_plural = _("mẫu thông báo")


class NoticeLog(models.Model):
    """That a notice went out (or failed). No message body: it would copy personal data."""

    library = models.ForeignKey("network.Library", on_delete=models.CASCADE, related_name="+")
    patron = models.ForeignKey(
        "patrons.Patron", null=True, on_delete=models.SET_NULL, related_name="notices"
    )
    kind = models.CharField(max_length=12, choices=NoticeKind.choices)
    channel = models.CharField(max_length=5, choices=NoticeChannel.choices)
    object_key = models.CharField(max_length=40, blank=True, db_index=True)  # "loan:12"
    status = models.CharField(max_length=10, default="sent")
    error = models.CharField(max_length=255, blank=True)
    sent_at = models.DateTimeField(db_index=True)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("nhật ký thông báo")
        verbose_name_plural = _("nhật ký thông báo")


class PostalStatus(models.TextChoices):
    REQUESTED = "requested", _("Mới yêu cầu")
    PACKED = "packed", _("Đã đóng gói")
    SENT = "sent", _("Đã gửi")
    RETURNED = "returned", _("Đã nhận lại")
    CANCELLED = "cancelled", _("Đã hủy")


class PostalRequest(models.Model):
    """A reader's request to borrow by post (mượn qua bưu chính)."""

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    patron = models.ForeignKey(
        "patrons.Patron", null=True, on_delete=models.SET_NULL, related_name="postal_requests"
    )
    address = models.CharField(_("địa chỉ nhận"), max_length=255)
    status = models.CharField(
        max_length=10, choices=PostalStatus.choices, default=PostalStatus.REQUESTED, db_index=True
    )
    parcel_number = models.CharField(_("số bưu gửi"), max_length=50, blank=True)
    return_parcel_number = models.CharField(_("số bưu gửi trả"), max_length=50, blank=True)
    fee = models.ForeignKey(Fee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    # The one-time token of the reader's form: the same form sent twice (a double click, a
    # reload) finds this request instead of making a second one (postal_request_create).
    client_token = models.CharField(max_length=64, blank=True, default="")

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["created_at", "id"]
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["patron", "client_token"],
                condition=~models.Q(client_token=""),
                name="postal_request_token_once",
            )
        ]
        verbose_name = _("yêu cầu mượn qua bưu chính")
        verbose_name_plural = _("yêu cầu mượn qua bưu chính")


class PostalLine(models.Model):
    request = models.ForeignKey(PostalRequest, on_delete=models.CASCADE, related_name="lines")
    record = models.ForeignKey("catalog.Record", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        "holdings.Item", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    loan = models.ForeignKey(
        Loan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


class ReadingPermissionStatus(models.TextChoices):
    REQUESTED = "requested", _("Chờ xét")
    GRANTED = "granted", _("Được phép")
    REFUSED = "refused", _("Không được phép")


class ReadingPermission(models.Model):
    """Restricted reading (đọc hạn chế, issue 19): a reader asks to read a copy marked
    restricted (or kept in a restricted location) in the reading room; staff record the
    decision with its reason. Written only by ``circulation.services.reading``."""

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey("holdings.Item", on_delete=models.PROTECT, related_name="+")
    patron = models.ForeignKey("patrons.Patron", on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(_("mục đích đọc"), max_length=500)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=ReadingPermissionStatus.choices,
        default=ReadingPermissionStatus.REQUESTED,
        db_index=True,
    )
    reason = models.CharField(_("lý do quyết định"), max_length=500, blank=True)
    requested_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # the reading itself (Koha's on-site checkout): the copy handed over in the reading room
    # and taken back; it never leaves the library
    handed_out_at = models.DateTimeField(_("giao đọc lúc"), null=True, blank=True)
    returned_at = models.DateTimeField(_("nhận lại lúc"), null=True, blank=True)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["-requested_at", "-id"]
        base_manager_name = "all_objects"
        verbose_name = _("phép đọc hạn chế")
        verbose_name_plural = _("phép đọc hạn chế")

    def __str__(self) -> str:
        return f"#{self.pk}"
