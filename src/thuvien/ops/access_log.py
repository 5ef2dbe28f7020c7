"""Gunicorn's access log without the secrets that travel in addresses.

The access log writes every request line and referrer as they came. Some carry a secret: the
Z39.50 gateway's token on its loopback SRU calls (``x-thuvien-gateway=``), the one-time link of
a password reset (``/accounts/password/reset/<uid>/<token>/``), an API token or a payment
gateway's signature in a query. Whoever reads the logs (an operator, a log shipper) must not be
able to replay them. ``thuvien serve`` passes this class as gunicorn's ``--logger-class``.
"""

from __future__ import annotations

import re
from typing import Any

from gunicorn.glogging import Logger

SECRET_PARAMS = re.compile(
    r"(?i)((?:^|[?&;])(?:x-thuvien-gateway|token|access_token|api_key|apikey|password|"
    r"secret|signature|sig|vnp_securehash)=)[^&;\s\"]*"
)
RESET_LINK = re.compile(r"(/password/reset/)(?!sent/|complete/)[^/\s?\"]+/[^/\s?\"]+/")
HIDDEN = "[redacted]"
REDACTED_ATOMS = ("r", "q", "U", "f")  # request line, query, path, referrer


def redact(text: str) -> str:
    """``text`` with the values of secret query parameters and reset links replaced."""
    text = SECRET_PARAMS.sub(lambda m: m.group(1) + HIDDEN, text)
    return RESET_LINK.sub(lambda m: m.group(1) + HIDDEN + "/", text)


class RedactingLogger(Logger):  # type: ignore[misc]
    """Gunicorn's logger, each access line redacted before it is formatted."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        for key in REDACTED_ATOMS:
            value = atoms.get(key)
            if isinstance(value, str):
                atoms[key] = redact(value)
        return atoms
