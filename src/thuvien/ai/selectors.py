"""Reads of the AI services: what needs embedding, and meaning-based search in a reader's scope.

Meaning-based results never bypass the catalogue's rules: the nearest neighbours are only
candidates, and the search engine decides which of them the reader may see in the scope asked
(network, library, group, facet choices, visibility), counts their facets and returns them in
the same shape as a word search, so the portal and the API render them the same way.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
from django.db.models import F, Q
from django.utils.translation import gettext_lazy

from thuvien.catalog.models import Record
from thuvien.core.text import strip_invisible
from thuvien.holdings.visibility import ANONYMOUS, Viewer
from thuvien.search.engine import YEAR_RANGES, engine
from thuvien.search.errors import SearchError
from thuvien.search.page_sql import library_directory
from thuvien.search.selectors import (
    PAGE_SIZE,
    FacetGroup,
    SearchPage,
    build_request,
    facet_groups,
    resolve_scope,
    result_rows,
    search_catalogue,
    with_viewer,
)

from . import vectors
from .embedding import MODEL_NAME, embed_query
from .models import RecordEmbedding

if TYPE_CHECKING:
    from thuvien.network.models import Library
    from thuvien.patrons.models import Patron

CANDIDATES = 100  # nearest neighbours asked for; the engine keeps those the reader may see
# e5's cosines are crowded: against one query, unrelated Vietnamese titles score 0.70-0.85 and
# the level moves with the query ("beekeeping" over a catalogue with no bee book: 20 swimming
# titles at 0.80-0.82, while a relevant title elsewhere scores 0.80). So no fixed cut works:
# a candidate is kept only when it stands out from this query's background, the similarities
# of random records (``vectors.background``), by ``Z_MIN`` standard deviations, and stays
# within ``MARGIN`` of the best. Measured on the demo catalogue with answered and no-answer
# queries (benchmarks/ai_relevance.py).
Z_MIN = 4.5
MARGIN = 0.06
# Where the words answered, a fill-in must be within this of the nearest word result's
# similarity (``beside_words``). Chosen on held-out queries (benchmarks/ai_relevance.py
# --tune, 2026-12-07): 0 and 0.01 add the same 18 records to 14 exact and tone-mark queries
# (the 10 without the asked words all to "hát quan họ", whose words met only scattered, in
# "hát trống quân" titles); 0.02 adds one more without, 0.03 21, 0.05 51 (no rule: 51). The
# reported set chose 0 over 0.01 ("Luật thi đấu bóng bàn" scored 0.008 under the football
# rules for "luật thi đấu bóng đá").
WORDS_MARGIN = 0.0
MODE_LABELS = {
    "lexical": gettext_lazy("Theo từ"),
    "semantic": gettext_lazy("Theo ý nghĩa"),
    "hybrid": gettext_lazy("Theo từ và ý nghĩa"),
}
MODES = tuple(MODE_LABELS)


def record_passage(record: Record) -> str:
    """What a record means, in the words the model reads: title, subjects, summary, series."""
    parts = [record.title]
    subjects = [s if isinstance(s, str) else str(s.get("heading", "")) for s in record.subjects]
    if subjects:
        parts.append("; ".join(s for s in subjects if s))
    notes = [n for n in record.notes if isinstance(n, str)]
    if notes:
        parts.append(" ".join(notes[:2]))
    if record.series:
        parts.append("; ".join(str(s) for s in record.series))
    return ". ".join(p.strip() for p in parts if p and p.strip())


def passage_hash(text: str) -> str:
    return hashlib.blake2b(f"{MODEL_NAME}\n{text}".encode(), digest_size=16).hexdigest()


def _stale() -> Any:
    """Live records with no vector, a vector of another model, or edited since."""
    return Record.objects.filter(is_deleted=False).filter(
        Q(embedding__isnull=True)
        | ~Q(embedding__model=MODEL_NAME)
        | Q(embedding__source_updated__lt=F("updated_at"))
    )


def stale_record_ids(*, limit: int, after_id: int = 0) -> list[int]:
    """The next ``limit`` records needing a vector, in id order."""
    return list(
        _stale().filter(pk__gt=after_id).order_by("pk").values_list("pk", flat=True)[:limit]
    )


def stale_count() -> int:
    return int(_stale().count())


def stored_vectors(chunk: int = 5_000) -> Iterator[tuple[list[int], np.ndarray]]:
    """Every current vector, by id range (rebuild of the index)."""
    last = 0
    while True:
        rows = list(
            RecordEmbedding.objects.filter(
                model=MODEL_NAME, record_id__gt=last, record__is_deleted=False
            )
            .order_by("record_id")
            .values_list("record_id", "vector")[:chunk]
        )
        if not rows:
            return
        last = rows[-1][0]
        ids = [r[0] for r in rows]
        yield ids, np.frombuffer(b"".join(bytes(r[1]) for r in rows), dtype="<f4").reshape(
            len(rows), -1
        )


def _scoped_candidates(
    params: Any,
    ranked: list[tuple[int, float]],
    *,
    facets: bool,
    viewer: Viewer = ANONYMOUS,
    sorted_as_asked: bool = False,
) -> tuple[SearchPage, list[Any], dict[int, float]]:
    """Ask the engine which candidates the reader may see here (scope, filters, visibility);
    hits most similar first, or, with ``sorted_as_asked``, in the order the reader chose
    (``sort``: title, author, year; ``page.sort`` says which)."""
    from thuvien.holdings.visibility import visible_library_ids

    scope = resolve_scope(params, viewer)
    page = SearchPage(q=str(params.get("q", "") or "").strip(), params={}, scope=scope)
    page.libraries = library_directory()
    seen = visible_library_ids(viewer)
    if seen is not None:
        page.libraries = {pk: lib for pk, lib in page.libraries.items() if pk in seen}
    sims = dict(ranked)
    req, page.params = build_request(params, scope)
    req = replace(
        req, query=None, record_ids=list(sims), offset=0, limit=CANDIDATES, facets=facets
    )
    with_viewer(req, viewer)
    response = engine().search(req)
    if sorted_as_asked and req.sort != "relevance":
        hits, page.sort = response.hits, req.sort
    else:
        hits = sorted(response.hits, key=lambda h: -sims.get(h.record_id, 0.0))
    if facets:
        page.facets = facet_groups(
            response.facets, page.params, response.available_count, libraries=page.libraries
        )
    page.available_count = response.available_count
    return page, hits, sims


def standing(
    query: np.ndarray, ranked: list[tuple[int, float]], *, kind: str = "records"
) -> list[tuple[int, float, float]]:
    """(id, similarity, z): how far each candidate stands above the query's background."""
    sample = vectors.background(kind=kind)
    if len(sample) < 8:  # too few records to know a background: only the margin applies
        return [(rid, sim, float("inf")) for rid, sim in ranked]
    scores = np.sort(sample @ query.astype(np.float32))
    # the top tenth of the sample is left out: in a small catalogue the sample holds the very
    # records that answer the query, and they must not raise their own background
    scores = scores[: max(7, int(len(scores) * 0.9))]
    mean, spread = float(scores.mean()), max(float(scores.std()), 0.005)
    return [(rid, sim, (sim - mean) / spread) for rid, sim in ranked]


