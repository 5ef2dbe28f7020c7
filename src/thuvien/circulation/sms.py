"""SMS gateways behind one small interface; no real provider is wired in.

``THUVIEN_SMS_BACKEND`` (a Django setting or environment variable) names the class:
- ``thuvien.circulation.sms.FileSmsGateway`` (default): appends one line per message to
  ``<data dir>/sms/outbox.log`` for development;
- ``thuvien.circulation.sms.HttpSmsGateway``: POSTs JSON ``{"to", "text", "sender"}`` to
  ``THUVIEN_SMS_HTTP_URL`` with ``Authorization: Bearer THUVIEN_SMS_HTTP_TOKEN``; a provider
  whose API differs gets a subclass overriding ``payload``.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


class SmsError(Exception):
    """The gateway did not accept the message."""


def _conf(name: str, default: str = "") -> str:
    return str(getattr(settings, name, None) or os.environ.get(name, default))


class SmsGateway:
    def send(self, *, to: str, text: str) -> str:
        """Send one message; return the provider's id. Raise ``SmsError`` on failure."""
        raise NotImplementedError


class FileSmsGateway(SmsGateway):
    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path or Path(settings.DATA_DIR) / "sms" / "outbox.log")

    def send(self, *, to: str, text: str) -> str:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(
            {"at": timezone.now().isoformat(), "to": to, "text": text}, ensure_ascii=False
        )
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
        return "file"


class HttpSmsGateway(SmsGateway):
    def __init__(
        self, url: str | None = None, token: str | None = None, sender: str | None = None
    ) -> None:
        self.url = url or _conf("THUVIEN_SMS_HTTP_URL")
        self.token = token if token is not None else _conf("THUVIEN_SMS_HTTP_TOKEN")
        self.sender = sender or _conf("THUVIEN_SMS_SENDER", "THUVIEN")
        self.timeout = float(_conf("THUVIEN_SMS_HTTP_TIMEOUT", "10"))
        if not self.url:
            raise SmsError("THUVIEN_SMS_HTTP_URL is not set")

    def payload(self, *, to: str, text: str) -> dict[str, Any]:
        return {"to": to, "text": text, "sender": self.sender}

    def send(self, *, to: str, text: str) -> str:
        body = json.dumps(self.payload(to=to, text=text)).encode("utf-8")
        request = urllib.request.Request(  # noqa: S310 - the URL is the operator's setting
            self.url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                raw = response.read().decode("utf-8", "replace")
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise SmsError(f"gateway error: {type(exc).__name__}") from None
        try:
            return str(json.loads(raw).get("id", ""))
        except (ValueError, AttributeError):
            return ""


def sms_gateway() -> SmsGateway:
    path = _conf("THUVIEN_SMS_BACKEND", "thuvien.circulation.sms.FileSmsGateway")
    return import_string(path)()
