"""IIIF Presentation 3 manifests and collections, Content Search 2 (and 1, which Mirador 4
reads) answers, built as plain dicts: a 500-page manifest must build in well under 100 ms, and
iiif-prezi3's model objects cost several ms per canvas. The tests load every manifest into
iiif-prezi3's models (its schema) to keep the shape honest."""

from __future__ import annotations

import html
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override

from thuvien.digital.dublincore import DC_TERMS
from thuvien.digital.models import DigitalObject, RightsStatus

PREZI_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
SEARCH2_CONTEXT = "http://iiif.io/api/search/2/context.json"
LEVEL = "level2"
THUMB = 200

RIGHTS_URIS = {
    RightsStatus.PUBLIC_DOMAIN: "http://creativecommons.org/publicdomain/mark/1.0/",
    RightsStatus.IN_COPYRIGHT_PERMITTED: "http://rightsstatements.org/vocab/InC/1.0/",
    RightsStatus.ORPHAN: "http://rightsstatements.org/vocab/InC-OW-EU/1.0/",
    RightsStatus.UNKNOWN: "http://rightsstatements.org/vocab/UND/1.0/",
}
DC_LABELS = {
    "dcterms:creator": ("Tác giả", "Creator"),
    "dcterms:contributor": ("Người đóng góp", "Contributor"),
    "dcterms:date": ("Thời gian", "Date"),
    "dcterms:subject": ("Chủ đề", "Subject"),
    "dcterms:description": ("Mô tả", "Description"),
    "dcterms:publisher": ("Nhà xuất bản", "Publisher"),
    "dcterms:spatial": ("Địa danh", "Place"),
    "dcterms:source": ("Nguồn", "Source"),
    "dcterms:identifier": ("Định danh", "Identifier"),
    "dcterms:type": ("Loại hình", "Type"),
    "dcterms:format": ("Khổ, định dạng", "Format"),
    "dcterms:relation": ("Liên quan", "Relation"),
    "dcterms:rights": ("Bản quyền", "Rights"),
}


def image_id(base: str, obj_id: int, seq: int, version: str = "") -> str:
    """The image service of a page: ``<object>-<page>-<version>`` (the version of the page's
    image, see ``digital.models.image_version``), or ``<object>-<page>`` without one (always
    the page as it is now, so cached briefly)."""
    return f"{base}/iiif/3/image/{obj_id}-{seq}-{version}" if version else (
        f"{base}/iiif/3/image/{obj_id}-{seq}")


def manifest_id(base: str, obj_id: int) -> str:
    return f"{base}/iiif/3/{obj_id}/manifest"


def canvas_id(base: str, obj_id: int, seq: int) -> str:
    return f"{base}/iiif/3/{obj_id}/canvas/{seq}"


def text_value(value: str) -> str:
    """``value`` (plain text: ours or a cataloguer's) for a property a viewer may render as HTML:
    a ``metadata`` value, ``summary``, the ``requiredStatement`` value, a search hit.

    Presentation 3 (4.5) takes a value whose first character is ``<`` and last is ``>`` as HTML,
    and Mirador 4 puts every such property through its sanitiser as HTML whatever it starts
    with (``<img src=x>`` survives it and is fetched). So text holding ``<``, ``>`` or ``&`` goes
    as that text HTML-escaped inside one ``<span>``: every viewer shows it as it was written, and
    no tag or attribute taken from data is ever sent. Other text goes as it is."""
    if not any(c in value for c in "<>&"):
        return value
    return f"<span>{html.escape(value, quote=False)}</span>"


def label_value(value: str) -> str:
    """``value`` for a ``label`` (never HTML in Presentation 3; Mirador shows labels as text):
    text that would pass the HTML test (``<`` first, ``>`` last) gets the trailing space the
    specification recommends, so no client takes it for markup."""
    value = str(value)
    return value + " " if value.startswith("<") and value.endswith(">") else value


def _labels(*values: str) -> list[str]:
    return [label_value(v) for v in values]


def _texts(values: Any) -> list[str]:
    return [text_value(str(v)) for v in values]


def _both(vi: str, en: str) -> dict[str, list[str]]:
    return {"vi": [label_value(vi)], "en": [label_value(en)]}


def rights_uri(obj: DigitalObject) -> str:
    licence = obj.licence or ""
    if licence.startswith(("http://creativecommons.org/", "http://rightsstatements.org/")):
        return licence
    return RIGHTS_URIS.get(obj.rights_status, RIGHTS_URIS[RightsStatus.UNKNOWN])


