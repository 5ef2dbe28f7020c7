"""IIIF at /iiif/3/: Image API 3 (level 2, from the pyramids), Presentation 3 manifests and
collections, Content Search 2 (and 1 for Mirador 4). Every answer about an object passes the
digital library's access decision: a refused tile is a 401 (log in first) or a 403, with a JSON
body, never an image."""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from thuvien.accounts.permissions import public_view
from thuvien.core.errors import NotFound
from thuvien.core.ratelimit import client_address
from thuvien.digital import derivatives
from thuvien.digital.access import Decision, access_decide
from thuvien.digital.downloads import image_watermark
from thuvien.digital.models import AccessLevel, DigitalObject
from thuvien.digital.rebuild import DerivativeMissing, page_pyramid
from thuvien.digital.selectors import (
    PageImage,
    collection_get,
    collection_objects,
    object_get_public,
    page_hits,
    page_image_public,
    pages_of,
    ranges_of,
)

from . import imageapi, presentation

CORS = {"Access-Control-Allow-Origin": "*"}
LD_JSON = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
IMAGE_LD = 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _object(request: HttpRequest, obj_id: int) -> tuple[DigitalObject, HttpResponse | None]:
    """The object, or the refusal to send instead (401/403 JSON)."""
    try:
        obj = object_get_public(pk=obj_id)
    except NotFound as exc:
        raise Http404 from exc
    return obj, _refusal(request, obj)


def _object_page(request: HttpRequest, obj_id: int,
                 seq: int) -> tuple[DigitalObject, PageImage, HttpResponse | None]:
    """The object, its page for the image server (one query) and the refusal to send instead
    of an image. A page that does not exist is a 404 only to those who may see the object."""
    try:
        obj, page = page_image_public(obj_id=obj_id, seq=seq)
    except NotFound:
        obj, refused = _object(request, obj_id)
        if refused is not None:
            return obj, PageImage(seq, 0, 0, ""), refused
        raise Http404 from None
    return obj, page, _refusal(request, obj)


def _refusal(request: HttpRequest, obj: DigitalObject) -> HttpResponse | None:
    """None when the person may see ``obj``; else the 401/403 JSON answer (404: absent)."""
    decision = access_decide(obj=obj, user=request.user, ip=client_address(request))
    if decision is Decision.ALLOW:
        return None
    if decision is Decision.ABSENT:
        raise Http404
    status = 401 if decision is Decision.LOGIN else 403
    body = {"error": "login_required" if status == 401 else "forbidden"}
    response = JsonResponse(body, status=status, headers={"Cache-Control": "no-store", **CORS})
    if status == 401:
        response["WWW-Authenticate"] = 'Cookie realm="thuvien"'
    return response


# A versioned identifier's answers never change (another image is another version): a year,
# and "immutable" so a browser does not even revalidate them on reload.
IMMUTABLE_AGE = 365 * 86400
# The plain "<object>-<page>" identifier shows whatever the page is now: kept briefly.
CURRENT_AGE = 300


def _cache_headers(response: HttpResponse, obj: DigitalObject, *, max_age: int,
                   immutable: bool = False) -> HttpResponse:
    """Open objects are cacheable by anyone; the others only by the reader's browser, and
    briefly, whatever the URL (a grant may end, the access level may change)."""
    public = obj.access == AccessLevel.OPEN and obj.embargo_until is None and obj.published
    if public and immutable:
        response["Cache-Control"] = f"public, max-age={IMMUTABLE_AGE}, immutable"
    elif public:
        response["Cache-Control"] = f"public, max-age={max_age}"
    else:
        response["Cache-Control"] = f"private, max-age={min(max_age, 300)}"
    if not public:
        response["Vary"] = "Cookie"
    for key, value in CORS.items():
        response[key] = value
    return response


def _json(data: dict[str, Any], *, content_type: str = "application/json") -> HttpResponse:
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")), content_type=content_type
    )


def _moved(obj: DigitalObject, url: str) -> HttpResponse:
    """An identifier of an older version of the page: on to the page as it is now (its tiles
    were made from a master that has been replaced). Access was decided before."""
    return _cache_headers(HttpResponseRedirect(url, status=302), obj, max_age=CURRENT_AGE)


@require_GET
@public_view
def image_base(request: HttpRequest, obj_id: str, seq: str, ver: str = "") -> HttpResponse:
    args = [int(obj_id), int(seq)] + ([ver] if ver else [])
    return HttpResponseRedirect(reverse("iiif:info_v" if ver else "iiif:info", args=args),
                                status=303)


