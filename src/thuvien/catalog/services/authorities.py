"""Authorities: controlled headings for names and subjects, linked to records.

A link ties a heading field of a record (its tag, and a ``$0 (thuvien)<id>`` subfield written
into the MARC) to an authority. Editing the authority's heading rewrites ``$a`` of every linked
field, re-extracts those records and queues them for the search index, in one transaction.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext

from thuvien.core.audit import audit_batch, audit_record
from thuvien.core.outbox import outbox_add
from thuvien.core.text import clean, fold, tone_key

from ..errors import CatalogError, CatalogErrorCode
from ..marc.extract import extract, strip_punct
from ..models import Authority, AuthorityKind, Record, RecordAuthority, RecordIdentifier
from .records import OUTBOX_TOPIC, identifiers_for

if TYPE_CHECKING:
    from thuvien.accounts.models import User
    from thuvien.network.models import Network

KIND_TAGS: dict[str, tuple[str, ...]] = {
    AuthorityKind.PERSONAL: ("100", "600", "700", "800"),
    AuthorityKind.CORPORATE: ("110", "610", "710", "810"),
    AuthorityKind.SUBJECT: ("650",),
    AuthorityKind.GEOGRAPHIC: ("651",),
}


def _heading_key(text: str) -> str:
    return fold(strip_punct(clean(text)))


def _check_heading(heading: str) -> str:
    heading = clean(heading)
    if not heading:
        raise CatalogError(
            CatalogErrorCode.AUTHORITY_EMPTY,
            gettext("Tiêu đề chuẩn không được để trống."),
            field="heading",
        )
    return heading[:255]


def _refuse_duplicate(
    *, network_id: int, kind: str, heading: str, dates: str, exclude_pk: int | None = None
) -> None:
    """One authority per heading: same network, same kind, the same heading once case,
    punctuation and spacing are set aside (tone marks and đ count: "Dương" and "Đường" are two
    people) and the same dates (two namesakes are told apart by their dates, MARC 100 $d)."""
    key = tone_key(strip_punct(heading))
    candidates = Authority.objects.filter(
        network_id=network_id, kind=kind, heading_folded=_heading_key(heading)[:255]
    )
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    for other in candidates.order_by("id"):
        if tone_key(strip_punct(other.heading)) == key and fold(other.dates) == fold(dates):
            raise CatalogError(
                CatalogErrorCode.AUTHORITY_DUPLICATE,
                gettext(
                    "Đã có biểu ghi chuẩn “%(heading)s” cùng loại (số %(pk)s): hãy dùng biểu ghi "
                    "đó, hoặc ghi năm sinh - năm mất để phân biệt hai người trùng tên."
                )
                % {"heading": other.heading, "pk": other.pk},
                field="heading",
                existing_id=other.pk,
            )


def authority_create(
    *,
    network: Network,
    kind: str,
    heading: str,
    dates: str = "",
    variants: list[str] | None = None,
    note: str = "",
    actor: User | None = None,
) -> Authority:
    if kind not in AuthorityKind.values:
        raise CatalogError(
            CatalogErrorCode.AUTHORITY_EMPTY, gettext("Loại biểu ghi chuẩn không hợp lệ.")
        )
    heading = _check_heading(heading)
    dates = clean(dates)[:50]
    with transaction.atomic():
        _refuse_duplicate(network_id=network.pk, kind=kind, heading=heading, dates=dates)
        authority = Authority.objects.create(
            network=network,
            kind=kind,
            heading=heading,
            heading_folded=_heading_key(heading)[:255],
            dates=dates,
            variants=[clean(v) for v in variants or [] if clean(v)],
            note=note or "",
        )
        audit_record(
            actor=actor, action="catalog.authority.created", obj=authority, network=network
        )
    return authority


def _save_record_marc(record: Record, marc: dict[str, Any]) -> None:
    extracted = extract(marc)
    record.marc = marc
    for name, value in extracted.values.items():
        setattr(record, name, value)
    record.save(update_fields=["marc", "updated_at", *extracted.values.keys()])
    RecordIdentifier.objects.filter(record=record).exclude(kind="sha").delete()
    RecordIdentifier.objects.bulk_create(identifiers_for(record, extracted.identifiers))


def _link_fields(marc: dict[str, Any], authority: Authority) -> set[str]:
    """Mark with the authority's $0 each heading field of ``marc`` whose $a is its heading or
    a variant; the tags marked (``marc`` is changed in place)."""
    tags = KIND_TAGS[authority.kind]
    wanted = {authority.heading_folded, *(_heading_key(v) for v in authority.variants)}
    linked_tags: set[str] = set()
    for field in marc.get("fields", ()):
        for tag, value in field.items():
            if tag not in tags or not isinstance(value, dict):
                continue
            subs = value.get("subfields", [])
            heading = next((s["a"] for s in subs if "a" in s), "")
            if _heading_key(heading) not in wanted:
                continue
            subs[:] = [s for s in subs if "0" not in s or not s["0"].startswith("(thuvien)")]
            subs.append({"0": authority.control_subfield})
            linked_tags.add(tag)
    return linked_tags


def authority_link(
    *, record: Record, authority: Authority, actor: User | None = None
) -> list[RecordAuthority]:
    """Link every heading field of ``record`` whose $a matches the authority's heading."""
    if record.network_id != authority.network_id:
        raise CatalogError(
            CatalogErrorCode.WRONG_NETWORK,
            gettext("Biểu ghi chuẩn thuộc mạng lưới khác."),
        )
    marc = copy.deepcopy(record.marc)
    linked_tags = _link_fields(marc, authority)
    if not linked_tags:
        raise CatalogError(
            CatalogErrorCode.AUTHORITY_NOT_FOUND,
            gettext("Biểu ghi không có tiêu đề nào khớp với “%(h)s”.") % {"h": authority.heading},
        )
    with transaction.atomic():
        _save_record_marc(record, marc)
        links = [
            RecordAuthority.objects.get_or_create(record=record, authority=authority, tag=tag)[0]
            for tag in sorted(linked_tags)
        ]
        audit_record(
            actor=actor,
            action="catalog.authority.linked",
            obj=record,
            network=record.network,
            changes={"authority": [None, authority.pk], "tags": [None, sorted(linked_tags)]},
        )
        outbox_add(OUTBOX_TOPIC, record.pk)
    return links


