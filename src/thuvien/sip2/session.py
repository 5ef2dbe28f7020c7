"""One kiosk connection: login state, encoding, the last answer, and the dispatch of messages.

Whatever a message contains, ``Session.handle`` answers with bytes: a proper response, a
negative response of the right type when the message is readable but wrong or refused, or
``96`` (request SC resend) when it cannot be read. An unexpected error is logged (without
personal data) and answered negatively; it never ends the connection.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation

from . import protocol
from .protocol import ChecksumError, Message, ProtocolError

logger = logging.getLogger("thuvien.sip2")

# SIP2 language codes (fixed field "language") that ask for English; the rest get Vietnamese.
ENGLISH_CODES = frozenset({"001", "024"})


@dataclass
class Reply:
    """A response before serialisation: command, fixed fields in order, (id, value) pairs."""

    command: str
    fixed: list[str]
    fields: list[tuple[str, Any]] = field(default_factory=list)


@dataclass
class Session:
    peer: str = ""
    user: Any = None
    library: Any = None
    location_code: str = ""
    encoding: str = "utf-8"
    patron_card: str = ""
    last_reply: bytes | None = None

    @property
    def logged_in(self) -> bool:
        return self.user is not None and self.library is not None

    def handle(self, raw: bytes) -> bytes:
        """Answer one raw message (with or without its CR)."""
        try:
            message = protocol.parse(raw, encoding=self.encoding)
        except ChecksumError:
            logger.info("sip2: bad checksum from %s, asking for a resend", self.peer)
            return protocol.serialize("96", [], [], error_detection=True)
        except ProtocolError as exc:
            logger.info("sip2: unreadable message from %s: %s", self.peer, exc.reason)
            if exc.command is None:
                return protocol.serialize("96", [], [])
            if exc.command == "97":  # a resend request with unreadable bytes after it
                return self.last_reply or protocol.serialize("96", [], [])
            partial = Message(command=exc.command)
            return self._send(self._refuse(partial, _unreadable_text()), partial)
        if message.command == "97":
            return self.last_reply or protocol.serialize(
                "96", [], [], error_detection=message.error_detection
            )
        return self._send(self._answer(message), message)

    def _send(self, reply: Reply, message: Message) -> bytes:
        data = protocol.serialize(
            reply.command,
            reply.fixed,
            reply.fields,
            sequence=message.sequence,
            error_detection=message.error_detection,
            encoding=self.encoding,
        )
        self.last_reply = data
        return data

    def _language(self, message: Message) -> str:
        code = message.fixed.get("language", "")
        if code in ENGLISH_CODES:
            return "en"
        return "vi"

    def _answer(self, message: Message) -> Reply:
        from . import handlers

        with translation.override(self._language(message)):
            try:
                return handlers.dispatch(self, message)
            except Exception:
                logger.exception("sip2: error answering command %s", message.command)
                return self._refuse(message, _failure_text())

    def _refuse(self, message: Message, text: str) -> Reply:
        from . import handlers

        with translation.override(self._language(message)):
            return handlers.refusal(self, message, text)

    def close(self) -> None:
        self.user = None
        self.library = None


def _unreadable_text() -> str:
    from django.utils.translation import gettext

    return gettext("Không đọc được yêu cầu. Vui lòng thử lại.")


def _failure_text() -> str:
    from django.utils.translation import gettext

    return gettext("Hệ thống đang gặp sự cố. Vui lòng liên hệ thủ thư.")
