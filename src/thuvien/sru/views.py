"""The SRU endpoint at /sru: searchRetrieve, explain and scan, SRU 1.2 and 2.0, GET and POST.

Parse (``protocol``), translate the CQL onto the portal's query tree (``cql``), search with the
portal's own scope and request (``search.selectors``), write the answer with lxml
(``records``). Every refusal is an SRU diagnostic in an HTTP 200 answer, never a 500.
"""

from __future__ import annotations

import hmac
import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from lxml import etree

from thuvien.catalog import selectors_harvest as harvest
from thuvien.core.access import public_view
from thuvien.core.ratelimit import client_address, rate_limit_hit, rate_parse
from thuvien.core.xmltext import strip_controls
from thuvien.holdings.visibility import ANONYMOUS
from thuvien.search.analysis import fold
from thuvien.search.engine import MAX_WINDOW, SearchResponse, engine
from thuvien.search.errors import SearchError
from thuvien.search.query import Prefix, Words
from thuvien.search.selectors import build_request, resolve_scope, with_viewer

from . import records
from .cql import CONTEXT_SETS, INDEXES, parse_cql, sort_from_keys, translate
from .cql import clause as cql_clause
from .diagnostics import SruDiagnostic
from .protocol import SruRequest, parse, version_of
from .z3950 import gateway_token

log = logging.getLogger(__name__)

NS = {
    "1.2": {
        "sru": "http://www.loc.gov/zing/srw/",
        "diag": "http://www.loc.gov/zing/srw/diagnostic/",
        "scan": "http://www.loc.gov/zing/srw/",
    },
    "2.0": {
        "sru": "http://docs.oasis-open.org/ns/search-ws/sruResponse",
        "diag": "http://docs.oasis-open.org/ns/search-ws/diagnostic",
        "scan": "http://docs.oasis-open.org/ns/search-ws/scan",
    },
}
PREFIX = {"sru": "zs", "diag": "diag", "scan": "scan"}
ZEEREX_NS = "http://explain.z3950.org/dtd/2.0/"
ZEEREX_SCHEMA = "http://explain.z3950.org/dtd/2.0/"
DIAG_SCHEMA = "info:srw/schema/1/diagnostics-v1.1"
PRECISION = "info:srw/vocabulary/resultCountPrecision/1/"


class _Writer:
    def __init__(self, version: str) -> None:
        self.version = version
        self.ns = NS[version]

    def q(self, kind: str, name: str) -> str:
        return f"{{{self.ns[kind]}}}{name}"

    def root(self, name: str, kind: str = "sru") -> Any:
        nsmap = {PREFIX[kind]: self.ns[kind]}
        element = etree.Element(self.q(kind, name), nsmap=nsmap)
        self.sub(element, "version", self.version, kind)
        return element

    def sub(self, parent: Any, name: str, text: Any = None, kind: str = "sru") -> Any:
        element = etree.SubElement(parent, self.q(kind, name))
        if text is not None:
            element.text = strip_controls(str(text))
        return element

    def diagnostic(self, parent: Any, diag: SruDiagnostic) -> Any:
        node = etree.SubElement(
            parent, self.q("diag", "diagnostic"), nsmap={"diag": self.ns["diag"]}
        )
        self.sub(node, "uri", diag.uri, "diag")
        if diag.details:
            self.sub(node, "details", diag.details, "diag")
        self.sub(node, "message", diag.message, "diag")
        return node

    def diagnostics(self, parent: Any, diag: SruDiagnostic) -> None:
        self.diagnostic(self.sub(parent, "diagnostics"), diag)


def _respond(root: Any, status: int = 200) -> HttpResponse:
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return HttpResponse(body, content_type="text/xml; charset=utf-8", status=status)


def _params(request: HttpRequest) -> dict[str, list[str]]:
    source = request.POST if request.method == "POST" else request.GET
    return {key: source.getlist(key) for key in source}


