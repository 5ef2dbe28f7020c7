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
