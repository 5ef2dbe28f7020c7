"""The OAI-PMH 2.0 endpoint at /oai: parse the request, call the catalogue's harvest
selectors, write the answer with lxml. Protocol errors are answers (HTTP 200 with <error>)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from lxml import etree

from thuvien.catalog import selectors_harvest as harvest
from thuvien.catalog.models import MaterialType
from thuvien.core.access import public_view
from thuvien.digital import selectors_harvest as digital
from thuvien.holdings.visibility import (
    ANONYMOUS,
    library_visibility_q,
    record_visibility_q,
    visible_items_q,
    visible_record_ids,
)
from thuvien.network.models import LibraryType

from .digital import DIGITAL_WRITERS
from .metadata import (
    DC_NS,
    DIGITAL_FORMATS,
    FORMATS,
    OAI_DC_NS,
    RECORD_FORMATS,
    write_metadata,
    xml_safe,
)
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
_LOCAL_ID = re.compile(r"^(record|digital)/([1-9][0-9]{0,17})$")
RECORD, DIGITAL = 0, 1  # kinds of item, in the order entries of one datestamp are listed
_LAST_ID = 2**62  # "after every id" in a cursor


def public_harvest() -> harvest.HarvestVisibility:
    """What a harvester sees: what the public sees (``holdings.visibility``), whoever logs in.
    A record hidden after it was shown is harvested as deleted (its ``hidden`` tombstone)."""
    return harvest.HarvestVisibility(
        records=record_visibility_q(ANONYMOUS),
        items=visible_items_q(ANONYMOUS),
        libraries=library_visibility_q(ANONYMOUS),
        record_ids=lambda ids: visible_record_ids(ANONYMOUS, ids),
    )


def _q(name: str) -> str:
    return f"{{{OAI_NS}}}{name}"


def _sub(parent: etree._Element, name: str, text: str | None = None, **attrs: str) -> Any:
    element = etree.SubElement(parent, _q(name), **attrs)
    if text is not None:
        element.text = xml_safe(text)
    return element


def _identifier(record_id: int, kind: int = RECORD) -> str:
    name = "digital" if kind == DIGITAL else "record"
    return f"oai:{settings.OAI_NAMESPACE}:{name}/{record_id}"


def _local_id(identifier: str) -> tuple[int, int] | None:
    """(kind, id) of one of our identifiers."""
    prefix = f"oai:{settings.OAI_NAMESPACE}:"
    if not identifier.startswith(prefix):
        return None
    match = _LOCAL_ID.match(identifier[len(prefix) :])
    if not match:
        return None
    return (DIGITAL if match.group(1) == "digital" else RECORD), int(match.group(2))


@dataclass(frozen=True)
class _Scope:
    """What a set covers: catalogue records and digital objects (None: none of that kind)."""

    records: harvest.HarvestScope | None
    digital: digital.DigitalScope | None


class _Sets:
    """setSpec <-> scope, and the codes a page's headers need (one query each per response).

    Catalogue records are in ``network``, ``network:<network>``, ``library`` and
    ``library:<library>``. A digital object is in its network's and its library's sets too,
    and in the digital library's hierarchy: ``digital``, ``digital:<network>`` and below it
    one set per collection, its path from the top collection down
    (``digital:<network>:<collection>:<sub-collection>``). A header names the fewest sets that
    say where the item is (the protocol's rule: a set implies the sets above it)."""

    def __init__(self) -> None:
        self._networks: dict[int, str] | None = None
        self._collections: dict[int, Any] | None = None
        self._libraries: dict[str, Any] | None = None
        self._groups: list[Any] | None = None
        self._group_specs: dict[tuple[str, ...], list[str]] = {}
        # the response's stored record XML, in order: each stands for one ``_FRAGMENT`` mark
        self.fragments: list[str] = []

    def libraries(self) -> dict[str, Any]:
        """The libraries the public may see, by code."""
        if self._libraries is None:
            self._libraries = {lib.code: lib for lib in harvest.harvest_libraries(public_harvest())}
        return self._libraries

    def groups(self) -> list[Any]:
        if self._groups is None:
            self._groups = harvest.harvest_groups()
        return self._groups

    def group_specs(self, library_codes: list[str]) -> list[str]:
        """``type:<library type>`` and ``group:<network>:<group>`` sets of these libraries."""
        key = tuple(library_codes)
        specs = self._group_specs.get(key)
        if specs is None:
            specs = self._group_specs[key] = self._group_specs_of(library_codes)
        return specs

    def _group_specs_of(self, library_codes: list[str]) -> list[str]:
        libraries = [self.libraries()[c] for c in library_codes if c in self.libraries()]
        ids = {lib.pk for lib in libraries}
        specs = {f"type:{lib.library_type}" for lib in libraries}
        specs |= {
            f"group:{g.network.code}:{g.code}" for g in self.groups() if ids & set(g.member_ids)
        }
        return sorted(specs)

    def network_code(self, network_id: int) -> str:
        if self._networks is None:
            self._networks = {n.pk: n.code for n in harvest.harvest_networks()}
        return self._networks.get(network_id, str(network_id))

    def collections(self) -> dict[int, Any]:
        if self._collections is None:
            self._collections = {c.pk: c for c in digital.harvest_collections()}
        return self._collections

    def collection_spec(self, collection_id: int) -> str | None:
        """``digital:<network>:<top>:...:<collection>``; None for a collection not shown."""
        known = self.collections()
        path: list[str] = []
        node = known.get(collection_id)
        while node is not None and len(path) < 16:
            path.append(node.code)
            if node.parent_id is None:
                return ":".join(["digital", node.network.code, *reversed(path)])
            node = known.get(node.parent_id)
        return None

    def collection_rows(self) -> list[tuple[str, Any]]:
        rows = [(self.collection_spec(pk), c) for pk, c in self.collections().items()]
        return sorted((spec, c) for spec, c in rows if spec is not None)

    def scope(self, spec: str | None) -> _Scope | None:
        """None when the set does not exist."""
        if spec is None or spec in ("network", "library"):
            records = harvest.HarvestScope(
                library_any=spec == "library", set_spec="library" if spec == "library" else None
            )
            return _Scope(records, digital.DigitalScope())
        kind, _, code = spec.partition(":")
        if kind == "network" and code:
            network = harvest.harvest_network_by_code(code)
            if network is None:
                return None
            return _Scope(
                harvest.HarvestScope(network_id=network.pk),
                digital.DigitalScope(network_id=network.pk),
            )
        if kind == "library" and code:
            library = harvest.harvest_library_by_code(code, public_harvest())
            if library is None:
                return None
            return _Scope(
                harvest.HarvestScope(library_id=library.pk, set_spec=spec),
                digital.DigitalScope(library_id=library.pk),
            )
        if kind == "type" and code in LibraryType.values:
            # a type no library has any more still lists the records that left it
            ids = tuple(
                sorted(lib.pk for lib in self.libraries().values() if lib.library_type == code)
            )
            return _Scope(
                harvest.HarvestScope(library_ids=ids, set_spec=spec),
                digital.DigitalScope(library_ids=ids),
            )
        if kind == "group" and code:
            group = next((g for g in self.groups() if f"{g.network.code}:{g.code}" == code), None)
            if group is None:
                return None
            shown = {lib.pk for lib in self.libraries().values()}
            ids = tuple(pk for pk in group.member_ids if pk in shown)
            return _Scope(
                harvest.HarvestScope(library_ids=ids, set_spec=spec),
                digital.DigitalScope(library_ids=ids),
            )
        if kind == "material" and code in MaterialType.values:
            return _Scope(harvest.HarvestScope(material_type=code, set_spec=spec), None)
        if spec == "digital":
            return _Scope(None, digital.DigitalScope())
        if kind == "digital" and code:
            return self._digital_scope(spec)
        return None

    def _digital_scope(self, spec: str) -> _Scope | None:
        parts = spec.split(":")
        if len(parts) == 2:
            network = harvest.harvest_network_by_code(parts[1])
            return _Scope(None, digital.DigitalScope(network_id=network.pk)) if network else None
        rows = self.collection_rows()
        ids = frozenset(c.pk for s, c in rows if s == spec or s.startswith(spec + ":"))
        if not any(s == spec for s, _c in rows):
            return None
        return _Scope(None, digital.DigitalScope(collection_ids=ids))


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


_FRAGMENT = "thuvien-fragment"  # a processing instruction standing for one stored record XML
_FRAGMENT_BYTES = f"<?{_FRAGMENT} ?>".encode()  # as lxml writes it


def _respond(root: Any, fragments: list[str] | None = None) -> HttpResponse:
    """The response, with each ``_FRAGMENT`` mark replaced by its stored record XML (in
    document order). No record text can forge a mark: lxml writes ``<`` in text and
    attributes as ``&lt;``."""
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    if fragments:
        parts = body.split(_FRAGMENT_BYTES)
        assert len(parts) == len(fragments) + 1
        out = [parts[0]]
        for text, part in zip(fragments, parts[1:], strict=True):
            out.append(text.encode())
            out.append(part)
        body = b"".join(out)
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
    sets = _Sets()
    try:
        oai = parse(_params(request))
        handler = _HANDLERS[oai.verb]
        root = _envelope(request, oai, echo=True)
        handler(root, oai, sets)
    except OaiError as error:
        oai = oai or error.request
        echo = oai is not None and error.code not in ("badVerb", "badArgument")
        root = _envelope(request, oai, echo=echo)
        _sub(root, "error", error.message, code=error.code)
        sets.fragments.clear()
    return _respond(root, sets.fragments)


def _identify(root: Any, oai: OaiRequest, sets: _Sets) -> None:
    node = _sub(root, "Identify")
    _sub(node, "repositoryName", settings.OAI_REPOSITORY_NAME)
    _sub(node, "baseURL", root.find(_q("request")).text)
    _sub(node, "protocolVersion", "2.0")
    _sub(node, "adminEmail", settings.OAI_ADMIN_EMAIL)
    known = [harvest.harvest_earliest_datestamp(), digital.digital_earliest_datestamp()]
    earliest = min((d for d in known if d is not None), default=datetime.now(UTC))
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
    prefixes = list(FORMATS)
    if oai.identifier is not None:
        entry = _entry_or_error(oai.identifier)
        prefixes = list(DIGITAL_FORMATS if isinstance(entry, digital.DigitalEntry)
                        else RECORD_FORMATS)  # fmt: skip
    node = _sub(root, "ListMetadataFormats")
    for prefix in prefixes:
        schema, namespace = FORMATS[prefix]
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
    types = sorted({lib.library_type for lib in sets.libraries().values()})
    rows += [
        (f"type:{t}", str(LibraryType(t).label), _english(LibraryType(t).label)) for t in types
    ]
    rows += [(f"group:{g.network.code}:{g.code}", g.name_vi, g.name_en) for g in sets.groups()]
    rows += [(f"material:{m.value}", str(m.label), _english(m.label)) for m in MaterialType]
    rows.append(("digital", "Thư viện số", "Digital library"))
    rows += [
        (f"digital:{n.code}", f"Thư viện số — {n.name_vi}",
         f"Digital library — {n.name_en}" if n.name_en else "")
        for n in harvest.harvest_networks()
    ]  # fmt: skip
    rows += [(spec, c.title_vi, c.title_en) for spec, c in sets.collection_rows()]
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


def _english(label: Any) -> str:
    with translation.override("en"):
        text = str(label)
    return text if text != str(label) else ""


def _check_prefix(prefix: str | None) -> str:
    if prefix not in FORMATS:
        raise OaiError(
            "cannotDisseminateFormat",
            gettext("Định dạng “%(prefix)s” không được hỗ trợ.") % {"prefix": prefix or ""},
        )
    return prefix


def _entry_or_error(identifier: str) -> harvest.HarvestEntry | digital.DigitalEntry:
    local = _local_id(identifier)
    entry: harvest.HarvestEntry | digital.DigitalEntry | None = None
    if local is not None and local[0] == DIGITAL:
        entry = digital.digital_harvest_get(object_id=local[1])
    elif local is not None:
        entry = harvest.harvest_get(record_id=local[1], visibility=public_harvest())
    if entry is None:
        raise OaiError(
            "idDoesNotExist",
            gettext("Không có biểu ghi mang định danh “%(id)s”.") % {"id": identifier},
        )
    return entry


_HEADER, _IDENT, _STAMP, _SPEC = _q("header"), _q("identifier"), _q("datestamp"), _q("setSpec")


def _header(parent: Any, entry: harvest.HarvestEntry, sets: _Sets) -> None:
    """A record's header: identifier and datestamp are ours (ASCII), set codes pass through
    ``xml_safe`` (written without ``_sub``: a page has thousands of these elements)."""
    sub = etree.SubElement
    header = sub(parent, _HEADER, status="deleted") if entry.deleted else sub(parent, _HEADER)
    sub(header, _IDENT).text = _identifier(entry.record_id)
    sub(header, _STAMP).text = format_datestamp(entry.datestamp)
    specs = ["network", f"network:{sets.network_code(entry.network_id)}"]
    if entry.library_codes:
        specs.append("library")
        specs += [f"library:{code}" for code in entry.library_codes]
        specs += sets.group_specs(entry.library_codes)
    if entry.material_type:
        specs.append(f"material:{entry.material_type}")
    if entry.left_set:  # deleted in the set it left (``RecordSetLeave``), live elsewhere
        specs.append(entry.left_set)
    for spec in specs:
        sub(header, _SPEC).text = xml_safe(spec)


def _digital_header(parent: Any, entry: digital.DigitalEntry, sets: _Sets) -> None:
    attrs = {"status": "deleted"} if entry.deleted else {}
    header = _sub(parent, "header", **attrs)
    _sub(header, "identifier", _identifier(entry.object_id, DIGITAL))
    _sub(header, "datestamp", format_datestamp(entry.datestamp))
    network = sets.network_code(entry.network_id)
    _sub(header, "setSpec", f"network:{network}")
    if entry.library_code:
        _sub(header, "setSpec", f"library:{entry.library_code}")
        for spec in sets.group_specs([entry.library_code]):
            _sub(header, "setSpec", spec)
    filed = [sets.collection_spec(pk) for pk in entry.collection_ids]
    specs = sorted({spec for spec in filed if spec is not None})
    for spec in specs or [f"digital:{network}"]:
        _sub(header, "setSpec", spec)


def _collection_titles(entry: digital.DigitalEntry, sets: _Sets) -> list[str]:
    known = sets.collections()
    return [known[pk].title_vi for pk in entry.collection_ids if pk in known]


def _record(
    parent: Any,
    entry: harvest.HarvestEntry | digital.DigitalEntry,
    prefix: str,
    sets: _Sets,
    holdings: Any,
    base: str = "",
) -> None:
    record = _sub(parent, "record")
    if isinstance(entry, digital.DigitalEntry):
        _digital_header(record, entry, sets)
        if not entry.deleted and entry.obj is not None:
            metadata = _sub(record, "metadata")
            scratch = etree.Element("scratch")
            DIGITAL_WRITERS[prefix](scratch, entry.obj, base, _collection_titles(entry, sets))
            metadata.append(scratch[0])
        return
    _header(record, entry, sets)
    if not entry.deleted:
        metadata = _sub(record, "metadata")
        if entry.xml is not None:  # stored (``catalog.HarvestXml``): copied in by ``_respond``
            metadata.append(etree.ProcessingInstruction(_FRAGMENT))
            sets.fragments.append(entry.xml)
        else:
            write_metadata(metadata, prefix, entry.marc, holdings.get(entry.record_id))


def _get_record(root: Any, oai: OaiRequest, sets: _Sets) -> None:
    entry = _entry_or_error(oai.identifier or "")
    prefix = _check_prefix(oai.metadata_prefix)
    is_digital = isinstance(entry, digital.DigitalEntry)
    if prefix not in (DIGITAL_FORMATS if is_digital else RECORD_FORMATS):
        raise OaiError(
            "cannotDisseminateFormat",
            gettext("Biểu ghi “%(id)s” không có ở định dạng “%(prefix)s”.")
            % {"id": oai.identifier or "", "prefix": prefix},
        )
    holdings = {}
    if isinstance(entry, harvest.HarvestEntry) and prefix == "marc21_withholdings":
        if not entry.deleted:
            holdings = harvest.harvest_holdings(
                record_ids=[entry.record_id], visibility=public_harvest()
            )
    _record(_sub(root, "GetRecord"), entry, prefix, sets, holdings, _base(root))


def _base(root: Any) -> str:
    """The site's address, from the request's base URL (``.../oai``)."""
    return str(root.find(_q("request")).text).rsplit("/oai", 1)[0]


Entry = harvest.HarvestEntry | digital.DigitalEntry


def _key(entry: Entry) -> tuple[datetime, int, int]:
    if isinstance(entry, digital.DigitalEntry):
        return (entry.datestamp, DIGITAL, entry.object_id)
    return (entry.datestamp, RECORD, entry.record_id)


def _list(root: Any, oai: OaiRequest, sets: _Sets) -> None:
    prefix = _check_prefix(oai.metadata_prefix)
    scope = sets.scope(oai.set_spec)
    if scope is None:
        raise OaiError(
            "noRecordsMatch",
            gettext("Không có tập hợp “%(set)s”.") % {"set": oai.set_spec or ""},
        )
    if prefix not in RECORD_FORMATS:
        scope = replace(scope, records=None)
    if prefix not in DIGITAL_FORMATS:
        scope = replace(scope, digital=None)
    records = oai.verb == "ListRecords"
    size = settings.OAI_PAGE_SIZE if records else settings.OAI_PAGE_SIZE * 2
    # One listing, ordered by (datestamp, kind, id): records before digital objects of the
    # same second. The cursor's kind says where each kind resumes.
    entries: list[Entry] = []
    more = False
    if scope.records is not None:
        after = oai.after
        if after is not None and oai.after_kind == DIGITAL:
            after = (after[0], _LAST_ID)  # every record of that datestamp was listed
        found, more = harvest.harvest_page(
            scope=scope.records,
            limit=size,
            after=after,
            since=oai.since,
            before=oai.before,
            with_marc=records,
            visibility=public_harvest(),
            xml=prefix,
        )
        entries += found
    if scope.digital is not None:
        after = oai.after
        if after is not None and oai.after_kind == RECORD:
            after = (after[0], 0)  # every object of that datestamp is still to come
        objects, more_objects = digital.digital_harvest_page(
            scope=scope.digital,
            limit=size,
            after=after,
            since=oai.since,
            before=oai.before,
            with_metadata=records,
        )
        entries += objects
        more = more or more_objects
    entries.sort(key=_key)
    if len(entries) > size:
        entries, more = entries[:size], True
    if not entries:  # also a token whose rest has since gone (a list is never empty)
        raise OaiError("noRecordsMatch", gettext("Không có biểu ghi nào khớp với yêu cầu."))
    node = _sub(root, oai.verb)
    if records:
        holdings = {}
        if prefix == "marc21_withholdings":
            holdings = harvest.harvest_holdings(
                record_ids=[
                    e.record_id
                    for e in entries
                    if isinstance(e, harvest.HarvestEntry) and not e.deleted
                ],
                visibility=public_harvest(),
            )
        base = _base(root)
        for entry in entries:
            _record(node, entry, prefix, sets, holdings, base)
    else:
        for entry in entries:
            if isinstance(entry, digital.DigitalEntry):
                _digital_header(node, entry, sets)
            else:
                _header(node, entry, sets)
    if more:
        last, kind, pk = _key(entries[-1])
        token = token_for(oai, (last, pk), oai.delivered + len(entries), kind)
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
