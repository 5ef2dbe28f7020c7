"""The pages of digitised books under a search result, and the index of pages behind them.

A record's document carries the text of its linked digital objects, so a word inside a book
finds the book; the page index (``engine().page_hits``, one document per page) then says on
which pages of the objects shown the words are, and only those pages are read from the
database for the snippet. The reader's access is decided per object BEFORE the index is asked,
and only the objects he may open are passed to it: a snippet never shows text of an object he
may not read (restricted, on-site elsewhere, under embargo, of a hidden library).

Feeding: the digital library's services put ``digital.pages`` on the outbox whenever an object's
pages, their text or its metadata change (``index_pages`` is its handler); ``thuvien reindex``
rebuilds the page index with the record index (``reindex_pages``). Each object's description
(title and metadata) goes in beside its pages, so that ``digital_library_search`` finds objects
by their title, metadata or text, those without a catalogue record too (issue 14: the central
digital library's own search; the portal's search shows the ones without a record in a section
of their own, ``opac.digital.snippets``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from thuvien.digital.access import Decision, access_decide_many
from thuvien.digital.selectors import (
    objects_for_records,
    page_snippet,
    page_texts,
    page_texts_for_index,
)
from thuvien.digital.selectors_library import (
    LibraryListing,
    ListedObject,
    descriptions_for_index,
    library_listing,
)

from . import analysis as va
from .engine import PageDocument, engine

log = logging.getLogger(__name__)
TOPIC = "digital.pages"
QUERY_MAX = 200  # characters of the query looked for in the pages
_FIELD = re.compile(r"\w:")  # a fielded query (title:..., isbn:...): not about the full text


@dataclass
class PageHit:
    """A page of a digital object linked to a result record, where the reader's words are."""

    record_id: int
    obj_id: int
    seq: int
    snippet: str


def query_terms(q: str) -> list[str]:
    """The folded syllables of a query as the page index holds them; none for a fielded one."""
    q = (q or "").strip()[:QUERY_MAX]
    if not q or _FIELD.search(q):
        return []
    return va.tokens(va.fold(q))


def fulltext_hits(
    *, record_ids: list[int], q: str, user: Any, ip: str | None, per_object: int = 2
) -> dict[int, list[PageHit]]:
    """{record id: the first ``per_object`` pages of each of its objects holding the words of
    ``q``, with a snippet}, only for objects ``user`` (from ``ip``) may open.

    A few reads whatever the number of results: the objects of the records (one query), the
    libraries the reader sees (one), the page index (a look-up per object), the text of the
    pages found (one query).
    """
    terms = query_terms(q)
    if not terms or not record_ids:
        return {}
    by_record = objects_for_records(record_ids)
    objects = [obj for objs in by_record.values() for obj in objs]
    decisions = access_decide_many(objects=objects, user=user, ip=ip)
    owner = {
        obj.pk: record_id
        for record_id, objs in by_record.items()
        for obj in objs
        if decisions[obj.pk] is Decision.ALLOW
    }
    if not owner:
        return {}
    found = engine().page_hits(object_ids=list(owner), terms=terms, limit=per_object)
    texts = page_texts(found)
    out: dict[int, list[PageHit]] = {}
    for obj_id in owner:  # object order (ids) within a record, as the page lists them
        for seq in found.get(obj_id, ()):
            text = texts.get((obj_id, seq))
            if text is None:  # the page went after the index was written
                continue
            record_id = owner[obj_id]
            out.setdefault(record_id, []).append(
                PageHit(record_id, obj_id, seq, page_snippet(text, terms))
            )
    return out


# How many objects a search of the digital library ranks (then keeps those the visitor is shown).
FIND_MAX = 1000


@dataclass
class FoundObject:
    """An object of the digital library's list or search, with where the words are."""

    item: ListedObject
    hits: list[PageHit]


