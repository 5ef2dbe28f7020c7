"""REST for the desk and for readers.

Desk endpoints (checkout, checkin, renew) take token or session auth and act in the library
named by the ``X-Library`` header (its code); the caller needs CIRCULATE there. Errors answer
409 (a rule refused) or 400/404 with ``{"code", "detail"}``. Readers' own endpoints
(``my/loans/``, ``my/holds/``, ``my/fees/``) need a logged-in reader and show only theirs.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.utils.connection import ConnectionProxy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.exceptions import NotFound as DRFNotFound
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.views import APIView

from thuvien.accounts.capabilities import Capability
from thuvien.api.permissions import HasCapability
from thuvien.circulation.desk_cache import AUTH_SECONDS, cached
from thuvien.circulation.errors import CirculationError, CirculationErrorCode
from thuvien.circulation.models import Loan
from thuvien.circulation.selectors import (
    patron_balance,
    patron_fees,
    patron_for_desk,
    patron_holds,
    patron_loans,
)
from thuvien.circulation.services import desk_checkin, desk_checkout, desk_renew
from thuvien.core.errors import NotFound, ThuvienError
from thuvien.core.scoping import library_scope
from thuvien.network.models import Library
from thuvien.network.selectors import library_by_code
from thuvien.patrons.selectors import patron_get_for_user


class CheckoutIn(serializers.Serializer):
    card_number = serializers.CharField(max_length=32)
    barcode = serializers.CharField(max_length=50)
    override_reason = serializers.CharField(max_length=255, required=False, allow_blank=True)


class BarcodeIn(serializers.Serializer):
    barcode = serializers.CharField(max_length=50)
    override_reason = serializers.CharField(max_length=255, required=False, allow_blank=True)


def loan_json(loan: Loan) -> dict[str, Any]:
    return {
        "id": loan.pk,
        "barcode": loan.item.barcode,
        "title": loan.item.record.title,
        "library": loan.library.code,
        "issued_at": loan.issued_at.isoformat(),
        "due_on": loan.due_on.isoformat(),
        "renewals": loan.renewals,
        "returned_at": loan.returned_at.isoformat() if loan.returned_at else None,
        "card_number": loan.patron.card_number if loan.patron else None,
    }


X_LIBRARY = OpenApiParameter(
    "X-Library",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="Code of the library the desk acts for, e.g. HY-TINH.",
)


DESK_NOT_FOUND = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description=(
        'Không tìm thấy (Not found), `{"code", "detail"}`. `code`: `item_not_found` (no'
        " copy of the library's network has this barcode); `patron_not_found` (check-out: no"
        " reader has this card number); `circulation.barcode_is_patron_card` (the barcode"
        " given is the card number of a reader of the network, not a copy's barcode: nothing"
        " was lent, returned or renewed; the body adds `card_number`); `item_not_on_loan`"
        " (renewal: the copy is not out)."
    ),
)


def _desk_schema(request: type[serializers.Serializer], status: int = 200) -> Any:
    return extend_schema(
        request=request,
        parameters=[X_LIBRARY],
        responses={
            status: OpenApiTypes.OBJECT,
            400: OpenApiTypes.OBJECT,
            404: DESK_NOT_FOUND,
            409: OpenApiTypes.OBJECT,
        },
    )


def _invalid(serializer: serializers.Serializer) -> Response:
    detail = "; ".join(f"{k}: {' '.join(str(m) for m in v)}" for k, v in serializer.errors.items())
    return Response({"code": "invalid", "detail": detail}, status=400)


def _redis_client(cache: Any) -> Any:
    """The ``redis.Redis`` client behind ``cache`` when it is Django's Redis cache, else None.

    DRF's throttles hold ``django.core.cache.cache``, a proxy: ``isinstance`` on it never sees
    the Redis backend behind it (so the one-round-trip count below was never used and every
    desk request paid Django's ``incr``: EXISTS, then INCRBY). Django also builds a new client
    object (a dict of ~200 response callbacks) for every operation; the one client kept per
    cache backend here is thread-safe and shares the backend's connection pool."""
    backend = caches[cache._alias] if isinstance(cache, ConnectionProxy) else cache
    if not isinstance(backend, RedisCache):
        return None
    client = backend.__dict__.get("_desk_throttle_client")
    if client is None:
        client = backend._cache.get_client(write=True)
        backend.__dict__["_desk_throttle_client"] = client
    return client


class DeskRateThrottle(UserRateThrottle):
    """The same per-user rate as the rest of the API, counted in fixed windows.

    DRF's sliding window keeps every request time of the last minute in one cache value that
    is read, unpickled, pickled and written back on each request: a busy desk token made that
    list thousands of entries long. Here a request is one small counter (on Redis ``INCR`` and
    ``EXPIRE`` in one round trip; elsewhere ``incr``, ``add`` the first time in a window),
    whatever the rate."""

    def allow_request(self, request: Any, view: Any) -> bool:
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.key = f"{key}:{window}"
        self.window_end = (window + 1) * self.duration
        client = _redis_client(self.cache)
        if client is not None:
            count = self._redis_count(client)
        else:
            try:
                count = self.cache.incr(self.key)
            except ValueError:  # first request of the window (or the key just expired)
                count = 1 if self.cache.add(self.key, 1, self.duration + 1) else self._incr()
        return count <= self.num_requests

    def _redis_count(self, client: Any) -> int:
        """INCR and EXPIRE in one round trip (Django's ``incr`` asks EXISTS first)."""
        key = self.cache.make_and_validate_key(self.key)
        pipe = client.pipeline(transaction=False)
        pipe.incr(key)
        pipe.expire(key, self.duration + 1)
        return int(pipe.execute()[0])

    def _incr(self) -> int:
        try:
            return self.cache.incr(self.key)
        except ValueError:
            return 1

    def wait(self) -> float:
        return max(0.0, self.window_end - self.timer())


class DeskTokenAuthentication(TokenAuthentication):
    """DRF's token check, its answer (the user, whose capabilities are then computed once)
    kept in the desk cache for at most ``AUTH_SECONDS``: a desk sends the same token on every
    scan. Deleting the token or saving the user, a membership or a role empties the cache at
    once in this process and within a second in the others (shared generation, Redis);
    an unknown token is never cached."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        parent = super().authenticate_credentials

        def load() -> tuple[Any, Any] | None:
            try:
                return parent(key)
            except AuthenticationFailed:
                return None

        found = cached(("token", key), load, max_seconds=AUTH_SECONDS)
        if found is None:
            return parent(key)  # raises the very same error as DRF
        return found


def desk_library(code: str) -> Library | None:
    """The active library with this code, from the desk cache (emptied when a library is
    saved): the header is read on every scan."""

    def load() -> Library | None:
        return library_by_code(code=code, active_only=True)

    library = cached(("library", code), load)
    return library


class DeskView(APIView):
    """Resolves ``X-Library`` before the capability check, and opens its scope."""

    permission_classes = [HasCapability]
    required_capability = Capability.CIRCULATE
    throttle_classes = [AnonRateThrottle, DeskRateThrottle]
    authentication_classes = [SessionAuthentication, DeskTokenAuthentication]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        code = (request.headers.get("X-Library") or "").strip()
        library = desk_library(code) if code else None
        request.library = library
        request.network = library.network if library else None
        super().initial(request, *args, **kwargs)
        if library is None:
            raise DRFNotFound("X-Library")

    def run(self, request: Request, fn: Any) -> Response:
        with library_scope(request.library):
            try:
                return fn()
            except ThuvienError as exc:
                body = {"code": exc.code, "detail": exc.message}
                if exc.code == CirculationErrorCode.ITEM_ALREADY_ON_LOAN and exc.params:
                    # Staff may know whom the copy is lent to (kiosks get the bare message).
                    body["card_number"] = exc.params.get("card_number")
                    body["due_on"] = exc.params["due_on"].isoformat()
                elif exc.code == CirculationErrorCode.BARCODE_IS_PATRON_CARD:
                    body["card_number"] = exc.params.get("card_number")
                elif exc.code == CirculationErrorCode.ITEM_WANTED_BY_OTHER and exc.params:
                    # Another reader waits: who (for staff) and where in the queue; the same
                    # request with ``override_reason`` lends it anyway (audited).
                    body["card_number"] = exc.params.get("card_number") or None
                    body["queue_position"] = exc.params.get("queue_position")
                return Response(body, status=exc.http_status)


class CheckoutView(DeskView):
    @_desk_schema(CheckoutIn, 201)
    def post(self, request: Request) -> Response:
        data = CheckoutIn(data=request.data)
        if not data.is_valid():
            return _invalid(data)
        v = data.validated_data

        def go() -> Response:
            library = request.library
            patron = patron_for_desk(library=library, card_number=v["card_number"])
            loan = desk_checkout(
                library=library,
                barcode=v["barcode"],
                patron=patron,
                staff=request.user,
                override_reason=v.get("override_reason") or None,
            )
            return Response(loan_json(loan), status=201)

        return self.run(request, go)


class CheckinView(DeskView):
    @_desk_schema(BarcodeIn)
    def post(self, request: Request) -> Response:
        data = BarcodeIn(data=request.data)
        if not data.is_valid():
            return _invalid(data)

        def go() -> Response:
            barcode = data.validated_data["barcode"]
            result = desk_checkin(library=request.library, barcode=barcode, staff=request.user)
            return Response(
                {
                    "barcode": result.item.barcode,
                    "loan": loan_json(result.loan) if result.loan else None,
                    "hold": result.hold.pk if result.hold else None,
                    "transit_to": result.transit.library.code if result.transit else None,
                    "fees": [str(f.amount) for f in result.fees],
                    "message": result.message,
                }
            )

        return self.run(request, go)


class RenewView(DeskView):
    @_desk_schema(BarcodeIn)
    def post(self, request: Request) -> Response:
        data = BarcodeIn(data=request.data)
        if not data.is_valid():
            return _invalid(data)

        def go() -> Response:
            try:
                loan = desk_renew(
                    library=request.library,
                    barcode=data.validated_data["barcode"],
                    staff=request.user,
                    override_reason=data.validated_data.get("override_reason") or None,
                )
            except CirculationError as exc:
                if exc.code != CirculationErrorCode.ITEM_NOT_ON_LOAN:
                    raise
                raise NotFound(
                    "item_not_on_loan", "Tài liệu này không có trong danh sách đang mượn."
                ) from None
            return Response(loan_json(loan))

        return self.run(request, go)


class IsReader(BasePermission):
    """A logged-in person with a reader card."""

    def has_permission(self, request: Any, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        request.patron = patron_get_for_user(user=request.user)
        return request.patron is not None


class MyLoansView(APIView):
    permission_classes = [IsReader]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        return Response([loan_json(ln) for ln in patron_loans(patron=request.patron)])


class MyHoldsView(APIView):
    permission_classes = [IsReader]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        return Response(
            [
                {
                    "id": h.pk,
                    "title": h.record.title,
                    "pickup_library": h.library.code,
                    "status": h.status,
                    "placed_at": h.placed_at.isoformat(),
                    "expires_on": h.expires_on.isoformat() if h.expires_on else None,
                }
                for h in patron_holds(patron=request.patron)
            ]
        )


class MyFeesView(APIView):
    permission_classes = [IsReader]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        return Response(
            {
                "balance": str(patron_balance(patron=request.patron)),
                "fees": [
                    {
                        "id": f.pk,
                        "kind": f.kind,
                        "amount": str(f.amount),
                        "outstanding": str(f.outstanding),
                        "library": f.library.code,
                        "created_at": f.created_at.isoformat(),
                    }
                    for f in patron_fees(patron=request.patron)
                ],
            }
        )
