"""The search seam: the engine-neutral types and the interface every search backend implements.

Nothing here knows an engine. The rest of thuvien talks to search only through:

- ``IndexDocument`` dicts (built by ``search.documents``; plain data),
- ``engine().write(upserts=..., delete_ids=...)``, ``engine().rebuild(docs)`` and
  ``engine().prepare(doc)`` (the worker and ``thuvien reindex``: the only writers),
- ``engine().search(SearchRequest) -> SearchResponse`` (web processes: readers), where
  ``SearchRequest.query`` is a tree of ``search.query`` (the reader's query language, parsed
  once, engine-neutral) that each backend compiles into its own queries,
- ``engine().title_pairs()`` (what "did you mean" asks of the index),
- ``engine().write_pages(...)``, ``engine().rebuild_pages(...)`` and ``engine().page_hits(...)``:
  the pages of digital objects, one document each, which say on which pages of the objects
  under a result the reader's words are (``search.fulltext``); with each object's description
  (title and metadata, a ``PageDocument`` of ``seq`` 0) kept apart from its pages,
  ``engine().find_objects(...)`` says which objects hold the words: the digital library's own
  search, objects without a catalogue record included.

A backend is a package under ``search/backends/`` with a subclass of ``SearchBackend``,
registered in ``BACKENDS``; ``settings.SEARCH_BACKEND`` picks the one a process uses. The
relevance tests (``search/tests/test_relevance.py``) run against every registered backend.
Today there is one: ``tantivy`` (an embedded index, ``search/backends/tantivy/``).
"""

from __future__ import annotations

import abc
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from django.conf import settings
from django.utils.module_loading import import_string

from .query import Fallback, Query
from .suggest import PairCount, Verify

IndexDocument = dict[str, Any]

# Publication-year facet: (key, first year, first year after) of each range, oldest first.
YEAR_RANGES: list[tuple[str, int | None, int | None]] = [
    ("-1944", None, 1945),
    ("1945-1974", 1945, 1975),
    ("1975-1985", 1975, 1986),
    ("1986-1999", 1986, 2000),
    ("2000-2009", 2000, 2010),
    ("2010-2019", 2010, 2020),
    ("2020-", 2020, None),
]
# The facets a response carries (keys of ``SearchResponse.facets``) and how many values each.
FACET_SIZES = {"lib": 300, "ltype": 20, "grp": 100, "mtype": 20, "lang": 30, "subj": 15, "auth": 15,
               "place": 15, "person": 15}  # fmt: skip
FACETS = ("lib", "ltype", "grp", "mtype", "lang", "year", "subj", "auth", "place", "person")
# Orders a request may ask for; "relevance" is the backend's score.
SORTS = ("relevance", "newest", "oldest", "title", "author")


# The deepest position any backend serves; beyond it the reader is asked to narrow the search.
MAX_WINDOW = 10_000


@dataclass
class SearchRequest:
    query: Query | None = None  # None: browse everything; a ``search.query`` tree
    network_id: int | None = None
    library_ids: list[int] | None = None  # the scope (one library or a group); None = network
    # facet choices, by facet name: "lib", "grp" (ids as text), "ltype", "mtype", "lang",
    # "subj", "auth" (headings), "place", "person" (names staff confirmed in the record's
    # text: ``search.documents.document_extras``); values of one facet are ORed, facets ANDed
    filters: dict[str, list[str]] = field(default_factory=dict)
    available: bool = False  # a copy on a shelf in the scope (or the chosen libraries)
    year_from: int | None = None  # inclusive
    year_to: int | None = None  # inclusive
    work: str | None = None  # only the records of one work cluster
    # only these records (meaning-based search asks the engine which of its nearest neighbours
    # the reader may see in this scope, with their facets); None = no such filter
    record_ids: list[int] | None = None
    sort: str = "relevance"  # one of SORTS
    offset: int = 0
    limit: int = 20
    facets: bool = True  # count facets, the total and the available count
    collapse: bool = True  # one hit per work cluster (with its size)
    # Who asks (issue 19, ``holdings.visibility``): the visibility tokens a record must carry
    # one of (None: no filter), and the libraries whose holdings may be counted and shown in
    # facets and clusters (None: every library).
    visible_to: list[str] | None = None
    visible_libraries: list[int] | None = None


@dataclass
class Hit:
    record_id: int
    score: float
    work: str
    libraries: list[int]
    available_at: list[int]
    cluster_size: int = 1
    cluster_libraries: int = 0


@dataclass
class SearchResponse:
    total: int
    hits: list[Hit]
    # facet name -> [(value, count)], most first (years oldest first); also "_navail"
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    available_count: int | None = None
    next_offset: int | None = None
    offset: int = 0  # the raw position served: a request past the deepest window is held there
    window_end: bool = False  # paging stops before the hits do
    facets_approximate: bool = False  # counted on a sample and scaled
    total_approximate: bool = False  # estimated (a broad search)
    took_ms: float = 0.0