@require_GET
@public_view
def image_info(request: HttpRequest, obj_id: str, seq: str, ver: str = "") -> HttpResponse:
    obj, page, refused = _object_page(request, int(obj_id), int(seq))
    if refused:
        return refused
    if ver and ver != page.version:
        return _moved(obj, reverse("iiif:info_v", args=[obj.pk, page.seq, page.version]))
    iid = presentation.image_id(_base(request), obj.pk, page.seq, ver)
    factors = derivatives.pyramid_scale_factors(page.width, page.height)
    info = {
        "@context": "http://iiif.io/api/image/3/context.json",
        "id": iid,
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level2",
        "width": page.width,
        "height": page.height,
        "maxArea": imageapi.MAX_AREA,
        "maxWidth": imageapi.MAX_WIDTH,
        "maxHeight": imageapi.MAX_HEIGHT,
        "sizes": imageapi.info_sizes(page.width, page.height, factors),
        "tiles": [{"width": imageapi.TILE, "height": imageapi.TILE, "scaleFactors": factors}],
        "extraFormats": ["png", "webp"],
        "extraQualities": ["color", "gray", "bitonal"],
        "extraFeatures": ["mirroring", "regionByPct", "sizeByPct", "sizeByConfinedWh",
                          "sizeByWh", "sizeUpscaling", "rotationBy90s", "profileLinkHeader"],
        "rights": presentation.rights_uri(obj),
    }
    accept = request.headers.get("Accept", "")
    ctype = IMAGE_LD if "application/ld+json" in accept else "application/json"
    response = _json(info, content_type=ctype)
    response["Link"] = '<http://iiif.io/api/image/3/level2.json>;rel="profile"'
    return _cache_headers(response, obj, max_age=CURRENT_AGE, immutable=bool(ver))


@require_GET
@public_view
def image(request: HttpRequest, obj_id: str, seq: str, region: str, size: str, rotation: str,
          quality: str, fmt: str, ver: str = "") -> HttpResponse:
    obj, page, refused = _object_page(request, int(obj_id), int(seq))
    if refused:
        return refused
    if ver and ver != page.version:
        return _moved(obj, reverse("iiif:image_v", args=[
            obj.pk, page.seq, page.version, region, size, rotation, quality, fmt]))
    try:
        req = imageapi.parse(region=region, size=size, rotation=rotation, quality=quality,
                             fmt=fmt, width=page.width, height=page.height)
    except imageapi.ImageRequestError as exc:
        return JsonResponse({"error": "invalid_request", "parameter": str(exc)}, status=400,
                            headers=CORS)
    mark = image_watermark(obj=obj, user=request.user, size=req.size,
                           whole_page=req.region == (0, 0, page.width, page.height))
    try:  # a pyramid lost with the cache is made again from the master
        path = page_pyramid(library_id=obj.library_id, obj_id=obj.pk, seq=page.seq)
        data = derivatives.render_region(path=path, region=req.region, size=req.size,
                                         rotation=req.rotation, mirror=req.mirror,
                                         quality=req.quality, fmt=req.fmt, watermark=mark)
    except (DerivativeMissing, FileNotFoundError) as exc:  # a recording's page, no master
        detail = exc.message if isinstance(exc, DerivativeMissing) else ""
        return JsonResponse({"error": "image_unavailable", "detail": detail}, status=404,
                            headers={"Cache-Control": "no-store", **CORS})
    response = HttpResponse(data, content_type=imageapi.FORMATS[req.fmt])
    response["Link"] = '<http://iiif.io/api/image/3/level2.json>;rel="profile"'
    if mark:  # made for this reader today: no shared cache keeps it
        response["Cache-Control"] = "private, no-store"
        response["Vary"] = "Cookie"
        for key, value in CORS.items():
            response[key] = value
        return response
    return _cache_headers(response, obj, max_age=CURRENT_AGE, immutable=bool(ver))


@require_GET
@public_view
def manifest(request: HttpRequest, obj_id: int) -> HttpResponse:
    obj, refused = _object(request, obj_id)
    if refused:
        return refused
    base = _base(request)
    record_url = (
        base + reverse("opac_search:record", args=[obj.record_id]) if obj.record_id else ""
    )
    data = presentation.build_manifest(
        obj=obj, pages=pages_of(obj), ranges=ranges_of(obj), base=base, record_url=record_url,
        library_name=obj.library.name_vi,
    )
    return _cache_headers(_json(data, content_type=LD_JSON if "ld+json" in request.headers.get(
        "Accept", "") else "application/json"), obj, max_age=300)


@require_GET
@public_view
def collection(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        coll = collection_get(pk=pk)
    except NotFound as exc:
        raise Http404 from exc
    objects = [
        o for o in collection_objects(coll)
        if access_decide(obj=o, user=request.user, ip=client_address(request))
        not in (Decision.DENY, Decision.ABSENT)
    ]
    data = presentation.build_collection(
        collection=coll, objects=objects, children=list(coll.children.order_by("code")),
        base=_base(request),
    )
    response = _json(data)
    response["Cache-Control"] = "private, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _search(request: HttpRequest, obj_id: int, version: int) -> HttpResponse:
    obj, refused = _object(request, obj_id)
    if refused:
        return refused
    q = (request.GET.get("q") or "")[:200]
    hits = page_hits(obj=obj, query=q) if q.strip() else []
    base = _base(request)
    build = presentation.search2 if version == 2 else presentation.search1
    data = build(obj_id=obj.pk, hits=hits, base=base, query_url=request.build_absolute_uri())
    return _cache_headers(_json(data), obj, max_age=60)


@require_GET
@public_view
def search(request: HttpRequest, obj_id: int) -> HttpResponse:
    return _search(request, obj_id, 2)


@require_GET
@public_view
def search_v1(request: HttpRequest, obj_id: int) -> HttpResponse:
    return _search(request, obj_id, 1)
