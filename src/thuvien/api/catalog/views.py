"""REST for the catalogue: records (public read; cataloguers create and update) and the items of
a record per library (public read, barcodes hidden).

A record is shown with its extracted fields, its MARC-in-JSON and its Dublin Core. Writes take
token (or session) auth and act for the library named by the ``X-Library`` header (its code);
the caller needs CATALOGUE there, and the record must belong to that library's network. A
record that breaks the MARC21 rules answers 400 with every problem, and nothing is saved.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound as DRFNotFound
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from thuvien.accounts.capabilities import Capability
from thuvien.api.pagination import ThuvienPagination, paginated
from thuvien.api.permissions import HasCapability
from thuvien.catalog.crosswalk import marc_to_dc
from thuvien.catalog.errors import CatalogErrorCode, RecordInvalid
from thuvien.catalog.marc.validation import editor_from_mij, editor_to_mij
from thuvien.catalog.models import Record
from thuvien.core.errors import ThuvienError
from thuvien.holdings.selectors import record_get_visible, record_items_visible, records_visible
from thuvien.holdings.visibility import Viewer, item_restricted, viewer_for
from thuvien.network.models import Network
from thuvien.network.selectors import library_by_code

FIELDS = (
    "title", "responsibility", "authors", "publisher", "place", "year", "edition", "isbns",
    "issns", "language", "material_type", "ddc", "subjects", "series", "physical_description",
    "notes", "links", "control_number",
)  # fmt: skip


class RecordIn(serializers.Serializer):
    marc = serializers.JSONField(help_text="MARC-in-JSON: {leader, fields}")


class RecordOut(serializers.Serializer):
    id = serializers.IntegerField()
    network = serializers.CharField()
    title = serializers.CharField()
    authors = serializers.ListField(child=serializers.CharField())
    year = serializers.IntegerField(allow_null=True)
    isbns = serializers.ListField(child=serializers.CharField())
    material_type = serializers.CharField()
    marc = serializers.JSONField(required=False)
    dublin_core = serializers.DictField(required=False)


class ItemOut(serializers.Serializer):
    library = serializers.DictField()
    call_number = serializers.CharField()
    location = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()


class ItemsOut(serializers.Serializer):
    record = serializers.IntegerField()
    items = ItemOut(many=True)


class PublicReadCatalogueWrite(BasePermission):
    """Anyone reads; writing needs CATALOGUE in the ``X-Library`` library."""

    def has_permission(self, request: Any, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return HasCapability().has_permission(request, view)


def record_json(record: Record, *, full: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"id": record.pk, "network": record.network.code}
    out.update({name: getattr(record, name) for name in FIELDS})
    out["updated_at"] = record.updated_at.isoformat()
    if full:
        out["marc"] = record.marc
        out["dublin_core"] = marc_to_dc(record.marc)
    return out


class CatalogueView(APIView):
    permission_classes = [PublicReadCatalogueWrite]
    required_capability = Capability.CATALOGUE

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        """Writes resolve ``X-Library`` before the capability check."""
        request.library = None
        request.network = None
        if request.method not in SAFE_METHODS:
            code = (request.headers.get("X-Library") or "").strip()
            library = library_by_code(code=code, active_only=True) if code else None
            request.library = library
            request.network = library.network if library else None
            if library is None and request.user and request.user.is_authenticated:
                raise DRFNotFound("X-Library")
        super().initial(request, *args, **kwargs)

    def marc_from(self, request: Request) -> Any:
        """The posted MARC-in-JSON as the record services take it, or a 400 response."""
        marc = request.data.get("marc") if isinstance(request.data, dict) else None
        if not isinstance(marc, dict) or not isinstance(marc.get("fields"), list):
            return None, Response(
                {"code": "invalid", "detail": gettext("Cần trường “marc” dạng MARC-in-JSON.")},
                status=400,
            )
        try:
            editor = editor_from_mij(marc)
        except ValueError:
            return None, Response(
                {"code": "invalid", "detail": gettext("Biểu ghi MARC-in-JSON không đọc được.")},
                status=400,
            )
        return editor_to_mij(editor), None  # the record services check the MARC21 rules


def _refused(exc: ThuvienError) -> Response:
    """A refusal of the record services; the MARC21 rules they check come back with every
    problem (tag, subfield, position) as the editor shows them."""
    if isinstance(exc, RecordInvalid) and exc.code == CatalogErrorCode.MARC_RULES:
        return Response(
            {
                "code": "catalog.invalid_marc",
                "detail": gettext("Biểu ghi không hợp lệ theo MARC21; không có gì được lưu."),
                "problems": [
                    {
                        "message": p.message,
                        "tag": p.tag,
                        "subfield": p.subfield,
                        "position": p.position,
                    }
                    for p in exc.problems
                ],
            },
            status=400,
        )
    return Response({"code": exc.code, "detail": exc.message}, status=exc.http_status)


class RecordListView(CatalogueView):
    @extend_schema(
        responses=paginated(RecordOut, "PaginatedRecordOutList"),
        parameters=[
            OpenApiParameter("network", str, description="mã mạng lưới"),
            OpenApiParameter("q", str, description="nhan đề, tác giả hoặc ISBN"),
        ],
    )
    def get(self, request: Request) -> Response:
        qs = records_visible(
            viewer=viewer_for(request.user),
            network_code=request.query_params.get("network") or None,
            query=(request.query_params.get("q") or "").strip()[:200],
        )
        paginator = ThuvienPagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response([record_json(r, full=False) for r in page])

    @extend_schema(request=RecordIn, responses={201: RecordOut})
    def post(self, request: Request) -> Response:
        from thuvien.catalog.services import record_create

        rec, error = self.marc_from(request)
        if error is not None:
            return error
        try:
            record = record_create(
                network=request.network, marc=rec, actor=request.user, library=request.library
            )
        except ThuvienError as exc:
            return _refused(exc)
        return Response(record_json(record, full=True), status=201)


def _record(pk: int, network: Network | None = None, viewer: Viewer | None = None) -> Record:
    """The record, or 404 when missing, of another network (writes) or hidden from
    ``viewer`` (reads, ``holdings.visibility``)."""
    record = record_get_visible(pk=pk, network=network, viewer=viewer)
    if record is None:
        raise DRFNotFound(gettext("Không tìm thấy biểu ghi."))
    return record


class RecordDetailView(CatalogueView):
    @extend_schema(responses=RecordOut)
    def get(self, request: Request, pk: int) -> Response:
        return Response(record_json(_record(pk, viewer=viewer_for(request.user)), full=True))

    @extend_schema(request=RecordIn, responses=RecordOut)
    def put(self, request: Request, pk: int) -> Response:
        from thuvien.catalog.services import record_update

        record = _record(pk, request.network)  # another network's record: 404
        rec, error = self.marc_from(request)
        if error is not None:
            return error
        try:
            record = record_update(
                record=record, marc=rec, actor=request.user, library=request.library
            )
        except ThuvienError as exc:
            return _refused(exc)
        return Response(record_json(record, full=True))


class RecordItemsView(CatalogueView):
    """Copies of a record in every library of its network: where, call number, status."""

    @extend_schema(responses=ItemsOut)
    def get(self, request: Request, pk: int) -> Response:
        viewer = viewer_for(request.user)
        record = _record(pk, viewer=viewer)
        rows = [
            {
                "library": {"code": i.library.code, "name": i.library.name_vi},
                "call_number": i.call_number,
                "location": i.location.name_vi if i.location else "",
                "status": i.status,
                "status_label": str(i.get_status_display()),
                "restricted": item_restricted(
                    visibility=i.visibility,
                    location_visibility=i.location.visibility if i.location else "",
                ),
            }
            for i in record_items_visible(record=record, viewer=viewer)
        ]
        return Response({"record": record.pk, "items": rows})
