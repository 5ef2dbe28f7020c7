"""Files refused by screening, kept aside for the people who investigate."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class QuarantinedFile(models.Model):
    """One refused upload: what it was, why it was refused, who sent it and when.

    The bytes are kept on the storage API under ``quarantine/`` (``stored_name``), unless the
    file was larger than ``THUVIEN_QUARANTINE_MAX_BYTES`` (a refused giant is not kept: keeping
    it would let anyone fill the disk); its SHA-256 is recorded either way. Never served to
    anyone through the web.
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    purpose = models.CharField(_("mục đích"), max_length=40)
    declared_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    mime = models.CharField(_("kiểu tệp"), max_length=120, blank=True)
    size = models.BigIntegerField(_("kích thước"))
    sha256 = models.CharField(max_length=64, db_index=True)
    code = models.CharField(_("lý do"), max_length=40, db_index=True)
    reason = models.TextField(_("giải thích"), blank=True)
    details = models.JSONField(default=dict, blank=True)
    stored_name = models.CharField(max_length=255, blank=True)
    library = models.ForeignKey(
        "network.Library", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("tệp bị cách ly")
        verbose_name_plural = _("tệp bị cách ly")

    def __str__(self) -> str:
        return f"{self.declared_name or self.sha256[:12]} ({self.code})"
