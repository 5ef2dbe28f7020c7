"""Bibliographic records of the union catalogue. They belong to the network, not to a library.

The MARC record is the source of truth (``marc``, MARC-in-JSON); the other columns are extracted
from it by ``catalog.marc_extract`` whenever the record is written, for display, matching,
sorting and indexing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .titles import shown_title


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
    # Where the record was catalogued. Until a copy is added, the record is seen as that
    # library's holdings are (holdings/visibility.py): a title catalogued by a library hidden
    # from the public (an armed-forces library) is not public in the meantime, since a title
    # alone can be sensitive (issue 19). Empty: a union-catalogue record, public.
    cataloguing_library = models.ForeignKey(
        "network.Library",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["id"]
        indexes = [
            # the staff catalogue's list of a network's records, newest first, walked by key,
            # and OAI-PMH's harvest by datestamp with a keyset cursor (its prefix)
            # (``selectors.record_keyset_page``); with is_deleted last it also counts them from
            # the index alone (Django writes ``is_deleted=False`` as ``NOT is_deleted``, which
            # an index with is_deleted before updated_at could not use for the order)
            models.Index(
                fields=["network", "updated_at", "id", "is_deleted"], name="catalog_rec_browse"
            ),
        ]
        verbose_name = _("biểu ghi thư mục")
        verbose_name_plural = _("biểu ghi thư mục")

    def __str__(self) -> str:
        return shown_title(self.title)[:120]


class TombstoneReason(models.TextChoices):
    DELETED = "deleted", _("Đã xoá")
    MERGED = "merged", _("Đã gộp vào biểu ghi khác")
    MOVED = "moved", _("Đã chuyển sang mạng lưới khác")
    # no longer shown to the public (its libraries' holdings were hidden, issue 19); removed
    # when the record is shown again
    HIDDEN = "hidden", _("Đã ẩn khỏi công chúng")


class RecordTombstone(models.Model):
    """A record that left a network's catalogue: deleted, merged into another record, or moved
    to another network when its network was merged. Written by the service that removes the
    record, in the same transaction, and never removed: OAI-PMH reports it as deleted forever
    (``deletedRecord`` persistent). ``record_id`` is a plain number so the tombstone outlives
    the record's row."""

    record_id = models.BigIntegerField()
    network = models.ForeignKey("network.Network", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=10, choices=TombstoneReason.choices)
    merged_into_id = models.BigIntegerField(null=True, blank=True)
    datestamp = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record_id", "network"], name="tombstone_unique")
        ]
        indexes = [
            models.Index(fields=["network", "datestamp", "record_id"], name="catalog_tomb_oai"),
            models.Index(fields=["datestamp", "record_id"], name="catalog_tomb_date"),
        ]
        verbose_name = _("biểu ghi đã rời mục lục")
        verbose_name_plural = _("biểu ghi đã rời mục lục")

    def __str__(self) -> str:
        return f"{self.record_id} ({self.reason})"


class RecordSetLeave(models.Model):
    """A live record that left one OAI-PMH set while staying in the catalogue: its last copy in
    a library moved to another library (``library:<code>``, and the ``type:`` and ``group:``
    sets that library gave it), its library changed type or group, or its material type
    changed (``material:<type>``). OAI-PMH lists it as deleted in that set, dated when it left,
    for ever (``deletedRecord`` persistent); the row goes when the record comes back into the
    set (``services.set_leaves``). ``record_id`` is a plain number, as in ``RecordTombstone``."""

    record_id = models.BigIntegerField()
    set_spec = models.CharField(max_length=200)
    network = models.ForeignKey("network.Network", on_delete=models.PROTECT, related_name="+")
    datestamp = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record_id", "set_spec"], name="set_leave_unique")
        ]
        indexes = [
            # a set's listing after the resumption token's (datestamp, record id): an index seek
            models.Index(fields=["set_spec", "datestamp", "record_id"], name="catalog_leave_oai"),
        ]
        verbose_name = _("biểu ghi đã rời một tập hợp OAI-PMH")
        verbose_name_plural = _("biểu ghi đã rời một tập hợp OAI-PMH")

    def __str__(self) -> str:
        return f"{self.record_id} left {self.set_spec}"


class HarvestXml(models.Model):
    """A record's ``marc21`` and ``oai_dc`` as harvesters get them, serialised once
    (``catalog.marcxml.fragment``) instead of on every harvest page. Current while ``stamp``
    equals the record's ``updated_at`` (every change of a record moves it, as OAI-PMH's
    datestamp wants); a stale or missing row is never served: the page writes that record from
    its MARC. The worker catches up every minute (``services.harvest_xml_refresh``)."""

    record = models.OneToOneField(
        Record, primary_key=True, on_delete=models.CASCADE, related_name="harvest_xml"
    )
    stamp = models.DateTimeField()
    marc21 = models.TextField()
    oai_dc = models.TextField()

    class Meta:
        verbose_name = _("XML của biểu ghi cho máy thu thập")
        verbose_name_plural = _("XML của biểu ghi cho máy thu thập")

    def __str__(self) -> str:
        return f"{self.record_id} @ {self.stamp}"


class RecordIdentifier(models.Model):
    """An identifier of a record used for matching on import: one row per value.

    ``kind`` is ``isbn`` (ISBN-13 digits), ``issn``, ``035`` (system number as written) or
    ``001`` (``"<003>|<001>"``). The (network, kind, value) index makes a batch of lookups one
    query, which keeps an import of a million records free of per-record queries.
    """

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="identifiers")
    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8)
    value = models.CharField(max_length=255)

    class Meta:
        indexes = [models.Index(fields=["network", "kind", "value"], name="catalog_ident_lookup")]
        verbose_name = _("định danh biểu ghi")
        verbose_name_plural = _("định danh biểu ghi")

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


class AuthorityKind(models.TextChoices):
    PERSONAL = "personal", _("Tên cá nhân")
    CORPORATE = "corporate", _("Tên tập thể")
    SUBJECT = "subject", _("Chủ đề")
    GEOGRAPHIC = "geographic", _("Địa danh")


class Authority(models.Model):
    """An authorised heading of the network: a person, a body, a subject or a place."""

    network = models.ForeignKey(
        "network.Network", on_delete=models.PROTECT, related_name="authorities"
    )
    kind = models.CharField(_("loại"), max_length=20, choices=AuthorityKind.choices)
    heading = models.CharField(_("tiêu đề chuẩn"), max_length=255)
    heading_folded = models.CharField(max_length=255, db_index=True)
    dates = models.CharField(_("năm sinh - năm mất"), max_length=50, blank=True)
    variants = models.JSONField(_("tiêu đề không chuẩn"), default=list, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    marc = models.JSONField(_("biểu ghi MARC"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["heading_folded", "id"]
        indexes = [models.Index(fields=["network", "kind", "heading_folded"])]
        verbose_name = _("biểu ghi chuẩn")
        verbose_name_plural = _("biểu ghi chuẩn")

    def __str__(self) -> str:
        return self.heading

    @property
    def control_subfield(self) -> str:
        """The $0 value that ties a heading in a bibliographic record to this authority."""
        return f"(thuvien){self.pk}"


class RecordAuthority(models.Model):
    """A heading of a record (field ``tag``) controlled by an authority."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="authority_links")
    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="record_links")
    tag = models.CharField(max_length=3)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["record", "authority", "tag"], name="record_authority_unique"
            )
        ]
        verbose_name = _("liên kết biểu ghi chuẩn")
        verbose_name_plural = _("liên kết biểu ghi chuẩn")

    def __str__(self) -> str:
        return f"{self.record_id} {self.tag} -> {self.authority_id}"
