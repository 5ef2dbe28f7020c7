"""Writing bibliographic records: create, update, delete, always through MARC.

The MARC record is the source of truth; every write re-extracts the columns and the matching
identifiers from it, audits the change and queues the record for the search index (outbox
topic ``catalog.record``) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

import pymarc
from django.db import transaction
from django.utils.translation import gettext

from thuvien.core.audit import audit_record
from thuvien.core.hooks import Hook
from thuvien.core.outbox import outbox_add

from ..errors import CatalogError, CatalogErrorCode, RecordInvalid
from ..marc.extract import extract
from ..marc.field_checks import check_fields, move_invalid_isbns
from ..marc.mij import MarcDict
from ..marc.normalize import DEFAULT_LEADER, normalize_marc
from ..marc.validation import editor_from_mij, editor_from_pymarc, validate_record
from ..models import Record, RecordIdentifier, RecordTombstone, TombstoneReason
from .set_leaves import record_material_follow

if TYPE_CHECKING:
    from thuvien.accounts.models import User
    from thuvien.network.models import Library, Network

OUTBOX_TOPIC = "catalog.record"
_AUDITED = ("title", "authors", "publisher", "year", "isbns", "ddc", "material_type")
_AUDIT_TEXT = 200  # characters of a tag's old and new text kept in the audit entry
_AUDIT_TAGS = 40


def _field_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    subs = "".join(f"${c}{v}" for sub in value.get("subfields", []) for c, v in sub.items())
    return f"{value.get('ind1') or ' '}{value.get('ind2') or ' '}{subs}"


def _by_tag(marc: MarcDict | None) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for field in (marc or {}).get("fields", ()):
        for tag, value in field.items():
            tags.setdefault(tag, []).append(_field_text(value))
    return tags


def _short(texts: list[str] | None) -> str | None:
    if not texts:
        return None
    text = " | ".join(texts)
    return text if len(text) <= _AUDIT_TEXT else text[: _AUDIT_TEXT - 1] + "…"


def marc_changes(old: MarcDict | None, new: MarcDict) -> dict[str, list[Any]]:
    """The MARC tags whose fields differ between ``old`` and ``new`` (and the leader), each as
    ``"MARC 650": [old text, new text]`` (None where the tag is absent), for the audit log."""
    changes: dict[str, list[Any]] = {}
    if (old or {}).get("leader", "") != new.get("leader", ""):
        changes["MARC LDR"] = [(old or {}).get("leader"), new.get("leader")]
    before, after = _by_tag(old), _by_tag(new)
    for tag in sorted(set(before) | set(after)):
        if before.get(tag) != after.get(tag):
            if len(changes) >= _AUDIT_TAGS:
                changes["MARC …"] = [None, None]
                break
            changes[f"MARC {tag}"] = [_short(before.get(tag)), _short(after.get(tag))]
    return changes


def _marc_rules(marc: MarcDict | pymarc.Record) -> None:
    """Refuse a record that breaks the MARC21 rules the cataloguing editors show
    (``marc.validation``: leader, tags, indicators, subfields, repeatability), every problem at
    once (``catalog.marc_rules``). Checked on what was given, before normalisation pads the
    leader; a record given without a leader gets the default one."""
    try:
        if isinstance(marc, pymarc.Record):
            editor = editor_from_pymarc(marc)
        else:
            editor = editor_from_mij(marc)
    except ValueError:
        return  # not MARC-in-JSON at all: normalize_marc says what is wrong
    if not editor.leader.strip():
        editor.leader = DEFAULT_LEADER
    broken = validate_record(editor)
    if broken:
        raise RecordInvalid(
            CatalogErrorCode.MARC_RULES, " ".join(p.message for p in broken), broken
        )


def _checked(marc: MarcDict, before: MarcDict | None, confirm_warnings: bool) -> MarcDict:
    """``marc`` once its new values pass ``check_fields``: errors refuse it; warnings refuse it
    until ``confirm_warnings``, after which confirmed invalid ISBNs move to 020 $z."""
    problems = check_fields(marc, before=before)
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise RecordInvalid(
            CatalogErrorCode.FIELD_INVALID,
            " ".join(p.message for p in errors),
            problems,
        )
    warnings = [p for p in problems if p.level == "warning"]
    if warnings and not confirm_warnings:
        raise RecordInvalid(
            CatalogErrorCode.NEEDS_CONFIRMATION,
            " ".join(p.message for p in warnings),
            problems,
        )
    move_invalid_isbns(marc, {p.value for p in warnings if p.kind == "isbn_check"})
    return marc


def identifiers_for(
    record: Record, identifiers: Iterable[tuple[str, str]]
) -> list[RecordIdentifier]:
    return [
        RecordIdentifier(record=record, network_id=record.network_id, kind=k, value=v[:255])
        for k, v in identifiers
    ]


def record_create(
    *,
    network: Network,
    marc: MarcDict | pymarc.Record,
    actor: User | None = None,
    library: Library | None = None,
    confirm_warnings: bool = False,
) -> Record:
    """Add a record to the network's union catalogue; returns the saved record.

    ``library`` says where the cataloguer works: the audit log names it, and until a copy is
    added the record is seen as that library's holdings are (a hidden library's new title is
    not public meanwhile); the record belongs to the whole network. Raises CatalogError for
    malformed MARC or a record without a title, and
    ``RecordInvalid`` for values ``marc.field_checks`` refuses or wants confirmed
    (``confirm_warnings``: an ISBN with a wrong check digit is then kept in 020 $z).
    """
    _marc_rules(marc)  # every MARC21 problem at once, as the editors show them
    removed: list[str] = []
    clean = _checked(normalize_marc(marc, removed=removed), None, confirm_warnings)
    extracted = extract(clean)
    with transaction.atomic():
        record = Record(
            network=network,
            marc=clean,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            cataloguing_library=library,
            **extracted.values,
        )
        record.save()
        RecordIdentifier.objects.bulk_create(identifiers_for(record, extracted.identifiers))
        audit_record(
            actor=actor,
            action="catalog.record.created",
            obj=record,
            library=library,
            network=network,
            changes={
                "title": [None, record.title],
                **({"controls_removed": [None, removed]} if removed else {}),
            },
        )
        outbox_add(OUTBOX_TOPIC, record.pk)
    return record


def record_update(
    *,
    record: Record,
    marc: MarcDict | pymarc.Record,
    actor: Any | None = None,  # ai.services passes an untyped actor and library
    library: Any | None = None,
    confirm_warnings: bool = False,
) -> Record:
    """Replace the MARC of ``record`` and re-extract everything that depends on it.

    Values the record already had are not checked again (``record_create`` says which are)."""
    if record.is_deleted:
        raise CatalogError(CatalogErrorCode.RECORD_NOT_FOUND, gettext("Biểu ghi này đã bị xoá."))
    _marc_rules(marc)  # every MARC21 problem at once, as the editors show them
    removed: list[str] = []
    clean = _checked(normalize_marc(marc, removed=removed), record.marc, confirm_warnings)
    extracted = extract(clean)
    with transaction.atomic():
        changes = {
            name: [getattr(record, name), extracted.values[name]]
            for name in _AUDITED
            if getattr(record, name) != extracted.values[name]
        }
        changes.update(marc_changes(record.marc, clean))
        if removed:  # control characters dropped from these tags, for the audit log
            changes["controls_removed"] = [None, removed]
        material = record.material_type
        record.marc = clean
        for name, value in extracted.values.items():
            setattr(record, name, value)
        record.save(update_fields=["marc", "updated_at", *extracted.values.keys()])
        # a new material type: deleted in the old type's OAI-PMH set from now on
        record_material_follow({record.pk: (material, record.material_type)}, record.updated_at)
        # the "sha" identifier of an imported file stays, so re-running that file matches
        RecordIdentifier.objects.filter(record=record).exclude(kind="sha").delete()
        RecordIdentifier.objects.bulk_create(identifiers_for(record, extracted.identifiers))
        audit_record(
            actor=actor,
            action="catalog.record.updated",
            obj=record,
            library=library,
            network=record.network,
            changes=changes,
        )
        outbox_add(OUTBOX_TOPIC, record.pk)
    return record


# "Does a library still hold a copy of this record?" Holdings answers (it owns the copies and
# registers from its AppConfig.ready); the catalogue never reads their table.
record_in_use_checks: Hook[Callable[[Record], bool]] = Hook("catalog.record_in_use")


def record_delete(
    *, record: Record, actor: User | None = None, library: Library | None = None
) -> None:
    """Mark a record deleted; refused while any library still holds an item under it
    (``record_in_use_checks``).

    The row stays (is_deleted) so OAI-PMH can report the deletion and links keep resolving.
    """
    with transaction.atomic():
        if any(check(record) for check in record_in_use_checks):
            raise CatalogError(
                CatalogErrorCode.RECORD_HAS_ITEMS,
                gettext("Không thể xoá biểu ghi vì vẫn còn bản sao thuộc biểu ghi này."),
            )
        record.is_deleted = True
        record.save(update_fields=["is_deleted", "updated_at"])
        RecordIdentifier.objects.filter(record=record).delete()
        record_tombstone_add(record=record, reason=TombstoneReason.DELETED)
        audit_record(
            actor=actor,
            action="catalog.record.deleted",
            obj=record,
            library=library,
            network=record.network,
        )
        outbox_add(OUTBOX_TOPIC, record.pk)


def record_tombstone_add(
    *, record: Record, reason: str, merged_into: Record | None = None
) -> RecordTombstone:
    """Remember, for ever, that ``record`` left its network's catalogue (OAI-PMH shows it as
    deleted). Call it inside the transaction of the service that removes the record."""
    tombstone, _ = RecordTombstone.objects.update_or_create(
        record_id=record.pk,
        network_id=record.network_id,
        defaults={
            "reason": reason,
            "merged_into_id": merged_into.pk if merged_into is not None else None,
            "datestamp": record.updated_at,
        },
    )
    return tombstone


def record_touch(*, record_ids: Iterable[int], at: datetime | None = None) -> int:
    """Move the datestamp of live records whose copies changed (added, withdrawn, moved,
    removed) to ``at`` (now): OAI-PMH harvesters asking ``from`` see them again, with their
    new sets and 852s. Call it inside the transaction of the service that changed the copies."""
    from django.utils import timezone

    ids = sorted({i for i in record_ids if i is not None})
    at = at or timezone.now()
    touched = 0
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        touched += Record.objects.filter(pk__in=chunk, is_deleted=False).update(updated_at=at)
    return touched


def record_reextract(*, records: Iterable[Record]) -> int:
    """Re-extract the columns of ``records`` from their MARC (after a change of the extractor)."""
    count = 0
    with transaction.atomic():
        for record in records:
            extracted = extract(record.marc)
            material = record.material_type
            for name, value in extracted.values.items():
                setattr(record, name, value)
            if material != record.material_type:  # in another OAI-PMH set: harvested again
                record.save(update_fields=[*extracted.values.keys(), "updated_at"])
                record_material_follow({record.pk: (material, record.material_type)})
            else:
                record.save(update_fields=list(extracted.values.keys()))
            RecordIdentifier.objects.filter(record=record).exclude(kind="sha").delete()
            RecordIdentifier.objects.bulk_create(identifiers_for(record, extracted.identifiers))
            outbox_add(OUTBOX_TOPIC, record.pk)
            count += 1
    return count
