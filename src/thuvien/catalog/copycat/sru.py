"""An SRU client (searchRetrieve, versions 1.2 and 2.0, records as MARCXML).

The query is CQL; diagnostics (in the response or in place of a record) become CopycatError
with a Vietnamese message. Only the standard library talks HTTP here: one GET per search.
"""

from __future__ import annotations

import io
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET  # building and walking trees only
from dataclasses import dataclass

import pymarc
from defusedxml.ElementTree import ParseError, fromstring
from django.utils.translation import gettext

from .errors import CopycatError, CopycatErrorCode
from .targets import Target

NS_SRU = ("http://www.loc.gov/zing/srw/", "http://docs.oasis-open.org/ns/search-ws/sruResponse")
NS_DIAG = (
    "http://www.loc.gov/zing/srw/diagnostic/",
    "http://docs.oasis-open.org/ns/search-ws/diagnostic",
)
NS_MARC = "http://www.loc.gov/MARC21/slim"
MAX_BYTES = 20 * 1024 * 1024

CQL_INDEX = {
    "any": "cql.serverChoice",
    "title": "dc.title",
    "author": "dc.creator",
    "subject": "dc.subject",
    "isbn": "bath.isbn",
    "issn": "bath.issn",
}


@dataclass
class SruResponse:
    total: int
    records: list[pymarc.Record]


def cql_quote(term: str) -> str:
    return '"' + term.replace("\\", "\\\\").replace('"', '\\"') + '"'


def build_cql(index: str, terms: list[str]) -> str:
    """``dc.title="tiếng" and dc.title="việt"``: every word must match."""
    name = CQL_INDEX.get(index, CQL_INDEX["any"])
    return " and ".join(f"{name}={cql_quote(t)}" for t in terms)


def diagnostic_message(uri: str, message: str, details: str = "") -> str:
    """A Vietnamese sentence for the common SRU diagnostics (info:srw/diagnostic/1/N)."""
    number = uri.rsplit("/", 1)[-1] if uri.startswith("info:srw/diagnostic/1/") else ""
    known = {
        "10": gettext("Câu truy vấn không hợp lệ đối với máy chủ."),
        "15": gettext("Máy chủ không hỗ trợ bộ chỉ mục (context set) của câu truy vấn."),
        "16": gettext("Máy chủ không hỗ trợ chỉ mục tìm kiếm này."),
        "66": gettext("Máy chủ không trả được biểu ghi dạng MARCXML."),
        "1": gettext("Máy chủ gặp lỗi chung khi tìm kiếm."),
        "2": gettext("Máy chủ tạm thời không phục vụ được."),
    }
    base = known.get(number) or gettext("Máy chủ báo lỗi khi tìm kiếm.")
    extra = " ".join(x for x in (message, details) if x)
    return f"{base} ({uri}{': ' + extra if extra else ''})"


def _find(elem: ET.Element, local: str, namespaces: tuple[str, ...]) -> ET.Element | None:
    for ns in namespaces:
        found = elem.find(f".//{{{ns}}}{local}")
        if found is not None:
            return found
    return None


def _findall(elem: ET.Element, local: str, namespaces: tuple[str, ...]) -> list[ET.Element]:
    out: list[ET.Element] = []
    for ns in namespaces:
        out.extend(elem.iter(f"{{{ns}}}{local}"))
    return out


def _diag_error(diag: ET.Element) -> CopycatError:
    def text(name: str) -> str:
        child = _find(diag, name, NS_DIAG)
        return (child.text or "").strip() if child is not None else ""

    uri = text("uri")
    # SRU diagnostic 61: "First record position out of range" (a page after the last hit)
    code = CopycatErrorCode.BEYOND_LAST if uri.endswith("/61") else CopycatErrorCode.DIAGNOSTIC
    return CopycatError(code, diagnostic_message(uri, text("message"), text("details")))