def _rewrite(record: Record, authority: Authority, old_keys: set[str], new_heading: str) -> bool:
    tags = KIND_TAGS[authority.kind]
    marc = copy.deepcopy(record.marc)
    changed = False
    for field in marc.get("fields", ()):
        for tag, value in field.items():
            if tag not in tags or not isinstance(value, dict):
                continue
            subs = value.get("subfields", [])
            has_link = any(s.get("0") == authority.control_subfield for s in subs)
            for sub in subs:
                if "a" in sub and (has_link or _heading_key(sub["a"]) in old_keys):
                    old = sub["a"]
                    trail = old[len(old.rstrip(" ,.:;/")) :]
                    sub["a"] = new_heading + trail
                    changed = changed or sub["a"] != old
                    if not has_link:
                        subs.append({"0": authority.control_subfield})
                    break
    if changed:
        _save_record_marc(record, marc)
    return changed


def authority_update(
    *,
    authority: Authority,
    heading: str,
    dates: str | None = None,
    variants: list[str] | None = None,
    actor: User | None = None,
) -> int:
    """Change the heading; every linked record's MARC follows. Returns the records changed.

    The old heading becomes a variant (a "see from" reference) so searches for it still work.
    """
    heading = _check_heading(heading)
    old_heading = authority.heading
    old_keys = {authority.heading_folded}
    with transaction.atomic():
        _refuse_duplicate(
            network_id=authority.network_id,
            kind=authority.kind,
            heading=heading,
            dates=clean(dates)[:50] if dates is not None else authority.dates,
            exclude_pk=authority.pk,
        )
        authority.heading = heading
        authority.heading_folded = _heading_key(heading)[:255]
        if dates is not None:
            authority.dates = clean(dates)[:50]
        new_variants = list(variants) if variants is not None else list(authority.variants)
        if old_heading != heading and old_heading not in new_variants:
            new_variants.append(old_heading)
        authority.variants = new_variants
        authority.save(
            update_fields=["heading", "heading_folded", "dates", "variants", "updated_at"]
        )
        record_ids = set(authority.record_links.values_list("record_id", flat=True))
        changed = [
            r.pk
            for r in Record.objects.filter(pk__in=record_ids).iterator(chunk_size=500)
            if _rewrite(r, authority, old_keys, heading)
        ]
        audit_record(
            actor=actor,
            action="catalog.authority.updated",
            obj=authority,
            network=authority.network,
            changes={"heading": [old_heading, heading], "records": len(changed)},
        )
        outbox_add(OUTBOX_TOPIC, changed)
    return len(changed)