def standing_out(
    query: np.ndarray, ranked: list[tuple[int, float]], *, kind: str = "records"
) -> list[tuple[int, float]]:
    """The candidates that stand out from the background and are near the best of them."""
    if not ranked:
        return []
    cut = ranked[0][1] - MARGIN
    return [
        (rid, sim)
        for rid, sim, z in standing(query, ranked, kind=kind)
        if z >= Z_MIN and sim >= cut
    ]


def semantic_page(*, params: Any, facets: bool = True, viewer: Viewer = ANONYMOUS) -> SearchPage:
    """Records nearest in meaning to the query, in the reader's scope, a page at a time:
    nearest first, or in the order the reader chose (title, author, year), as a catalogue
    sorts any result set; the sort menu and the API's ``sort`` say which."""
    started = time.perf_counter()
    text = str(params.get("q", "") or "").strip()
    if not text:
        return search_catalogue(params=params, facets=facets, viewer=viewer)
    if not vectors.main_size() and not vectors.delta_size():  # nothing embedded yet
        page = SearchPage(q=text, params={}, scope=resolve_scope(params))
        page.libraries = library_directory()
        return page
    try:
        vector = embed_query(text)
        ranked = standing_out(vector, vectors.nearest(vector, CANDIDATES))
        page, hits, _ = _scoped_candidates(
            params, ranked, facets=facets, viewer=viewer, sorted_as_asked=True
        )
    except SearchError as exc:
        page = SearchPage(q=text, params={}, scope=resolve_scope(params))
        page.error, page.error_code = exc.message, exc.code
        return page
    _paginate(page, hits, params, viewer)
    page.took_ms = (time.perf_counter() - started) * 1000
    return page


