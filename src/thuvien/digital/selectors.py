"""Reads of the digital library. Staff reads take the library; public reads return objects that
the caller then passes through ``access.access_decide``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from thuvien.core.errors import NotFound
from thuvien.core.text import fold

from .access import embargoed
from .models import AccessLevel, Collection, DigitalObject, Page, Range, UsageCount

# Access levels whose full text goes into the union index (the record then says "the word is in
# this book"); a restricted object's words never leave its library.
INDEXED_LEVELS = (AccessLevel.OPEN, AccessLevel.REGISTERED, AccessLevel.ONSITE, AccessLevel.PAID)


def object_list(*, library: Any) -> QuerySet[DigitalObject]:
    return DigitalObject.all_objects.filter(library=library).select_related("record")


def object_get_for(*, library: Any, pk: int) -> DigitalObject:
    obj = DigitalObject.all_objects.filter(library=library, pk=pk).first()
    if obj is None:
        raise NotFound("not_found", "")
    return obj


def object_get_public(*, pk: int) -> DigitalObject:
    """Any library's object by id (the caller decides access); an unfinished ingest is 404."""
    obj = (
        DigitalObject.all_objects.select_related("library", "network")
        .filter(pk=pk, ingest_complete=True)
        .first()
    )
    if obj is None:
        raise NotFound("not_found", "")
    return obj


def objects_for_record(*, record_id: int) -> list[DigitalObject]:
    return list(
        DigitalObject.all_objects.filter(record_id=record_id, published=True, ingest_complete=True)
        .select_related("library")
        .order_by("id")
    )


def pages_of(obj: DigitalObject) -> list[Page]:
    return list(
        Page.all_objects.filter(obj=obj)
        .only("id", "seq", "label", "width", "height", "obj_id", "library_id", "ocr_status",
              "ocr_confidence", "needs_review")
        .order_by("seq")
    )


def page_get(*, obj: DigitalObject, seq: int) -> Page:
    page = Page.all_objects.filter(obj=obj, seq=seq).first()
    if page is None:
        raise NotFound("not_found", "")
    return page


def ranges_of(obj: DigitalObject) -> list[Range]:
    return list(Range.all_objects.filter(obj=obj).order_by("order", "first_seq"))


def collection_get(*, pk: int) -> Collection:
    coll = Collection.objects.select_related("network", "library").filter(pk=pk).first()
    if coll is None:
        raise NotFound("not_found", "")
    return coll


def collection_objects(collection: Collection) -> list[DigitalObject]:
    return list(
        DigitalObject.all_objects.filter(collections=collection, published=True,
                                         ingest_complete=True).order_by("title", "id")
    )


def record_fulltext(record_ids: list[int]) -> dict[int, str]:
    """Text of the published, indexable objects linked to each record (for the search index)."""
    out: dict[int, list[str]] = {}
    objects = DigitalObject.all_objects.filter(
        record_id__in=record_ids, published=True, ingest_complete=True, access__in=INDEXED_LEVELS
    )
    allowed = {o.pk: o.record_id for o in objects if not embargoed(o)}
    if not allowed:
        return {}
    rows = (
        Page.all_objects.filter(obj_id__in=list(allowed))
        .exclude(text="")
        .order_by("obj_id", "seq")
        .values_list("obj_id", "text")
    )
    for obj_id, text in rows:
        out.setdefault(allowed[obj_id], []).append(text)
    return {rid: "\n".join(parts) for rid, parts in out.items()}


# --- full text: page hits and IIIF Content Search ------------------------------------------------


@dataclass
class PageHit:
    obj_id: int
    seq: int
    snippet: str
    words: list[list]  # the matching word boxes on the page


def _terms(query: str) -> list[str]:
    return [t for t in (fold(w) for w in re.findall(r"\w+", query or "")) if t]


def _match_boxes(words: list[list], terms: list[str]) -> list[list]:
    if not terms:
        return []
    folded = [fold(re.sub(r"^\W+|\W+$", "", w[0])) for w in words]
    hits: list[list] = []
    n = len(terms)
    for i in range(len(words) - n + 1):
        if folded[i : i + n] == terms:
            hits.extend(words[i : i + n])
    if not hits and n > 1:  # loose words: each on its own
        wanted = set(terms)
        hits = [w for w, f in zip(words, folded, strict=True) if f in wanted]
    return hits


def _snippet(text: str, terms: list[str], width: int = 80) -> str:
    flat = " ".join(text.split())
    low = fold(flat)  # same length as ``flat`` for Vietnamese letters (one char each)
    pos = low.find(" ".join(terms)) if len(low) == len(flat) else -1
    if pos < 0:
        pos = low.find(terms[0]) if terms and len(low) == len(flat) else 0
    start = max(0, pos - width)
    end = min(len(flat), pos + len(" ".join(terms)) + width)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")


def page_hits(*, obj: DigitalObject, query: str, limit: int = 50) -> list[PageHit]:
    """Pages of ``obj`` whose text holds the query's words (with or without tone marks)."""
    terms = _terms(query)
    if not terms:
        return []
    phrase = " ".join(terms)
    hits: list[PageHit] = []
    for page in Page.all_objects.filter(obj=obj).exclude(text="").order_by("seq").only(
        "seq", "text", "words", "obj_id"
    ):
        folded = " ".join(fold(page.text).split())
        folded_words = set(re.findall(r"\w+", folded))
        if phrase not in folded and not all(t in folded_words for t in terms):
            continue
        hits.append(PageHit(obj.pk, page.seq, _snippet(page.text, terms),
                            _match_boxes(page.words or [], terms)))
        if len(hits) >= limit:
            break
    return hits


def usage_for(*, library: Any, month: Any) -> QuerySet[UsageCount]:
    """Views and downloads per object of ``library`` in ``month`` (the first of the month)."""
    return UsageCount.all_objects.filter(library=library, month=month).select_related("obj")


def objects_for_records(record_ids: list[int]) -> dict[int, list[DigitalObject]]:
    """Published objects linked to each of ``record_ids`` (one query)."""
    out: dict[int, list[DigitalObject]] = {}
    if not record_ids:
        return out
    for obj in DigitalObject.all_objects.filter(
        record_id__in=record_ids, published=True, ingest_complete=True
    ).select_related("library").order_by("id"):
        out.setdefault(obj.record_id, []).append(obj)
    return out


def public_object_list() -> QuerySet[DigitalObject]:
    """Objects an anonymous visitor may open (a sitemap's list): published, fully ingested,
    open, under no embargo, of a library whose holdings the public sees (issue 19)."""
    from django.db.models import Q
    from django.utils import timezone

    from thuvien.holdings.visibility import ANONYMOUS, library_visibility_q

    return (
        DigitalObject.all_objects.filter(
            published=True, ingest_complete=True, access=AccessLevel.OPEN
        )
        .filter(Q(embargo_until__isnull=True) | Q(embargo_until__lte=timezone.localdate()))
        .filter(library_visibility_q(ANONYMOUS, prefix="library__"))
        .order_by("pk")
        .only("pk", "updated_at")
    )