def authority_merge(*, source: Authority, target: Authority, actor: User | None = None) -> int:
    """Fold ``source`` into ``target``: its records take the target heading; source goes."""
    if source.pk == target.pk or source.kind != target.kind:
        raise CatalogError(
            CatalogErrorCode.AUTHORITY_NOT_FOUND,
            gettext("Chỉ gộp được hai biểu ghi chuẩn khác nhau cùng loại."),
        )
    with transaction.atomic():
        changed = []
        for link in source.record_links.select_related("record"):
            record = link.record
            marc = copy.deepcopy(record.marc)
            for field in marc.get("fields", ()):
                for value in field.values():
                    if isinstance(value, dict):
                        for sub in value.get("subfields", []):
                            if sub.get("0") == source.control_subfield:
                                sub["0"] = target.control_subfield
            record.marc = marc
            if _rewrite(record, target, {source.heading_folded}, target.heading) is False:
                _save_record_marc(record, marc)
            RecordAuthority.objects.get_or_create(record=record, authority=target, tag=link.tag)
            changed.append(record.pk)
        target.variants = sorted({*target.variants, source.heading, *source.variants})
        target.save(update_fields=["variants", "updated_at"])
        audit_record(
            actor=actor,
            action="catalog.authority.merged",
            obj=target,
            network=target.network,
            changes={"merged": [source.heading, target.heading], "records": len(changed)},
        )
        source.delete()
        outbox_add(OUTBOX_TOPIC, changed)
    return len(changed)


def authority_link_matching(
    *, authority: Authority, record_ids: Iterable[int], actor: User | None = None
) -> int:
    """Link every record among ``record_ids`` whose heading field matches the authority.

    The cataloguer's "link all matching records": candidates come from a search; each is checked
    here field by field, so a record that only mentions the name elsewhere stays unlinked.
    Records already linked are left as they are. Returns how many records changed.
    """
    ids = sorted({int(i) for i in record_ids})
    changed: list[int] = []
    with transaction.atomic(), audit_batch():
        records = Record.objects.filter(
            network_id=authority.network_id, is_deleted=False, pk__in=ids
        ).select_for_update()
        for record in records.iterator(chunk_size=500):
            marc = copy.deepcopy(record.marc)
            tags = _link_fields(marc, authority)
            if not tags:
                continue
            known = set(
                RecordAuthority.objects.filter(record=record, authority=authority).values_list(
                    "tag", flat=True
                )
            )
            if tags <= known and marc == record.marc:
                continue
            _save_record_marc(record, marc)
            RecordAuthority.objects.bulk_create(
                [RecordAuthority(record=record, authority=authority, tag=t) for t in tags - known],
                ignore_conflicts=True,
            )
            audit_record(
                actor=actor,
                action="catalog.authority.linked",
                obj=record,
                network=authority.network,
                changes={"authority": [None, authority.pk], "tags": [None, sorted(tags)]},
            )
            changed.append(record.pk)
        if changed:
            outbox_add(OUTBOX_TOPIC, changed)
    return len(changed)