def beside_words(
    query: np.ndarray, ranked: list[tuple[int, float]], word_ids: list[int]
) -> list[tuple[int, float]]:
    """The candidates that mean the query as closely as what its words found.

    When the word search answered (every word of the query is in each of its records), a
    record found only by meaning is added only if it is at least as near to the query as the
    nearest word result, less ``WORDS_MARGIN``: "nuôi ong mật" keeps its bee books and gets
    no goose book, while words that met only scattered over a record leave room for closer
    titles. No word result with a vector to weigh against: nothing is added.
    """
    near = [
        float(v @ query.astype(np.float32))
        for rid in word_ids
        if (v := vectors.vector_of(rid)) is not None
    ]
    if not near:
        return []
    floor = max(near) - WORDS_MARGIN
    return [(rid, sim) for rid, sim in ranked if sim >= floor]


# the order of ``search.selectors.facet_groups``
FACET_ORDER = (
    "avail", "lib", "ltype", "grp", "mtype", "lang", "year", "subj", "auth", "place", "person",
)


def merged_facets(words: list[FacetGroup], meaning: list[FacetGroup]) -> list[FacetGroup]:
    """The word results' facet counts plus those of the records meaning added, so a count
    says how many of the shown results a choice keeps."""
    by_name = {group.name: group for group in words}
    for group in meaning:
        mine = by_name.get(group.name)
        if mine is None:
            by_name[group.name] = group
            continue
        values = {v.value: v for v in mine.values}
        for value in group.values:
            if value.value in values:
                values[value.value].count += value.count
            else:
                mine.values.append(value)
        if group.name == "year":
            order = {key: i for i, (key, _lo, _hi) in enumerate(reversed(YEAR_RANGES))}
            mine.values.sort(key=lambda v: order.get(v.value, len(order)))
        else:
            mine.values.sort(key=lambda v: -v.count)
    rank = {name: i for i, name in enumerate(FACET_ORDER)}
    return sorted(by_name.values(), key=lambda g: rank.get(g.name, len(rank)))