def _image_service(iid: str) -> list[dict[str, Any]]:
    return [{"id": iid, "type": "ImageService3", "profile": LEVEL}]


def _thumbnail(iid: str, width: int, height: int) -> list[dict[str, Any]]:
    scale = min(THUMB / width, THUMB / height, 1)
    return [{
        "id": f"{iid}/full/!{THUMB},{THUMB}/0/default.jpg",
        "type": "Image",
        "format": "image/jpeg",
        "width": max(1, round(width * scale)),
        "height": max(1, round(height * scale)),
        "service": _image_service(iid),
    }]


def media_url(base: str, obj_id: int, seq: int) -> str:
    return f"{base}/digital/{obj_id}/media/{seq}"


def _timed_canvas(p: Any, *, cid: str, iid: str, base: str, oid: int) -> dict[str, Any]:
    """A recording's canvas: ``Sound`` (duration only) or ``Video`` (size and duration), with
    the video's poster frame as its thumbnail."""
    duration = round(float(p.duration or 0), 3)
    body: dict[str, Any] = {
        "id": media_url(base, oid, p.seq),
        "type": "Video" if p.media == "video" else "Sound",
        "format": getattr(getattr(p, "file", None), "mime", "") or (
            "video/mp4" if p.media == "video" else "audio/mpeg"),
        "duration": duration,
    }
    canvas: dict[str, Any] = {"id": cid, "type": "Canvas",
                              "label": {"none": _labels(p.label or str(p.seq))},
                              "duration": duration}
    if p.media == "video" and p.width and p.height:
        canvas["width"], canvas["height"] = p.width, p.height
        body["width"], body["height"] = p.width, p.height
        canvas["thumbnail"] = _thumbnail(iid, p.width, p.height)
    canvas["items"] = [{
        "id": f"{cid}/page", "type": "AnnotationPage",
        "items": [{"id": f"{cid}/annotation", "type": "Annotation", "motivation": "painting",
                   "target": cid, "body": body}],
    }]
    return canvas


def build_manifest(
    *, obj: DigitalObject, pages: list[Any], ranges: list[Any], base: str, record_url: str = "",
    library_name: str = "",
) -> dict[str, Any]:
    """The Presentation 3 manifest of ``obj`` (``pages`` in order)."""
    mid = manifest_id(base, obj.pk)
    oid = obj.pk
    items = []
    for p in pages:
        seq, w, h = p.seq, p.width, p.height
        cid = f"{base}/iiif/3/{oid}/canvas/{seq}"
        iid = image_id(base, oid, seq, getattr(p, "image_version", ""))
        if getattr(p, "media", ""):
            items.append(_timed_canvas(p, cid=cid, iid=iid, base=base, oid=oid))
            continue
        items.append({
            "id": cid,
            "type": "Canvas",
            "label": {"none": _labels(p.label or str(seq))},
            "width": w,
            "height": h,
            "items": [{
                "id": f"{cid}/page",
                "type": "AnnotationPage",
                "items": [{
                    "id": f"{cid}/annotation",
                    "type": "Annotation",
                    "motivation": "painting",
                    "target": cid,
                    "body": {
                        "id": f"{iid}/full/max/0/default.jpg",
                        "type": "Image",
                        "format": "image/jpeg",
                        "width": w,
                        "height": h,
                        "service": [{"id": iid, "type": "ImageService3", "profile": LEVEL}],
                    },
                }],
            }],
        })
    metadata = []
    for term, values in (obj.dc or {}).items():
        vi, en = DC_LABELS.get(term) or DC_TERMS.get(term, (term, term))
        if values:
            metadata.append({"label": _both(vi, en), "value": {"none": _texts(values)}})
    with override("vi"):
        held_vi = _("Tài liệu của %(lib)s") % {"lib": library_name}
        label_vi = _("Nguồn")
    with override("en"):
        held_en = _("Tài liệu của %(lib)s") % {"lib": library_name}
    manifest: dict[str, Any] = {
        "@context": PREZI_CONTEXT,
        "id": mid,
        "type": "Manifest",
        "label": {"vi": _labels(obj.title)},
        "metadata": metadata,
        "rights": rights_uri(obj),
        "requiredStatement": {
            "label": {"vi": _labels(label_vi), "en": ["Attribution"]},
            "value": {"vi": _texts([held_vi]), "en": _texts([held_en])},
        },
        "items": items,
        "service": [
            {"id": f"{base}/iiif/3/{oid}/search", "type": "SearchService2"},
            {
                "@id": f"{base}/iiif/3/{oid}/search1",
                "@type": "SearchService1",
                "profile": "http://iiif.io/api/search/1/search",
            },
        ],
    }
    summary = (obj.dc or {}).get("dcterms:description")
    if summary:
        manifest["summary"] = {"vi": _texts(summary[:1])}
    if pages:
        thumb = next((p for p in pages if p.pk == obj.thumbnail_page_id), pages[0])
        if thumb.width and thumb.height:  # a sound recording has no image
            manifest["thumbnail"] = _thumbnail(
                image_id(base, oid, thumb.seq, getattr(thumb, "image_version", "")),
                thumb.width, thumb.height)
    if record_url:
        manifest["homepage"] = [{"id": record_url, "type": "Text",
                                 "label": {"vi": _labels(obj.title)}, "format": "text/html"}]
    if ranges:
        by_seq = {p.seq for p in pages}
        manifest["structures"] = [
            {
                "id": f"{base}/iiif/3/{oid}/range/{r.pk}",
                "type": "Range",
                "label": {"vi": _labels(r.label)},
                "items": [
                    {"id": canvas_id(base, oid, s), "type": "Canvas"}
                    for s in range(r.first_seq, r.last_seq + 1)
                    if s in by_seq
                ],
            }
            for r in ranges
        ]
    return manifest


