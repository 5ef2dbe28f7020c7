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
# What gunicorn's one-letter atoms read of the WSGI environment (``Logger.atoms``, ``_get_user``)
LETTER_ENVIRON = ("REMOTE_ADDR", "HTTP_AUTHORIZATION", "REQUEST_METHOD", "RAW_URI",
                  "SERVER_PROTOCOL", "PATH_INFO", "QUERY_STRING", "HTTP_REFERER",
                  "HTTP_USER_AGENT")  # fmt: skip


class _StatusOnly:
    """A response as the one-letter atoms read it: its status and bytes sent, no headers."""

    __slots__ = ("headers", "sent", "status")

    def __init__(self, resp: Any) -> None:
        self.status = resp.status
        self.sent = getattr(resp, "sent", None)
        self.headers = ()


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
        if isinstance(environ, dict) and "%({" not in self.cfg.access_log_format:
            # Only one-letter atoms in the format (the default's): gunicorn's own atoms, built
            # without an atom for every header and environment variable that the line never
            # shows (each then copied and escaped by SafeAtoms: ~70 of them a request).
            letters = {k: environ[k] for k in LETTER_ENVIRON if k in environ}
            atoms: dict[str, Any] = super().atoms(_StatusOnly(resp), (), letters, request_time)
        else:
            atoms = super().atoms(resp, req, environ, request_time)
        path = str(environ.get("PATH_INFO", "")) if isinstance(environ, dict) else ""
        staff_area = path.startswith(("/staff/", "/api/"))
        for key in REDACTED_ATOMS:
            value = atoms.get(key)
            if isinstance(value, str):
                # the referrer names its own page; the other atoms are this request's
                atoms[key] = redact(value, staff_area=None if key == "f" else staff_area)
        return atoms
