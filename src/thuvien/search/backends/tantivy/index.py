"""The tantivy backend: one index directory, a reader per process, a short-lived writer.

Processes: one writer at a time (tantivy's lock file; the writer is opened per batch and
dropped, so ``reindex`` and the worker take turns). Readers reload when ``meta.json`` changed,
checked with one ``stat`` per search. Query trees from ``search.query`` are compiled in
``compile``, a search runs in ``run`` (hits, clusters, facets as tantivy aggregations).
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import tantivy
from django.conf import settings
from django.utils.translation import gettext as _

from thuvien.core.jsontext import compact_json
from thuvien.search.engine import (
    IndexDocument,
    PageDocument,
    PreparedDocument,
    SearchBackend,
    SearchRequest,
    SearchResponse,
)
from thuvien.search.errors import SearchErrorCode, SearchQueryError
from thuvien.search.suggest import PairCount, Verify

from .compile import (
    NOT_PUBLIC,
    compile_query,
    excluded_queries,
    filter_queries,
    hits_bound,
    ranking_union,
)
from .handles import reloaded_searcher, writer_when_free
from .pages import PageIndex
from .run import run_search
from .schema import (
    SCHEMA_VERSION,
    STEMMERS,
    TITLE_PAIRS,
    VERIFY_MAX_LIST,
    build_schema,
    tantivy_fields,
    to_tantivy,
)

log = logging.getLogger(__name__)


def _schema_version(version_file: Path) -> str | None:
    try:
        return version_file.read_text().strip()
    except FileNotFoundError:
        return None


def _pages_only(
    pages: Iterable[PageDocument], described: list[PageDocument]
) -> Iterator[PageDocument]:
    """The pages of ``pages``; the objects' descriptions (seq 0) go into ``described``."""
    for page in pages:
        if page.seq == 0:
            described.append(page)
        else:
            yield page


