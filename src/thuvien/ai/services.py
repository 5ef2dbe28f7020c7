"""Writes of the AI services: record vectors, computed by the worker, never in a web request.

Embedding costs about 14 ms of CPU a record (benchmarks/ai_embed.py), so it runs in the worker
in batches and catches up by itself: records with no vector, a vector of another model, or
edited since their vector was made (``updated_at``), in id order. A killed run loses at most
the batch it was on; the next run starts where the database says it stopped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import numpy as np
from django.conf import settings
from django.db import connection, transaction

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

