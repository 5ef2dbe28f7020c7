"""The pages of digital objects: a second tantivy index, one document per page.

A record's document carries the whole text of its linked objects (so a word inside a book finds
the book); this index answers the next question, on which pages of the objects shown: one
term look-up per object and query word instead of reading and folding every page in Python.
It lives in ``pages/`` inside the record index's directory and shares its schema version (the
record index's ``_open`` empties the directory, this one included, when the version changes).

A document holds the object's id, the page's sequence number (a fast field: hits come back in
page order with their number, no stored field is read) and the folded words of the page's text
with their positions (a phrase of the query is looked for first). Access is not in the index:
the caller passes only objects the reader may open, and pages of every object are indexed, so
that a change of access level or publication needs no re-indexing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from pathlib import Path

import tantivy

from thuvien.search import analysis as va
from thuvien.search.engine import PageDocument

from .handles import reloaded_searcher, writer_when_free

log = logging.getLogger(__name__)
Q = tantivy.Query
Occ = tantivy.Occur


def build_page_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_unsigned_field("obj", indexed=True, fast=True)
    sb.add_unsigned_field("seq", fast=True)
    sb.add_text_field("text", tokenizer_name="default", index_option="position")
    return sb.build()


def page_fields(page: PageDocument) -> dict[str, list[object]]:
    """The page's folded tokens joined by spaces (tantivy re-splits them exactly there)."""
    return {
        "obj": [page.obj_id],
        "seq": [page.seq],
        "text": [" ".join(va.tokens(va.fold(page.text)))],
    }


class PageIndex:
    """One index directory of page documents: a reader per process, a writer per batch."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.schema = build_page_schema()
        self._lock = threading.Lock()
        self._index: tantivy.Index | None = None
        self._meta_mtime = 0.0

    @property
    def index(self) -> tantivy.Index:
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self.path.mkdir(parents=True, exist_ok=True)
                    index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
                    index.config_reader(reload_policy="Manual")
                    self._index = index
        return self._index

    def forget(self) -> None:
        """Drop the open index (its directory was removed: a new schema version)."""
        with self._lock:
            self._index = None
            self._meta_mtime = 0.0

    def searcher(self) -> tantivy.Searcher:
        searcher, self._meta_mtime = reloaded_searcher(self.index, self.path, self._meta_mtime)
        return searcher

    def _writer(self, heap: int, threads: int) -> tantivy.IndexWriter:
        return writer_when_free(self.index, heap=heap, threads=threads)

    def write(
        self,
        *,
        pages: Iterable[PageDocument],
        object_ids: Iterable[int],
        rebuild: bool = False,
        threads: int = 1,
    ) -> int:
        """Replace every page of ``object_ids`` by ``pages`` (``rebuild``: every page of the
        index); one commit."""
        ids = sorted({int(i) for i in object_ids})
        writer = self._writer(heap=max(50_000_000, 50_000_000 * threads), threads=threads)
        count = 0
        try:
            if rebuild:
                writer.delete_all_documents()
            elif ids:
                writer.delete_documents_by_query(Q.term_set_query(self.schema, "obj", ids))
            add, schema = writer.add_document, self.schema
            for page in pages:
                add(tantivy.Document.from_dict(page_fields(page), schema))
                count += 1
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise
        self._meta_mtime = 0.0
        return count

    def hits(self, *, object_ids: list[int], terms: list[str], limit: int) -> dict[int, list[int]]:
        """The first ``limit`` pages (sequence numbers) of each object holding every one of
        ``terms`` (folded syllables): pages with them side by side first, then the others."""
        terms = [t for t in terms if t]
        if not terms or not object_ids or limit < 1:
            return {}
        searcher = self.searcher()
        schema = self.schema
        words = [Q.term_query(schema, "text", t) for t in terms]
        phrase_words: list[str | tuple[int, str]] = list(terms)
        phrase = Q.phrase_query(schema, "text", phrase_words) if len(terms) > 1 else None
        out: dict[int, list[int]] = {}
        for oid in object_ids:
            obj = Q.term_query(schema, "obj", oid)
            seqs: list[int] = []
            if phrase is not None:
                seqs = self._seqs(searcher, [obj, phrase], limit)
            if len(seqs) < limit:
                more = self._seqs(searcher, [obj, *words], limit + len(seqs))
                seqs += [s for s in more if s not in seqs][: limit - len(seqs)]
            if seqs:
                out[oid] = seqs
        return out

    @staticmethod
    def _seqs(searcher: tantivy.Searcher, must: list[tantivy.Query], limit: int) -> list[int]:
        query = Q.boolean_query([(Occ.Must, q) for q in must])
        found = searcher.search(
            query, limit=limit, count=False, order_by_field="seq", order=tantivy.Order.Asc
        )
        return [int(seq) for seq, _address in found.hits]

    def scored(self, *, terms: list[str], limit: int) -> dict[int, float]:
        """{object id: the best score of its documents holding every one of ``terms``} over
        the ``limit`` best documents of the whole index (the words side by side score more)."""
        terms = [t for t in terms if t]
        if not terms or limit < 1:
            return {}
        searcher = self.searcher()
        schema = self.schema
        clauses = [(Occ.Must, Q.term_query(schema, "text", t)) for t in terms]
        if len(terms) > 1:
            phrase_words: list[str | tuple[int, str]] = list(terms)
            boosted = Q.boost_query(Q.phrase_query(schema, "text", phrase_words), 2.0)
            clauses.append((Occ.Should, boosted))
        found = searcher.search(Q.boolean_query(clauses), limit=limit, count=False)
        if not found.hits:
            return {}
        owners = searcher.fast_field_values("obj", [address for _s, address in found.hits])
        best: dict[int, float] = {}
        for (score, _address), obj in zip(found.hits, owners, strict=True):
            if obj is not None and float(score) > best.get(int(obj), -1.0):
                best[int(obj)] = float(score)
        return best

    def count(self) -> int:
        return int(self.searcher().num_docs)
