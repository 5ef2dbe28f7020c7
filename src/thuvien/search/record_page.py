"""Everything the public record page shows, read in a few queries.

The description comes from the catalogue's display form (``catalog.display``); holdings of every
library of the record's network are read inside an explicit scope of those libraries; the
citations follow APA 7 and the Vietnamese reference style used under TCVN/MOET rules
("Tác giả (Năm), *Nhan đề*, Nhà xuất bản, Nơi xuất bản.").
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from thuvien.catalog.models import MaterialType, Record
from thuvien.catalog.titles import shown_title
from thuvien.core.safeurl import url_is_safe
from thuvien.core.scoping import library_scope
from thuvien.holdings.item_sql import item_rows
from thuvien.holdings.models import Item, ItemStatus
from thuvien.holdings.visibility import (
    ANONYMOUS,
    Viewer,
    item_restricted,
    record_visible,
    visible_library_ids,
    visible_record_ids,
)
from thuvien.network.models import Library

from .engine import SearchRequest, engine
from .query import Bool, Phrase, Words

log = logging.getLogger(__name__)


@dataclass
class RecordPage:
    record: Record
    lines: list[Any]
    holdings: list[tuple[Library, list[Item], int]]
    marc_lines: list[str]
    apa: SafeString
    tcvn: SafeString
    jsonld: SafeString
    links: list[dict[str, str]]
    similar: list[Record] = field(default_factory=list)
    cluster_size: int = 1
    available_total: int = 0


def _display_lines(record: Record) -> list[Any]:
    try:
        from thuvien.catalog.display import display_lines

        return display_lines(record.marc)
    except Exception:  # a record the display form cannot read still gets a page
        log.warning("display form failed for record %s", record.pk, exc_info=True)
        return []


def marc_lines(marc: dict[str, Any]) -> list[str]:
    """MARC-in-JSON as the usual one-line-per-field text (``245 10 $a ... $c ...``)."""
    out = [f"LDR    {marc.get('leader', '')}"]
    for entry in marc.get("fields", []):
        for tag, value in entry.items():
            if isinstance(value, dict):
                ind = f"{value.get('ind1', ' ')}{value.get('ind2', ' ')}".replace(" ", "#")
                subs = " ".join(
                    f"${code} {text}"
                    for sf in value.get("subfields", [])
                    for code, text in sf.items()
                )
                out.append(f"{tag} {ind} {subs}")
            else:
                out.append(f"{tag}    {value}")
    return out


def _apa_name(name: str, vietnamese: bool) -> str:
    if vietnamese or "," not in name:
        return name.strip(" ,.")
    family, _sep, given = name.partition(",")
    initials = " ".join(f"{p[0]}." for p in given.split() if p[:1].isalpha())
    return f"{family.strip()}, {initials}".strip(", ")


def citations(record: Record) -> tuple[SafeString, SafeString]:
    """(APA 7, Vietnamese style) as HTML with the title in italics."""
    vietnamese = record.language in ("vie", "")
    names = [_apa_name(a, vietnamese) for a in record.authors or []]
    year = str(record.year) if record.year else "k.n."
    title = escape(shown_title(record.title.rstrip(" ./:;")))
    if len(names) > 1:
        who = ", ".join(names[:-1]) + ", & " + names[-1]
    else:
        who = names[0] if names else ""
    edition = f" ({escape(record.edition)})" if record.edition else ""
    apa_parts = [f"{escape(who)} ({year}). " if who else "", f"<i>{title}</i>{edition}. "]
    if record.publisher:
        apa_parts.append(f"{escape(record.publisher)}.")
    if not who:
        apa_parts = [f"<i>{title}</i>{edition}. ({year}). ", escape(record.publisher or "")]
    vi_who = ", ".join(a.strip(" ,.") for a in record.authors or [])
    vi_parts = [f"{escape(vi_who)} ({year}), " if vi_who else "", f"<i>{title}</i>"]
    vi_parts += [f", {escape(p)}" for p in (record.publisher, record.place) if p]
    if not vi_who and record.year:
        vi_parts.append(f" ({year})")
    return mark_safe("".join(apa_parts).strip()), mark_safe("".join(vi_parts) + ".")  # noqa: S308


def json_ld(record: Record, url: str) -> SafeString:
    """schema.org description for search engines; ``<``, ``>``, ``&`` escaped inside JSON."""
    kind = {
        MaterialType.SERIAL: "Periodical",
        MaterialType.THESIS: "Thesis",
        MaterialType.MAP: "Map",
        MaterialType.SCORE: "MusicComposition",
        MaterialType.AUDIO: "AudioObject",
        MaterialType.VIDEO: "VideoObject",
        MaterialType.MANUSCRIPT: "Manuscript",
    }.get(record.material_type, "Book")
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": kind}
    data["name"] = shown_title(record.title)
    data["url"] = url
    if record.authors:
        data["author"] = [{"@type": "Person", "name": a} for a in record.authors]
    if record.year:
        data["datePublished"] = str(record.year)
    if record.publisher:
        data["publisher"] = {"@type": "Organization", "name": record.publisher}
    if record.isbns:
        data["isbn"] = record.isbns[0]
    if record.language:
        data["inLanguage"] = {"vie": "vi", "eng": "en", "fre": "fr"}.get(
            record.language, record.language
        )
    if record.subjects:
        data["about"] = record.subjects
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - escaped above


def similar_records(record: Record, limit: int = 6, viewer: Viewer = ANONYMOUS) -> list[Record]:
    """More like this: records sharing subjects or title words, ranked by the engine."""
    should: list[Any] = [Phrase(s, "subject") for s in (record.subjects or [])[:5]]
    should += [Words([w], "title") for w in record.title.split()[:8] if len(w) > 1]
    if not should:
        return []
    req = SearchRequest(
        query=Bool(should=should, must_not=[]),
        network_id=record.network_id,
        limit=limit + 1,
        facets=False,
        visible_to=viewer.tokens,
    )
    try:
        hits = engine().search(req).hits
    except ValueError:
        return []
    ids = [h.record_id for h in hits if h.record_id != record.pk][:limit]
    found = Record.objects.filter(pk__in=ids, is_deleted=False).in_bulk()
    return [found[i] for i in ids if i in found]


def record_page(*, pk: int, base_url: str, viewer: Viewer = ANONYMOUS) -> RecordPage | None:
    """The page of a record as ``viewer`` may see it; None (a 404) when it does not exist or
    is hidden from him (``holdings.visibility``)."""
    record = Record.objects.filter(pk=pk, is_deleted=False).first()
    if record is None or not record_visible(viewer, record):
        return None
    libraries = list(
        Library.objects.filter(network_id=record.network_id).values_list("pk", flat=True)
    )
    seen = visible_library_ids(viewer)
    if seen is not None:
        libraries = [i for i in libraries if i in seen or i in viewer.own_libraries]
    item_ids = [
        row[0]
        for row in item_rows(
            record_ids=[record.pk], library_ids=libraries, columns=("id",), viewer=viewer
        )
    ]
    with library_scope(libraries):
        items = list(
            Item.objects.filter(pk__in=item_ids)
            .select_related("library", "location")
            .order_by("library__name_vi", "call_number", "barcode")
        )
    by_lib: dict[int, tuple[Library, list[Item]]] = {}
    for item in items:
        # restricted reading (đọc hạn chế): shown, read on request in the reading room
        item.restricted = item_restricted(
            visibility=item.visibility,
            location_visibility=item.location.visibility if item.location else "",
        )
        by_lib.setdefault(item.library_id, (item.library, []))[1].append(item)
    holdings = [
        (lib, its, sum(i.status == ItemStatus.AVAILABLE for i in its))
        for lib, its in by_lib.values()
    ]
    apa, tcvn = citations(record)
    cluster = 1
    if record.work_key:
        editions = Record.objects.filter(
            work_key=record.work_key, network_id=record.network_id, is_deleted=False
        ).values_list("pk", flat=True)[:500]
        cluster = len(visible_record_ids(viewer, list(editions)))
    return RecordPage(
        record=record,
        lines=_display_lines(record),
        holdings=holdings,
        marc_lines=marc_lines(record.marc or {}),
        apa=apa,
        tcvn=tcvn,
        jsonld=json_ld(record, f"{base_url}/search/record/{record.pk}/"),
        links=[link for link in record.links or [] if url_is_safe(link.get("url"))],
        similar=similar_records(record, viewer=viewer),
        cluster_size=cluster,
        available_total=sum(h[2] for h in holdings),
    )
