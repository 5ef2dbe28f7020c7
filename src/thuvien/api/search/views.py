"""API v1: the union catalogue search with the same parameters and facets as the portal.

The search is the API's hottest read, so its answer skips DRF's rendering: the dict is
written with orjson straight into an ``HttpResponse`` (DRF's negotiation, ``Response`` and
``JSONRenderer`` cost about a third of the web layer's time a request), with the same
content type and the same compact UTF-8 JSON. A reader's plain GET (no token, JSON or
anything accepted) skips DRF's request cycle too (``SearchView.dispatch``): the session user
as DRF's session authentication finds it, the public-read permission that any GET passes,
and the same throttles counted in one step. Everything else (a token, OPTIONS, an Accept
that JSON does not satisfy, ``?format=``) goes through DRF as before.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

import orjson
from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from thuvien.ai.selectors import MODES, search_page
from thuvien.api.errors import throttled_body
from thuvien.api.params import WHOLE, BadParameter, check_choice, check_whole
from thuvien.api.permissions import PublicRead
from thuvien.api.throttling import (
    ClientAnonRateThrottle,
    ClientUserRateThrottle,
    WindowRateThrottle,
    throttles_refuse,
)
from thuvien.core.ratelimit import client_address
from thuvien.holdings.visibility import viewer_for
from thuvien.search.fulltext import (
    DigitalLibraryPage,
    PageHit,
    digital_beside_results,
    fulltext_hits,
)
from thuvien.search.selectors import FACET_PARAMS, SearchPage

SORTS = ["relevance", "newest", "oldest", "title", "author"]
PARAMS = [
    OpenApiParameter("q", str, description='Câu tìm kiếm (từ, "cụm từ", field:word, AND OR NOT)'),
    OpenApiParameter("library", str, description="Mã thư viện: chỉ tìm trong thư viện này"),
    OpenApiParameter("group", WHOLE, description="Nhóm thư viện"),
    OpenApiParameter("network", str, description="Mã mạng lưới"),
    OpenApiParameter("sort", str, enum=SORTS),
    OpenApiParameter("start", WHOLE, description="Vị trí bắt đầu (next_start của trang trước)"),
    OpenApiParameter("avail", str, enum=["1"], description="Chỉ tài liệu có sẵn trên giá"),
    OpenApiParameter("year", str, description="Khoảng năm, ví dụ 2000-2009"),
    OpenApiParameter("work", str, description="Các biểu ghi của một tác phẩm"),
    OpenApiParameter(
        "mode",
        str,
        enum=list(MODES),
        description="lexical: theo từ; semantic: theo ý nghĩa, cả câu hỏi tiếng Anh; hybrid: "
        "theo từ trước, theo ý nghĩa bổ sung (matched_by của từng kết quả cho biết). Không "
        "chọn: THUVIEN_AI_DEFAULT_MODE của máy chủ",
    ),
    OpenApiParameter(
        "facets",
        str,
        enum=["1", "0"],
        description="1 (mặc định): kèm các nhóm lọc, số bản có sẵn; 0: bỏ qua, tìm nhanh hơn "
        "(facets rỗng, available_count null)",
    ),
    OpenApiParameter(
        "digital",
        str,
        enum=["1", "0"],
        description="1: kèm các tài liệu số chưa gắn biểu ghi mà câu tìm thấy (ô “Tài liệu số” "
        "của trang kết quả, chỉ ở trang đầu); 0 (mặc định): không tìm trong thư viện số "
        "(digital null)",
    ),
    *[OpenApiParameter(name, str, many=True) for name in FACET_PARAMS],
]
# The answer's main fields, as the schema declares them (the rest as the portal shows them);
# ``matched_by`` tells a hybrid search's word results from the records meaning added under them.
RESULT = inline_serializer(
    "SearchResult",
    {
        "id": serializers.IntegerField(),
        "title": serializers.CharField(),
        "url": serializers.CharField(),
        "matched_by": serializers.ChoiceField(
            choices=["words", "meaning"],
            help_text="words: the record holds the words asked for; meaning: found by meaning "
            "(semantic, or a hybrid search's fill-in under the word results)",
        ),
    },
    many=True,
)
HIT = inline_serializer(
    "SearchPageHit",
    {
        "page": serializers.IntegerField(),
        "snippet": serializers.CharField(),
        "url": serializers.CharField(help_text="the viewer opened at this page"),
    },
    many=True,
)
DIGITAL = inline_serializer(
    "SearchDigital",
    {
        "total": serializers.IntegerField(help_text="objects found that the caller is shown"),
        "url": serializers.CharField(
            allow_null=True, help_text="all of them in the digital library's search"
        ),
        "objects": inline_serializer(
            "SearchDigitalObject",
            {
                "id": serializers.IntegerField(),
                "title": serializers.CharField(),
                "library": serializers.CharField(),
                "library_name": serializers.CharField(),
                "pages": serializers.IntegerField(),
                "opens": serializers.BooleanField(
                    help_text="the caller may open its pages (else: listed only)"
                ),
                "needs": serializers.ChoiceField(
                    choices=["", "login", "onsite", "paid", "denied"],
                    help_text="what opening it needs when it does not open",
                ),
                "url": serializers.CharField(),
                "fulltext": HIT,
            },
            many=True,
        ),
    },
    allow_null=True,
    help_text="with digital=1, on the first page: the digital library's objects linked to no "
    "catalogue record that the words find (the portal's \"Tài liệu số\" box, the first "
    "three; a linked object shows under its record's fulltext); null otherwise",
)
ANSWER = inline_serializer(
    "SearchAnswer",
    {
        "q": serializers.CharField(),
        "mode": serializers.ChoiceField(choices=list(MODES)),
        "total": serializers.IntegerField(help_text="the word results and the fill-ins shown"),
        "start": serializers.IntegerField(),
        "next_start": serializers.IntegerField(allow_null=True),
        "results": RESULT,
        "digital": DIGITAL,
    },
)


def digital_json(found: DigitalLibraryPage, q: str) -> dict[str, Any]:
    """The digital library's objects beside the results (``search.fulltext``)."""
    return {
        "total": found.total,
        "url": "/digital/?" + urlencode({"q": q}) if found.total else None,
        "objects": [
            {
                "id": f.item.obj.pk,
                "title": f.item.obj.title,
                "library": f.item.obj.library.code,
                "library_name": f.item.obj.library.name_vi,
                "pages": f.item.pages,
                "opens": f.item.opens,
                "needs": f.item.needs,
                "url": f"/digital/{f.item.obj.pk}/?" + urlencode({"q": q}),
                "fulltext": [
                    {
                        "page": hit.seq,
                        "snippet": hit.snippet,
                        "url": f"/digital/{hit.obj_id}/?" + urlencode({"q": q, "page": hit.seq}),
                    }
                    for hit in f.hits
                ],
            }
            for f in found.found
        ],
    }


