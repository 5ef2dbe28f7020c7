"""The portal's digital library pages: the list of what a visitor may see, newest first, and a
search of it by title, metadata and page text; Mirador on an object, opened at a page with the
searched words highlighted; the object as a PDF. Access is the domain's decision; a refusal is
401/403."""

from __future__ import annotations

import io
import re
from typing import Any

from csp.decorators import csp_update
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thuvien.accounts.permissions import public_view
from thuvien.core.errors import NotFound, ThuvienError
from thuvien.core.ratelimit import client_address
from thuvien.digital.access import Decision, access_decide
from thuvien.digital.downloads import (
    download_count,
    needs_watermark,
    watermark_pdf,
    watermark_text,
)
from thuvien.digital.models import DigitalObject
from thuvien.digital.paid import paid_price, reader_patron
from thuvien.digital.pdf import object_pdf, object_pdf_pending
from thuvien.digital.pdfa import pdfa_ready
from thuvien.digital.rebuild import DerivativeMissing
from thuvien.digital.selectors import (
    epub_file,
    media_page,
    media_pages,
    object_get_public,
    page_hits,
)
from thuvien.digital.services import usage_count
from thuvien.digital.storage import masters_storage
from thuvien.digital.tasks import pdfa_build_task
from thuvien.search.fulltext import QUERY_MAX, digital_library_search

PAGE_SIZE = 20
DEEPEST = 1000  # the last result a list or search serves (the search ranks ``FIND_MAX``)


