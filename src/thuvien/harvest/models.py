"""Partner repositories harvested over OAI-PMH, the runs, and which local record each
harvested identifier became.

A partner belongs to a network (its administrators configure it). Its harvest state is the
``harvested_until`` responseDate of the last complete run (the next run asks ``from`` it) and,
while a run is unfinished, the resumption token of the next page to fetch.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Partner(models.Model):
    class Prefix(models.TextChoices):
        OAI_DC = "oai_dc", _("Dublin Core (oai_dc)")
        MARC21 = "marc21", _("MARC 21 (MARCXML)")

    class Target(models.TextChoices):
        UNION = "union", _("Mục lục liên hợp")
        PARTNER = "partner", _("Bộ sưu tập đối tác (không có bản tại đây)")

    network = models.ForeignKey(
        "network.Network", on_delete=models.CASCADE, related_name="oai_partners"
    )
    name = models.CharField(_("tên đối tác"), max_length=200)
    base_url = models.URLField(_("địa chỉ OAI-PMH"), max_length=500)
    metadata_prefix = models.CharField(
        _("định dạng"), max_length=20, choices=Prefix.choices, default=Prefix.MARC21
    )
    set_spec = models.CharField(_("tập hợp (set)"), max_length=200, blank=True)
    target = models.CharField(
        _("đưa vào"), max_length=10, choices=Target.choices, default=Target.PARTNER
    )
    interval_hours = models.PositiveIntegerField(
        _("chu kỳ thu thập (giờ)"), default=24, help_text=_("0: chỉ thu thập khi bấm nút.")
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    harvested_until = models.CharField(max_length=30, blank=True)  # the partner's responseDate
    resume_token = models.TextField(blank=True)
    resume_from = models.CharField(max_length=30, blank=True)
    resume_started = models.CharField(max_length=30, blank=True)
    next_run_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("kho đối tác OAI-PMH")
        verbose_name_plural = _("kho đối tác OAI-PMH")

    def __str__(self) -> str:
        return self.name


class HarvestRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("Đang chạy")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Dừng giữa chừng")

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="runs")
    job = models.ForeignKey(
        "core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    from_date = models.CharField(max_length=30, blank=True)
    resumed = models.BooleanField(default=False)
    pages = models.PositiveIntegerField(default=0)
    came = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    deleted = models.PositiveIntegerField(default=0)
    # new identifiers that duplicated a local record (ISBN, or title + author + year) and were
    # joined to it instead of becoming a second record
    merged = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    refusals = models.JSONField(default=list, blank=True)  # [{"identifier", "reason"}], capped
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("lượt thu thập")
        verbose_name_plural = _("lượt thu thập")

    def __str__(self) -> str:
        return f"{self.partner} {self.started_at:%Y-%m-%d %H:%M}"


class HarvestedRecord(models.Model):
    """One identifier of a partner and the local record it became (kept after a deletion, so
    the partner's tombstone is applied once and a record that comes back is recognised)."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="records")
    identifier = models.CharField(max_length=255)
    record = models.ForeignKey(
        "catalog.Record", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    datestamp = models.CharField(max_length=30, blank=True)
    deleted = models.BooleanField(default=False)
    # joined to a local record it duplicates: the partner also holds that work; the local
    # cataloguing is never overwritten or deleted by the partner's changes
    merged = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "identifier"], name="harvest_record_identifier"
            )
        ]

    def __str__(self) -> str:
        return self.identifier
