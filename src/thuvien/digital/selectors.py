"""Reads of the digital library. Staff reads take the library; public reads return objects that
the caller then passes through ``access.access_decide``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from thuvien.core.errors import NotFound
from thuvien.core.text import fold

from .access import embargoed
from .models import (
    AccessLevel,
    Collection,
    CopyRequest,
    CopyStatus,
    DigitalObject,
    Page,
    Range,
    UsageCount,
    image_version,
)

if TYPE_CHECKING:
    from thuvien.network.models import Library

    from .models import DigitalFile

# Access levels whose full text goes into the union index (the record then says "the word is in
# this book"); a restricted object's words never leave its library.
INDEXED_LEVELS = (AccessLevel.OPEN, AccessLevel.REGISTERED, AccessLevel.ONSITE, AccessLevel.PAID)


def object_list(*, library: Library) -> QuerySet[DigitalObject]:
    return DigitalObject.all_objects.filter(library=library).select_related("record")


def object_get_for(*, library: Library, pk: int) -> DigitalObject:
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
        .select_related("file")
        .only("id", "seq", "label", "width", "height", "obj_id", "library_id", "ocr_status",
              "ocr_confidence", "needs_review", "media", "duration", "file_page", "file__mime",
              "file__kind", "file__sha256")
        .order_by("seq")
    )


def page_get(*, obj: DigitalObject, seq: int) -> Page:
    page = Page.all_objects.filter(obj=obj, seq=seq).first()
    if page is None:
        raise NotFound("not_found", "")
    return page


@dataclass(frozen=True)
class PageImage:
    """What the image server needs of a page: its size and the version of its image."""

    seq: int
    width: int
    height: int
    version: str


def page_image_public(*, obj_id: int, seq: int) -> tuple[DigitalObject, PageImage]:
    """The object (any library's, the caller decides access) and its page ``seq`` for the image
    server, in one query: a tile asks this for every 512 px a reader pans to. An unfinished
    ingest, or a page that does not exist, is 404."""
    page = (
        Page.all_objects.filter(obj_id=obj_id, seq=seq, obj__ingest_complete=True)
        .select_related("obj__library", "file")
        .only("seq", "width", "height", "file_page", "file__sha256", "obj__library_id",
              "obj__network_id", "obj__access", "obj__embargo_until", "obj__published",
              "obj__ingest_complete", "obj__rights_status", "obj__licence",
              "obj__library__network_id", "obj__library__visibility",
              "obj__library__name_vi")
        .first()
    )
    if page is None:
        raise NotFound("not_found", "")
    image = PageImage(page.seq, page.width, page.height,
                      image_version(page.file.sha256, page.file_page))
    return page.obj, image


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


def indexable_objects(record_ids: list[int]) -> dict[int, int]:
    """{object id: record id} of the published objects linked to these records whose text the
    union index may carry (not restricted, not under embargo)."""
    objects = DigitalObject.all_objects.filter(
        record_id__in=record_ids, published=True, ingest_complete=True, access__in=INDEXED_LEVELS
    )
    return {o.pk: o.record_id for o in objects if o.record_id is not None and not embargoed(o)}


def record_fulltext(record_ids: list[int]) -> dict[int, str]:
    """Text of the published, indexable objects linked to each record (for the search index)."""
    out: dict[int, list[str]] = {}
    allowed = indexable_objects(record_ids)
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
    words: list[list[Any]]  # the matching word boxes on the page


def _terms(query: str) -> list[str]:
    return [t for t in (fold(w) for w in re.findall(r"\w+", query or "")) if t]


def _match_boxes(words: list[list[Any]], terms: list[str]) -> list[list[Any]]:
    if not terms:
        return []
    folded = [fold(re.sub(r"^\W+|\W+$", "", w[0])) for w in words]
    hits: list[list[Any]] = []
    n = len(terms)
    for i in range(len(words) - n + 1):
        if folded[i : i + n] == terms:
            hits.extend(words[i : i + n])
    if not hits and n > 1:  # loose words: each on its own
        wanted = set(terms)
        hits = [w for w, f in zip(words, folded, strict=True) if f in wanted]
    return hits


def page_texts_for_index(object_ids: list[int] | None = None) -> Iterator[tuple[int, int, str]]:
    """(object id, page sequence number, text) of every page with text of the completely
    ingested objects (``object_ids`` only, when given), in object and page order: what the
    search app's page index holds. Access and publication are decided when it is read."""
    pages = Page.all_objects.filter(obj__ingest_complete=True).exclude(text="")
    if object_ids is not None:
        pages = pages.filter(obj_id__in=object_ids)
    rows = pages.order_by("obj_id", "seq").values_list("obj_id", "seq", "text")
    yield from rows.iterator(chunk_size=2000)


def page_texts(wanted: dict[int, list[int]]) -> dict[tuple[int, int], str]:
    """{(object id, seq): text} of the pages ``wanted`` ({object id: [seq, ...]}), one query."""
    where = Q()
    for obj_id, seqs in wanted.items():
        if seqs:
            where |= Q(obj_id=obj_id, seq__in=seqs)
    if not where:
        return {}
    rows = Page.all_objects.filter(where).values_list("obj_id", "seq", "text")
    return {(obj_id, seq): text for obj_id, seq, text in rows}


def page_snippet(text: str, terms: list[str]) -> str:
    """The words around the first place ``terms`` (folded) stand in ``text``."""
    return _snippet(text, terms)


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
    found: list[tuple[int, str]] = []
    # Plain rows read as they come (the loop stops at ``limit``); the word boxes, a JSON list
    # per page, only of the pages found: a model and its decoded boxes for every page of a
    # 1,000-page book cost most of a search's time.
    rows = Page.all_objects.filter(obj=obj).exclude(text="").order_by("seq")
    for seq, text in rows.values_list("seq", "text").iterator(chunk_size=100):
        folded = " ".join(fold(text).split())
        folded_words = set(re.findall(r"\w+", folded))
        if phrase not in folded and not all(t in folded_words for t in terms):
            continue
        found.append((seq, text))
        if len(found) >= limit:
            break
    if not found:
        return []
    boxes = dict(
        Page.all_objects.filter(obj=obj, seq__in=[seq for seq, _t in found]).values_list(
            "seq", "words"
        )
    )
    return [
        PageHit(obj.pk, seq, _snippet(text, terms), _match_boxes(boxes.get(seq) or [], terms))
        for seq, text in found
    ]


def usage_for(*, library: Library, month: date) -> QuerySet[UsageCount]:
    """Views and downloads per object of ``library`` in ``month`` (the first of the month)."""
    return UsageCount.all_objects.filter(library=library, month=month).select_related("obj")


@cache
def _published_probe() -> str:
    """A fixed statement: does any of some records have a published, ingested object?"""
    meta: Any = DigitalObject._meta  # its columns: concrete fields (``get_field`` may be a rel)
    q = connection.ops.quote_name

    def col(name: str) -> str:
        return q(meta.get_field(name).column)

    return (
        f"SELECT 1 FROM {q(meta.db_table)} WHERE {col('published')} = %s "  # noqa: S608
        f"AND {col('ingest_complete')} = %s AND {col('record')} IN "
    )


def records_have_objects(record_ids: list[int]) -> bool:
    """Whether any of ``record_ids`` has a published object (``objects_for_records`` would
    find one), asked with a statement built once per process.

    Every search with words asks it for its 20 shown records, and in a catalogue most records
    have no digital object: building the ORM query of ``objects_for_records`` (a join, an
    ordering, model instances) cost about 0.6 ms of CPU a search to find nothing.
    """
    if not record_ids:
        return False
    marks = ", ".join(["%s"] * len(record_ids))
    with connection.cursor() as cursor:
        cursor.execute(f"{_published_probe()}({marks}) LIMIT 1", [True, True, *record_ids])
        return cursor.fetchone() is not None


def objects_for_records(record_ids: list[int]) -> dict[int, list[DigitalObject]]:
    """Published objects linked to each of ``record_ids`` (one query; a cheap one first,
    ``records_have_objects``, when none has any)."""
    out: dict[int, list[DigitalObject]] = {}
    if not records_have_objects(record_ids):
        return out
    for obj in DigitalObject.all_objects.filter(
        record_id__in=record_ids, published=True, ingest_complete=True
    ).select_related("library").order_by("id"):
        if obj.record_id is not None:  # always: the filter is on record_id
            out.setdefault(obj.record_id, []).append(obj)
    return out


# --- staff editing ---------------------------------------------------------------------------


def page_get_by_id(*, obj: DigitalObject, pk: int) -> Page:
    page = Page.all_objects.filter(obj=obj, pk=pk).select_related("obj", "obj__library").first()
    if page is None:
        raise NotFound("not_found", "")
    return page


def range_get(*, obj: DigitalObject, pk: int) -> Range:
    rng = Range.all_objects.filter(obj=obj, pk=pk).select_related("obj").first()
    if rng is None:
        raise NotFound("not_found", "")
    return rng


def collections_for(*, library: Library) -> list[Collection]:
    """The library's own collections and the network-wide ones, parents before children."""
    rows = list(
        Collection.objects.filter(Q(library=library) | Q(library__isnull=True),
                                  network_id=library.network_id)
        .select_related("parent").order_by("code")
    )
    by_parent: dict[int | None, list[Collection]] = {}
    for c in rows:
        by_parent.setdefault(c.parent_id, []).append(c)
    known = {c.pk for c in rows}
    out: list[Collection] = []

    def walk(parent: int | None, depth: int) -> None:
        for c in by_parent.get(parent, []):
            c.depth = depth  # type: ignore[attr-defined]
            out.append(c)
            walk(c.pk, depth + 1)

    walk(None, 0)
    for c in rows:  # children of a collection of another library
        if c.parent_id is not None and c.parent_id not in known:
            c.depth = 0  # type: ignore[attr-defined]
            out.append(c)
            walk(c.pk, 1)
    return out


def collection_get_for(*, library: Library, pk: int) -> Collection:
    """One of the library's collections or a network-wide one of its network."""
    from django.db.models import Q

    coll = (
        Collection.objects.filter(Q(library=library) | Q(library__isnull=True),
                                  network_id=library.network_id, pk=pk)
        .select_related("parent", "library").first()
    )
    if coll is None:
        raise NotFound("not_found", "")
    return coll


def collection_members_for(*, collection: Collection, library: Library) -> list[DigitalObject]:
    """The library's objects in ``collection`` (published or not)."""
    return list(DigitalObject.all_objects.filter(collections=collection, library=library)
                .order_by("title", "id"))


def grants_of(obj: DigitalObject) -> list[dict[str, Any]]:
    """Who was granted ``obj``: card number, name, until."""
    from thuvien.patrons.models import Patron

    from .models import AccessGrant

    grants = list(AccessGrant.all_objects.filter(obj=obj).order_by("created_at"))
    patrons = {p.user_id: p for p in Patron.all_objects.filter(
        user_id__in=[g.user_id for g in grants])}
    return [{"grant": g, "patron": patrons.get(g.user_id)} for g in grants]


def file_versions(obj: DigitalObject) -> list[DigitalFile]:
    """The object's replaced masters, newest first (kept and still audited)."""
    from .models import DigitalFile

    return list(DigitalFile.all_objects.filter(obj=obj, replaced=True).order_by("-id"))


def media_page(*, obj: DigitalObject, seq: int) -> Page:
    """A recording's canvas (audio or video page) of ``obj`` with its master file."""
    page = (Page.all_objects.filter(obj=obj, seq=seq).exclude(media="")
            .select_related("file").first())
    if page is None:
        raise NotFound("not_found", "")
    return page


def epub_file(obj: DigitalObject) -> DigitalFile | None:
    """The object's EPUB master, if it has one."""
    from .models import DigitalFile

    return DigitalFile.all_objects.filter(obj=obj, kind="epub", replaced=False).first()


def media_pages(obj: DigitalObject) -> list[Page]:
    """The recordings of ``obj`` (audio and video canvases) in order."""
    return list(Page.all_objects.filter(obj=obj).exclude(media="").select_related("file")
                .order_by("seq"))
# --- remote copying ------------------------------------------------------------------------


# ``user``: a login-required view's ``request.user``, which Django types as User | AnonymousUser
# (Any, as payments.selectors.orders_of_user, until the views narrow it).
def copy_requests_of_user(*, user: Any) -> QuerySet[CopyRequest]:
    return CopyRequest.all_objects.filter(user=user).select_related("obj", "library")


def copy_request_get_of_user(*, user: Any, pk: int) -> CopyRequest:
    found = copy_requests_of_user(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFound("digital.copy_not_found", _("Không tìm thấy yêu cầu sao chụp."))
    return found


def copy_queue(*, library: Library, status: str = "pending") -> QuerySet[CopyRequest]:
    qs = CopyRequest.all_objects.filter(library=library).select_related("obj", "patron")
    if status in CopyStatus.values:
        qs = qs.filter(status=status)
    return qs


def copy_request_get_for(*, library: Library, pk: int) -> CopyRequest:
    found = copy_queue(library=library, status="").filter(pk=pk).first()
    if found is None:
        raise NotFound("digital.copy_not_found", _("Không tìm thấy yêu cầu sao chụp."))
    return found
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
