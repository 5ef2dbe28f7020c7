"""DRF throttles that know the client as core.ratelimit does.

DRF's own ``get_ident`` takes the whole ``X-Forwarded-For`` header when ``NUM_PROXIES`` is unset,
so a client escaped every anonymous limit by sending a new made-up header each time. Here the
address is the one the trusted proxy appended (``THUVIEN_FORWARDED_ALLOW_IPS``), else the peer.
"""

from __future__ import annotations

from typing import Any

from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle

from thuvien.core.ratelimit import client_address, counter_lock


class _ClientIdent:
    def get_ident(self, request: Any) -> str:
        return client_address(request) or "unknown"

    def allow_request(self, request: Any, view: Any) -> bool:
        # DRF reads the client's history, then writes it back: clients arriving at the same
        # instant overwrote each other's (200 parallel requests, 136 answered of 120/min).
        with counter_lock(f"drf-throttle:{self.get_ident(request)}"):
            return super().allow_request(request, view)  # type: ignore[misc]


class ClientAnonRateThrottle(_ClientIdent, AnonRateThrottle):
    pass


class ClientUserRateThrottle(_ClientIdent, UserRateThrottle):
    pass


class ClientScopedRateThrottle(_ClientIdent, ScopedRateThrottle):
    pass