def page_json(
    page: SearchPage,
    mode: str = "lexical",
    fulltext: dict[int, list[PageHit]] | None = None,
    digital: DigitalLibraryPage | None = None,
) -> dict[str, Any]:
    """``fulltext``: the pages of each record's digital objects holding the query's words
    (``search.fulltext.fulltext_hits``, only objects the caller may open); ``digital``: the
    digital library's objects beside the results, when asked for."""
    fulltext = fulltext or {}
    return {
        "q": page.q,
        "mode": mode,
        "total": page.total,
        "start": page.start,
        "next_start": page.next_start,
        "window_end": page.window_end,
        "sort": page.sort,
        "suggestion": page.suggestion,
        "available_count": page.available_count,
        "facets_approximate": page.facets_approximate,
        "total_approximate": page.total_approximate,
        "results": [
            {
                "id": row.record.pk,
                "title": row.record.title,
                "authors": row.record.authors,
                "publisher": row.record.publisher,
                "year": row.record.year,
                "material_type": row.record.material_type,
                "language": row.record.language,
                "url": f"/search/record/{row.record.pk}/",
                "matched_by": "meaning" if row.by_meaning else "words",
                "work": row.hit.work if row.hit.cluster_size > 1 else None,
                "work_records": row.hit.cluster_size,
                "work_libraries": row.hit.cluster_libraries,
                "holdings": [
                    {
                        "library": h.library.code,
                        "library_name": h.library.name_vi,
                        "items": h.total,
                        "available": h.available,
                    }
                    for h in row.holdings
                ],
                "fulltext": [
                    {
                        "object": hit.obj_id,
                        "page": hit.seq,
                        "snippet": hit.snippet,
                        "url": f"/digital/{hit.obj_id}/?"
                        + urlencode({"q": page.q, "page": hit.seq}),
                    }
                    for hit in fulltext.get(row.record.pk, ())
                ],
            }
            for row in page.rows
        ],
        "facets": {
            group.name: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                for v in group.values
            ]
            for group in page.facets
        },
        "digital": digital_json(digital, page.q) if digital is not None else None,
    }