def _seen_libraries(response: SearchResponse, req: SearchRequest) -> SearchResponse:
    """A hit names only the libraries the reader may see (``req.visible_libraries``)."""
    if req.visible_libraries is not None:
        seen = set(req.visible_libraries)
        for hit in response.hits:
            hit.libraries = [i for i in hit.libraries if i in seen]
            hit.available_at = [i for i in hit.available_at if i in seen]
    return response


class PreparedDocument(NamedTuple):
    """A document made ready for the backend's writer in a builder process (picklable)."""

    payload: str  # what ``write(..., analysed=True)`` and ``rebuild(..., analysed=True)`` take
    title_words: str  # the title's accented words joined by spaces ("did you mean" counts them)


class PageDocument(NamedTuple):
    """One page of a digital object as the page index takes it; ``seq`` 0 (pages start at 1)
    is the object's description: its title and metadata, found by ``find_objects`` only."""

    obj_id: int
    seq: int
    text: str


class SearchBackend(abc.ABC):
    """What a search backend implements. ``search`` is shared: it unwraps a ``Fallback`` query
    (a bare ISBN: the identifier first, its words when it finds nothing) and calls ``run``."""

    name: str = ""

    def search(self, req: SearchRequest) -> SearchResponse:
        node = req.query
        if isinstance(node, Fallback):
            first = self.run(replace(req, query=node.first))
            if not first.total:
                first = self.run(replace(req, query=node.then))
            return _seen_libraries(first, req)
        return _seen_libraries(self.run(req), req)

    @abc.abstractmethod
    def run(self, req: SearchRequest) -> SearchResponse:
        """Rank, page, collapse, count and facet one request (``query`` holds no Fallback).

        A query the backend cannot run raises ``SearchQueryError`` (a message for the reader).
        """

    @abc.abstractmethod
    def write(
        self,
        *,
        upserts: Iterable[IndexDocument] | Iterable[str] = (),
        delete_ids: Iterable[int] = (),
        analysed: bool = False,
    ) -> int:
        """Replace the documents of ``upserts`` and remove ``delete_ids`` at once; how many
        were written. ``analysed``: ``upserts`` are ``prepare(...).payload`` texts and their
        ids are among ``delete_ids``."""

    @abc.abstractmethod
    def rebuild(
        self,
        docs: Iterable[IndexDocument] | Iterable[str],
        *,
        threads: int = 0,
        analysed: bool = False,
    ) -> int:
        """Empty the index and add every document of ``docs``; how many."""

    @abc.abstractmethod
    def prepare(self, doc: IndexDocument) -> PreparedDocument:
        """Analyse one document for the writer; runs in forked builder processes."""

    @abc.abstractmethod
    def count(self) -> int:
        """Documents in the index."""

    @abc.abstractmethod
    def title_pairs(self) -> tuple[PairCount, Verify]:
        """Counts of adjacent accented title syllables ("did you mean", ``search.suggest``)."""

    @abc.abstractmethod
    def write_pages(self, *, pages: Iterable[PageDocument], object_ids: Iterable[int]) -> int:
        """Replace every page of the objects ``object_ids`` by ``pages`` (theirs); how many
        were written. An object with no pages left is simply removed."""

    @abc.abstractmethod
    def rebuild_pages(self, pages: Iterable[PageDocument]) -> int:
        """Empty the page index and add every page of ``pages``; how many."""

    @abc.abstractmethod
    def page_hits(
        self, *, object_ids: list[int], terms: list[str], limit: int
    ) -> dict[int, list[int]]:
        """{object id: the sequence numbers of its first ``limit`` pages holding every one of
        ``terms`` (folded syllables, ``search.analysis``)}, pages with the terms side by side
        first; objects without such a page are left out. The caller passes only objects the
        reader may open."""

    @abc.abstractmethod
    def find_objects(self, *, terms: list[str], limit: int) -> list[int]:
        """Ids of the objects whose description or one of whose pages holds every one of
        ``terms`` (folded syllables), best first (the description counts more, words side by
        side more than apart), at most ``limit``. Access is the caller's to decide."""

    @abc.abstractmethod
    def page_count(self) -> int:
        """Pages in the page index."""

    def clear(self) -> None:
        self.rebuild([])
        self.rebuild_pages([])


# name -> dotted path of a ``SearchBackend`` subclass, built with the index directory.
BACKENDS: dict[str, str] = {
    "tantivy": "thuvien.search.backends.tantivy.TantivyBackend",
}
_ENGINES: dict[tuple[str, str], SearchBackend] = {}
_LOCK = threading.Lock()


def registered_backends() -> list[str]:
    return list(BACKENDS)


def engine(name: str | None = None) -> SearchBackend:
    """The backend of ``settings.SEARCH_BACKEND`` on ``settings.SEARCH_INDEX_DIR`` (one per
    process)."""
    name = name or settings.SEARCH_BACKEND
    key = (name, str(settings.SEARCH_INDEX_DIR))
    found = _ENGINES.get(key)
    if found is None:
        with _LOCK:
            found = _ENGINES.get(key)
            if found is None:
                factory = import_string(BACKENDS[name])
                found = _ENGINES[key] = factory(Path(key[1]))
    return found