@require_GET
@public_view
def library(request: HttpRequest) -> HttpResponse:
    """/digital/: the digital library a visitor may see, newest first, or what his words find
    in its titles, metadata and page text (with or without tone marks)."""
    q = (request.GET.get("q") or "")[:QUERY_MAX].strip()
    try:
        number = max(1, int(request.GET.get("p") or 1))
    except ValueError:
        number = 1
    offset = min((number - 1) * PAGE_SIZE, DEEPEST)
    found = digital_library_search(q=q, user=request.user, ip=client_address(request),
                                   offset=offset, limit=PAGE_SIZE)  # fmt: skip
    number = offset // PAGE_SIZE + 1
    last = max(1, min(-(-found.total // PAGE_SIZE), DEEPEST // PAGE_SIZE + 1))
    return render(request, "opac/digital/library.html", {
        "q": q,
        "found": found,
        "first": offset + 1,
        "last_shown": offset + len(found.found),
        "number": number,
        "prev": number - 1 if number > 1 else None,
        "next": number + 1 if number < last else None,
    })


def _decide(request: HttpRequest, pk: int):  # noqa: ANN202
    try:
        obj = object_get_public(pk=pk)
    except NotFound as exc:
        raise Http404 from exc
    decision = access_decide(obj=obj, user=request.user, ip=client_address(request))
    if decision is Decision.ABSENT:
        raise Http404
    return obj, decision


def _refused(request: HttpRequest, obj, decision: Decision) -> HttpResponse:  # noqa: ANN001
    status = 401 if decision is Decision.LOGIN else 403
    price = paid_price(obj)
    return render(request, "opac/digital/refused.html", {
        "obj": obj, "login": status == 401, "price": price,
        "has_card": price is not None and reader_patron(user=request.user, obj=obj) is not None,
    }, status=status)


# Mirador's styles (MUI on emotion) go in through empty <style> elements filled by CSSOM
# insertRule, which CSP does not govern; only the empty element itself needs allowing. The hash
# of the empty string admits exactly that and nothing with content: no 'unsafe-inline'.
EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"


@csp_update({"style-src-elem": [EMPTY_STYLE_HASH]})
@require_GET
@public_view
def viewer(request: HttpRequest, pk: int) -> HttpResponse:
    obj, decision = _decide(request, pk)
    if decision is not Decision.ALLOW:
        return _refused(request, obj, decision)
    q = (request.GET.get("q") or "")[:200].strip()
    try:
        seq = int(request.GET.get("page") or 0)
    except ValueError:
        seq = 0
    hits = page_hits(obj=obj, query=q, limit=20) if q else []
    if q and not seq and hits:
        seq = hits[0].seq
    base = request.build_absolute_uri("/").rstrip("/")
    canvas = f"{base}/iiif/3/{obj.pk}/canvas/{seq}" if seq else ""
    usage_count(obj=obj, views=1)
    return render(request, "opac/digital/viewer.html", {
        "obj": obj,
        "manifest": base + reverse("iiif:manifest", args=[obj.pk]),
        "canvas": canvas,
        "q": q,
        "hits": hits,
        "lang": "en" if get_language() == "en" else "vi",
        "recordings": [(p, reverse("opac_digital:media", args=[obj.pk, p.seq]))
                       for p in media_pages(obj)],
        "epub": epub_file(obj),
    })


def _pdf_unavailable(request: HttpRequest, obj: DigitalObject,
                     exc: DerivativeMissing) -> HttpResponse:
    """A page image is gone and so is its master: the PDF cannot be made."""
    return render(request, "opac/digital/refused.html", {
        "obj": obj, "problem": _("Chưa tạo được tệp PDF của tài liệu này. %(why)s "
                                 "Vui lòng báo cho thư viện.") % {"why": exc.message},
    }, status=503)


@require_GET
@public_view
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    obj, decision = _decide(request, pk)
    if decision is not Decision.ALLOW:
        return _refused(request, obj, decision)
    # The PDF/A with the text layer once the worker has made it; until then the image PDF. Page
    # images lost with the derivative cache are made again by the worker, not in this request:
    # the reader is asked to come back (and it is not counted as a download).
    try:
        path = pdfa_ready(obj)
        wait = 0 if path else object_pdf_pending(obj)
    except DerivativeMissing as exc:
        return _pdf_unavailable(request, obj, exc)
    if wait:
        response = render(request, "opac/digital/refused.html",
                          {"obj": obj, "preparing": True}, status=503)
        response["Retry-After"] = str(wait)
        response["Cache-Control"] = "no-store"
        return response
    try:
        download_count(obj=obj, user=request.user)
    except ThuvienError as exc:
        status = 401 if exc.params.get("login") else 429
        return render(request, "opac/digital/refused.html",
                      {"obj": obj, "login": status == 401, "problem": exc.message}, status=status)
    try:
        path = path or object_pdf(obj)
    except DerivativeMissing as exc:
        return _pdf_unavailable(request, obj, exc)
    if path.name.startswith("object-"):
        pdfa_build_task(obj.pk)
    usage_count(obj=obj, downloads=1)
    filename = f"thuvien-{obj.pk}.pdf"
    source: Any = (
        io.BytesIO(watermark_pdf(path, watermark_text(obj=obj, user=request.user)))
        if needs_watermark(obj) else open(path, "rb")  # noqa: SIM115
    )
    response = FileResponse(source, as_attachment=True, filename=filename,
                            content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    return response


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _ranged(request: HttpRequest, storage_name: str, mime: str, *,
            filename: str = "") -> HttpResponse:
    """The master from the storage API, answering a single ``Range`` (players seek with it)."""
    masters = masters_storage()
    size = masters.size(storage_name)
    handle = masters.open(storage_name, "rb")
    match = _RANGE.match(request.headers.get("Range", "").strip())
    start, end = 0, size - 1
    status = 200
    if match and (match.group(1) or match.group(2)):
        if match.group(1):
            start = int(match.group(1))
            end = min(int(match.group(2)), size - 1) if match.group(2) else size - 1
        else:  # the last N bytes
            start = max(0, size - int(match.group(2)))
        if start > end or start >= size:
            handle.close()
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        status = 206
    handle.seek(start)
    length = end - start + 1

    def chunks():  # noqa: ANN202
        left = length
        with handle:
            while left > 0:
                data = handle.read(min(1 << 16, left))
                if not data:
                    break
                left -= len(data)
                yield data

    response = StreamingHttpResponse(chunks(), status=status, content_type=mime)
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    if status == 206:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@public_view
def media(request: HttpRequest, pk: int, seq: int) -> HttpResponse:
    """A recording, played in the page (HTML5 audio/video) or by any IIIF viewer."""
    obj, decision = _decide(request, pk)
    if decision is not Decision.ALLOW:
        return _refused(request, obj, decision)
    try:
        page = media_page(obj=obj, seq=seq)
    except NotFound as exc:
        raise Http404 from exc
    if not request.headers.get("Range", "").startswith("bytes=") or request.headers.get(
            "Range", "").startswith("bytes=0-"):
        usage_count(obj=obj, views=1)
    return _ranged(request, page.file.storage_name, page.file.mime)


@require_GET
@public_view
def epub(request: HttpRequest, pk: int) -> HttpResponse:
    """The EPUB of a born-digital book, as a download."""
    obj, decision = _decide(request, pk)
    if decision is not Decision.ALLOW:
        return _refused(request, obj, decision)
    dfile = epub_file(obj)
    if dfile is None:
        raise Http404
    usage_count(obj=obj, downloads=1)
    return _ranged(request, dfile.storage_name, "application/epub+zip",
                   filename=f"thuvien-{obj.pk}.epub")