class SearchRateThrottle(WindowRateThrottle):
    """Searches per client (the user, else the address as core.ratelimit sees it behind the
    trusted proxy), the ``search`` rate, counted in the cache every process shares."""

    scope = "search"

    def get_cache_key(self, request: Any, view: Any) -> str:
        user = getattr(request, "user", None)
        ident = (
            f"u{user.pk}" if user is not None and user.is_authenticated
            else client_address(request) or "unknown"
        )  # fmt: skip
        return self.cache_format % {"scope": self.scope, "ident": ident}


def json_response(data: Any, status: int = 200) -> HttpResponse:
    """``data`` as DRF's JSONRenderer writes it (compact UTF-8, ``application/json``)."""
    return HttpResponse(orjson.dumps(data), status=status, content_type="application/json")


JSON_ACCEPTED = frozenset(("*/*", "application/*", "application/json"))


def _plain_get(request: HttpRequest) -> bool:
    """A GET that DRF would answer with JSON for the session's user (or nobody): no token,
    no ``?format=``, an Accept that JSON satisfies, no inactive account in the session."""
    if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META or "format" in request.GET:
        return False
    accept = request.META.get("HTTP_ACCEPT", "")
    if accept and not any(
        part.split(";", 1)[0].strip().lower() in JSON_ACCEPTED for part in accept.split(",")
    ):
        return False
    user = getattr(request, "user", None)
    return user is not None and (not user.is_authenticated or user.is_active)


def search_answer(params: QueryDict, user: Any, ip: str | None) -> HttpResponse:
    # The portal forgives a bad value (a hand-edited address shows page one); an API
    # client is told, as the schema declares these (found by schemathesis).
    try:
        check_whole(params, "start")
        check_whole(params, "group")
        check_choice(params, "sort", SORTS)
        check_choice(params, "avail", ["1"])
        check_choice(params, "facets", ["1", "0"])
        check_choice(params, "digital", ["1", "0"])
    except BadParameter as exc:
        return json_response(exc.detail, status=400)
    mode = params.get("mode") or settings.AI_DEFAULT_MODE
    if mode not in MODES:
        detail = _("Cách tìm không hợp lệ: dùng lexical, semantic hoặc hybrid.")
        return json_response({"code": "search.bad_mode", "detail": detail}, status=400)
    # ``facets=0``: a client that shows no filters (a widget, another catalogue's federated
    # search, Zebra's kind of answer) skips counting them, about 40% of a search's CPU
    # (docs/architecture.md, "search API"); the default answer keeps them.
    facets = params.get("facets") != "0"
    page = search_page(params=params, viewer=viewer_for(user), facets=facets)
    if page.error:
        return json_response({"code": page.error_code, "detail": page.error}, status=400)
    hits = fulltext_hits(
        record_ids=[row.record.pk for row in page.rows], q=page.q, user=user, ip=ip,
    )
    # ``digital=1``: the objects of the portal's "Tài liệu số" box, on the first page; asked for,
    # as the index of objects is a second search (docs/architecture.md, "search API").
    digital = (
        digital_beside_results(q=page.q, user=user, ip=ip)
        if params.get("digital") == "1" and page.start == 0
        else None
    )
    return json_response(page_json(page, mode, hits, digital))


class SearchView(APIView):
    """Search the union catalogue (public), at most the ``search`` rate per client."""

    permission_classes = [PublicRead]
    renderer_classes = [JSONRenderer]  # what the schema and DRF's own errors are written in
    throttle_classes = [ClientAnonRateThrottle, ClientUserRateThrottle, SearchRateThrottle]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """A reader's plain GET answered without DRF's request cycle (about 0.5 ms of CPU a
        search: the request wrapper, negotiation, three throttles in three steps); the rest
        through DRF."""
        if not _plain_get(request):
            return super().dispatch(request, *args, **kwargs)
        self.args, self.kwargs, self.headers = args, kwargs, self.default_response_headers
        refused, wait = throttles_refuse(self.get_throttles(), request, self)
        if refused:
            response = json_response(throttled_body(wait), status=429)
            if wait is not None:
                response["Retry-After"] = str(math.ceil(wait))
        else:
            response = search_answer(request.GET, request.user, client_address(request))
        for key, value in self.headers.items():
            response[key] = value
        return response

    def check_throttles(self, request: Request) -> None:
        refused, wait = throttles_refuse(self.get_throttles(), request, self)
        if refused:
            self.throttled(request, wait)  # type: ignore[arg-type] # DRF takes None too

    @extend_schema(parameters=PARAMS, responses={200: ANSWER})
    def get(self, request: Request) -> HttpResponse:
        return search_answer(request.query_params, request.user, client_address(request))
