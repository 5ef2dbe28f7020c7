"""Vectors of records, kept in the database so the nearest-neighbour index can be rebuilt."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordEmbedding(models.Model):
    """One record's meaning vector, as the model named in ``model`` computed it.

    ``text_hash`` is the hash of the passage the vector was made from: a record edited without
    changing its title, subjects or summary is not embedded again. ``source_updated`` is the
    record's ``updated_at`` when it was read, so the catch-up finds records changed since.
    """

    record = models.OneToOneField(
        "catalog.Record", on_delete=models.CASCADE, primary_key=True, related_name="embedding"
    )
    model = models.CharField(_("mô hình"), max_length=80)
    text_hash = models.CharField(max_length=32)
    vector = models.BinaryField(_("véc-tơ"))  # float32 × DIM, little-endian
    source_updated = models.DateTimeField()
    embedded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("véc-tơ ngữ nghĩa của biểu ghi")
        verbose_name_plural = _("véc-tơ ngữ nghĩa của biểu ghi")


class BorrowedTogether(models.Model):
    """How many distinct readers borrowed both records: counts only, never who.

    Rebuilt nightly from the loans of readers who chose to keep their borrowing history (the
    "history" consent; a child's is given by a parent or guardian), keeping for each record its
    ten strongest companions with at least ``settings.AI_MIN_READERS`` readers, so no pair
    shown can point at one reader.
    """

    record = models.ForeignKey("catalog.Record", on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey("catalog.Record", on_delete=models.CASCADE, related_name="+")
    readers = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record", "other"], name="ai_borrowed_together_pair")
        ]
        indexes = [models.Index(fields=["record", "-readers"], name="ai_borrowed_together_top")]


class SuggestionsHidden(models.Model):
    """A reader who asked not to see personal suggestions in their account."""

    patron = models.OneToOneField(
        "patrons.Patron", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    hidden_at = models.DateTimeField(auto_now_add=True)


class EntityKind(models.TextChoices):
    PLACE = "place", _("Địa danh")
    PERSON = "person", _("Nhân vật")
    ORGANISATION = "organisation", _("Tổ chức")


class EntityStatus(models.TextChoices):
    PROPOSED = "proposed", _("Chờ xem xét")
    ACCEPTED = "accepted", _("Đã nhận làm chủ đề")
    REJECTED = "rejected", _("Đã bỏ qua")


class EntityProposal(models.Model):
    """A name found in a record's text (notes, digitised text), proposed to staff as a subject.

    Accepted, it becomes a subject field of the record (651, 600 or 610) and a value of the
    portal's "Địa danh" / "Nhân vật" facets; rejected, it is not proposed again.
    """

    record = models.ForeignKey("catalog.Record", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("loại"), max_length=20, choices=EntityKind.choices)
    name = models.CharField(_("tên"), max_length=255)
    mentions = models.PositiveIntegerField(_("số lần nhắc đến"), default=1)
    authority = models.ForeignKey(
        "catalog.Authority", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=EntityStatus.choices, default=EntityStatus.PROPOSED
    )
    decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["record_id", "-mentions", "name"]
        constraints = [
            models.UniqueConstraint(fields=["record", "kind", "name"], name="ai_entity_once")
        ]
        indexes = [models.Index(fields=["record", "status"], name="ai_entity_record_status")]


class DigitalPassage(models.Model):
    """A passage of a digitised page's text (about 100 words), with its meaning vector and the
    names found in it.

    Made by the worker from ``digital.Page.text`` when the outbox says an object changed; the
    page's passages are replaced when its text changes, and a passage whose text is unchanged
    keeps its vector and names (``text_hash``). Who may read a passage is decided when it is
    shown, by the digital library's access rule for its object (``digital.access``).
    """

    obj = models.ForeignKey("digital.DigitalObject", on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey("digital.Page", on_delete=models.CASCADE, related_name="+")
    seq = models.PositiveIntegerField(_("trang"))
    part = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    text_folded = models.TextField()  # without tone marks, lower case: the word match
    text_hash = models.CharField(max_length=32)
    model = models.CharField(max_length=80)
    vector = models.BinaryField()  # float32 × DIM, little-endian
    # [[kind, name], ...] found by the NER in this passage (cached with the passage)
    entities = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["obj_id", "seq", "part"]
        constraints = [
            models.UniqueConstraint(fields=["page", "part"], name="ai_passage_page_part")
        ]
        indexes = [models.Index(fields=["text_hash"], name="ai_passage_hash")]


class DigitalTextState(models.Model):
    """An object whose text the worker must read again (set by the outbox, cleared after)."""

    obj = models.OneToOneField(
        "digital.DigitalObject", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    dirty = models.BooleanField(default=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
