"""Writes of the digitised texts' passages: vectors and names, made by the worker.

The digital library's services put ``digital.object`` on the outbox whenever an object's pages,
text, access or record link change (ingest, OCR of a page, a corrected text, publication). The
outbox handler only marks the object for reading (``DigitalTextState``) and queues the worker's
task, so the search drain is never held up by the model; the task then cuts each page's text
into passages of about ``WORDS`` words, embeds the new ones (a passage whose text is unchanged
keeps its vector and names), finds the places, people and organisations named in them with the
Vietnamese NER, proposes those to staff as subjects of the linked record (never applied by
itself), and has the record indexed again so the portal's "Địa danh" and "Nhân vật" facets
show them. A killed run leaves the object marked and the next run reads it again.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone

from thuvien.core.outbox import outbox_add
from thuvien.core.text import fold

from . import vectors
from .embedding import MODEL_NAME, embed_passages
from .models import DigitalPassage, DigitalTextState

log = logging.getLogger(__name__)
TOPIC = "digital.object"
WORDS = 100  # a passage: about a paragraph, what a reader can take in at a glance
MIN_WORDS = 30  # a shorter tail joins the passage before it


def windows(text: str) -> list[str]:
    """A page's text cut into passages of about ``WORDS`` words."""
    words = text.split()
    if not words:
        return []
    parts = [words[i : i + WORDS] for i in range(0, len(words), WORDS)]
    if len(parts) > 1 and len(parts[-1]) < MIN_WORDS:
        parts[-2] += parts.pop()
    return [" ".join(p) for p in parts]


def text_hash(text: str) -> str:
    return hashlib.blake2b(f"{MODEL_NAME}\n{text}".encode(), digest_size=16).hexdigest()


def objects_mark(object_ids: list[int]) -> None:
    """The outbox handler of ``digital.object``: remember which objects to read, then ask the
    worker to read them."""
    from thuvien.digital.models import DigitalObject

    live = list(DigitalObject.all_objects.filter(pk__in=object_ids).values_list("pk", flat=True))
    gone = set(object_ids) - set(live)
    if gone:  # deleted objects: their passages went with them (cascade); nothing to read
        DigitalTextState.objects.filter(obj_id__in=gone).delete()
    if not live:
        return
    DigitalTextState.objects.bulk_create(
        [DigitalTextState(obj_id=pk, dirty=True) for pk in live],
        update_conflicts=True,
        unique_fields=["obj"],
        update_fields=["dirty"],
    )
    from .tasks import digital_passages_task

    transaction.on_commit(digital_passages_task)


def digital_passages_refresh(*, limit: int | None = None) -> int:
    """Read the marked objects (at most ``limit``); return how many passages were embedded."""
    done = 0
    ids = DigitalTextState.objects.filter(dirty=True).order_by("obj_id")
    for obj_id in list(ids.values_list("obj_id", flat=True)[:limit]):
        done += _read_object(obj_id)
    if vectors.delta_size(kind="passages") > max(10_000, vectors.main_size(kind="passages") // 10):
        passage_index_rebuild()
    return done


def _read_object(obj_id: int) -> int:
    from thuvien.digital.models import DigitalObject, Page

    from .entities import find_entities

    obj = DigitalObject.all_objects.filter(pk=obj_id).first()
    if obj is None:
        return 0
    pages = list(
        Page.all_objects.filter(obj_id=obj_id).exclude(text="").order_by("seq")
        .values_list("pk", "seq", "text")
    )  # fmt: skip
    wanted: dict[tuple[int, int], tuple[int, str, str]] = {}
    if obj.ingest_complete:  # an ingest in progress shows nothing
        for page_id, seq, text in pages:
            for part, passage in enumerate(windows(text)):
                wanted[(page_id, part)] = (seq, passage, text_hash(passage))
    held = {
        (p.page_id, p.part): p
        for p in DigitalPassage.objects.filter(obj_id=obj_id).only("pk", "page_id", "part",
                                                                   "text_hash")
    }  # fmt: skip
    stale = [p.pk for key, p in held.items() if key not in wanted or
             p.text_hash != wanted[key][2]]  # fmt: skip
    fresh = {k: v for k, v in wanted.items() if k not in held or held[k].pk in stale}
    # the same text elsewhere (a reprint, a rerun): its vector and names are reused
    known = {
        h: (bytes(v), e)
        for h, v, e in DigitalPassage.objects.filter(
            text_hash__in={v[2] for v in fresh.values()}, model=MODEL_NAME
        ).values_list("text_hash", "vector", "entities")
    }
    todo = sorted({v[2]: v[1] for v in fresh.values() if v[2] not in known}.items())
    if todo:
        matrix = embed_passages([t for _h, t in todo])
        for i, (h, t) in enumerate(todo):
            names = [[e.kind, e.name] for e in find_entities(t)]
            known[h] = (matrix[i].astype("<f4").tobytes(), names)
    with transaction.atomic():
        DigitalPassage.objects.filter(pk__in=stale).delete()
        DigitalPassage.objects.bulk_create(
            [
                DigitalPassage(
                    obj_id=obj_id, page_id=page_id, seq=seq, part=part, text=text,
                    text_folded=fold(text), text_hash=h, model=MODEL_NAME,
                    vector=known[h][0], entities=known[h][1],
                )
                for (page_id, part), (seq, text, h) in fresh.items()
            ]
        )  # fmt: skip
        DigitalTextState.objects.filter(obj_id=obj_id).update(dirty=False, read_at=timezone.now())
        if obj.record_id:
            _propose(obj.record, obj_id)
            outbox_add("catalog.record", obj.record_id)  # the facets of the record change
    if fresh:
        rows = list(
            DigitalPassage.objects.filter(obj_id=obj_id, page_id__in={k[0] for k in fresh})
            .values_list("pk", "page_id", "part", "vector")
        )  # fmt: skip
        rows = [r for r in rows if (r[1], r[2]) in fresh]
        matrix = np.frombuffer(b"".join(bytes(r[3]) for r in rows), dtype="<f4").reshape(
            len(rows), -1
        )
        vectors.delta_add([r[0] for r in rows], matrix, kind="passages")
    log.info("ai: object %s read: %d passages new, %d embedded", obj_id, len(fresh), len(todo))
    return len(todo)


def _propose(record: Any, obj_id: int) -> None:
    """Propose the names of all the object's passages as subjects of its record."""
    from .entities import Entity
    from .services import entities_propose

    counts: Counter[tuple[str, str]] = Counter()
    for names in DigitalPassage.objects.filter(obj_id=obj_id).values_list("entities", flat=True):
        for kind, name in names:
            counts[(kind, name)] += 1
    found = [Entity(kind, name, n) for (kind, name), n in counts.most_common()]
    if found:
        entities_propose(record=record, found=found)


def passage_index_rebuild() -> int:
    """Write the passages' nearest-neighbour index anew from every stored vector."""

    def chunks() -> Any:
        last = 0
        while True:
            rows = list(
                DigitalPassage.objects.filter(model=MODEL_NAME, pk__gt=last)
                .order_by("pk").values_list("pk", "vector")[:5_000]
            )  # fmt: skip
            if not rows:
                return
            last = rows[-1][0]
            yield [r[0] for r in rows], np.frombuffer(
                b"".join(bytes(r[1]) for r in rows), dtype="<f4"
            ).reshape(len(rows), -1)

    return vectors.rebuild(chunks(), kind="passages")
