"""The portal's digital library pages: Mirador on an object, opened at a page with the searched
words highlighted; the object as a PDF. Access is the domain's decision; a refusal is 401/403."""

from __future__ import annotations

from csp.decorators import csp_update
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from thuvien.accounts.permissions import public_view
from thuvien.core.errors import NotFound
from thuvien.core.ratelimit import client_address
from thuvien.digital.access import Decision, access_decide
from thuvien.digital.pdf import object_pdf
from thuvien.digital.selectors import object_get_public, page_hits
from thuvien.digital.services import usage_count


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
    return render(request, "opac/digital/refused.html", {"obj": obj, "login": status == 401},
                  status=status)


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
    })


@require_GET
@public_view
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    obj, decision = _decide(request, pk)
    if decision is not Decision.ALLOW:
        return _refused(request, obj, decision)
    path = object_pdf(obj)
    usage_count(obj=obj, downloads=1)
    response = FileResponse(open(path, "rb"), as_attachment=True,  # noqa: SIM115
                            filename=f"thuvien-{obj.pk}.pdf", content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    return response