def build_collection(*, collection: Any, objects: list[DigitalObject], children: list[Any],
                     base: str) -> dict[str, Any]:
    label = {"vi": _labels(collection.title_vi)}
    if collection.title_en:
        label["en"] = _labels(collection.title_en)
    return {
        "@context": PREZI_CONTEXT,
        "id": f"{base}/iiif/3/collection/{collection.pk}",
        "type": "Collection",
        "label": label,
        "items": [
            {"id": f"{base}/iiif/3/collection/{c.pk}", "type": "Collection",
             "label": {"vi": _labels(c.title_vi)}}
            for c in children
        ] + [
            {"id": manifest_id(base, o.pk), "type": "Manifest", "label": {"vi": _labels(o.title)}}
            for o in objects
        ],
    }


def _xywh(box: list[Any]) -> str:
    return f"{box[1]},{box[2]},{box[3]},{box[4]}"


def _textual_body(text: str) -> dict[str, str]:
    """A hit's snippet: plain text as it is, or (holding ``<``, ``>``, ``&``) escaped HTML
    that says so (``text_value``)."""
    value = text_value(text)
    return {"type": "TextualBody", "value": value,
            "format": "text/plain" if value == text else "text/html"}


def search2(*, obj_id: int, hits: list[Any], base: str, query_url: str) -> dict[str, Any]:
    """Content Search 2.0: an AnnotationPage of highlighting annotations on the canvases."""
    items = []
    n = 0
    for hit in hits:
        cid = canvas_id(base, obj_id, hit.seq)
        boxes = hit.words or [None]
        for box in boxes:
            n += 1
            target: Any = f"{cid}#xywh={_xywh(box)}" if box else cid
            items.append({
                "id": f"{base}/iiif/3/{obj_id}/search/hit/{n}",
                "type": "Annotation",
                "motivation": "highlighting",
                "target": target,
                "body": _textual_body(hit.snippet),
            })
    return {"@context": SEARCH2_CONTEXT, "id": query_url, "type": "AnnotationPage",
            "items": items}


def search1(*, obj_id: int, hits: list[Any], base: str, query_url: str) -> dict[str, Any]:
    """Search API 1 (what Mirador 4 reads): resources with boxes, hits with snippets."""
    resources, out_hits = [], []
    n = 0
    for hit in hits:
        cid = canvas_id(base, obj_id, hit.seq)
        ids = []
        for box in hit.words or [None]:
            n += 1
            rid = f"{base}/iiif/3/{obj_id}/search1/hit/{n}"
            ids.append(rid)
            resources.append({
                "@id": rid,
                "@type": "oa:Annotation",
                "motivation": "sc:painting",
                "resource": {"@type": "cnt:ContentAsText",
                             "chars": text_value(str(box[0])) if box else ""},
                "on": f"{cid}#xywh={_xywh(box)}" if box else cid,
            })
        out_hits.append({"@type": "search:Hit", "annotations": ids,
                         "match": text_value(hit.snippet)})
    return {
        "@context": ["http://iiif.io/api/presentation/2/context.json",
                     "http://iiif.io/api/search/1/context.json"],
        "@id": query_url,
        "@type": "sc:AnnotationList",
        "within": {"@type": "sc:Layer", "total": len(out_hits)},
        "resources": resources,
        "hits": out_hits,
    }
