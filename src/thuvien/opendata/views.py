"""The open-data download page (Vietnamese and English), the files themselves, a SHA256SUMS
list for ``sha256sum -c``, and the DCAT-AP catalogue as Turtle and JSON-LD."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language

from thuvien.core.access import public_view

from .build import built_date, file_open, manifest_read
from .dcat import catalogue_graph
from .tasks import rebuild_underway


def _manifest() -> dict:
    manifest = manifest_read()
    if manifest is None:
        raise Http404
    return manifest


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("opendata:index"))


@public_view
def index(request: HttpRequest) -> HttpResponse:
    manifest = manifest_read()
    english = (get_language() or "vi").startswith("en")
    datasets = []
    for data in (manifest or {}).get("datasets", []):
        datasets.append(
            {
                "title": data["title_en" if english else "title_vi"],
                "description": data["description_en" if english else "description_vi"],
                "license": data["license"],
                "files": data["distributions"],
            }
        )
    return render(
        request,
        "opendata/index.html",
        {
            "datasets": datasets,
            "built": built_date(manifest) if manifest else None,
            "underway": manifest is None and rebuild_underway(),
        },
    )


@public_view
def download(request: HttpRequest, name: str) -> FileResponse:
    handle = file_open(name)
    if handle is None:
        raise Http404
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/gzip")


@public_view
def checksums(request: HttpRequest) -> HttpResponse:
    manifest = _manifest()
    lines = [
        f"{x['sha256']}  {x['file']}\n"
        for data in manifest["datasets"]
        for x in data["distributions"]
    ]
    return HttpResponse("".join(lines), content_type="text/plain; charset=utf-8")


@public_view
def catalog_turtle(request: HttpRequest) -> HttpResponse:
    graph = catalogue_graph(_manifest(), base=_base(request))
    return HttpResponse(graph.serialize(format="turtle"), content_type="text/turtle; charset=utf-8")


@public_view
def catalog_jsonld(request: HttpRequest) -> HttpResponse:
    graph = catalogue_graph(_manifest(), base=_base(request))
    return HttpResponse(
        graph.serialize(format="json-ld", auto_compact=True),
        content_type="application/ld+json; charset=utf-8",
    )
