"""The OAI-PMH 2.0 endpoint at /oai: parse the request, call the catalogue's harvest
selectors, write the answer with lxml. Protocol errors are answers (HTTP 200 with <error>)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from lxml import etree

from thuvien.catalog import selectors_harvest as harvest
from thuvien.core.access import public_view
from thuvien.holdings.visibility import (
    ANONYMOUS,
    library_visibility_q,
    record_visibility_q,
    visible_items_q,
)

from .metadata import DC_NS, FORMATS, OAI_DC_NS, write_metadata, xml_safe
from .protocol import OaiError, OaiRequest, format_datestamp, parse, token_for

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ID_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
_ECHO_PATTERNS = {
    "metadataPrefix": re.compile(r"^[A-Za-z0-9\-_.!~*'()]+$"),
    "set": re.compile(r"^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$"),
    "identifier": re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[\x21-\x7e]*$"),
}
_LOCAL_ID = re.compile(r"^record/([1-9][0-9]{0,17})$")


def public_harvest() -> harvest.HarvestVisibility:
    """What a harvester sees: what the public sees (``holdings.visibility``), whoever logs in.
    A record hidden after it was shown is harvested as deleted (its ``hidden`` tombstone)."""
    return harvest.HarvestVisibility(
        records=record_visibility_q(ANONYMOUS),
        items=visible_items_q(ANONYMOUS),
        libraries=library_visibility_q(ANONYMOUS),
    )


def _q(name: str) -> str:
    return f"{{{OAI_NS}}}{name}"


def _sub(parent: etree._Element, name: str, text: str | None = None, **attrs: str) -> Any:
    element = etree.SubElement(parent, _q(name), **attrs)
    if text is not None:
        element.text = xml_safe(text)
    return element


def _identifier(record_id: int) -> str:
    return f"oai:{settings.OAI_NAMESPACE}:record/{record_id}"


def _record_id(identifier: str) -> int | None:
    prefix = f"oai:{settings.OAI_NAMESPACE}:"
    if not identifier.startswith(prefix):
        return None
    match = _LOCAL_ID.match(identifier[len(prefix) :])
    return int(match.group(1)) if match else None


class _Sets:
    """setSpec <-> scope, and the network codes of a page (one query per response)."""

    def __init__(self) -> None:
        self._networks: dict[int, str] | None = None

    def network_code(self, network_id: int) -> str:
        if self._networks is None:
            self._networks = {n.pk: n.code for n in harvest.harvest_networks()}
        return self._networks.get(network_id, str(network_id))

    @staticmethod
    def scope(spec: str | None) -> harvest.HarvestScope | None:
        """None when the set does not exist."""
        if spec is None or spec == "network":
            return harvest.HarvestScope()
        if spec == "library":
            return harvest.HarvestScope(library_any=True)
        kind, _, code = spec.partition(":")
        if kind == "network" and code:
            network = harvest.harvest_network_by_code(code)
            return harvest.HarvestScope(network_id=network.pk) if network else None
        if kind == "library" and code:
            library = harvest.harvest_library_by_code(code, public_harvest())
            return harvest.HarvestScope(library_id=library.pk) if library else None
        return None


def _envelope(request: HttpRequest, oai: OaiRequest | None, *, echo: bool) -> Any:
    root = etree.Element(_q("OAI-PMH"), nsmap={None: OAI_NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_NS} {OAI_SCHEMA}")
    _sub(root, "responseDate", format_datestamp(datetime.now(UTC)))
    base = _sub(root, "request", request.build_absolute_uri(request.path))
    if echo and oai is not None:
        base.set("verb", oai.verb)
        for key, value in sorted(oai.args.items()):
            pattern = _ECHO_PATTERNS.get(key)
            if pattern is None or pattern.match(value):  # a value its type refuses is left out
                base.set(key, xml_safe(value))
    return root


def _respond(root: Any) -> HttpResponse:
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


def _params(request: HttpRequest) -> dict[str, list[str]]:
    source = request.POST if request.method == "POST" else request.GET
    return {key: source.getlist(key) for key in source}


@csrf_exempt
@public_view
def endpoint(request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "POST", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    oai: OaiRequest | None = None
    try:
        oai = parse(_params(request))
        handler = _HANDLERS[oai.verb]
        root = _envelope(request, oai, echo=True)
        handler(root, oai, _Sets())
    except OaiError as error:
        oai = oai or error.request
        echo = oai is not None and error.code not in ("badVerb", "badArgument")
        root = _envelope(request, oai, echo=echo)
        _sub(root, "error", error.message, code=error.code)
    return _respond(root)


def _identify(root: Any, oai: OaiRequest, sets: _Sets) -> None:
    node = _sub(root, "Identify")
    _sub(node, "repositoryName", settings.OAI_REPOSITORY_NAME)
    _sub(node, "baseURL", root.find(_q("request")).text)
    _sub(node, "protocolVersion", "2.0")
    _sub(node, "adminEmail", settings.OAI_ADMIN_EMAIL)
    earliest = harvest.harvest_earliest_datestamp() or datetime.now(UTC)
    _sub(node, "earliestDatestamp", format_datestamp(earliest))
    _sub(node, "deletedRecord", "persistent")
    _sub(node, "granularity", "YYYY-MM-DDThh:mm:ssZ")
    description = _sub(node, "description")
    ident = etree.SubElement(
        description, f"{{{ID_NS}}}oai-identifier", nsmap={None: ID_NS, "xsi": XSI}
    )
    ident.set(f"{{{XSI}}}schemaLocation", f"{ID_NS} {ID_NS}.xsd")
    for name, text in (
        ("scheme", "oai"),
        ("repositoryIdentifier", settings.OAI_NAMESPACE),
        ("delimiter", ":"),
        ("sampleIdentifier", _identifier(1)),
    ):
        etree.SubElement(ident, f"{{{ID_NS}}}{name}").text = text


def _list_metadata_formats(root: Any, oai: OaiRequest, sets: _Sets) -> None:
    if oai.identifier is not None:
        _entry_or_error(oai.identifier)
    node = _sub(root, "ListMetadataFormats")
    for prefix, (schema, namespace) in FORMATS.items():
        fmt = _sub(node, "metadataFormat")
        _sub(fmt, "metadataPrefix", prefix)
        _sub(fmt, "schema", schema)
        _sub(fmt, "metadataNamespace", namespace)


def _list_sets(root: Any, oai: OaiRequest, sets: _Sets) -> None:
    node = _sub(root, "ListSets")
    rows = [
        ("network", "Mạng lưới thư viện", "Library networks"),
        ("library", "Thư viện", "Records held by a library"),
    ]
    rows += [(f"network:{n.code}", n.name_vi, n.name_en) for n in harvest.harvest_networks()]
    rows += [
        (f"library:{lib.code}", lib.name_vi, lib.name_en)
        for lib in harvest.harvest_libraries(public_harvest())
    ]
    for spec, name, english in rows:
        one = _sub(node, "set")
        _sub(one, "setSpec", spec)
        _sub(one, "setName", name)
        # the names in both languages, for harvesters abroad (setName holds one string)
        description = _sub(one, "setDescription")
        dc = etree.SubElement(
            description, f"{{{OAI_DC_NS}}}dc", nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI}
        )
        dc.set(
            f"{{{XSI}}}schemaLocation",
            f"{OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
        )
        for lang, text in (("vi", name), ("en", english)):
            if text:
                title = etree.SubElement(dc, f"{{{DC_NS}}}title")
                title.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
                title.text = xml_safe(text)


def _check_prefix(prefix: str | None) -> str:
    if prefix not in FORMATS:
        raise OaiError(
            "cannotDisseminateFormat",
            gettext("Định dạng “%(prefix)s” không được hỗ trợ.") % {"prefix": prefix or ""},
        )
    return prefix


def _entry_or_error(identifier: str) -> harvest.HarvestEntry:
    record_id = _record_id(identifier)
    entry = (
        harvest.harvest_get(record_id=record_id, visibility=public_harvest())
        if record_id is not None
        else None
    )
    if entry is None:
        raise OaiError(
            "idDoesNotExist",
            gettext("Không có biểu ghi mang định danh “%(id)s”.") % {"id": identifier},
        )
    return entry


def _header(parent: Any, entry: harvest.HarvestEntry, sets: _Sets) -> None:
    attrs = {"status": "deleted"} if entry.deleted else {}
    header = _sub(parent, "header", **attrs)
    _sub(header, "identifier", _identifier(entry.record_id))
    _sub(header, "datestamp", format_datestamp(entry.datestamp))
    _sub(header, "setSpec", "network")
    _sub(header, "setSpec", f"network:{sets.network_code(entry.network_id)}")
    if entry.library_codes:
        _sub(header, "setSpec", "library")
    for code in entry.library_codes:
        _sub(header, "setSpec", f"library:{code}")


def _record(
    parent: Any, entry: harvest.HarvestEntry, prefix: str, sets: _Sets, holdings: Any
) -> None:
    record = _sub(parent, "record")
    _header(record, entry, sets)
    if not entry.deleted:
        metadata = _sub(record, "metadata")
        write_metadata(metadata, prefix, entry.marc, holdings.get(entry.record_id))


def _get_record(root: Any, oai: OaiRequest, sets: _Sets) -> None:
    entry = _entry_or_error(oai.identifier or "")
    prefix = _check_prefix(oai.metadata_prefix)
    holdings = {}
    if prefix == "marc21_withholdings" and not entry.deleted:
        holdings = harvest.harvest_holdings(
            record_ids=[entry.record_id], visibility=public_harvest()
        )
    _record(_sub(root, "GetRecord"), entry, prefix, sets, holdings)


def _list(root: Any, oai: OaiRequest, sets: _Sets) -> None:
    prefix = _check_prefix(oai.metadata_prefix)
    scope = sets.scope(oai.set_spec)
    if scope is None:
        raise OaiError(
            "noRecordsMatch",
            gettext("Không có tập hợp “%(set)s”.") % {"set": oai.set_spec or ""},
        )
    records = oai.verb == "ListRecords"
    size = settings.OAI_PAGE_SIZE if records else settings.OAI_PAGE_SIZE * 2
    entries, more = harvest.harvest_page(
        scope=scope,
        limit=size,
        after=oai.after,
        since=oai.since,
        before=oai.before,
        with_marc=records,
        visibility=public_harvest(),
    )
    if not entries:  # also a token whose rest has since gone (a list is never empty)
        raise OaiError("noRecordsMatch", gettext("Không có biểu ghi nào khớp với yêu cầu."))
    node = _sub(root, oai.verb)
    if records:
        holdings = {}
        if prefix == "marc21_withholdings":
            holdings = harvest.harvest_holdings(
                record_ids=[e.record_id for e in entries if not e.deleted],
                visibility=public_harvest(),
            )
        for entry in entries:
            _record(node, entry, prefix, sets, holdings)
    else:
        for entry in entries:
            _header(node, entry, sets)
    if more:
        last = entries[-1]
        token = token_for(oai, (last.datestamp, last.record_id), oai.delivered + len(entries))
        _sub(node, "resumptionToken", token, cursor=str(oai.delivered))
    elif oai.after is not None:
        _sub(node, "resumptionToken", "", cursor=str(oai.delivered))


_HANDLERS = {
    "Identify": _identify,
    "ListMetadataFormats": _list_metadata_formats,
    "ListSets": _list_sets,
    "GetRecord": _get_record,
    "ListIdentifiers": _list,
    "ListRecords": _list,
}
