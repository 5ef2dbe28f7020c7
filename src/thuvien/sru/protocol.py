"""The parameters of an SRU request (1.1, 1.2 and 2.0), checked into one ``SruRequest``.

SRU 1.x names the operation and version; SRU 2.0 sends neither (a query means
searchRetrieve, a scanClause scan, nothing explain). A missing version is answered as 2.0,
1.1 as 1.2 (nothing we serve differs). Bad values raise ``SruDiagnostic`` (6, 7, 5 ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from .diagnostics import SruDiagnostic
from .records import Schema, schema_for

OPERATIONS = ("searchRetrieve", "explain", "scan")
VERSIONS = ("1.1", "1.2", "2.0")
MAX_SCAN_TERMS = 100


@dataclass
class SruRequest:
    operation: str = "explain"
    version: str = "2.0"  # the version answered: "1.2" or "2.0"
    query: str = ""
    start: int = 1
    maximum: int = 10
    schema: Schema | None = None
    packing: str = "xml"  # xml: the record as XML; string: escaped as text
    scan_clause: str = ""
    response_position: int = 1
    maximum_terms: int = 20
    sort_keys: str = ""  # SRU 1.1/1.2 sortKeys (answered in 2.0 too, beside CQL's sortBy)
    library: str = ""  # x-library / x-network: the portal's scope
    network: str = ""
    gateway: str = ""  # x-thuvien-gateway: the Z39.50 server's own requests
    decompose: bool = False  # x-marc8-ready=1: texts decomposed for a MARC-8 converter
    echo: dict[str, str] = field(default_factory=dict)

    @property
    def v2(self) -> bool:
        return self.version == "2.0"


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise SruDiagnostic(6, name, _("Tham số chỉ được gửi một lần."))
    return values[0]


def _integer(params: dict[str, list[str]], name: str, default: int, low: int) -> int:
    raw = _one(params, name)
    if raw is None or raw.strip() == "":
        return default
    raw = raw.strip()
    if not raw.isdigit() or len(raw) > 9 or int(raw) < low:
        raise SruDiagnostic(6, name)
    return int(raw)


def version_of(params: dict[str, list[str]]) -> str:
    """The version to answer in, from the request alone (diagnostics need it too)."""
    raw = (params.get("version") or [""])[0].strip()
    return "2.0" if raw in ("", "2.0") else "1.2"


def parse(params: dict[str, list[str]]) -> SruRequest:
    req = SruRequest(version=version_of(params))
    raw_version = (_one(params, "version") or "").strip()
    if raw_version and raw_version not in VERSIONS:
        raise SruDiagnostic(5, "2.0", _("Máy chủ hỗ trợ SRU 1.1, 1.2 và 2.0."))
    operation = (_one(params, "operation") or "").strip()
    if not operation:
        if "query" in params:
            operation = "searchRetrieve"
        elif "scanClause" in params:
            operation = "scan"
        elif req.version != "2.0":
            raise SruDiagnostic(7, "operation")
        else:
            operation = "explain"
    if operation not in OPERATIONS:
        raise SruDiagnostic(4, operation)
    req.operation = operation
    req.library = (_one(params, "x-library") or "").strip()
    req.network = (_one(params, "x-network") or "").strip()
    req.gateway = (_one(params, "x-thuvien-gateway") or "").strip()
    req.decompose = (_one(params, "x-marc8-ready") or "").strip() == "1"
    if operation == "searchRetrieve":
        _search_params(params, req)
    elif operation == "scan":
        clause = _one(params, "scanClause")
        if clause is None or not clause.strip():
            raise SruDiagnostic(7, "scanClause")
        req.scan_clause = clause
        req.response_position = _integer(params, "responsePosition", 1, 0)
        req.maximum_terms = _integer(params, "maximumTerms", 20, 1)
        if req.maximum_terms > MAX_SCAN_TERMS:
            raise SruDiagnostic(121, str(MAX_SCAN_TERMS))
    req.echo = {k: v[0] for k, v in params.items() if v}
    return req


def _search_params(params: dict[str, list[str]], req: SruRequest) -> None:
    query = _one(params, "query")
    if query is None:
        raise SruDiagnostic(7, "query")
    req.query = query
    query_type = (_one(params, "queryType") or "cql").strip().lower()
    if query_type != "cql":
        raise SruDiagnostic(6, "queryType")
    req.start = _integer(params, "startRecord", 1, 1)
    req.sort_keys = (_one(params, "sortKeys") or "").strip()
    req.maximum = min(
        _integer(params, "maximumRecords", settings.SRU_DEFAULT_RECORDS, 0),
        settings.SRU_MAX_RECORDS,
    )
    name = _one(params, "recordSchema")
    req.schema = schema_for(name)
    if req.schema is None:
        raise SruDiagnostic(66, name or "")
    if req.v2:
        escaping = (_one(params, "recordXMLEscaping") or "xml").strip().lower()
        packing = (_one(params, "recordPacking") or "packed").strip().lower()
        if escaping not in ("xml", "string"):
            raise SruDiagnostic(71, escaping)
        if packing not in ("packed", "unpacked"):
            raise SruDiagnostic(6, "recordPacking")
        req.packing = escaping
    else:
        packing = (_one(params, "recordPacking") or "xml").strip().lower()
        if packing not in ("xml", "string"):
            raise SruDiagnostic(71, packing)
        req.packing = packing
    if _one(params, "stylesheet"):
        raise SruDiagnostic(110, "stylesheet")