class TantivyBackend(SearchBackend):
    """One index directory: a reader for this process and, when asked, a short-lived writer."""

    name = "tantivy"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.schema = build_schema()
        self._lock = threading.Lock()
        self._index: tantivy.Index | None = None
        self._meta_mtime: float = 0.0
        self._only_network: dict[tuple[float, int | str | None], bool] = {}
        self._pages = PageIndex(self.path / "pages")
        # the objects' descriptions (title, metadata): ``PageDocument``s of seq 0
        self._descriptions = PageIndex(self.path / "objects")

    # -- opening -------------------------------------------------------------------------
    def _open(self) -> tantivy.Index:
        """Open (or make) the index; an index of another schema version starts empty.

        Every gunicorn worker opens the index at once, so the version file is only written
        when it changes, and then atomically (a rename): a process reading it while another
        wrote it once saw an empty file, took the index for an old one and deleted it.
        """
        version_file = self.path / "thuvien-schema"
        found = _schema_version(version_file)
        if found is not None and found != SCHEMA_VERSION:
            log.warning("search index at %s has an old schema; starting empty", self.path)
            shutil.rmtree(self.path, ignore_errors=True)  # the page index (pages/) with it
            self._pages.forget()
            self._descriptions.forget()
        self.path.mkdir(parents=True, exist_ok=True)
        if found != SCHEMA_VERSION:  # written before the index, so no one sees it unversioned
            tmp = version_file.with_name(f".thuvien-schema.{os.getpid()}.{threading.get_ident()}")
            tmp.write_text(SCHEMA_VERSION)
            os.replace(tmp, version_file)
        try:
            index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
        except ValueError:  # an index of a schema from before versioning
            if found is not None:
                raise
            log.warning("search index at %s has another schema; starting empty", self.path)
            for child in self.path.iterdir():
                if child != version_file:
                    shutil.rmtree(child) if child.is_dir() else child.unlink()
            index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
        for name, analyzer in STEMMERS.items():
            index.register_tokenizer(name, analyzer)
        index.config_reader(reload_policy="Manual")
        return index

    @property
    def index(self) -> tantivy.Index:
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self._index = self._open()
        return self._index

    def searcher(self) -> tantivy.Searcher:
        """A searcher on the latest commit, whichever process made it."""
        searcher, self._meta_mtime = reloaded_searcher(self.index, self.path, self._meta_mtime)
        return searcher

    def _writer(self, heap: int = 200_000_000, threads: int = 0) -> tantivy.IndexWriter:
        return writer_when_free(self.index, heap=heap, threads=threads)

    @property
    def pages(self) -> PageIndex:
        """The page index (``pages/``), opened after the version check of ``_open``."""
        self.index  # noqa: B018 - opening checks the schema version first
        return self._pages

    @property
    def descriptions(self) -> PageIndex:
        """The objects' descriptions (``objects/``), opened after the version check."""
        self.index  # noqa: B018 - opening checks the schema version first
        return self._descriptions

    # -- writing -------------------------------------------------------------------------
    def write(
        self,
        *,
        upserts: Iterable[IndexDocument] | Iterable[str] = (),
        delete_ids: Iterable[int] = (),
        analysed: bool = False,
    ) -> int:
        """Replace the documents of ``upserts`` and remove ``delete_ids``; one commit.

        ``analysed``: ``upserts`` are ``tantivy_fields`` as JSON texts (built by worker
        processes, see ``reindex_parallel``), read lazily; their ids must be among
        ``delete_ids``, since the texts are not opened here.
        """
        if analysed:
            ids = [int(i) for i in delete_ids]
        else:
            upserts = list(upserts)
            ids = [int(i) for i in delete_ids] + [int(d["id"]) for d in upserts]
        # a large batch fits one segment: no flush half way, fewer segments to merge later
        writer = self._writer(heap=200_000_000 if analysed else 50_000_000, threads=1)
        try:
            if ids:  # one delete for the whole batch; re-added documents come after it
                writer.delete_documents_by_query(
                    tantivy.Query.term_set_query(self.schema, "id", ids)
                )
            count = self._add_all(writer, upserts, analysed=analysed)
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise
        self._meta_mtime = 0.0
        return count

    def rebuild(
        self, docs: Iterable[IndexDocument], *, threads: int = 0, analysed: bool = False
    ) -> int:
        """Empty the index and add every document of ``docs`` (``thuvien reindex``).

        ``analysed``: ``docs`` are ``tantivy_fields`` as JSON texts (built in worker processes).
        """
        # On a small machine Python analysis and tantivy's indexer run side by side: one
        # indexing thread per spare core. The garbage collector is paused (no cycles are made).
        threads = threads or max(1, (os.cpu_count() or 2) - 1)
        # the budget is shared by the indexing threads; tantivy wants 15 MB to 4 GB each
        budget = settings.SEARCH_REINDEX_MEMORY_MB * 1_000_000
        heap = max(50_000_000 * threads, min(budget, 3_900_000_000 * threads))
        writer = self._writer(heap=heap, threads=threads)
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            writer.delete_all_documents()
            count = self._add_all(writer, docs, analysed=analysed)
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise
        finally:
            if gc_was_enabled:
                gc.enable()
        self._meta_mtime = 0.0
        return count

    def _add_all(self, writer: tantivy.IndexWriter, docs: Iterable[Any], *, analysed: bool) -> int:
        """Add ``docs`` (``IndexDocument`` dicts, or JSON texts when ``analysed``); how many."""
        count = 0
        if analysed:
            add_json = writer.add_json
            for text in docs:
                add_json(text)
                count += 1
        else:
            add, schema = writer.add_document, self.schema
            for doc in docs:
                add(to_tantivy(doc, schema))
                count += 1
        return count

    def write_pages(self, *, pages: Iterable[PageDocument], object_ids: Iterable[int]) -> int:
        ids = sorted({int(i) for i in object_ids})
        described: list[PageDocument] = []
        count = self.pages.write(pages=_pages_only(pages, described), object_ids=ids)
        self.descriptions.write(pages=described, object_ids=ids)
        return count

    def rebuild_pages(self, pages: Iterable[PageDocument]) -> int:
        threads = max(1, (os.cpu_count() or 2) - 1)
        described: list[PageDocument] = []
        count = self.pages.write(
            pages=_pages_only(pages, described), object_ids=(), rebuild=True, threads=threads
        )
        self.descriptions.write(pages=described, object_ids=(), rebuild=True)
        return count

    def find_objects(self, *, terms: list[str], limit: int) -> list[int]:
        # A word in the title or metadata weighs twice a word on a page; a page's best score
        # stands for its object (a long book is not ranked by its length).
        pages = self.pages.scored(terms=terms, limit=max(limit * 4, 200))
        found = self.descriptions.scored(terms=terms, limit=max(limit, 200))
        score = {obj: 2 * s + pages.get(obj, 0.0) for obj, s in found.items()}
        for obj, s in pages.items():
            score.setdefault(obj, s)
        return sorted(score, key=lambda obj: (-score[obj], -obj))[:limit]

    def page_hits(
        self, *, object_ids: list[int], terms: list[str], limit: int
    ) -> dict[int, list[int]]:
        return self.pages.hits(object_ids=object_ids, terms=terms, limit=limit)

    def page_count(self) -> int:
        return self.pages.count()

    def holds_only(self, searcher: tantivy.Searcher, network_id: int | None) -> bool:
        """Whether every document of the index belongs to ``network_id``.

        A province runs one network, so its filter matched every record yet cost a pass over
        a posting list of the whole index on every search (about a third of a broad search's
        time on a million records). Checked once per index version (one pass over the index).
        """
        key = (self._meta_mtime, network_id)
        known = self._only_network.get(key)
        if known is None:
            others = tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Must, tantivy.Query.all_query()),
                    (
                        tantivy.Occur.MustNot,
                        tantivy.Query.term_query(self.schema, "network", network_id),
                    ),
                ]
            )
            known = searcher.search(others, limit=1, count=True).count == 0
            if len(self._only_network) > 64:
                self._only_network.clear()
            self._only_network[key] = known
        return known

    def count(self) -> int:
        return self.searcher().num_docs

    def title_pairs(self) -> tuple[PairCount, Verify]:
        """How the index's titles support a respelling ("did you mean"): the accented syllable
        pairs of titles (``title_bia``, "truyện_kiều").

        ``pair_count`` is a term's document frequency (a dictionary look-up); ``verify`` counts
        the titles holding every pair of a combination (an intersection of posting lists). Both
        run on the whole index: ``did_you_mean``'s probe then checks the chosen one in scope.
        The intersection costs about the length of its shortest list (1.2 ms for "lịch sử đảng"
        on a million records, 50,000 titles): when even the rarest pair is in more than
        ``VERIFY_MAX_LIST`` titles, the combination is taken as found without counting.
        """
        searcher = self.searcher()
        schema = self.schema

        def pair_count(first: str, second: str) -> int:
            return searcher.doc_freq(TITLE_PAIRS, f"{first}_{second}")

        def verify(words: list[str]) -> int:
            pairs = {f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)}
            rarest = min((searcher.doc_freq(TITLE_PAIRS, p) for p in pairs), default=0)
            if len(pairs) < 2 or rarest == 0 or rarest > VERIFY_MAX_LIST:
                return rarest
            must = tantivy.Occur.Must
            query = tantivy.Query.boolean_query(
                [(must, tantivy.Query.term_query(schema, TITLE_PAIRS, p)) for p in pairs]
            )
            return searcher.search(query, limit=1, count=True).count

        return pair_count, verify

    # -- reading -------------------------------------------------------------------------
    def run(self, req: SearchRequest) -> SearchResponse:
        try:
            return run_search(self, req)
        except ValueError:  # tantivy refused a query the parser let through (an odd regex)
            raise SearchQueryError(
                SearchErrorCode.INVALID,
                _("Không đọc được câu tìm kiếm này. Hãy bỏ bớt ký tự đặc biệt."),
            ) from None

    def prepare(self, doc: IndexDocument) -> PreparedDocument:
        """The analysed fields as a JSON text (``IndexWriter.add_json`` parses it in Rust)."""
        fields = tantivy_fields(doc)
        return PreparedDocument(compact_json(fields), fields["title_acc"][0])

    def compile(
        self,
        req: SearchRequest,
        *,
        scoring: bool = True,
        searcher: tantivy.Searcher | None = None,
    ) -> tantivy.Query:
        """The query of ``req`` with its scope and facet filters applied.

        ``scoring=False``: the same matches without the ranking boosts (for counts and facets).
        With ``searcher``, a network filter that every document passes is left out.
        """
        base = compile_query(self.schema, req.query, scoring=scoring)
        filters = self._filters(req, searcher)
        excluded = excluded_queries(self.schema, req, visibility=self._visibility(req, searcher))
        if not filters and not excluded:
            return base
        occ = tantivy.Occur
        return tantivy.Query.boolean_query(
            [(occ.Must, base)]
            + [(occ.Must, f) for f in filters]
            + [(occ.MustNot, x) for x in excluded]
        )

    def ranking_union(self, req: SearchRequest, searcher: tantivy.Searcher) -> tantivy.Query | None:
        """The request's scores as a flat union of terms (``compile.ranking_union``).

        Only for a plain word search with no filter to apply: a filter is a required clause,
        which turns block-max WAND off again, and it may leave few of the union's records.
        The records hidden from the viewer (an exclusion, few) are dropped by the check of the
        union's candidates against the real matches.
        """
        if self._filters(req, searcher):
            return None
        return ranking_union(self.schema, req.query)

    def hits_bound(self, req: SearchRequest, searcher: tantivy.Searcher) -> int | None:
        """At most how many records ``req`` can find (``compile.hits_bound``), or None."""
        return hits_bound(req.query, searcher)

    def _filters(
        self, req: SearchRequest, searcher: tantivy.Searcher | None
    ) -> list[tantivy.Query]:
        network = bool(req.network_id) and not (
            searcher is not None and self.holds_only(searcher, req.network_id)
        )
        return filter_queries(
            self.schema, req, network=network, visibility=self._visibility(req, searcher)
        )

    def _visibility(self, req: SearchRequest, searcher: tantivy.Searcher | None) -> bool:
        """Whether ``req`` needs its visibility clause (not when every record is public)."""
        return req.visible_to is not None and not (
            "pub" in req.visible_to and searcher is not None and self.all_public(searcher)
        )

    def all_public(self, searcher: tantivy.Searcher) -> bool:
        """Whether every document of the index is visible to everyone (no ``npub`` term; a
        deleted document not yet merged away may still count): then the visibility clause is
        left out, as a network filter every document passes is."""
        return searcher.doc_freq("vis", NOT_PUBLIC) == 0


Engine = TantivyBackend  # the name the benchmarks and older tests use
