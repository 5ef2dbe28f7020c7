"""The seam between our orders and an online payment gateway.

A gateway turns an order into the URL of its hosted payment page, turns what it sends back (the
browser's return and its server-to-server notice, IPN) into a ``GatewayResult`` after checking
its signature, and asks the gateway about one order (VNPay's ``querydr``), giving a
``QueryAnswer``: paid, failed, still pending, or not known to it. One gateway ships: VNPay's
protocol (``vnpay.VnpayGateway``), pointed by default at the sandbox under /sandbox/vnpay/ that
behaves like VNPay's own test site.
Another (MoMo, a bank's) is one more class registered in ``GATEWAYS``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Protocol

from django.conf import settings

if TYPE_CHECKING:
    from .models import Order


@dataclass(frozen=True)
class GatewayResult:
    """A signed answer of the gateway about one transaction."""

    txn_ref: str
    amount: int  # whole đồng
    success: bool
    cancelled: bool
    response_code: str
    transaction_no: str
    bank_code: str


class QueryState(Enum):
    PAID = "paid"
    FAILED = "failed"
    PENDING = "pending"  # the gateway has the transaction and has not finished it
    NOT_FOUND = "not_found"  # the reader never reached the gateway's page with this order


@dataclass(frozen=True)
class QueryAnswer:
    """The gateway's signed answer to "what became of this order?"; ``result`` is set when
    the state is PAID or FAILED, in the same form as a return or an IPN."""

    state: QueryState
    result: GatewayResult | None = None


class Gateway(Protocol):
    code: str

    def checkout_url(self, *, order: Order, return_url: str, ip: str, locale: str) -> str:
        """Where the reader's browser goes to pay ``order``."""
        ...

    def result_from(self, params: Mapping[str, str]) -> GatewayResult:
        """The result in ``params``; raises ``PaymentsError(SIGNATURE_INVALID)`` when the
        signature does not match."""
        ...

    def query(self, *, order: Order) -> QueryAnswer:
        """Ask the gateway, server to server, what became of ``order``; raises
        ``PaymentsError(GATEWAY_UNAVAILABLE)`` when it gives no trustworthy answer (no answer,
        an error, a bad signature)."""
        ...


def gateway_get(code: str | None = None) -> Gateway:
    from .vnpay import VnpayGateway

    name = code or settings.PAYMENTS_GATEWAY
    if name == VnpayGateway.code:
        return VnpayGateway.from_settings()
    raise ValueError(f"unknown payment gateway: {name!r}")
