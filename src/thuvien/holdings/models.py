"""Items: the copies each library holds under a shared bibliographic record."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thuvien.core.scoping import LibraryScopedManager
from thuvien.network.models import ShelfVisibility


class ItemStatus(models.TextChoices):
    AVAILABLE = "available", _("Sẵn sàng")
    ON_LOAN = "on_loan", _("Đang cho mượn")
    IN_TRANSIT = "in_transit", _("Đang luân chuyển")
    ON_HOLD_SHELF = "on_hold_shelf", _("Trên giá giữ chỗ")
    LOST = "lost", _("Bị mất")
    DAMAGED = "damaged", _("Hư hỏng")
    WITHDRAWN = "withdrawn", _("Đã thanh lý")
    IN_PROCESSING = "in_processing", _("Đang xử lý")


class ItemType(models.TextChoices):
    """The item types circulation rules are written against."""

    BOOK = "book", _("Sách")
    CHILDREN = "children", _("Sách thiếu nhi")
    TEXTBOOK = "textbook", _("Sách giáo khoa")
    REFERENCE = "reference", _("Tài liệu tra cứu (đọc tại chỗ)")
    SERIAL = "serial", _("Báo, tạp chí")
    THESIS = "thesis", _("Luận văn, luận án")
    AUDIOVISUAL = "audiovisual", _("Tài liệu nghe nhìn")
    MAP = "map", _("Bản đồ")
    LOCAL_HISTORY = "local_history", _("Tài liệu địa chí")
    RARE = "rare", _("Tài liệu quý hiếm")


class Item(models.Model):
    library = models.ForeignKey(
        "network.Library",
        on_delete=models.PROTECT,
        related_name="items",
        verbose_name=_("thư viện"),
    )
    record = models.ForeignKey(
        "catalog.Record",
        on_delete=models.PROTECT,
        related_name="items",
        verbose_name=_("biểu ghi"),
    )
    barcode = models.CharField(_("mã vạch"), max_length=50, unique=True)
    location = models.ForeignKey(
        "network.Location",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
        verbose_name=_("vị trí"),
    )
    call_number = models.CharField(_("ký hiệu xếp giá"), max_length=100, blank=True)
    item_type = models.CharField(
        _("loại bản sao"), max_length=20, choices=ItemType.choices, default=ItemType.BOOK
    )
    price = models.DecimalField(_("giá"), max_digits=12, decimal_places=0, null=True, blank=True)
    acquired_on = models.DateField(_("ngày bổ sung"), null=True, blank=True, db_index=True)
    acquisition_source = models.CharField(_("nguồn bổ sung"), max_length=255, blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=ItemStatus.choices,
        default=ItemStatus.AVAILABLE,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    # normal / restricted reading / not shown (network.ShelfVisibility); see holdings.visibility
    visibility = models.CharField(
        _("hiển thị"),
        max_length=20,
        choices=ShelfVisibility.choices,
        default=ShelfVisibility.NORMAL,
        db_default=ShelfVisibility.NORMAL,
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LibraryScopedManager()

    class Meta:
        ordering = ["library_id", "barcode"]
        indexes = [models.Index(fields=["record", "library"])]
        verbose_name = _("bản sao")
        verbose_name_plural = _("bản sao")

    def __str__(self) -> str:
        return self.barcode
