"""Reading the catalogue through the index: the one entry point of the portal and the API.

``search_catalogue(params=...)`` turns request parameters into a ``SearchRequest``, runs it,
and joins what the page needs from the database (records, availability per library, facet
labels, a "did you mean"). Items are library-owned: they are read inside an explicit scope of
the libraries of the searched network(s).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import get_language, gettext_lazy, override
from django.utils.translation import gettext as _

from thuvien.catalog.models import MaterialType
from thuvien.holdings.item_sql import item_rows
from thuvien.holdings.models import ItemStatus
from thuvien.holdings.visibility import ANONYMOUS, Viewer, visible_library_ids
from thuvien.network.models import Library, LibraryGroup, LibraryType, Network

from .analysis import fold
from .engine import SORTS, YEAR_RANGES, Hit, SearchRequest, engine
from .errors import SearchError
from .page_sql import LibraryRef, RecordSummary, group_names, library_directory, record_summaries
from .query import parse_query, plain_words
from .suggest import load_vocabulary

PAGE_SIZE = 20
AVAILABLE = str(ItemStatus.AVAILABLE.value)
FACET_PARAMS = ("lib", "ltype", "grp", "mtype", "lang", "subj", "auth", "place", "person")
LANGUAGES = {
    "vie": gettext_lazy("Tiếng Việt"),
    "eng": gettext_lazy("Tiếng Anh"),
    "fre": gettext_lazy("Tiếng Pháp"),
    "chi": gettext_lazy("Tiếng Trung"),
    "rus": gettext_lazy("Tiếng Nga"),
    "ger": gettext_lazy("Tiếng Đức"),
    "jpn": gettext_lazy("Tiếng Nhật"),
    "kor": gettext_lazy("Tiếng Hàn"),
    "lao": gettext_lazy("Tiếng Lào"),
    "khm": gettext_lazy("Tiếng Khmer"),
}
FACET_TITLES = {
    "avail": gettext_lazy("Tình trạng"),
    "lib": gettext_lazy("Thư viện"),
    "ltype": gettext_lazy("Loại thư viện"),
    "grp": gettext_lazy("Nhóm thư viện"),
    "mtype": gettext_lazy("Loại tài liệu"),
    "lang": gettext_lazy("Ngôn ngữ"),
    "year": gettext_lazy("Năm xuất bản"),
    "subj": gettext_lazy("Chủ đề"),
    "auth": gettext_lazy("Tác giả"),
    "place": gettext_lazy("Địa danh"),
    "person": gettext_lazy("Nhân vật"),
}
SORT_LABELS = {
    "relevance": gettext_lazy("Phù hợp nhất"),
    "newest": gettext_lazy("Mới nhất"),
    "oldest": gettext_lazy("Cũ nhất"),
    "title": gettext_lazy("Nhan đề (A–Z)"),
    "author": gettext_lazy("Tác giả (A–Z)"),
}


@dataclass
class LibraryHolding:
    library: LibraryRef
    total: int
    available: int
    call_number: str = ""
    name: str = ""  # the library's name in the active language, resolved once per page


@dataclass
class ResultRow:
    record: RecordSummary
    hit: Hit
    holdings: list[LibraryHolding]
    material_label: str = ""
    # found by meaning (thuvien.ai), not by the words asked for: the portal sets such rows
    # under their own heading and the API says ``matched_by: meaning``
    by_meaning: bool = False


@dataclass(slots=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str = ""  # the page's URL with this value toggled (set by the portal view)


@dataclass
class FacetGroup:
    name: str
    title: str
    values: list[FacetValue]


@dataclass
class Scope:
    network: Network | None = None
    library: Library | None = None
    group: LibraryGroup | None = None
    # (kind, code) of scope parameters that name nothing (a stale link): the page says so
    unknown: list[tuple[str, str]] = field(default_factory=list)

    @property
    def library_ids(self) -> list[int] | None:
        if self.library is not None:
            return [self.library.pk]
        if self.group is not None:
            return list(self.group.libraries.values_list("pk", flat=True))
        return None


@dataclass
class SearchPage:
    q: str
    params: dict[str, list[str]]
    scope: Scope
    sort: str = "relevance"
    start: int = 0
    total: int = 0
    rows: list[ResultRow] = field(default_factory=list)
    facets: list[FacetGroup] = field(default_factory=list)
    available_count: int | None = None
    facets_approximate: bool = False
    total_approximate: bool = False  # a broad search's total, estimated (see the backend)
    suggestion: str | None = None
    error: str | None = None
    error_code: str | None = None
    next_start: int | None = None
    prev_start: int | None = None
    window_end: bool = False  # more hits than paging reaches: the reader is asked to narrow
    work: str | None = None
    took_ms: float = 0.0
    # Every library (menu order): the rows' holdings, the facet labels and the library menu.
    libraries: dict[int, LibraryRef] = field(default_factory=dict)
    # (parameter, value) the search left out as unreadable (a mangled link): the page says so
    ignored: list[tuple[str, str]] = field(default_factory=list)


def _first(params: Mapping[str, Any], name: str) -> str:
    value = params.get(name)
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return (value or "").strip()


def _all(params: Any, name: str) -> list[str]:
    if hasattr(params, "getlist"):
        return [v for v in params.getlist(name) if v.strip()]
    value = params.get(name)
    if isinstance(value, list | tuple):
        return [v for v in value if v]
    return [value] if value else []


def with_viewer(req: SearchRequest, viewer: Viewer) -> SearchRequest:
    """The request as ``viewer`` may see it (``holdings.visibility``): records visible to him,
    libraries he may see in facets and clusters, a chosen library he may not see matching
    nothing (as a library that does not exist)."""
    req.visible_to = viewer.tokens
    seen = visible_library_ids(viewer)
    if seen is None:
        return req
    req.visible_libraries = sorted(seen)
    if req.library_ids is not None:
        req.library_ids = [i for i in req.library_ids if int(i) in seen]
    if req.filters.get("lib"):
        req.filters["lib"] = [v if int(v) in seen else "0" for v in req.filters["lib"]]
    return req


def resolve_scope(params: Any, viewer: Viewer = ANONYMOUS) -> Scope:
    """``network``/``library`` codes and ``group`` id; an unknown one widens the search and is
    listed in ``scope.unknown`` for the page to say so (never a 500). A library the viewer may
    not see is unknown, exactly as one that does not exist."""
    scope = Scope()
    code = _first(params, "network")
    if code:
        scope.network = Network.objects.filter(code=code, is_active=True).first()
        if scope.network is None:
            scope.unknown.append(("network", code))
    lib_code = _first(params, "library")
    if lib_code:
        scope.library = Library.objects.filter(code=lib_code, is_active=True).first()
        seen = visible_library_ids(viewer)
        if scope.library is not None and seen is not None and scope.library.pk not in seen:
            scope.library = None
        if scope.library is None:
            scope.unknown.append(("library", lib_code))
    group = _first(params, "group")
    if group:
        if group.isdigit():
            scope.group = LibraryGroup.objects.filter(pk=int(group)).first()
        if scope.group is None:
            scope.unknown.append(("group", group))
    return scope


def ignored_parameters(params: Any) -> list[tuple[str, str]]:
    """The (parameter, value) pairs ``build_request`` cannot read and leaves out: a year range
    that is not one of the facet's, an unknown order, a start that is not a position, a library
    or group filter that is not an id. Nothing here fails the search: the page names them."""
    out: list[tuple[str, str]] = []
    year = _first(params, "year")
    if year and year not in {key for key, _lo, _hi in YEAR_RANGES}:
        out.append(("year", year))
    sort = _first(params, "sort")
    if sort and sort not in SORTS:
        out.append(("sort", sort))
    start = _first(params, "start")
    if start and not start.isdigit():
        out.append(("start", start))
    for name in ("lib", "grp"):
        out.extend((name, v) for v in _all(params, name) if v and not v.isdigit())
    return out


def build_request(params: Any, scope: Scope) -> tuple[SearchRequest, dict[str, list[str]]]:
    """A ``SearchRequest`` from GET parameters; raises SearchError for an unreadable query."""
    q = _first(params, "q")
    chosen: dict[str, list[str]] = {}
    filters: dict[str, list[str]] = {}
    for name in FACET_PARAMS:
        values = _all(params, name)
        if name in ("lib", "grp"):
            values = [v for v in values if v.isdigit()]
        if values:
            filters[name] = values
            chosen[name] = values
    req = SearchRequest(
        query=parse_query(q),
        network_id=scope.network.pk if scope.network else None,
        library_ids=scope.library_ids,
        filters=filters,
        available=_first(params, "avail") == "1",
        work=_first(params, "work") or None,
    )
    if req.available:
        chosen["avail"] = ["1"]
    year = _first(params, "year")
    for key, lo, hi in YEAR_RANGES:
        if key == year:
            req.year_from, req.year_to = lo, (hi - 1 if hi else None)
            chosen["year"] = [key]
    sort = _first(params, "sort")
    req.sort = sort if sort in SORTS else "relevance"
    start = _first(params, "start")
    req.offset = int(start) if start.isdigit() else 0
    req.limit = PAGE_SIZE
    req.collapse = req.work is None
    return req, chosen


def search_catalogue(
    *, params: Any, facets: bool = True, viewer: Viewer = ANONYMOUS
) -> SearchPage:
    """Run the reader's search as ``viewer`` may see it; a bad query comes back as
    ``page.error``, never raised."""
    if viewer is ANONYMOUS:  # a viewer of its own: what it reads is kept for this page
        viewer = Viewer()
    libraries = library_directory()
    seen = visible_library_ids(
        viewer, rows=((lib.pk, lib.network_id, lib.visibility) for lib in libraries.values())
    )
    scope = resolve_scope(params, viewer)
    page = SearchPage(q=_first(params, "q"), params={}, scope=scope)
    page.ignored = ignored_parameters(params)
    page.libraries = libraries
    if seen is not None:
        page.libraries = {pk: lib for pk, lib in page.libraries.items() if pk in seen}
    try:
        req, page.params = build_request(params, scope)
        with_viewer(req, viewer)
        req.facets = facets
        response = engine().search(req)
    except SearchError as exc:
        page.error, page.error_code = exc.message, exc.code
        return page
    page.sort, page.start, page.work = req.sort, response.offset, req.work
    page.total, page.took_ms = response.total, response.took_ms
    page.available_count = response.available_count
    page.facets_approximate = response.facets_approximate
    page.total_approximate = response.total_approximate
    page.next_start = response.next_offset
    page.prev_start = max(0, page.start - PAGE_SIZE) if page.start > 0 else None
    page.window_end = response.window_end
    page.rows = result_rows(response.hits, scope, libraries=page.libraries, viewer=viewer)
    if facets:
        page.facets = facet_groups(
            response.facets, page.params, response.available_count, libraries=page.libraries
        )
    if page.total < 3 and req.query is not None:
        page.suggestion = did_you_mean(req, page.total)
    return page


def result_rows(
    hits: list[Hit],
    scope: Scope,
    *,
    libraries: dict[int, LibraryRef] | None = None,
    viewer: Viewer = ANONYMOUS,
) -> list[ResultRow]:
    """Records of the hits (one query) with availability per library (one query).

    Items are read for the libraries of the networks involved (the records' and the searched
    one): the scope written out explicitly, as library-owned data needs.
    """
    if libraries is None:
        libraries = library_directory()
    ids = [h.record_id for h in hits]
    records = record_summaries(ids)
    network_ids = {r.network_id for r in records.values()}
    if scope.network:
        network_ids.add(scope.network.pk)
    in_scope = [pk for pk, lib in libraries.items() if lib.network_id in network_ids]
    counts: dict[int, dict[int, list[int]]] = {}  # record -> library -> [items, available]
    rows = item_rows(
        record_ids=ids,
        library_ids=in_scope,
        columns=("record_id", "library_id", "status"),
        viewer=viewer,
    )
    for rid, lib, status in rows:
        per = counts.get(rid)
        if per is None:
            per = counts[rid] = {}
        slot = per.get(lib)
        if slot is None:
            per[lib] = [1, int(status == AVAILABLE)]
        else:
            slot[0] += 1
            slot[1] += status == AVAILABLE
    language = get_language()
    english = language == "en"
    names = {
        pk: lib.name_en if english and lib.name_en else lib.name_vi
        for pk in {lib for per in counts.values() for lib in per}
        if (lib := libraries.get(pk)) is not None
    }
    mtype_labels = _static_labels("mtype", language)
    wanted = set(scope.library_ids or [])
    out = []
    for hit in hits:
        record = records.get(hit.record_id)
        if record is None:  # deleted since the index was written; the worker will catch up
            continue
        holdings = [
            LibraryHolding(libraries[lib], total, avail, name=names[lib])
            for lib, (total, avail) in counts.get(hit.record_id, {}).items()
            if lib in names
        ]
        holdings.sort(key=lambda h: (h.library.pk not in wanted, -h.available, h.library.name_vi))
        label = mtype_labels.get(record.material_type, record.material_type)
        out.append(ResultRow(record, hit, holdings, label))
    return out


_STATIC_LABELS: dict[tuple[str, str], dict[str, str]] = {}


def _static_labels(name: str, language: str | None = None) -> dict[str, str]:
    """Labels of fixed choices, translated once per process and language (not per page).

    ``language`` is the active one (``get_language()``), passed by callers that know it.
    """
    key = (name, (language if language is not None else get_language()) or "")
    labels = _STATIC_LABELS.get(key)
    if labels is None:
        if name == "ltype":
            labels = {k: str(v) for k, v in LibraryType.choices}
        elif name == "mtype":
            labels = {k: str(v) for k, v in MaterialType.choices}
        elif name == "lang":
            labels = {k: str(v) for k, v in LANGUAGES.items()}
        elif name == "titles":  # of the facet groups
            labels = {k: str(v) for k, v in FACET_TITLES.items()}
            labels["avail:1"] = _("Có sẵn trên giá")
        elif name == "year":
            labels = {
                key: key.replace("-", "–") if not key.startswith("-") else _("Trước 1945")
                for key, _lo, _hi in YEAR_RANGES
            }
        else:
            labels = {}
        _STATIC_LABELS[key] = labels
    return labels


def _labels(
    name: str,
    keys: list[str],
    libraries: dict[int, LibraryRef] | None = None,
    language: str | None = None,
) -> dict[str, str]:
    # Library and group names can change at any time: read on each page (the libraries the
    # page already read, and the groups of the buckets).
    if language is None:
        language = get_language()
    english = language == "en"
    if name == "lib":
        if libraries is None:
            libraries = library_directory()
        return {
            k: (lib.name_en if english and lib.name_en else lib.name_vi)
            for k in keys
            if k.isdigit() and (lib := libraries.get(int(k))) is not None
        }
    if name == "grp":
        rows = group_names([int(k) for k in keys if k.isdigit()])
        labels = {str(pk): (en if english and en else vi) for pk, vi, en in rows}
        # a group named as a library type ("Thư viện trường học") in either language
        types = {fold(t) for t in _type_names(language)}
        like_type = [str(pk) for pk, vi, en in rows if {fold(vi), fold(en)} & types]
        return _tell_groups_apart(labels, english, like_type)
    return _static_labels(name, language)


def _type_names(language: str) -> list[str]:
    """The library types' labels in Vietnamese and in the page's language."""
    with override("vi"):
        names = list(_static_labels("ltype", "vi").values())
    return names + list(_static_labels("ltype", language).values())


def _tell_groups_apart(
    labels: dict[str, str], english: bool, like_type: Collection[str] = ()
) -> dict[str, str]:
    """Groups of different networks may share a name ("Thư viện trường học" in each province),
    and a group may be named as a library type (the type's filter stands beside the group's):
    those get their network's name after it, so a reader can tell the filters apart."""
    seen = Counter(labels.values())
    twins = [pk for pk, label in labels.items() if seen[label] > 1 or pk in like_type]
    if twins:
        for group in LibraryGroup.objects.filter(pk__in=twins).select_related("network"):
            net = group.network
            labels[str(group.pk)] += f" ({net.name_en if english and net.name_en else net.name_vi})"
    return labels