def hybrid_page(*, params: Any, facets: bool = True, viewer: Viewer = ANONYMOUS) -> SearchPage:
    """Words first, meaning fills in, each row saying how it was found (``by_meaning``).

    The word search keeps its order (an exact title typed with its tone marks stays first);
    records found only by meaning follow, most similar first, when the words find fewer than
    a page: as they stand out (``standing_out``) when the words find nothing ("sách về nghề
    nuôi ong" finds "Kỹ thuật nuôi ong mật"), and only as near as the word results
    (``beside_words``) when the words answered, never when they answered a query typed without
    tone marks (nor, alike, one in plain English). The fill-ins stay on the first page: the
    total counts what is shown, and the facets count the word results and the fill-ins.
    """
    lexical = search_catalogue(params=params, facets=facets, viewer=viewer)
    if lexical.error or not lexical.q or lexical.total >= PAGE_SIZE or lexical.start:
        return lexical
    if not vectors.main_size() and not vectors.delta_size():  # nothing embedded yet
        return lexical
    # Vietnamese typed without its marks: e5-small misreads it (meaning alone scores nDCG 0.03
    # on such queries, the words 0.49), so similarity to the word results means little ("le
    # hoi truyen thong" drew a novel nearer than the festival books). Decided before the
    # query is embedded, which costs ~20 ms of CPU
    if lexical.rows and strip_invisible(lexical.q).isascii():
        return lexical
    counted: SearchPage | None = None
    try:
        vector = embed_query(lexical.q)
        ranked = standing_out(vector, vectors.nearest(vector, CANDIDATES))
        if lexical.rows:
            ranked = beside_words(vector, ranked, [row.record.pk for row in lexical.rows])
        if not ranked:
            return lexical
        _page, hits, sims = _scoped_candidates(params, ranked, facets=False, viewer=viewer)
        works = {row.hit.work for row in lexical.rows if row.hit.work}
        seen = {row.record.pk for row in lexical.rows}
        extra = [h for h in hits if h.record_id not in seen and not (h.work and h.work in works)]
        extra = extra[: PAGE_SIZE - len(lexical.rows)]
        if not extra:
            return lexical
        if facets:  # the fill-ins' own counts, in the same scope and choices
            counted, _hits, _sims = _scoped_candidates(
                params, [(h.record_id, sims[h.record_id]) for h in extra], facets=True,
                viewer=viewer,
            )
    except SearchError:
        return lexical
    rows = result_rows(extra, lexical.scope, libraries=lexical.libraries, viewer=viewer)
    for row in rows:
        row.by_meaning = True
    lexical.rows = lexical.rows + rows
    lexical.total += len(rows)
    lexical.next_start = None
    lexical.window_end = False
    if counted is not None:
        lexical.facets = merged_facets(lexical.facets, counted.facets)
        if lexical.available_count is not None or counted.available_count is not None:
            lexical.available_count = (lexical.available_count or 0) + (
                counted.available_count or 0
            )
    return lexical


def _paginate(page: SearchPage, hits: list[Any], params: Any, viewer: Viewer) -> None:
    start_text = str(params.get("start", "") or "")
    start = int(start_text) if start_text.isdigit() else 0
    start = min(start, max(0, len(hits) - 1)) if hits else 0
    chosen = hits[start : start + PAGE_SIZE]
    page.start, page.total = start, len(hits)
    page.rows = result_rows(chosen, page.scope, libraries=page.libraries, viewer=viewer)
    for row in page.rows:
        row.by_meaning = True
    page.next_start = start + PAGE_SIZE if start + PAGE_SIZE < len(hits) else None
    page.prev_start = max(0, start - PAGE_SIZE) if start > 0 else None


def search_page(*, params: Any, facets: bool = True, viewer: Viewer = ANONYMOUS) -> SearchPage:
    """The portal's and the API's entry: ``mode`` = lexical, semantic or hybrid (default:
    ``settings.AI_DEFAULT_MODE``)."""
    from django.conf import settings

    mode = str(params.get("mode", "") or settings.AI_DEFAULT_MODE)
    if mode == "semantic":
        return semantic_page(params=params, facets=facets, viewer=viewer)
    if mode == "hybrid":
        return hybrid_page(params=params, facets=facets, viewer=viewer)
    return search_catalogue(params=params, facets=facets, viewer=viewer)


def similar_records(
    *, record_id: int, params: Any, limit: int = 6, viewer: Viewer = ANONYMOUS
) -> list[Any]:
    """"More like this": the records nearest in meaning to one record, in the reader's scope.

    Result rows as the result page has them; the record itself and records of its own work
    cluster are left out.
    """
    vector = vectors.vector_of(record_id)
    if vector is None:
        return []
    ranked = [(rid, s) for rid, s in vectors.nearest(vector, 40) if rid != record_id and s >= 0.85]
    if not ranked:
        return []
    try:
        page, hits, _ = _scoped_candidates(params, ranked, facets=False, viewer=viewer)
    except SearchError:
        return []
    work = Record.objects.filter(pk=record_id).values_list("work_key", flat=True).first()
    hits = [h for h in hits if h.record_id != record_id and (not work or h.work != work)]
    return result_rows(hits[:limit], page.scope, libraries=page.libraries, viewer=viewer)


