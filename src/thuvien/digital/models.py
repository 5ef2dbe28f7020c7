"""The central digital library: objects, their files and pages, structure, collections.

Objects, files and pages belong to one library (``LibraryScopedManager``); collections belong to
a library or, with no library, to the whole network. Masters live on the Django storage API;
derivatives (pyramids, thumbnails, PDFs) are a cache under the data directory that can be
rebuilt from the masters.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thuvien.core.scoping import LibraryScopedManager


class ObjectType(models.TextChoices):
    BOOK = "book", _("Sách")
    MAP = "map", _("Bản đồ")
    MANUSCRIPT = "manuscript", _("Bản thảo, văn bản Hán Nôm")
    THESIS = "thesis", _("Luận văn, luận án")
    PHOTOS = "photos", _("Tập ảnh")
    NEWSPAPER = "newspaper", _("Báo, tạp chí")
    AUDIO = "audio", _("Ghi âm")
    VIDEO = "video", _("Ghi hình")
    DOCUMENT = "document", _("Tài liệu số")


class RightsStatus(models.TextChoices):
    PUBLIC_DOMAIN = "public_domain", _("Phạm vi công cộng")
    IN_COPYRIGHT_PERMITTED = "in_copyright", _("Còn bản quyền, được chủ sở hữu cho phép")
    ORPHAN = "orphan", _("Tác phẩm mồ côi (không xác định được chủ sở hữu)")
    UNKNOWN = "unknown", _("Chưa xác định")


class AccessLevel(models.TextChoices):
    OPEN = "open", _("Mở cho mọi người")
    REGISTERED = "registered", _("Bạn đọc đã đăng ký")
    ONSITE = "onsite", _("Chỉ đọc tại thư viện")
    RESTRICTED = "restricted", _("Hạn chế (cán bộ hoặc bạn đọc được cấp quyền)")
    PAID = "paid", _("Có thu phí")


class Collection(models.Model):
    """A collection or sub-collection of one library, or of the whole network (no library)."""

    network = models.ForeignKey("network.Network", on_delete=models.PROTECT, related_name="+")
    library = models.ForeignKey(
        "network.Library", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.SlugField(_("mã"), max_length=64)
    title_vi = models.CharField(_("tên (tiếng Việt)"), max_length=255)
    title_en = models.CharField(_("tên (tiếng Anh)"), max_length=255, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["network", "code"], name="digital_collection_code")
        ]
        verbose_name = _("bộ sưu tập số")

    def __str__(self) -> str:
        return self.title_vi


class DigitalObject(models.Model):
    """A digitised or born-digital document of one library."""

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    network = models.ForeignKey("network.Network", on_delete=models.PROTECT, related_name="+")
    record = models.ForeignKey(
        "catalog.Record",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="digital_objects",
        verbose_name=_("biểu ghi thư mục"),
    )
    collections = models.ManyToManyField(Collection, blank=True, related_name="members")
    object_type = models.CharField(
        _("loại"), max_length=16, choices=ObjectType.choices, default=ObjectType.BOOK
    )
    title = models.CharField(_("nhan đề"), max_length=500)
    # Dublin Core (DCMI terms, TCVN 7980-2:2024): {"dcterms:creator": ["..."], ...}
    dc = models.JSONField(_("siêu dữ liệu Dublin Core"), default=dict, blank=True)
    language = models.CharField(_("ngôn ngữ"), max_length=8, default="vie")
    rights_status = models.CharField(
        _("tình trạng bản quyền"),
        max_length=16,
        choices=RightsStatus.choices,
        default=RightsStatus.UNKNOWN,
    )
    licence = models.URLField(_("giấy phép"), blank=True)
    access = models.CharField(
        _("quyền truy cập"), max_length=16, choices=AccessLevel.choices, default=AccessLevel.OPEN
    )
    embargo_until = models.DateField(_("cấm truy cập đến ngày"), null=True, blank=True)
    # Paid use (access "paid"): whole đồng, set by the owning library; no floats for money.
    price = models.PositiveIntegerField(_("phí sử dụng (đồng)"), null=True, blank=True)
    # Downloads a reader may make of this object a day; empty: the library's setting.
    download_limit = models.PositiveIntegerField(
        _("số lần tải về mỗi ngày của một bạn đọc"), null=True, blank=True
    )
    published = models.BooleanField(_("đã công bố"), default=False)
    # An ingest in progress: invisible everywhere until the last page is in (a rerun continues).
    ingest_complete = models.BooleanField(default=False)
    ingest_key = models.CharField(max_length=64, blank=True, db_index=True)
    thumbnail_page = models.ForeignKey(
        "Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ocr_language = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LibraryScopedManager()
    # The portal, the IIIF server and the index read every library's published objects; each
    # use filters on ``published``/``ingest_complete`` and decides access per object.
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("tài liệu số")
        indexes = [
            models.Index(fields=["record", "published"]),
            # OAI-PMH lists objects in datestamp order with a keyset cursor
            models.Index(fields=["updated_at", "id"], name="digital_obj_oai"),
        ]

    def __str__(self) -> str:
        return self.title[:120]


class DigitalFile(models.Model):
    """A master file as received (a page image, a PDF, a recording), with its checksum."""

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    obj = models.ForeignKey(DigitalObject, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(_("tên tệp"), max_length=255)
    storage_name = models.CharField(max_length=500)
    mime = models.CharField(max_length=100)
    kind = models.CharField(max_length=16)
    size = models.BigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    screening = models.JSONField(default=dict, blank=True)
    screened_at = models.DateTimeField(null=True, blank=True)
    fixity_checked_at = models.DateTimeField(null=True, blank=True)
    fixity_ok = models.BooleanField(default=True)
    replaced = models.BooleanField(default=False)
    # The master that took this one's place (a replaced page); the old one is kept and audited.
    replaced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["obj_id", "id"]
        verbose_name = _("tệp gốc")

    def __str__(self) -> str:
        return self.name


class FileEvent(models.Model):
    """PREMIS-like event on a file: ingest, screening, fixity check, derivative, replacement."""

    class Kind(models.TextChoices):
        INGEST = "ingest", _("Tiếp nhận")
        SCREENING = "screening", _("Kiểm tra an toàn")
        FIXITY = "fixity", _("Kiểm tra toàn vẹn")
        DERIVATIVE = "derivative", _("Tạo bản phái sinh")
        REPLACED = "replaced", _("Thay thế")

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    file = models.ForeignKey(DigitalFile, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    outcome = models.CharField(max_length=16, default="success")
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["file_id", "at", "id"]


def image_version(sha256: str, file_page: int) -> str:
    """The version of a page's image: 12 hex digits from its master's checksum and its page in
    that master. A replaced or reordered page shows another image and gets another version, so
    the IIIF URLs that carry it may be cached for good (``iiif.views``)."""
    return hashlib.sha256(f"{sha256}:{file_page}".encode()).hexdigest()[:12]


class Page(models.Model):
    """One page (canvas) of an object: its image, size and text."""

    class OcrStatus(models.TextChoices):
        NONE = "none", _("Chưa nhận dạng")
        PENDING = "pending", _("Đang chờ nhận dạng")
        DONE = "done", _("Đã nhận dạng")
        FAILED = "failed", _("Nhận dạng lỗi")
        CORRECTED = "corrected", _("Đã hiệu đính")

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    obj = models.ForeignKey(DigitalObject, on_delete=models.CASCADE, related_name="pages")
    file = models.ForeignKey(DigitalFile, on_delete=models.PROTECT, related_name="pages")
    # page of a multi-page master (a PDF); 0 for an image
    file_page = models.PositiveIntegerField(default=0)
    seq = models.PositiveIntegerField()
    label = models.CharField(max_length=64, blank=True)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    derivative_ready = models.BooleanField(default=False)
    text = models.TextField(blank=True)
    # word boxes from hOCR: [[word, x, y, w, h], ...] in full-image pixels
    words = models.JSONField(default=list, blank=True)
    ocr_status = models.CharField(max_length=16, choices=OcrStatus.choices, default="none")
    ocr_confidence = models.FloatField(null=True, blank=True)
    needs_review = models.BooleanField(default=False)
    # A time-based canvas: "audio" or "video" with its duration in seconds; "" for an image.
    media = models.CharField(max_length=8, blank=True, default="")
    duration = models.FloatField(null=True, blank=True)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["obj_id", "seq"]
        constraints = [models.UniqueConstraint(fields=["obj", "seq"], name="digital_page_seq")]

    def __str__(self) -> str:
        return f"{self.obj_id}/{self.seq}"

    @property
    def image_version(self) -> str:
        """See ``image_version`` (reads the master's checksum: select ``file`` with the page)."""
        return image_version(self.file.sha256, self.file_page)


class Range(models.Model):
    """A part of an object's structure (a chapter): a label over pages first..last."""

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    obj = models.ForeignKey(DigitalObject, on_delete=models.CASCADE, related_name="ranges")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    label = models.CharField(max_length=255)
    first_seq = models.PositiveIntegerField()
    last_seq = models.PositiveIntegerField()
    order = models.PositiveIntegerField(default=0)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["obj_id", "order", "first_seq"]


class AccessGrant(models.Model):
    """A reader granted a restricted object."""

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    obj = models.ForeignKey(DigitalObject, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    until = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        constraints = [models.UniqueConstraint(fields=["obj", "user"], name="digital_grant")]


class UsageCount(models.Model):
    """Views and downloads of an object per month (read by oversight)."""

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    obj = models.ForeignKey(DigitalObject, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    views = models.PositiveIntegerField(default=0)
    downloads = models.PositiveIntegerField(default=0)
    paid_uses = models.PositiveIntegerField(default=0)
    copy_requests = models.PositiveIntegerField(default=0)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["obj", "month"], name="digital_usage_month")
        ]


class TombstoneReason(models.TextChoices):
    UNPUBLISHED = "unpublished", _("Thôi công bố")
    CLOSED = "closed", _("Không còn mở cho mọi người")
    HIDDEN = "hidden", _("Thư viện không còn công khai")


class DigitalTombstone(models.Model):
    """A digital object harvesters were shown and no longer are: unpublished, no longer open
    to everyone (access, embargo) or its library hidden from the public. OAI-PMH
    reports it as deleted from ``datestamp`` on, for ever, unless it is shown again (then the
    row goes and the object's own datestamp moves past it). ``object_id`` is a plain number
    (the row is read without the object's)."""

    object_id = models.BigIntegerField(unique=True)
    network = models.ForeignKey("network.Network", on_delete=models.PROTECT, related_name="+")
    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=16, choices=TombstoneReason.choices)
    datestamp = models.DateTimeField()

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        indexes = [models.Index(fields=["datestamp", "object_id"], name="digital_tomb_date")]
        verbose_name = _("tài liệu số đã rời kho thu thập")

    def __str__(self) -> str:
        return f"{self.object_id} ({self.reason})"