def facet_groups(
    raw: dict[str, list[tuple[str, int]]],
    chosen: dict[str, list[str]],
    available: int | None,
    *,
    libraries: dict[int, LibraryRef] | None = None,
) -> list[FacetGroup]:
    groups: list[FacetGroup] = []
    language = get_language()
    titles = _static_labels("titles", language)
    if available or (available is not None and "avail" in chosen):  # no "on the shelf 0"
        groups.append(
            FacetGroup(
                "avail",
                titles["avail"],
                [FacetValue("1", titles["avail:1"], available, "1" in chosen.get("avail", []))],
            )
        )
    for name in ("lib", "ltype", "grp", "mtype", "lang", "year", "subj", "auth", "place", "person"):
        buckets = raw.get(name) or []
        if not buckets:
            continue
        labels = _labels(name, [k for k, _n in buckets], libraries, language)
        picked = chosen.get(name, ())
        values = [FacetValue(k, labels.get(k, k), n, k in picked) for k, n in buckets]
        if name == "year":
            values.reverse()  # newest range first
        groups.append(FacetGroup(name, titles[name], values))
    return groups


def did_you_mean(req: SearchRequest, total: int) -> str | None:
    """A respelling of a short plain query that finds more than the reader's spelling."""
    words = plain_words(req.query)
    if not words:
        return None
    pair_count, verify = engine().title_pairs()
    suggestion = load_vocabulary(settings.SEARCH_INDEX_DIR).suggest(
        words, pair_count=pair_count, verify=verify
    )
    if not suggestion:
        return None
    try:
        probe = SearchRequest(
            query=parse_query(suggestion),
            network_id=req.network_id,
            library_ids=req.library_ids,
            filters=req.filters,
            available=req.available,
            limit=1,
            facets=False,
            collapse=False,
            visible_to=req.visible_to,
            visible_libraries=req.visible_libraries,
        )
        found = engine().search(probe).total
    except SearchError:
        return None
    only_marks = fold(suggestion) == fold(" ".join(words))
    return suggestion if found > total or (only_marks and found) else None