def similar_for_record_page(
    *, record: Record, limit: int = 6, viewer: Viewer = ANONYMOUS
) -> list[Record]:
    """The record page's "similar documents" by meaning, in the record's network; empty when
    the record has no vector yet (the page then keeps its subject and title-word neighbours)."""
    network = record.network.code if record.network_id else ""
    rows = similar_records(
        record_id=record.pk, params={"network": network}, limit=limit, viewer=viewer
    )
    found = Record.objects.filter(pk__in=[r.record.pk for r in rows], is_deleted=False).in_bulk()
    return [found[r.record.pk] for r in rows if r.record.pk in found]


def _visible_records(
    network_code: str, ranked: list[tuple[int, float]], viewer: Viewer = ANONYMOUS
) -> list[Record]:
    """The ranked records a reader of this network may see, in the ranked order."""
    if not ranked:
        return []
    try:
        _page, hits, _sims = _scoped_candidates(
            {"network": network_code}, ranked, facets=False, viewer=viewer
        )
    except SearchError:
        return []
    order = {rid: i for i, (rid, _s) in enumerate(ranked)}
    ids = sorted({h.record_id for h in hits}, key=lambda rid: order.get(rid, len(order)))
    found = Record.objects.filter(pk__in=ids, is_deleted=False).in_bulk()
    return [found[i] for i in ids if i in found]


def also_borrowed(*, record: Record, limit: int = 6, viewer: Viewer = ANONYMOUS) -> list[Record]:
    """"Readers who borrowed this also borrowed": only pairs that ``AI_MIN_READERS`` or more
    distinct readers support (the nightly count keeps no other), strongest first."""
    from django.conf import settings

    from .models import BorrowedTogether

    pairs = list(
        BorrowedTogether.objects.filter(record=record, readers__gte=settings.AI_MIN_READERS)
        .order_by("-readers", "other_id")
        .values_list("other_id", "readers")[: limit * 2]
    )
    network = record.network.code if record.network_id else ""
    ranked = [(rid, float(n)) for rid, n in pairs]
    return _visible_records(network, ranked, viewer)[:limit]


@dataclass
class Suggestion:
    record: Record
    because: Record  # "vì bạn đã mượn …"


def personal_suggestions(
    *, patron: Patron, limit: int = 6, viewer: Viewer = ANONYMOUS
) -> list[Suggestion]:
    """Suggestions for a reader who keeps their history and has not hidden them.

    None for a reader who did not opt in to keep their history, nor for a child whose history
    consent was not given by a parent or guardian; each suggestion says which of the reader's
    own loans it comes from.
    """
    from django.conf import settings

    from thuvien.circulation.models import Loan
    from thuvien.patrons.models import Consent, ConsentPurpose

    from .models import BorrowedTogether, SuggestionsHidden

    if not patron.keep_history or SuggestionsHidden.objects.filter(patron=patron).exists():
        return []
    if patron.category.needs_guardian and not Consent.objects.filter(
        patron=patron,
        purpose=ConsentPurpose.HISTORY,
        given_by_guardian=True,
        withdrawn_at__isnull=True,
    ).exists():
        return []
    read = list(
        Loan.all_objects.filter(patron=patron)
        .order_by("-issued_at")
        .values_list("item__record_id", flat=True)[:200]
    )
    if not read:
        return []
    recent = list(dict.fromkeys(read))[:20]
    score: dict[int, float] = {}
    because: dict[int, tuple[int, int]] = {}
    for source, other, readers in BorrowedTogether.objects.filter(
        record_id__in=recent, readers__gte=settings.AI_MIN_READERS
    ).values_list("record_id", "other_id", "readers"):
        if other in read:
            continue
        score[other] = score.get(other, 0.0) + readers
        if readers > because.get(other, (0, 0))[1]:
            because[other] = (source, readers)
    ranked = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))[: limit * 2]
    network = patron.library.network.code
    records = _visible_records(network, ranked, viewer)[:limit]
    sources = Record.objects.in_bulk([because[r.pk][0] for r in records])
    return [Suggestion(record=r, because=sources[because[r.pk][0]]) for r in records]


