"""The search engine behind one small interface; today an embedded tantivy index.

Everything else in thuvien talks to this module only through:

- ``IndexDocument`` dicts (built by ``search.documents``; plain data, no tantivy types),
- ``engine().write(upserts=..., delete_ids=...)`` and ``engine().rebuild(docs)`` (the worker
  and ``thuvien reindex``: the only writers),
- ``engine().search(SearchRequest) -> SearchResponse`` (web processes: readers),

so another backend (OpenSearch for a national deployment) can replace this file. Query trees
from ``search.query`` are compiled here (``search.compile``), facets are tantivy aggregations
over fast fields, sorting uses fast fields (``title_sort`` is ``core.text.vi_sort_string`` so
byte order is Vietnamese order).

Processes: one writer at a time (tantivy's lock file; the writer is opened per batch and
dropped, so ``reindex`` and the worker take turns). Readers reload when ``meta.json`` changed,
checked with one ``stat`` per search.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import shutil
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tantivy
from django.conf import settings

from . import analysis as va
from . import facet_key
from .compile import compile_query, filter_queries, hits_bound, ranking_union
from .query import Node
from .suggest import PairCount, Verify

TITLE_PAIRS = "title_bia"  # adjacent accented title syllables, "truyện_kiều"
VERIFY_MAX_LIST = 10_000  # see Engine.title_pairs

log = logging.getLogger(__name__)

SCHEMA_VERSION = "11"
YEAR_RANGES: list[tuple[str, int | None, int | None]] = [
    ("-1944", None, 1945),
    ("1945-1974", 1945, 1975),
    ("1975-1985", 1975, 1986),
    ("1986-1999", 1986, 2000),
    ("2000-2009", 2000, 2010),
    ("2010-2019", 2010, 2020),
    ("2020-", 2020, None),
]
FACET_SIZES = {"lib": 300, "ltype": 20, "grp": 100, "mtype": 20, "lang": 30, "subj": 15, "auth": 15}
SORTS = {
    "relevance": (None, None),
    "newest": ("year", tantivy.Order.Desc),
    "oldest": ("year", tantivy.Order.Asc),
    "title": ("title_sort", tantivy.Order.Asc),
    "author": ("author_sort", tantivy.Order.Asc),
}
IndexDocument = dict[str, Any]
SAMPLE_LEVELS = 7  # level k holds one record in 2**k


def sample_levels(record_id: int) -> list[int]:
    """The sample levels a record belongs to: k such that id is a multiple of 2**k.

    Sampling at 1/2**k is then ONE term, whose posting list intersects the query cheaply
    (a union of buckets costs as much as the query itself).
    """
    # the levels are 1..(trailing zero bits of the id, at most SAMPLE_LEVELS): no loop of modulos
    zeros = (record_id & -record_id).bit_length() - 1 if record_id else SAMPLE_LEVELS
    return list(_LEVELS[min(zeros, SAMPLE_LEVELS)])


_LEVELS = [tuple(range(1, z + 1)) or (0,) for z in range(SAMPLE_LEVELS + 1)]


_FACET_HASHES: dict[str, int] = {}


def facet_hash(value: str) -> int:
    """A stable 63-bit id of a subject or author heading (the same in every process).

    Memoised: headings repeat from record to record and a rebuild hashes millions of them.
    """
    try:
        return _FACET_HASHES[value]
    except KeyError:
        if len(_FACET_HASHES) > 300_000:
            _FACET_HASHES.clear()
        digest = hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest()
        out = _FACET_HASHES[value] = int.from_bytes(digest, "big") >> 1
        return out


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    sb.add_unsigned_field("network", indexed=True, fast=True)
    for name in ("title", "all", "author", "subject"):
        # Phrases run on the folded fields; the accented ones only add to the score.
        sb.add_text_field(f"{name}_acc", tokenizer_name="default", index_option="freq")
        sb.add_text_field(f"{name}_fold", tokenizer_name="default")
    sb.add_text_field("publisher_fold", tokenizer_name="default")
    sb.add_text_field("series_fold", tokenizer_name="default")
    for name in ("title_bi", "title_bia", "all_bi"):
        sb.add_text_field(name, tokenizer_name="raw", index_option="freq")
    sb.add_text_field("stem_en", tokenizer_name="en_stem")
    sb.add_text_field("stem_fr", tokenizer_name="fr_stem")
    for name in ("isbn", "issn", "callno", "ddc"):
        sb.add_text_field(name, tokenizer_name="raw", index_option="basic")
    for name in ("mtype", "lang", "ltype"):  # filters; their counts come from fkey
        sb.add_text_field(name, tokenizer_name="raw", index_option="basic")
    # Subjects and authors have hundreds of thousands of values: counted as 64-bit hashes
    # (a text column's terms aggregation costs per distinct value on every query); the
    # stored texts give the labels back.
    for name in ("subj", "auth"):
        sb.add_unsigned_field(name, indexed=True, fast=True)
        sb.add_text_field(f"{name}_s", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_unsigned_field("sample", indexed=True)  # sample levels (see sample_levels)
    sb.add_unsigned_field("fkey", fast=True)  # the five small facets in two values (facet_key)
    sb.add_text_field("work", stored=True, tokenizer_name="raw", fast=True, index_option="basic")
    for name in ("title_sort", "author_sort"):
        sb.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
    for name in ("lib", "avail", "grp"):
        sb.add_unsigned_field(name, stored=name != "grp", indexed=True, fast=True)
    sb.add_integer_field("year", indexed=True, fast=True)
    return sb.build()


def _stem_analyzer(language: str) -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stemmer(language))
        .build()
    )


STEMMERS = {"en_stem": _stem_analyzer("english"), "fr_stem": _stem_analyzer("french")}


@dataclass
class SearchRequest:
    query: Node | None = None
    network_id: int | None = None
    library_ids: list[int] | None = None  # the scope (one library or a group); None = network
    filters: dict[str, list[str]] = field(default_factory=dict)
    available: bool = False
    year_from: int | None = None
    year_to: int | None = None
    work: str | None = None
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20
    facets: bool = True
    collapse: bool = True


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
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    available_count: int | None = None
    next_offset: int | None = None
    offset: int = 0  # the raw position served: a request past MAX_WINDOW is held there
    window_end: bool = False  # paging stops (MAX_WINDOW) before the hits do
    facets_approximate: bool = False
    total_approximate: bool = False  # estimated from the facet sample (a broad search)
    took_ms: float = 0.0


def to_tantivy(doc: IndexDocument, schema: tantivy.Schema) -> tantivy.Document:
    """Analyse one ``IndexDocument`` into the accented, folded and pair fields."""
    return tantivy.Document.from_dict(tantivy_fields(doc), schema)


def tantivy_fields(doc: IndexDocument) -> dict[str, Any]:
    """The analysed fields of a document as plain data (picklable: built in worker processes).

    A rebuild runs this a million times: single values are analysed without the list
    wrappers of ``va.analyse``, and optional fields are looked up once.
    """
    get = doc.get
    rid = doc["id"]
    title = get("title") or ""
    authors = get("authors") or []
    subjects = get("subjects") or []
    series = get("series") or []
    publisher = get("publisher") or ""
    t_acc, t_fold, t_pairs, t_acc_pairs = (title and va.ONCE(title)) or _NOTHING
    # Headings repeat across records (analysed once, memoised); titles and notes do not.
    a_acc, a_fold, _p, _ap = _headings(authors)
    s_acc, s_fold, s_pairs, _ap = _headings(subjects)
    memo, once = va.MEMO, va.ONCE
    parts = [(get("responsibility") or "", once), (publisher, memo)]
    notes = get("notes")
    if series or notes:
        parts = [*[(x, memo) for x in series], *parts, *[(x, once) for x in notes or ()]]
    o_acc, o_fold, o_pairs, _ap = va.analyse_parts(parts)
    available_at = get("available_at")
    fields: dict[str, Any] = {
        "id": [rid],
        "network": [get("network") or 0],
        "title_acc": [t_acc],
        "title_fold": [t_fold],
        # The folded "all" field holds everything, title included: one term per query word
        # decides the match. The accented one leaves the title out (title_acc scores it).
        "all_acc": [f"{a_acc} , {s_acc} , {o_acc}"],
        "all_fold": [f"{t_fold} , {a_fold} , {s_fold} , {o_fold}"],
        "title_bi": t_pairs,
        "title_bia": t_acc_pairs,
        "all_bi": s_pairs + o_pairs,
        "work": [get("work") or f"~{rid}"],
        "title_sort": [get("title_sort") or ""],
        "author_sort": [get("author_sort") or "~"],
        "mtype": [get("material_type") or "other"],
        "sample": sample_levels(rid),
    }
    if authors:
        fields["author_acc"] = [a_acc]
        fields["author_fold"] = [a_fold]
        fields["auth_s"] = list(dict.fromkeys(authors))
        fields["auth"] = [facet_hash(a) for a in fields["auth_s"]]
    if subjects:
        fields["subject_acc"] = [s_acc]
        fields["subject_fold"] = [s_fold]
        fields["subj_s"] = list(dict.fromkeys(subjects))
        fields["subj"] = [facet_hash(x) for x in fields["subj_s"]]
    if publisher:
        fields["publisher_fold"] = [va.fold(publisher)]
    if series:
        fields["series_fold"] = [va.fold(" , ".join(series))]
    lang = get("language") or ""
    if lang:
        fields["lang"] = [lang]
        if lang == "eng":
            fields["stem_en"] = [" \n ".join([title, *subjects])]
        elif lang == "fre":
            fields["stem_fr"] = [" \n ".join([title, *subjects])]
    _identifiers(fields, get)
    for key, name in (("libraries", "lib"), ("available_at", "avail"), ("groups", "grp")):
        values = get(key)
        if values:
            fields[name] = sorted(set(values))
    ltypes = get("library_types")
    if ltypes:
        fields["ltype"] = sorted(set(ltypes))
    fields["fkey"] = facet_key.encode(
        fields["mtype"][0],
        lang,
        fields["year"][0] if "year" in fields else None,
        bool(available_at),
        ltypes or (),
    )
    return fields


_NOTHING: tuple[str, str, list[str], list[str]] = ("", "", [], [])


def _headings(values: list[str]) -> tuple[str, str, list[str], list[str]]:
    """``va.analyse(values, cache=True)``; one heading (most authors) straight from the memo."""
    if len(values) == 1:
        return (values[0] and va.MEMO(values[0])) or _NOTHING
    return va.analyse(values, cache=True)


def _identifiers(fields: dict[str, Any], get: Any) -> None:
    """ISBN (both forms), ISSN, call number, DDC and year fields, when the document has them."""
    isbns = get("isbns")
    if isbns:
        variants = [v for i in isbns for v in va.isbn_variants(i)]
        if variants:
            fields["isbn"] = variants
    issns = get("issns")
    if issns:
        issns = [va.normalize_isbn(i) for i in issns if i]
        if issns:
            fields["issn"] = issns
    callnos = get("call_numbers")
    if callnos:
        callnos = [va.normalize_callno(c) for c in callnos if c]
        if callnos:
            fields["callno"] = list(dict.fromkeys(callnos))
    ddc = get("ddc")
    if ddc:
        fields["ddc"] = [ddc.strip()]
    year = get("year")
    if year:
        fields["year"] = [int(year)]


def _schema_version(version_file: Path) -> str | None:
    try:
        return version_file.read_text().strip()
    except FileNotFoundError:
        return None


class Engine:
    """One index directory: a reader for this process and, when asked, a short-lived writer."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.schema = build_schema()
        self._lock = threading.Lock()
        self._index: tantivy.Index | None = None
        self._meta_mtime: float = 0.0
        self._only_network: dict[tuple[float, int | None], bool] = {}

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
            shutil.rmtree(self.path, ignore_errors=True)
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
        index = self.index
        try:
            mtime = os.stat(self.path / "meta.json").st_mtime
        except FileNotFoundError:
            mtime = 0.0
        if mtime != self._meta_mtime:
            self._meta_mtime = mtime
            index.reload()
        return index.searcher()

    def _writer(self, heap: int = 200_000_000, threads: int = 0) -> tantivy.IndexWriter:
        deadline = time.monotonic() + 120
        while True:
            try:
                return self.index.writer(heap_size=heap, num_threads=threads)
            except ValueError:  # another process holds the lock (reindex vs worker)
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

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

    def clear(self) -> None:
        self.rebuild([])

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
    def search(self, req: SearchRequest) -> SearchResponse:
        from .engine_search import run_search

        return run_search(self, req)

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
        if not filters:
            return base
        occ = tantivy.Occur
        return tantivy.Query.boolean_query([(occ.Must, base)] + [(occ.Must, f) for f in filters])

    def ranking_union(self, req: SearchRequest, searcher: tantivy.Searcher) -> tantivy.Query | None:
        """The request's scores as a flat union of terms (``compile.ranking_union``).

        Only for a plain word search with no filter to apply: a filter is a required clause,
        which turns block-max WAND off again, and it may leave few of the union's records.
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
        return filter_queries(self.schema, req, network=network)


_ENGINES: dict[str, Engine] = {}


def engine() -> Engine:
    """The engine of ``settings.SEARCH_INDEX_DIR`` (one per process)."""
    key = str(settings.SEARCH_INDEX_DIR)
    if key not in _ENGINES:
        _ENGINES[key] = Engine(Path(key))
    return _ENGINES[key]
