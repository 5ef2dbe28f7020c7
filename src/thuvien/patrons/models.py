"""Readers (patrons), their categories, cards, and the consents the data-protection law asks for.

A reader belongs to a home library (``library``) and may borrow elsewhere in the network when
the setting ``circulation.borrow_anywhere`` allows it. The card number is unique across the
whole installation so that any desk, SIP2 terminal or portal can find the reader by it.

Personal data (Law 91/2025 on Personal Data Protection): every registration records explicit
consent with its time and purpose (``Consent``); a child needs a parent's or guardian's consent;
a reader can export their data and ask for deletion (``DeletionRequest``), which anonymises the
row and keeps only what statistics need (category, home library, year of birth).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thuvien.core.scoping import LibraryScopedManager


class CategoryCode(models.TextChoices):
    ADULT = "adult", _("Người lớn")
    CHILD = "child", _("Thiếu nhi")
    PUPIL = "pupil", _("Học sinh")
    STUDENT = "student", _("Sinh viên")
    STAFF = "staff", _("Cán bộ, viên chức")
    ARMED_FORCES = "armed_forces", _("Lực lượng vũ trang")
    GUEST = "guest", _("Khách vãng lai")


class PatronCategory(models.Model):
    """A category of readers in a network; loan rules are written against its ``code``."""

    network = models.ForeignKey(
        "network.Network", on_delete=models.CASCADE, related_name="patron_categories"
    )
    code = models.CharField(_("mã"), max_length=20, choices=CategoryCode.choices)
    name_vi = models.CharField(_("tên tiếng Việt"), max_length=100)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=100, blank=True)
    needs_guardian = models.BooleanField(
        _("cần cha mẹ hoặc người giám hộ đồng ý"),
        default=False,
        help_text=_("Bạn đọc dưới 16 tuổi đăng ký cần sự đồng ý của cha mẹ hoặc người giám hộ."),
    )
    card_validity_months = models.PositiveSmallIntegerField(_("thời hạn thẻ (tháng)"), default=12)
    registration_fee = models.DecimalField(
        _("lệ phí làm thẻ"), max_digits=12, decimal_places=0, default=0
    )

    class Meta:
        ordering = ["network_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["network", "code"], name="patron_category_unique_code")
        ]
        verbose_name = _("loại bạn đọc")
        verbose_name_plural = _("loại bạn đọc")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the page's language (English when the network gave one)."""
        from django.utils.translation import get_language

        return self.name_en if get_language() == "en" and self.name_en else self.name_vi


class Language(models.TextChoices):
    VI = "vi", "Tiếng Việt"
    EN = "en", "English"


class Patron(models.Model):
    """A reader. ``__str__`` is the card number, never the name (audit entries show it)."""

    library = models.ForeignKey(
        "network.Library",
        on_delete=models.PROTECT,
        related_name="patrons",
        verbose_name=_("thư viện đăng ký"),
    )
    network = models.ForeignKey(
        "network.Network", on_delete=models.PROTECT, related_name="+", editable=False
    )
    card_number = models.CharField(_("số thẻ"), max_length=32, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="patron",
    )
    full_name = models.CharField(_("họ và tên"), max_length=255)
    name_folded = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    category = models.ForeignKey(
        PatronCategory, on_delete=models.PROTECT, related_name="patrons", verbose_name=_("loại")
    )
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    gender = models.CharField(
        _("giới tính"),
        max_length=1,
        blank=True,
        choices=[("f", _("Nữ")), ("m", _("Nam")), ("o", _("Khác"))],
    )
    id_number = models.CharField(_("số định danh/CCCD"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True, db_index=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    guardian_name = models.CharField(_("cha mẹ hoặc người giám hộ"), max_length=255, blank=True)
    guardian_phone = models.CharField(_("điện thoại người giám hộ"), max_length=20, blank=True)
    photo = models.FileField(_("ảnh"), upload_to="patrons/photos/", blank=True)
    registered_on = models.DateField(_("ngày đăng ký"))
    expires_on = models.DateField(_("ngày hết hạn thẻ"), db_index=True)
    blocked_reason = models.CharField(_("lý do khóa thẻ"), max_length=255, blank=True)
    language = models.CharField(
        _("ngôn ngữ"), max_length=2, choices=Language.choices, default=Language.VI
    )
    keep_history = models.BooleanField(_("lưu lịch sử mượn"), default=False)
    notify_email = models.BooleanField(_("nhận thông báo qua thư điện tử"), default=True)
    notify_sms = models.BooleanField(_("nhận thông báo qua tin nhắn"), default=False)
    is_anonymised = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LibraryScopedManager()
    # For services that must find a reader of another library of the network (a desk serving a
    # visiting reader, a SIP2 terminal, the portal). Every use filters by network explicitly.
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["library_id", "card_number"]
        verbose_name = _("bạn đọc")
        verbose_name_plural = _("bạn đọc")
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return self.card_number

    @property
    def is_blocked(self) -> bool:
        return bool(self.blocked_reason)


class CardSequence(models.Model):
    """The next card number of a library; locked while a number is taken."""

    library = models.OneToOneField(
        "network.Library", on_delete=models.CASCADE, related_name="card_sequence"
    )
    next_number = models.PositiveIntegerField(default=1)


class ConsentPurpose(models.TextChoices):
    REGISTRATION = "registration", _("Đăng ký và quản lý thẻ bạn đọc, mượn trả tài liệu")
    NOTICES = "notices", _("Gửi thông báo mượn trả qua thư điện tử hoặc tin nhắn")
    HISTORY = "history", _("Lưu lịch sử mượn tài liệu")
    PHOTO = "photo", _("Lưu ảnh chân dung trên thẻ")


class Consent(models.Model):
    """One explicit consent: who gave it, when, for what purpose; withdrawn keeps the row."""

    patron = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("mục đích"), max_length=20, choices=ConsentPurpose.choices)
    given_by_guardian = models.BooleanField(_("do cha mẹ/người giám hộ đồng ý"), default=False)
    guardian_name = models.CharField(max_length=255, blank=True)
    given_at = models.DateTimeField(_("thời điểm đồng ý"))
    withdrawn_at = models.DateTimeField(_("thời điểm rút lại"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text_version = models.CharField(max_length=20, default="2026-01")

    class Meta:
        ordering = ["patron_id", "given_at"]
        verbose_name = _("sự đồng ý")
        verbose_name_plural = _("sự đồng ý")


class DeletionRequest(models.Model):
    """A reader's request to delete their data; staff process it (anonymisation)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ xử lý")
        DONE = "done", _("Đã xóa (ẩn danh hóa)")
        REFUSED = "refused", _("Từ chối")

    library = models.ForeignKey("network.Library", on_delete=models.CASCADE, related_name="+")
    patron = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="deletion_requests")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField()
    processed_at = models.DateTimeField(null=True, blank=True)
    processed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("yêu cầu xóa dữ liệu")
        verbose_name_plural = _("yêu cầu xóa dữ liệu")
