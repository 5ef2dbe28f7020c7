"""Gunicorn's access log without the secrets that travel in addresses.

The access log writes every request line and referrer as they came. Some carry a secret: the
Z39.50 gateway's token on its loopback SRU calls (``x-thuvien-gateway=``), the one-time link of
a password reset (``/accounts/password/reset/<uid>/<token>/``), an API token or a payment
gateway's signature in a query. Whoever reads the logs (an operator, a log shipper) must not be
able to replay them. ``thuvien serve`` passes this class as gunicorn's ``--logger-class``.

Nor may it keep readers' personal data (PDP Law 91/2025): names, card numbers, e-mail addresses
and telephone numbers typed into a query are replaced everywhere, and in the staff area and the
API, where librarians search for readers, so is every free-text search (``q``, ``query``). The
public catalogue's search words stay: they are what the library reads to learn what is sought.
"""

from __future__ import annotations

import re
from typing import Any

from gunicorn.glogging import Logger

SECRET_PARAMS = re.compile(
    r"(?i)((?:^|[?&;])(?:x-thuvien-gateway|token|access_token|api_key|apikey|password|"
    r"secret|signature|sig|vnp_securehash)=)[^&;\s\"]*"
)
PERSONAL_PARAMS = re.compile(
    r"(?i)((?:^|[?&;])(?:name|full_name|card|card_number|cardnumber|patron|borrower|email|"
    r"e-mail|phone|telephone|username|user|birth_date|address)=)[^&;\s\"]*"
)
STAFF_SEARCH_PARAMS = re.compile(r"(?i)((?:^|[?&;])(?:q|query|search|term)=)[^&;\s\"]*")
STAFF_PATHS = re.compile(r"(?:^|\s|//[^/\s]*)/(?:staff|api)/")
RESET_LINK = re.compile(r"(/password/reset/)(?!sent/|complete/)[^/\s?\"]+/[^/\s?\"]+/")
HIDDEN = "[redacted]"
REDACTED_ATOMS = ("r", "q", "U", "f")  # request line, query, path, referrer


def redact(text: str, *, staff_area: bool | None = None) -> str:
    """``text`` with the values of secret and personal query parameters and reset links replaced.

    ``staff_area`` says whether the request was for the staff area or the API; ``None`` decides
    from the text itself (a request line or a referrer carries its own path).
    """
    text = SECRET_PARAMS.sub(lambda m: m.group(1) + HIDDEN, text)
    text = PERSONAL_PARAMS.sub(lambda m: m.group(1) + HIDDEN, text)
    if staff_area or (staff_area is None and STAFF_PATHS.search(text)):
        text = STAFF_SEARCH_PARAMS.sub(lambda m: m.group(1) + HIDDEN, text)
    return RESET_LINK.sub(lambda m: m.group(1) + HIDDEN + "/", text)


class RedactingLogger(Logger):  # type: ignore[misc]
    """Gunicorn's logger, each access line redacted before it is formatted."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        path = str(environ.get("PATH_INFO", "")) if isinstance(environ, dict) else ""
        staff_area = path.startswith(("/staff/", "/api/"))
        for key in REDACTED_ATOMS:
            value = atoms.get(key)
            if isinstance(value, str):
                # the referrer names its own page; the other atoms are this request's
                atoms[key] = redact(value, staff_area=None if key == "f" else staff_area)
        return atoms