class CollectionLeave(models.Model):
    """A digital object harvesters were shown, taken out of a collection: OAI-PMH lists it as
    deleted in that collection's set (and the sets above it) from ``datestamp`` on, for ever,
    unless it is filed there again (then the row goes). Written by
    ``editing.collection_membership``, which also moves the object's own datestamp."""

    object_id = models.BigIntegerField()
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="+")
    network = models.ForeignKey("network.Network", on_delete=models.PROTECT, related_name="+")
    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    datestamp = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["object_id", "collection"], name="digital_collection_leave"
            )
        ]
        indexes = [models.Index(fields=["datestamp", "object_id"], name="digital_leave_date")]
        verbose_name = _("tài liệu số đã rời bộ sưu tập")

    def __str__(self) -> str:
        return f"{self.object_id} ← {self.collection_id}"


class ReaderDownload(models.Model):
    """How many times one reader downloaded one object on one day (the daily limit)."""

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    obj = models.ForeignKey(DigitalObject, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["obj", "user", "day"], name="digital_reader_download")
        ]


class CopyStatus(models.TextChoices):
    PENDING = "pending", _("Chờ thư viện xem xét")
    AWAITING_PAYMENT = "awaiting_payment", _("Đã duyệt, chờ thanh toán")
    READY = "ready", _("Sẵn sàng tải về")
    REFUSED = "refused", _("Thư viện từ chối")
    WITHDRAWN = "withdrawn", _("Đã hoàn tiền, bản sao bị thu hồi")


class CopyRequest(models.Model):
    """Remote copying (sao chụp từ xa): a reader asks for a copy of some pages of an object."""

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    obj = models.ForeignKey(DigitalObject, on_delete=models.CASCADE, related_name="copy_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    patron = models.ForeignKey("patrons.Patron", on_delete=models.CASCADE, related_name="+")
    pages = models.CharField(_("các trang"), max_length=200)
    seqs = models.JSONField(default=list)
    purpose = models.CharField(_("mục đích sử dụng"), max_length=500)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=CopyStatus.choices, default=CopyStatus.PENDING
    )
    fee = models.PositiveIntegerField(_("phí (đồng)"), default=0)
    reason = models.CharField(_("lý do từ chối"), max_length=500, blank=True)
    order = models.ForeignKey(
        "payments.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    available_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(db_index=True)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "created_at"])]
        verbose_name = _("yêu cầu sao chụp từ xa")

    def __str__(self) -> str:
        return f"copy {self.pk}"
