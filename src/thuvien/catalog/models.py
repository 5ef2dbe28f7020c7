"""Bibliographic records of the union catalogue. They belong to the network, not to a library.

The MARC record is the source of truth (``marc``, MARC-in-JSON); the other columns are extracted
from it by ``catalog.marc_extract`` whenever the record is written, for display, matching,
sorting and indexing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MaterialType(models.TextChoices):
    BOOK = "book", _("Sách")
    SERIAL = "serial", _("Ấn phẩm định kỳ")
    THESIS = "thesis", _("Luận văn, luận án")
    MAP = "map", _("Bản đồ")
    SCORE = "score", _("Bản nhạc")
    AUDIO = "audio", _("Tài liệu âm thanh")
    VIDEO = "video", _("Tài liệu hình ảnh động")
    MANUSCRIPT = "manuscript", _("Bản thảo, tài liệu Hán Nôm")
    LOCAL_HISTORY = "local_history", _("Tài liệu địa chí")
    ELECTRONIC = "electronic", _("Tài liệu điện tử")
    OTHER = "other", _("Khác")


class Record(models.Model):
    network = models.ForeignKey("network.Network", on_delete=models.PROTECT, related_name="records")
    marc = models.JSONField(_("biểu ghi MARC"), help_text="MARC-in-JSON")
    # Extracted fields.
    title = models.TextField(_("nhan đề"))
    title_sort = models.CharField(max_length=255, db_index=True, blank=True)
    responsibility = models.TextField(_("thông tin trách nhiệm"), blank=True)
    authors = models.JSONField(_("tác giả"), default=list, blank=True)
    publisher = models.CharField(_("nhà xuất bản"), max_length=255, blank=True)
    place = models.CharField(_("nơi xuất bản"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("năm xuất bản"), null=True, blank=True, db_index=True)
    edition = models.CharField(_("lần xuất bản"), max_length=255, blank=True)
    isbns = models.JSONField(_("ISBN"), default=list, blank=True)
    issns = models.JSONField(_("ISSN"), default=list, blank=True)
    language = models.CharField(_("ngôn ngữ"), max_length=3, blank=True, db_index=True)
    material_type = models.CharField(
        _("loại tài liệu"),
        max_length=20,
        choices=MaterialType.choices,
        default=MaterialType.BOOK,
        db_index=True,
    )
    ddc = models.CharField(_("DDC"), max_length=50, blank=True)
    subjects = models.JSONField(_("chủ đề"), default=list, blank=True)
    series = models.JSONField(_("tùng thư"), default=list, blank=True)
    physical_description = models.CharField(_("mô tả vật lý"), max_length=255, blank=True)
    notes = models.JSONField(_("phụ chú"), default=list, blank=True)
    links = models.JSONField(_("liên kết điện tử"), default=list, blank=True)
    control_number = models.CharField(max_length=100, blank=True, db_index=True)  # 001
    control_number_identifier = models.CharField(max_length=50, blank=True)  # 003
    match_key = models.CharField(max_length=255, blank=True, db_index=True)
    work_key = models.CharField(max_length=255, blank=True, db_index=True)
    is_deleted = models.BooleanField(default=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("biểu ghi thư mục")
        verbose_name_plural = _("biểu ghi thư mục")

    def __str__(self) -> str:
        return self.title[:120]
