"""Networks, libraries, their public locations and groups: read by anyone, libraries written
by the network's administrators (token or session)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from thuvien.accounts.capabilities import Capability
from thuvien.api.params import WHOLE, check_choice, check_whole
from thuvien.api.permissions import HasCapability, PublicRead
from thuvien.holdings.selectors import libraries_visible
from thuvien.holdings.visibility import viewer_for
from thuvien.network import selectors, services
from thuvien.network.models import Library, LibraryGroup, LibraryType, Network

from .serializers import (
    GroupSerializer,
    LibraryCreateSerializer,
    LibrarySerializer,
    LibraryWriteSerializer,
    LocationSerializer,
    NetworkSerializer,
)

CODE_REGEX = r"[A-Za-z0-9][A-Za-z0-9_-]*"


class NetworkViewSet(viewsets.ReadOnlyModelViewSet):
    """Library networks (one per province); merged ones point to their successor."""

    permission_classes = [PublicRead]
    serializer_class = NetworkSerializer
    lookup_field = "code"
    lookup_value_regex = CODE_REGEX

    def get_queryset(self) -> QuerySet[Network]:
        return selectors.networks_by_code()


LIBRARY_FILTERS = [
    OpenApiParameter("type", OpenApiTypes.STR, enum=LibraryType.values, description="loại"),
    OpenApiParameter("network", OpenApiTypes.STR, description="mã mạng lưới"),
    OpenApiParameter("group", WHOLE, description="mã số nhóm (id)"),
    OpenApiParameter("q", OpenApiTypes.STR, description="tên, có hoặc không dấu"),
]


class LibraryViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Active libraries. Anyone reads; a network admin creates and edits his network's."""

    permission_classes = [PublicRead | HasCapability]
    required_capability = Capability.ADMINISTER_NETWORK
    network_wide = True
    serializer_class = LibrarySerializer
    lookup_field = "code"
    lookup_value_regex = CODE_REGEX

    def check_permissions(self, request: Request) -> None:
        # HasCapability checks the network the write is about: the body's for a create, the
        # library's own for an update. The middleware sets none outside /staff/.
        request.network = self._network_for_write(request)
        super().check_permissions(request)

    def _network_for_write(self, request: Request) -> Network | None:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        if self.action == "create":
            code = request.data.get("network") if hasattr(request.data, "get") else None
            return selectors.network_by_code(code=code) if isinstance(code, str) else None
        library = selectors.library_by_code(code=str(self.kwargs.get(self.lookup_field, "")))
        return library.network if library else None

    def get_queryset(self) -> QuerySet[Library]:
        viewer = viewer_for(self.request.user)
        if self.action != "list":
            return libraries_visible(viewer=viewer)
        params = self.request.query_params
        check_choice(params, "type", LibraryType.values)  # 400 for a type outside the list
        check_whole(params, "group")  # 400 for a group that is not a number
        group = params.get("group", "")
        return libraries_visible(
            viewer=viewer,
            network_code=params.get("network") or None,
            group_pk=int(group) if group.isdigit() else None,
            library_type=params.get("type") or None,
            q=params.get("q") or None,
        )

    @extend_schema(parameters=LIBRARY_FILTERS)
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=LibraryCreateSerializer, responses={201: LibrarySerializer})
    def create(self, request: Request) -> Response:
        incoming = LibraryCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        library = services.library_create(actor=request.user, **data)
        return Response(LibrarySerializer(library).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=LibraryWriteSerializer, responses={200: LibrarySerializer})
    def partial_update(self, request: Request, code: str) -> Response:
        library = self.get_object()
        incoming = LibraryWriteSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        services.library_update(library=library, actor=request.user, **incoming.validated_data)
        library.refresh_from_db()
        return Response(LibrarySerializer(library).data)

    @extend_schema(responses={200: LocationSerializer(many=True)})
    @action(detail=True, methods=["get"], serializer_class=LocationSerializer)
    def locations(self, request: Request, code: str) -> Response:
        """The library's locations open to readers."""
        library = self.get_object()
        rows = selectors.location_list(library=library, public_only=True)
        return Response(LocationSerializer(rows, many=True).data)


class GroupViewSet(viewsets.ReadOnlyModelViewSet):
    """Groups of libraries (all school libraries, a former province)."""

    permission_classes = [PublicRead]
    serializer_class = GroupSerializer

    def get_queryset(self) -> QuerySet[LibraryGroup]:
        return selectors.groups_by_network_code(
            network_code=self.request.query_params.get("network") or None
        )

    @extend_schema(
        parameters=[OpenApiParameter("network", OpenApiTypes.STR, description="mã mạng lưới")]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)