def suggestions_hidden(*, patron: Patron) -> bool:
    from .models import SuggestionsHidden

    return SuggestionsHidden.objects.filter(patron=patron).exists()


def ddc_training_rows(
    *, network_id: int, vectors_by_record: dict[int, np.ndarray] | None = None
) -> list[tuple[str, np.ndarray]]:
    """(DDC section, vector) of the network's records that carry a class and a vector."""
    from .cataloguing import ddc_section

    rows = (
        RecordEmbedding.objects.filter(
            model=MODEL_NAME, record__network_id=network_id, record__is_deleted=False
        )
        .exclude(record__ddc="")
        .values_list("record_id", "record__ddc", "vector")
    )
    out: list[tuple[str, np.ndarray]] = []
    for record_id, ddc, blob in rows.iterator(chunk_size=5_000):
        section = ddc_section(ddc)
        if section is None:
            continue
        vector = (vectors_by_record or {}).get(record_id)
        if vector is None:
            vector = np.frombuffer(bytes(blob), dtype="<f4")
        out.append((section, vector))
    return out


@dataclass
class CataloguingSuggestions:
    ddc: list[Any]
    subjects: list[Any]
    trained: bool


def cataloguing_suggestions(*, network_id: int, text: str) -> CataloguingSuggestions:
    """DDC sections and subject headings for what a cataloguer has written so far."""
    from .cataloguing import ddc_propose, ddc_section, vote
    from .embedding import embed_passages
    from .tasks import ddc_train_task

    text = text.strip()
    if not text:
        return CataloguingSuggestions([], [], trained=False)
    vector = embed_passages([text])[0]
    neighbours = vectors.nearest(vector, 30)
    records = Record.objects.filter(
        pk__in=[rid for rid, _s in neighbours], network_id=network_id, is_deleted=False
    ).only("pk", "ddc", "subjects")
    by_id = {r.pk: r for r in records}
    heads: list[tuple[str, float]] = []
    classes: list[tuple[str, float]] = []
    for rid, sim in neighbours:
        record = by_id.get(rid)
        if record is None:
            continue
        weight = max(sim - 0.7, 0.0) ** 2  # nearer neighbours count much more
        heads += [(str(s), weight) for s in record.subjects if str(s).strip()]
        section = ddc_section(record.ddc)
        if section:
            classes.append((section, weight))
    proposals = ddc_propose(network_id=network_id, vector=vector)
    trained = bool(proposals)
    if not trained:  # no model yet: the neighbours vote, and the worker trains one
        proposals = vote(classes)
        if classes:
            ddc_train_task(network_id)
    return CataloguingSuggestions(ddc=proposals, subjects=vote(heads), trained=trained)