def _throttled(request: HttpRequest, req: SruRequest) -> int:
    """Seconds to wait, 0 when the request may go on: per client like the portal's search;
    the Z39.50 server's requests (they carry its token) together under their own rate."""
    if req.gateway and hmac.compare_digest(req.gateway, gateway_token()):
        scope, ident, rate = "z3950", "gateway", settings.THUVIEN_Z3950_RATE
    else:
        scope, ident, rate = "sru", client_address(request) or "unknown", settings.THUVIEN_SRU_RATE
    if not rate:
        return 0
    limit, per = rate_parse(rate)
    return rate_limit_hit(scope=scope, ident=ident, limit=limit, per_seconds=per)


@csrf_exempt
@public_view
def endpoint(request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "POST", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    params = _params(request)
    version = version_of(params)
    writer = _Writer(version)
    operation = "searchRetrieve"
    try:
        req = parse(params)
        operation = req.operation
        if operation == "explain":
            return _respond(_explain(request, writer, req))
        wait = _throttled(request, req)
        if wait:
            response = _respond(
                _fatal(writer, operation, SruDiagnostic(2, f"Retry-After: {wait}")), 200
            )
            response["Retry-After"] = str(wait)
            return response
        if operation == "scan":
            return _respond(_scan(writer, req))
        return _respond(_search_retrieve(request, writer, req))
    except SruDiagnostic as diag:
        if "query" in params and "operation" not in params:
            operation = "searchRetrieve"
        elif (params.get("operation") or [""])[0] in ("explain", "scan"):
            operation = params["operation"][0]
        elif "scanClause" in params and "operation" not in params:
            operation = "scan"
        return _respond(_fatal(writer, operation, diag))


def _fatal(writer: _Writer, operation: str, diag: SruDiagnostic, total: int = 0) -> Any:
    if operation == "scan":
        root = writer.root("scanResponse", "scan")
        writer.diagnostics(root, diag)
        return root
    name = "explainResponse" if operation == "explain" else "searchRetrieveResponse"
    root = writer.root(name)
    if name == "searchRetrieveResponse":
        writer.sub(root, "numberOfRecords", total)
    writer.diagnostics(root, diag)
    return root


def _scope(req: SruRequest) -> Any:
    """The portal's scope for ``x-network`` / ``x-library``; a code that names nothing is a
    diagnostic here (the portal widens the search and says so on the page)."""
    params = {"network": req.network, "library": req.library}
    scope = resolve_scope(params)
    if scope.unknown:
        kind, code = scope.unknown[0]
        raise SruDiagnostic(
            6,
            f"x-{kind}",
            gettext("Không có mạng lưới hay thư viện mang mã “%(code)s”.") % {"code": code},
        )
    return scope


def _run(
    req: SruRequest,
    node: Any,
    *,
    sort: str,
    offset: int,
    limit: int,
    languages: list[str] | None = None,
) -> SearchResponse:
    scope = _scope(req)
    search, _chosen = build_request({"network": req.network, "library": req.library}, scope)
    with_viewer(search, ANONYMOUS)  # a protocol client sees what the public sees
    if languages:
        if len(set(languages)) > 1:  # AND of two languages: nothing is in both
            search.record_ids = []
        search.filters["lang"] = sorted(set(languages))
    search.query = node
    search.sort = sort
    search.offset = offset
    search.limit = limit
    search.facets = False
    search.collapse = False
    try:
        return engine().search(search)
    except SearchError as exc:
        raise SruDiagnostic(36, getattr(exc, "code", ""), exc.message) from None


def _search_retrieve(request: HttpRequest, writer: _Writer, req: SruRequest) -> Any:
    translated = translate(req.query)
    sort = translated.sort
    if req.sort_keys:
        if translated.sort_given:
            raise SruDiagnostic(
                80, "sortKeys", gettext("Không dùng sortKeys cùng với sortBy trong câu truy vấn.")
            )
        sort = sort_from_keys(req.sort_keys)
    if translated.library is not None:
        if req.library and req.library != translated.library:
            raise SruDiagnostic(
                6, "x-library", gettext("Thư viện trong câu truy vấn khác với x-library.")
            )
        req.library = translated.library  # the portal's scope of that library
    if req.start - 1 >= MAX_WINDOW:
        raise SruDiagnostic(
            61,
            str(req.start),
            gettext("Chỉ xem được %(n)s biểu ghi đầu tiên; hãy thu hẹp câu tìm.")
            % {"n": MAX_WINDOW},
        )
    limit = min(req.maximum, MAX_WINDOW - (req.start - 1))
    response = _run(
        req,
        translated.query,
        sort=sort,
        offset=req.start - 1,
        limit=max(1, limit),
        languages=translated.languages,
    )
    total = response.total
    if req.start > 1 and req.start > total:
        root = _fatal(writer, "searchRetrieve", SruDiagnostic(61, str(req.start)), total)
        return root
    hits = response.hits[:limit] if req.maximum else []
    root = writer.root("searchRetrieveResponse")
    writer.sub(root, "numberOfRecords", total)
    if hits:
        marc = harvest.harvest_marc(record_ids=[h.record_id for h in hits])
        container = writer.sub(root, "records")
        for position, hit in enumerate(hits, start=req.start):
            _record(writer, container, req, marc.get(hit.record_id), position, hit.record_id)
    after = req.start + len(hits)
    if hits and after <= total and after - 1 < MAX_WINDOW:
        writer.sub(root, "nextRecordPosition", after)
    _echo(writer, root, request, req)
    if writer.version == "2.0":
        precision = "estimate" if response.total_approximate else "exact"
        writer.sub(root, "resultCountPrecision", PRECISION + precision)
    return root


def _record(
    writer: _Writer, parent: Any, req: SruRequest, marc: Any, position: int, record_id: int
) -> None:
    record = writer.sub(parent, "record")
    holder = etree.Element("holder")
    if marc is None:  # withdrawn since the index was written: a surrogate diagnostic
        schema_id = DIAG_SCHEMA
        writer.diagnostic(holder, SruDiagnostic(65, str(record_id)))
    else:
        schema_id = req.schema.identifier
        records.write(holder, req.schema, marc, decompose=req.decompose)
    writer.sub(record, "recordSchema", schema_id)
    writer.sub(record, "recordXMLEscaping" if writer.version == "2.0" else "recordPacking",
               req.packing)  # fmt: skip
    data = writer.sub(record, "recordData")
    if req.packing == "string":
        data.text = etree.tostring(holder[0], encoding="unicode")
    else:
        data.append(holder[0])
    writer.sub(record, "recordPosition", position)


_ECHO = ("query", "startRecord", "maximumRecords", "recordPacking", "recordSchema")


def _echo(writer: _Writer, root: Any, request: HttpRequest, req: SruRequest) -> None:
    echo = writer.sub(root, "echoedSearchRetrieveRequest")
    writer.sub(echo, "version", writer.version)
    for name in _ECHO:
        if name in req.echo:
            writer.sub(echo, name, req.echo[name])
    writer.sub(echo, "baseUrl", request.build_absolute_uri(request.path))


def _explain(request: HttpRequest, writer: _Writer, req: SruRequest) -> Any:
    root = writer.root("explainResponse")
    record = writer.sub(root, "record")
    writer.sub(record, "recordSchema", ZEEREX_SCHEMA)
    writer.sub(record, "recordXMLEscaping" if writer.version == "2.0" else "recordPacking", "xml")
    data = writer.sub(record, "recordData")
    data.append(zeerex(request, writer.version))
    writer.sub(record, "recordPosition", 1)
    return root


def zeerex(request: HttpRequest, version: str) -> Any:
    def z(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
        element = etree.SubElement(parent, f"{{{ZEEREX_NS}}}{tag}", **attrs)
        if text is not None:
            element.text = text
        return element

    root = etree.Element(f"{{{ZEEREX_NS}}}explain", nsmap={None: ZEEREX_NS})
    server = z(root, "serverInfo", protocol="SRU", version=version)
    host = request.get_host()
    name, _sep, port = host.partition(":")
    z(server, "host", name)
    z(server, "port", port or ("443" if request.is_secure() else "80"))
    z(server, "database", request.path.strip("/") or "sru")
    info = z(root, "databaseInfo")
    z(info, "title", settings.SRU_DATABASE_TITLE, lang="vi", primary="true")
    z(info, "description", gettext(
        "Mục lục liên hợp của mạng lưới thư viện: biểu ghi thư mục công khai, MARC21 và Dublin "
        "Core. Tìm có dấu hay không dấu đều được."
    ), lang="vi")  # fmt: skip
    index_info = z(root, "indexInfo")
    for context_set, uri in CONTEXT_SETS.items():
        z(index_info, "set", name=context_set, identifier=uri)
    for index in INDEXES:
        scan = "true" if index.field in ("subject", "author") else "false"
        sort = "true" if index.field in ("title", "author", "year") else "false"
        node = z(index_info, "index", search="true", scan=scan, sort=sort)
        z(node, "title", str(index.title))
        z(z(node, "map"), "name", index.name, set=index.context_set)
    schema_info = z(root, "schemaInfo")
    for schema in records.SCHEMAS:
        node = z(
            schema_info,
            "schema",
            identifier=schema.identifier,
            location=schema.location,
            name=schema.name,
            sort="false",
            retrieve="true",
        )
        z(node, "title", schema.title)
    config = z(root, "configInfo")
    z(config, "default", str(settings.SRU_DEFAULT_RECORDS), type="numberOfRecords")
    z(config, "setting", str(settings.SRU_MAX_RECORDS), type="maximumRecords")
    z(config, "default", "cql", type="contextSet")
    z(config, "default", "cql.serverChoice", type="index")
    z(config, "default", "=", type="relation")
    z(config, "default", records.MARCXML.identifier, type="retrieveSchema")
    for relation in ("=", "==", "all", "any", "adj", "<", ">", "<=", ">=", "within"):
        z(config, "supports", relation, type="relation")
    z(config, "supports", "", type="proximity")  # prox/unit=word/distance<=N[/ordered]
    for modifier in ("relevant", "stem", "ignoreCase", "ignoreAccents"):
        z(config, "supports", modifier, type="relationModifier")
    z(config, "supports", "*", type="maskingCharacter")
    z(config, "supports", "", type="sortSyntax")
    z(config, "supports", "", type="sortKeys")  # SRU 1.1/1.2's parameter, 2.0 too
    return root


def _scan(writer: _Writer, req: SruRequest) -> Any:
    """Headings (subjects or authors) that begin with the scanned term, with their number of
    records: read from the search's facet counts over the records whose heading words begin
    so (at most 15 headings a scan; positions before the term are not offered)."""
    parsed = parse_cql(req.scan_clause)
    clause = parsed.root
    node = cql_clause(clause, {}) if not hasattr(clause, "operator") else None
    if not isinstance(node, Words | Prefix) or node.field not in ("subject", "author"):
        raise SruDiagnostic(
            16,
            str(getattr(clause, "index", "") or ""),
            gettext("Chỉ duyệt (scan) được chỉ mục chủ đề và tác giả."),
        )
    if req.response_position > 1:
        raise SruDiagnostic(120, str(req.response_position))
    words = node.words if isinstance(node, Words) else [node.stem]
    term = " ".join(words)
    stem = Prefix(term, node.field)
    if len(term) < 2:
        raise SruDiagnostic(29, term)
    facet = "subj" if node.field == "subject" else "auth"
    scope = _scope(req)
    search, _chosen = build_request({"network": req.network, "library": req.library}, scope)
    with_viewer(search, ANONYMOUS)
    search.query = stem
    search.limit = 1
    search.facets = True
    search.collapse = False
    try:
        response = engine().search(search)
    except SearchError as exc:
        raise SruDiagnostic(36, "", exc.message) from None
    wanted = fold(term)
    headings = [
        (value, count)
        for value, count in response.facets.get(facet, [])
        if fold(value).startswith(wanted)
    ]
    headings.sort(key=lambda pair: (fold(pair[0]), pair[0]))
    root = writer.root("scanResponse", "scan")
    terms = writer.sub(root, "terms", None, "scan")
    for value, count in headings[: req.maximum_terms]:
        item = writer.sub(terms, "term", None, "scan")
        writer.sub(item, "value", value, "scan")
        writer.sub(item, "numberOfRecords", count, "scan")
    return root
