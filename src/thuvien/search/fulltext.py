"""The pages of digitised books under a search result, and the index of pages behind them.

A record's document carries the text of its linked digital objects, so a word inside a book
finds the book; the page index (``engine().page_hits``, one document per page) then says on
which pages of the objects shown the words are, and only those pages are read from the
database for the snippet. The reader's access is decided per object BEFORE the index is asked,
and only the objects he may open are passed to it: a snippet never shows text of an object he
may not read (restricted, on-site elsewhere, under embargo, of a hidden library).

Feeding: the digital library's services put ``digital.pages`` on the outbox whenever an object's
pages or their text change (``index_pages`` is its handler); ``thuvien reindex`` rebuilds the
page index with the record index (``reindex_pages``).
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


def _documents(object_ids: list[int] | None) -> Iterator[PageDocument]:
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