def record_entities(record_ids: list[int]) -> dict[int, dict[str, list[str]]]:
    """Places and people of these records for the search index's facets.

    Those staff accepted as subjects, and those named in the text of the records' digitised
    objects that the union index may carry (published, not embargoed, not restricted: as
    ``digital.selectors.record_fulltext`` decides), less the names staff rejected. A name that
    matches an authority is shown by the authority's heading.
    """
    from thuvien.digital.selectors import indexable_objects

    from .models import DigitalPassage, EntityProposal, EntityStatus

    out: dict[int, dict[str, list[str]]] = {}
    key = {"place": "places", "person": "persons"}

    def add(record_id: int, kind: str, name: str) -> None:
        names = out.setdefault(record_id, {}).setdefault(key[kind], [])
        if name not in names:
            names.append(name)

    decided: dict[tuple[int, str, str], tuple[str, str]] = {}
    rows = EntityProposal.objects.filter(record_id__in=record_ids, kind__in=tuple(key)).values_list(
        "record_id", "kind", "name", "status", "authority__heading"
    )
    for record_id, kind, name, status, heading in rows:
        decided[(record_id, kind, name)] = (status, heading or name)
        if status == EntityStatus.ACCEPTED:
            add(record_id, kind, heading or name)
    objects = indexable_objects(record_ids)
    if objects:
        for obj_id, names in DigitalPassage.objects.filter(obj_id__in=list(objects)).values_list(
            "obj_id", "entities"
        ):
            record_id = objects[obj_id]
            for kind, name in names:
                if kind not in key:
                    continue
                status, shown = decided.get((record_id, kind, name), ("", name))
                if status != EntityStatus.REJECTED:
                    add(record_id, kind, shown)
    return out


def record_entity_proposals(*, record: Record) -> list[Any]:
    from .models import EntityProposal

    return list(EntityProposal.objects.filter(record=record).select_related("authority"))


def entity_proposal_get(*, record: Record, pk: int) -> Any | None:
    from .models import EntityProposal

    return EntityProposal.objects.filter(record=record, pk=pk).select_related("record").first()


def record_text(*, record: Record) -> str:
    """The text of a record in which names are looked for: its notes and summary."""
    return "\n".join(str(n) for n in record.notes)


@dataclass
class PurchaseSuggestion:
    record: Record
    requests: int  # holds placed for pickup here and loans of other libraries' copies
    held_by: int  # libraries of the network holding a copy


def purchase_suggestions(*, library: Library, days: int = 365, limit: int = 30) -> list[Any]:
    """What a library could buy next: titles its readers asked for that it does not hold.

    Counted over ``days``: holds placed for pickup at this library, and loans to its readers of
    copies that belong to other libraries (loans between libraries). Titles the library holds
    are left out; each comes with how many libraries of the network have it.
    """
    import datetime as dt

    from django.db.models import Count
    from django.utils import timezone

    from thuvien.circulation.models import Hold, Loan
    from thuvien.core.scoping import library_scope
    from thuvien.holdings.models import Item
    from thuvien.network.models import Library

    network_libraries = Library.objects.filter(network_id=library.network_id)
    since = timezone.now() - dt.timedelta(days=days)
    asked: dict[int, int] = {}
    holds = (
        Hold.all_objects.filter(library=library, placed_at__gte=since)
        .values("record_id")
        .annotate(n=Count("id"))
    )
    for row in holds:
        asked[row["record_id"]] = asked.get(row["record_id"], 0) + row["n"]
    borrowed = (
        Loan.all_objects.filter(patron_library=library, issued_at__gte=since)
        .exclude(item__library=library)
        .values("item__record_id")
        .annotate(n=Count("id"))
    )
    for loan_row in borrowed:
        rid = loan_row["item__record_id"]
        asked[rid] = asked.get(rid, 0) + loan_row["n"]
    if not asked:
        return []
    with library_scope(library):
        own = set(
            Item.objects.filter(library=library, record_id__in=list(asked)).values_list(
                "record_id", flat=True
            )
        )
    wanted = sorted(
        ((rid, n) for rid, n in asked.items() if rid not in own), key=lambda kv: (-kv[1], kv[0])
    )[:limit]
    with library_scope(network_libraries):  # counts of the network's libraries, no copy shown
        held = dict(
            Item.objects.filter(record_id__in=[rid for rid, _n in wanted])
            .values("record_id")
            .annotate(n=Count("library_id", distinct=True))
            .values_list("record_id", "n")
        )
    records = Record.objects.in_bulk([rid for rid, _n in wanted])
    return [
        PurchaseSuggestion(records[rid], n, held.get(rid, 0))
        for rid, n in wanted
        if rid in records and not records[rid].is_deleted
    ]
