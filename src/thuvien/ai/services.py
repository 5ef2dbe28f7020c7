"""Writes of the AI services: record vectors, computed by the worker, never in a web request.

Embedding costs about 14 ms of CPU a record (benchmarks/ai_embed.py), so it runs in the worker
in batches and catches up by itself: records with no vector, a vector of another model, or
edited since their vector was made (``updated_at``), in id order. A killed run loses at most
the batch it was on; the next run starts where the database says it stopped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from thuvien.catalog.models import Record

from . import vectors
from .embedding import MODEL_NAME, embed_passages
from .models import BorrowedTogether, RecordEmbedding, SuggestionsHidden
from .recommend import co_borrowed
from .selectors import passage_hash, record_passage, stale_record_ids, stored_vectors

log = logging.getLogger(__name__)
BATCH = 64


def record_embeddings_refresh(
    *, limit: int | None = None, progress: Callable[[int], None] | None = None
) -> int:
    """Embed the records that need it (at most ``limit``); return how many were written."""
    done, after = 0, 0
    while limit is None or done < limit:
        want = BATCH if limit is None else min(BATCH, limit - done)
        ids = stale_record_ids(limit=want, after_id=after)
        if not ids:
            break
        after = ids[-1]
        done += _embed_batch(ids)
        if progress is not None:
            progress(len(ids))
    if vectors.delta_size() > max(10_000, vectors.main_size() // 10):
        vector_index_rebuild()
    return done


def _embed_batch(ids: list[int]) -> int:
    records = list(
        Record.objects.filter(pk__in=ids).only(
            "pk", "title", "subjects", "notes", "series", "updated_at"
        )
    )
    known = dict(
        RecordEmbedding.objects.filter(record_id__in=ids, model=MODEL_NAME).values_list(
            "record_id", "text_hash"
        )
    )
    texts = {r.pk: record_passage(r) for r in records}
    hashes = {pk: passage_hash(t) for pk, t in texts.items()}
    # edited, but not in what the vector reads (a call number, a typo in 300): keep the vector
    unchanged = [r for r in records if known.get(r.pk) == hashes[r.pk]]
    todo = [r for r in records if known.get(r.pk) != hashes[r.pk]]
    matrix = embed_passages([texts[r.pk] for r in todo]) if todo else None
    with transaction.atomic():
        for r in unchanged:
            RecordEmbedding.objects.filter(record_id=r.pk).update(source_updated=r.updated_at)
        if todo and matrix is not None:
            RecordEmbedding.objects.bulk_create(
                [
                    RecordEmbedding(
                        record_id=r.pk,
                        model=MODEL_NAME,
                        text_hash=hashes[r.pk],
                        vector=matrix[i].astype("<f4").tobytes(),
                        source_updated=r.updated_at,
                    )
                    for i, r in enumerate(todo)
                ],
                update_conflicts=True,
                unique_fields=["record"],
                update_fields=["model", "text_hash", "vector", "source_updated", "embedded_at"],
            )
    if todo and matrix is not None:
        vectors.delta_add([r.pk for r in todo], matrix)
    return len(todo)


def vector_index_rebuild() -> int:
    """Write the nearest-neighbour index anew from every stored vector."""
    count = vectors.rebuild(stored_vectors())
    log.info("ai: vector index rebuilt with %d records", count)
    return count


def embeddings_enabled() -> bool:
    return bool(getattr(settings, "AI_EMBEDDINGS", True))





def _consented_borrowings() -> tuple[np.ndarray, np.ndarray]:
    """(reader, record) of every loan still linked to a reader who keeps their history."""
    from thuvien.circulation.models import Loan

    query = Loan.all_objects.filter(
        patron__isnull=False, patron__keep_history=True
    ).values_list("patron_id", "item__record_id")
    sql, params = query.query.sql_with_params()
    readers: list[np.ndarray] = []
    records: list[np.ndarray] = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(200_000):
            pairs = np.asarray(rows, dtype=np.int64)
            readers.append(pairs[:, 0])
            records.append(pairs[:, 1])
    if not readers:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(readers), np.concatenate(records)


def borrowed_together_rebuild(*, min_readers: int | None = None) -> int:
    """Count again which records readers borrow together; return how many pairs are kept."""
    k = int(min_readers if min_readers is not None else settings.AI_MIN_READERS)
    readers, records = _consented_borrowings()
    pairs = co_borrowed(readers, records, min_readers=max(k, 2))
    with transaction.atomic():
        BorrowedTogether.objects.all().delete()
        BorrowedTogether.objects.bulk_create(
            (BorrowedTogether(record_id=a, other_id=b, readers=n) for a, b, n in pairs),
            batch_size=5_000,
        )
    log.info("ai: %d borrowed-together pairs from %d borrowings", len(pairs), len(readers))
    return len(pairs)


def suggestions_hide(*, patron_id: int) -> None:
    """The reader no longer wants personal suggestions in their account."""
    SuggestionsHidden.objects.get_or_create(patron_id=patron_id)


def suggestions_show(*, patron_id: int) -> None:
    SuggestionsHidden.objects.filter(patron_id=patron_id).delete()



# 651 geographic name, 600 personal name, 610 corporate name: subject added entries
_ENTITY_TAGS = {"place": ("651", " "), "person": ("600", "1"), "organisation": ("610", "2")}
_AUTHORITY_KINDS = {"place": "geographic", "person": "personal", "organisation": "corporate"}


def entities_propose(
    *, record: Record, text: str = "", found: list[Any] | None = None, actor: object | None = None
) -> int:
    """Propose the names found in ``text`` (or the names ``found`` already, by the worker in a
    digitised text) as subjects of ``record``; return how many are new.

    A name the record already has as a subject, or that staff rejected before, is not proposed
    again; a name that matches an authority of the network is linked to it.
    """
    from thuvien.catalog.models import Authority
    from thuvien.core.audit import audit_record
    from thuvien.search.analysis import fold

    from .entities import find_entities
    from .models import EntityProposal

    known = {fold(str(s)) for s in record.subjects}
    existing = set(
        EntityProposal.objects.filter(record=record).values_list("kind", "name")
    )
    new = [
        e for e in (found if found is not None else find_entities(text))
        if (e.kind, e.name) not in existing and fold(e.name) not in known
    ]  # fmt: skip
    if not new:
        return 0
    authorities = {
        (a.kind, a.heading_folded): a
        for a in Authority.objects.filter(
            network_id=record.network_id,
            heading_folded__in=[fold(e.name) for e in new],
        )
    }
    with transaction.atomic():
        EntityProposal.objects.bulk_create(
            [
                EntityProposal(
                    record=record,
                    kind=e.kind,
                    name=e.name[:255],
                    mentions=e.count,
                    authority=authorities.get((_AUTHORITY_KINDS[e.kind], fold(e.name))),
                )
                for e in new
            ],
            ignore_conflicts=True,
        )
        audit_record(
            actor=actor, action="ai.entity.proposed", obj=record, changes={"names": len(new)}
        )
    return len(new)


def entity_accept(*, proposal: object, actor: object, library: object | None = None) -> None:
    """Make a proposed name a subject of its record (MARC 651/600/610, second indicator 4)."""
    import pymarc

    from thuvien.catalog.marc.mij import to_pymarc
    from thuvien.catalog.services.records import record_update
    from thuvien.core.audit import audit_record

    from .models import EntityProposal, EntityStatus

    assert isinstance(proposal, EntityProposal)
    record = proposal.record
    heading = proposal.authority.heading if proposal.authority else proposal.name
    tag, ind1 = _ENTITY_TAGS[proposal.kind]
    with transaction.atomic():
        marc = to_pymarc(record.marc)
        marc.add_ordered_field(
            pymarc.Field(
                tag=tag,
                indicators=pymarc.Indicators(ind1, "4"),
                subfields=[pymarc.Subfield("a", heading)],
            )
        )
        record_update(record=record, marc=marc, actor=actor, library=library)
        proposal.status = EntityStatus.ACCEPTED
        proposal.decided_by = actor  # type: ignore[assignment]
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["status", "decided_by", "decided_at"])
        audit_record(actor=actor, action="ai.entity.accepted", obj=record, library=library,
                     changes={"kind": proposal.kind, "name": heading})  # fmt: skip


def entity_reject(*, proposal: object, actor: object, library: object | None = None) -> None:
    """Staff say the name is not a subject of the record: it is not proposed again."""
    from thuvien.core.audit import audit_record

    from .models import EntityProposal, EntityStatus

    assert isinstance(proposal, EntityProposal)
    with transaction.atomic():
        proposal.status = EntityStatus.REJECTED
        proposal.decided_by = actor  # type: ignore[assignment]
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["status", "decided_by", "decided_at"])
        audit_record(
            actor=actor,
            action="ai.entity.rejected",
            obj=proposal.record,
            library=library,
            changes={"kind": proposal.kind, "name": proposal.name},
        )
