"""Cross-cutting records: the audit log, the search outbox and background jobs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One staff write: who, when, for which library, what changed. Never edited."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    network = models.ForeignKey(
        "network.Network", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    library = models.ForeignKey(
        "network.Library", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("hành động"), max_length=100, db_index=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=255, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["library", "-created_at"])]
        verbose_name = _("mục nhật ký")
        verbose_name_plural = _("nhật ký thao tác")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class OutboxEntry(models.Model):
    """A searchable object changed; the worker feeds it to the index and deletes the row.

    Written in the same transaction as the change, so a crash between commit and indexing loses
    nothing: the row is still here when the worker comes back.
    """

    topic = models.CharField(max_length=50)
    object_id = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["topic", "object_id"]),
            # the few entries that failed on their own, read at the start of every drain
            models.Index(
                fields=["id"], condition=models.Q(attempts__gt=0), name="core_outbox_failed"
            ),
        ]


class Job(models.Model):
    """A background job a user can follow: progress, outcome, errors and a downloadable report."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang chạy")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Lỗi")

    kind = models.CharField(_("loại"), max_length=100, db_index=True)
    title = models.CharField(_("tiêu đề"), max_length=255)
    network = models.ForeignKey(
        "network.Network", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    library = models.ForeignKey(
        "network.Library", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(null=True, blank=True)
    message = models.CharField(max_length=500, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    report = models.FileField(upload_to="jobs/%Y/%m/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("tác vụ nền")
        verbose_name_plural = _("tác vụ nền")

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int | None:
        if not self.progress_total:
            return None
        return min(100, int(100 * self.progress_done / self.progress_total))
