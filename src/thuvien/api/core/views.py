"""Core API: obtain a token (with the login lock-out and TOTP), who am I, memberships."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from thuvien.accounts.forms import LoginForm
from thuvien.accounts.permissions import staff_access
from thuvien.accounts.security import login_failure_record
from thuvien.accounts.selectors import membership_visible_to
from thuvien.accounts.services import api_token_issue
from thuvien.accounts.totp import totp_consume
from thuvien.accounts.views import totp_required_for
from thuvien.api.throttling import ClientAnonRateThrottle, ClientScopedRateThrottle
from thuvien.network.selectors import libraries_by_ids, networks_by_ids

from .serializers import (
    MembershipSerializer,
    MeSerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
)


class TokenObtainView(APIView):
    """Exchange a username (or card number) and password for an API token.

    The same lock-out as the login page applies; an account with TOTP also sends ``code``.
    Throttled per client (``token`` rate) on top of the anonymous rate.
    """

    permission_classes = [AllowAny]  # open: the credentials are the check
    authentication_classes: list = []
    throttle_classes = [ClientAnonRateThrottle, ClientScopedRateThrottle]
    throttle_scope = "token"

    @extend_schema(request=TokenRequestSerializer, responses={200: TokenResponseSerializer})
    def post(self, request: Request) -> Response:
        body = TokenRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        form = LoginForm(request._request, data=body.validated_data)
        if not form.is_valid():
            detail = " ".join(str(e) for e in form.non_field_errors()) or "Sai thông tin."
            code = "locked" if form.has_error("__all__", "locked") else "bad_credentials"
            return Response({"code": code, "detail": detail}, status=status.HTTP_400_BAD_REQUEST)
        user = form.get_user()
        if totp_required_for(user) and not user.has_totp:
            return Response(
                {
                    "code": "totp_not_enrolled",
                    "detail": "Tài khoản quản trị mạng lưới phải bật xác thực hai bước trước.",
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        if user.has_totp and not totp_consume(user, body.validated_data.get("code")):
            login_failure_record(user=user)
            return Response(
                {"code": "totp_invalid", "detail": "Cần mã xác thực hai bước hợp lệ."},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response({"token": api_token_issue(user=user)})


class MeView(APIView):
    """Who am I: my account, the libraries and networks I work for and my capabilities there."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        user = request.user
        access = staff_access(user)
        libraries = libraries_by_ids(ids=access.library_caps)
        networks = networks_by_ids(ids=access.network_caps)
        data: dict[str, Any] = {
            "id": user.pk,
            "username": user.username,
            "full_name": user.full_name,
            "email": user.email,
            "preferred_language": user.preferred_language,
            "two_factor": user.has_totp,
            "libraries": [
                {
                    "id": lib.pk,
                    "code": lib.code,
                    "name": lib.name,
                    "network": lib.network.code,
                    "capabilities": sorted(access.caps_for(lib)),
                }
                for lib in libraries
            ],
            "networks": [
                {
                    "id": net.pk,
                    "code": net.code,
                    "name": net.name_vi,
                    "capabilities": sorted(access.network_caps[net.pk]),
                }
                for net in networks
            ],
        }
        return Response(MeSerializer(data).data)


class MembershipListView(generics.ListAPIView):
    """Memberships the caller manages (library admins: own library; network admins: network).

    ``?library=<id>`` narrows to one library; another library's answers an empty list.
    """

    permission_classes = [IsAuthenticated]
    serializer_class = MembershipSerializer

    def get_queryset(self):
        return membership_visible_to(
            self.request.user, library_id=self.request.query_params.get("library")
        )


class MembershipDetailView(generics.RetrieveAPIView):
    """One membership the caller manages; another library's answers 404."""

    permission_classes = [IsAuthenticated]
    serializer_class = MembershipSerializer

    def get_queryset(self):
        return membership_visible_to(self.request.user)