@dataclass
class DigitalLibraryPage:
    total: int
    found: list[FoundObject]
    searched: bool  # words were looked for (else: the newest objects)


def digital_library_search(
    *,
    q: str,
    user: Any,
    ip: str | None,
    offset: int = 0,
    limit: int = 20,
    without_record: bool = False,
    per_object: int = 2,
) -> DigitalLibraryPage:
    """The digital library's objects ``user`` (from ``ip``) is shown: those whose title,
    metadata or page text hold the words of ``q`` (with or without tone marks), best first,
    each with the first ``per_object`` pages holding them and a snippet (only of objects he
    may open); with no words, the newest. ``without_record``: objects linked to no
    catalogue record only (the portal's search shows the others under their record)."""
    terms = query_terms(q)
    if not terms:
        if (q or "").strip():  # a fielded query (title:...) is the catalogue's, not ours
            return DigitalLibraryPage(0, [], True)
        listing = library_listing(user=user, ip=ip, offset=offset, limit=limit,
                                  without_record=without_record)  # fmt: skip
        return DigitalLibraryPage(listing.total, [FoundObject(i, []) for i in listing.items],
                                  False)  # fmt: skip
    ranked = engine().find_objects(terms=terms, limit=FIND_MAX)
    if not ranked:
        return DigitalLibraryPage(0, [], True)
    listing = library_listing(user=user, ip=ip, offset=offset, limit=limit, ranked_ids=ranked,
                              without_record=without_record)  # fmt: skip
    return DigitalLibraryPage(listing.total, _with_hits(listing, terms, per_object), True)


# Objects a catalogue search shows beside its results (the rest in the digital library's search).
SECTION_SIZE = 3


def digital_beside_results(*, q: str, user: Any, ip: str | None) -> DigitalLibraryPage:
    """The digital library's objects linked to no catalogue record (a linked one shows under
    its record) that the words of a catalogue search ``q`` find, the first ``SECTION_SIZE``
    with the first page holding them: the portal's "Tài liệu số" box and the search API's
    ``digital``. None found for no words or a fielded query (the catalogue's, not ours)."""
    if not query_terms(q):
        return DigitalLibraryPage(0, [], True)
    return digital_library_search(q=q, user=user, ip=ip, limit=SECTION_SIZE,
                                  without_record=True, per_object=1)  # fmt: skip


def _with_hits(listing: LibraryListing, terms: list[str], per_object: int) -> list[FoundObject]:
    opened = [i.obj.pk for i in listing.items if i.opens]
    found = engine().page_hits(object_ids=opened, terms=terms, limit=per_object) if opened else {}
    texts = page_texts(found)
    out = []
    for item in listing.items:
        hits = [
            PageHit(item.obj.record_id or 0, item.obj.pk, seq,
                    page_snippet(texts[(item.obj.pk, seq)], terms))
            for seq in found.get(item.obj.pk, ())
            if (item.obj.pk, seq) in texts  # the page went after the index was written
        ]  # fmt: skip
        out.append(FoundObject(item, hits))
    return out


def _documents(object_ids: list[int] | None) -> Iterator[PageDocument]:
    for obj_id, text in descriptions_for_index(object_ids):
        yield PageDocument(obj_id, 0, text)  # seq 0: the description (``engine.PageDocument``)
    for obj_id, seq, text in page_texts_for_index(object_ids):
        yield PageDocument(obj_id, seq, text)


def index_pages(object_ids: list[int]) -> int:
    """Outbox handler of ``digital.pages``: re-read the pages of these objects into the page
    index (an object deleted or left without text loses its pages there)."""
    ids = sorted(set(object_ids))
    written = engine().write_pages(pages=_documents(ids), object_ids=ids)
    log.info("search: %d pages of %d digital objects written", written, len(ids))
    return written


def reindex_pages() -> int:
    """Rebuild the page index from the database (``thuvien reindex``); how many pages."""
    return engine().rebuild_pages(_documents(None))
