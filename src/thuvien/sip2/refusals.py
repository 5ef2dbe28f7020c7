"""Negative answers of the right type for every request, and the small field helpers.

A refused or unreadable request still gets the response its command calls for (ok flag 0 or
N, the reason in plain words in AF), so that a kiosk never waits for an answer that will not
come. ``refusal`` picks the builder by command.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from . import circ
from .protocol import Message, count4, sip_datetime
from .session import Reply, Session

CURRENCY = "VND"


def invalid_patron_24(session: Session, message: Message, text: str | None = None) -> Reply:
    return Reply(
        "24",
        ["Y" * 4 + " " * 10, "000", now()],
        [
            ("AO", ao(session, message)),
            ("AA", message.get("AA")),
            ("AE", ""),
            ("BL", "N"),
            ("AF", text or _("Không tìm thấy bạn đọc.")),
        ],
    )


def refusal_64(session: Session, message: Message, text: str) -> Reply:
    return Reply(
        "64",
        ["Y" * 4 + " " * 10, "000", now(), *[count4(0)] * 6],
        [
            ("AO", ao(session, message)),
            ("AA", message.get("AA")),
            ("AE", ""),
            ("BL", "N"),
            ("AF", text),
        ],
    )


def refusal_18(session: Session, message: Message, text: str) -> Reply:
    return Reply(
        "18",
        ["01", "00", "01", now()],
        [("AB", message.get("AB")), ("AJ", ""), ("AF", text)],
    )


def refusal_12(session: Session, message: Message, text: str, *, title: str = "") -> Reply:
    return Reply(
        "12",
        ["0", "N", "U", "N", now()],
        [
            ("AO", ao(session, message)),
            ("AA", message.get("AA")),
            ("AB", message.get("AB")),
            ("AJ", title),
            ("AH", ""),
            ("AF", text),
        ],
    )


def refusal_10(session: Session, message: Message, text: str, *, item: Any = None) -> Reply:
    return Reply(
        "10",
        ["0", "N", "U", "Y" if item is not None else "N", now()],
        [
            ("AO", ao(session, message)),
            ("AB", message.get("AB")),
            ("AQ", circ.owner_code(item) if item is not None else ""),
            ("AJ", circ.title_of(item) if item is not None else None),
            ("AF", text),
        ],
    )


def refusal_30(session: Session, message: Message, text: str, *, title: str = "") -> Reply:
    return Reply(
        "30",
        ["0", "N", "U", "N", now()],
        [
            ("AO", ao(session, message)),
            ("AA", message.get("AA")),
            ("AB", message.get("AB")),
            ("AJ", title),
            ("AH", ""),
            ("AF", text),
        ],
    )


def refusal_38(session: Session, message: Message, text: str) -> Reply:
    return Reply(
        "38",
        ["N", now()],
        [
            ("AO", ao(session, message)),
            ("AA", message.get("AA")),
            ("BK", message.get("BK") or None),
            ("AF", text),
        ],
    )


def refusal(session: Session, message: Message, text: str) -> Reply:
    """A well-formed negative answer of the right type for any request we know."""
    command = message.command
    if command == "93":
        return Reply("94", ["0"])
    if command == "99":
        from .handlers import sc_status

        return sc_status(session, message)
    if command in ("23", "01", "25"):
        reply = invalid_patron_24(session, message, text)
        if command == "25":
            reply.command = "26"
            reply.fields = [f for f in reply.fields if f[0] in ("AO", "AA", "AE", "BL", "AF")]
        return reply
    simple: dict[str, Callable[[], Reply]] = {
        "63": lambda: refusal_64(session, message, text),
        "17": lambda: refusal_18(session, message, text),
        "11": lambda: refusal_12(session, message, text),
        "09": lambda: refusal_10(session, message, text),
        "29": lambda: refusal_30(session, message, text),
        "37": lambda: refusal_38(session, message, text),
        "35": lambda: Reply(
            "36", ["N", now()], [("AO", ao(session, message)), ("AA", message.get("AA"))]
        ),
        "15": lambda: Reply(
            "16",
            ["0", "N", now()],
            [("AO", ao(session, message)), ("AA", message.get("AA")), ("AF", text)],
        ),
        "19": lambda: Reply("20", ["0", now()], [("AB", message.get("AB")), ("AF", text)]),
        "65": lambda: Reply(
            "66", ["0", "0000", "0000", now()], [("AO", ao(session, message)), ("AF", text)]
        ),
    }
    answer = simple.get(command)
    # A command with no negative form of its own (97 reaches here only by mistake): "resend".
    return answer() if answer is not None else Reply("96", [])


def money(amount: Decimal | int) -> str:
    return f"{Decimal(amount):.0f}"


def now() -> str:
    return sip_datetime(timezone.now())


def ao(session: Session, message: Message) -> str:
    return session.library.code if session.library is not None else message.get("AO")