def _marc_records(record_data: ET.Element) -> list[pymarc.Record]:
    nodes = list(record_data.iter(f"{{{NS_MARC}}}record"))
    if not nodes and (record_data.text or "").strip().startswith("<"):
        # recordPacking=string: the MARCXML arrives escaped as text.
        inner = fromstring(record_data.text.strip().encode("utf-8"))
        nodes = (
            [inner] if inner.tag.endswith("record") else list(inner.iter(f"{{{NS_MARC}}}record"))
        )
    out = []
    for node in nodes:
        wrapped = ET.Element(f"{{{NS_MARC}}}collection")
        wrapped.append(node)
        out.extend(
            pymarc.parse_xml_to_array(io.BytesIO(ET.tostring(wrapped)), normalize_form="NFC")
        )
    return out


def parse_response(body: bytes) -> SruResponse:
    try:
        root = fromstring(body)
    except (ParseError, ValueError) as exc:
        raise CopycatError(
            CopycatErrorCode.BAD_RESPONSE,
            gettext("Máy chủ trả về dữ liệu không phải XML hợp lệ (%(err)s).") % {"err": exc},
        ) from exc
    if root.tag.split("}")[-1] == "diagnostic":  # a bare diagnostic document
        raise _diag_error(root)
    diagnostics = _find(root, "diagnostics", NS_SRU)
    if diagnostics is not None:
        first = next(iter(_findall(diagnostics, "diagnostic", NS_DIAG)), None)
        if first is not None:
            raise _diag_error(first)
    count = _find(root, "numberOfRecords", NS_SRU)
    if count is None:
        raise CopycatError(
            CopycatErrorCode.BAD_RESPONSE,
            gettext("Máy chủ không trả lời theo giao thức SRU (thiếu numberOfRecords)."),
        )
    records: list[pymarc.Record] = []
    surrogate: CopycatError | None = None
    for rec in _findall(root, "record", NS_SRU):
        data = _find(rec, "recordData", NS_SRU)
        if data is None:
            continue
        diag = next(iter(_findall(data, "diagnostic", NS_DIAG)), None)
        if diag is not None:
            surrogate = _diag_error(diag)
            continue
        records.extend(_marc_records(data))
    total = int((count.text or "0").strip() or 0)
    if total and not records and surrogate is not None:
        raise surrogate
    return SruResponse(total=total, records=records)


def sru_search(target: Target, cql: str, *, maximum: int = 10, start: int = 1) -> SruResponse:
    params = {
        "operation": "searchRetrieve",
        "version": target.version,
        "query": cql,
        "startRecord": str(start),
        "maximumRecords": str(maximum),
        "recordSchema": "marcxml",
    }
    if target.version.startswith("1"):
        params["recordPacking"] = "xml"
    else:
        params["recordXMLEscaping"] = "xml"
    url = f"{target.sru_url}?{urllib.parse.urlencode(params)}"
    if not url.startswith("http://") and not url.startswith("https://"):
        raise CopycatError(
            CopycatErrorCode.UNREACHABLE, gettext("Địa chỉ máy chủ SRU không hợp lệ.")
        )
    request = urllib.request.Request(url, headers={"User-Agent": "thuvien-copycat/1"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=target.timeout) as response:  # noqa: S310
            body = response.read(MAX_BYTES)
    except urllib.error.HTTPError as exc:
        body = exc.read(MAX_BYTES) if exc.fp else b""
        if b"diagnostic" not in body:
            raise CopycatError(
                CopycatErrorCode.UNREACHABLE,
                gettext("Máy chủ %(name)s trả lỗi HTTP %(status)s.")
                % {"name": target.name, "status": exc.code},
            ) from exc
    except TimeoutError as exc:
        raise CopycatError(
            CopycatErrorCode.TIMEOUT,
            gettext("Máy chủ %(name)s không trả lời sau %(s)s giây.")
            % {"name": target.name, "s": int(target.timeout)},
        ) from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError):
            raise CopycatError(
                CopycatErrorCode.TIMEOUT,
                gettext("Máy chủ %(name)s không trả lời sau %(s)s giây.")
                % {"name": target.name, "s": int(target.timeout)},
            ) from exc
        raise CopycatError(
            CopycatErrorCode.UNREACHABLE,
            gettext("Không kết nối được tới máy chủ %(name)s (%(host)s:%(port)s): %(reason)s.")
            % {"name": target.name, "host": target.host, "port": target.port, "reason": reason},
        ) from exc
    return parse_response(body)
