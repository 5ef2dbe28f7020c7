"""Figures kept for the authorities: each library's day, recorded once, read by every dashboard.

Past stock and past reader numbers cannot be rebuilt from events (a withdrawn copy leaves no
trace of the day it was on the shelf), so the figures that describe a state are recorded at the
end of each day; the day's events (loans, returns, new readers, holds) are recorded beside them,
so that a dashboard over a year reads 365 rows a library instead of scanning every loan
(ARCHITECTURE.md: statistics are pre-aggregated per library and day).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thuvien.core.scoping import LibraryScopedManager


class LibraryDay(models.Model):
    """One library's figures for one day (ISO 2789 / TCVN 12843 counts the system can know)."""

    library = models.ForeignKey("network.Library", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("ngày"), db_index=True)
    # State at the end of the day.
    titles = models.PositiveIntegerField(_("số tên tài liệu"), default=0)
    copies = models.PositiveIntegerField(_("số bản"), default=0)
    readers = models.PositiveIntegerField(_("bạn đọc có thẻ còn hạn"), default=0)
    # The day's events.
    copies_added = models.PositiveIntegerField(_("bản bổ sung"), default=0)
    readers_new = models.PositiveIntegerField(_("bạn đọc đăng ký mới"), default=0)
    loans = models.PositiveIntegerField(_("lượt mượn"), default=0)
    returns = models.PositiveIntegerField(_("lượt trả"), default=0)
    holds = models.PositiveIntegerField(_("lượt đặt mượn"), default=0)
    recorded_at = models.DateTimeField(auto_now=True)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012 - the unscoped manager for network-wide reads

    class Meta:
        verbose_name = _("số liệu ngày của thư viện")
        constraints = [
            models.UniqueConstraint(fields=["library", "day"], name="oversight_library_day")
        ]
        indexes = [models.Index(fields=["day", "library"], name="oversight_day_library")]

    def __str__(self) -> str:
        return f"{self.library_id} {self.day}"


class LibraryMonth(models.Model):
    """The sums of one library's days in a month, rewritten with each recorded day, so that a
    year's dashboard reads twelve rows a library instead of 365."""

    library = models.ForeignKey("network.Library", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("tháng"), help_text="the first day of the month")
    days = models.PositiveSmallIntegerField(_("số ngày đã ghi"), default=0)
    copies_added = models.PositiveIntegerField(_("bản bổ sung"), default=0)
    readers_new = models.PositiveIntegerField(_("bạn đọc đăng ký mới"), default=0)
    loans = models.PositiveIntegerField(_("lượt mượn"), default=0)
    returns = models.PositiveIntegerField(_("lượt trả"), default=0)
    holds = models.PositiveIntegerField(_("lượt đặt mượn"), default=0)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012 - the unscoped manager for network-wide reads

    class Meta:
        verbose_name = _("số liệu tháng của thư viện")
        constraints = [
            models.UniqueConstraint(fields=["library", "month"], name="oversight_library_month")
        ]
        indexes = [models.Index(fields=["month", "library"], name="oversight_month_library")]


# The figures of a LibraryDay, in the order the pages and reports show them.
STATE_FIGURES = ("titles", "copies", "readers")
EVENT_FIGURES = ("copies_added", "readers_new", "loans", "returns", "holds")


class Stocktake(models.Model):
    """Kiểm kê: every copy on the shelves of a library (or one location) scanned, compared with
    what the catalogue says should be there (Circular 18/2014 art. 9)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Đang kiểm kê")
        CLOSED = "closed", _("Đã kết thúc")

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    location = models.ForeignKey(
        "network.Location", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    reason = models.CharField(_("lý do kiểm kê"), max_length=255, blank=True)
    started_at = models.DateTimeField()
    started_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Filled at closing: what the stocktake found, kept for inspection.
    expected = models.PositiveIntegerField(default=0)
    missing = models.PositiveIntegerField(default=0)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012 - the unscoped manager for network-wide reads

    class Meta:
        verbose_name = _("đợt kiểm kê")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.library_id} {self.started_at:%Y-%m-%d}"


class ScanOutcome(models.TextChoices):
    ON_SHELF = "on_shelf", _("Đúng chỗ")
    FOUND = "found", _("Tìm thấy (đang ghi là mất)")
    MISPLACED = "misplaced", _("Sai kho")
    NOT_ON_SHELF = "not_on_shelf", _("Không lẽ ra ở trên giá")
    OTHER_LIBRARY = "other_library", _("Của thư viện khác")
    UNKNOWN = "unknown", _("Không có mã vạch này")


class StocktakeScan(models.Model):
    stocktake = models.ForeignKey(Stocktake, on_delete=models.CASCADE, related_name="scans")
    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    barcode = models.CharField(max_length=50)
    item = models.ForeignKey(
        "holdings.Item", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=16, choices=ScanOutcome.choices)
    scanned_at = models.DateTimeField()

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012 - the unscoped manager for network-wide reads

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["stocktake", "barcode"], name="stocktake_barcode_once")
        ]
