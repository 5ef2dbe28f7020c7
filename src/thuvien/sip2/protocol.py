"""The SIP2 wire format (3M Standard Interchange Protocol 2.00): parsing and serialising.

A message is a two-digit command identifier, then fixed-length fields in the order the spec
gives, then variable-length fields each introduced by a two-letter identifier and ended by
``|``, and a carriage return. With *error detection* on, the sender appends ``AY`` and one
sequence digit, then ``AZ`` and four hex digits: the two's complement of the low 16 bits of the
sum of every byte from the first one up to and including ``AZ``. The ACS answers with the same
sequence number; a message whose checksum does not add up is answered by ``96`` (request SC
resend) and the SC asks for the last answer again with ``97``.

This module knows nothing of Django or of circulation: it turns bytes into a ``Message`` and
back, so that it can be tested on its own and reused by a client.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

FIELD_DELIMITER = "|"
TERMINATOR = b"\r"
MAX_FIELD_BYTES = 255

# Fixed-length fields of the REQUESTS the ACS receives: command -> ((name, width), ...).
REQUEST_FIXED: dict[str, tuple[tuple[str, int], ...]] = {
    "93": (("uid_algorithm", 1), ("pwd_algorithm", 1)),
    "99": (("status_code", 1), ("max_print_width", 3), ("protocol_version", 4)),
    "97": (),
    "23": (("language", 3), ("transaction_date", 18)),
    "63": (("language", 3), ("transaction_date", 18), ("summary", 10)),
    "17": (("transaction_date", 18),),
    "11": (
        ("sc_renewal_policy", 1),
        ("no_block", 1),
        ("transaction_date", 18),
        ("nb_due_date", 18),
    ),
    "09": (("no_block", 1), ("transaction_date", 18), ("return_date", 18)),
    "29": (
        ("third_party_allowed", 1),
        ("no_block", 1),
        ("transaction_date", 18),
        ("nb_due_date", 18),
    ),
    "37": (
        ("transaction_date", 18),
        ("fee_type", 2),
        ("payment_type", 2),
        ("currency_type", 3),
    ),
    "35": (("transaction_date", 18),),
    # Known but not offered (BX says "N"); they get a well-formed refusal.
    "01": (("card_retained", 1), ("transaction_date", 18)),
    "15": (("hold_mode", 1), ("transaction_date", 18)),
    "19": (("transaction_date", 18),),
    "25": (("transaction_date", 18),),
    "65": (("transaction_date", 18),),
}

_CHECKSUM_TRAILER = re.compile(rb"AZ([0-9A-Fa-f]{4})$")
_SEQUENCE_TRAILER = re.compile(rb"AY([0-9])$")


class ProtocolError(Exception):
    """A message that cannot be read. ``command`` is set when the identifier was readable."""

    def __init__(self, reason: str, *, command: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.command = command


class ChecksumError(ProtocolError):
    """The AZ checksum does not add up: the ACS answers 96 (request SC resend)."""


@dataclass
class Message:
    """One parsed request: the command, its fixed fields by name, its variable fields by id."""

    command: str
    fixed: dict[str, str] = field(default_factory=dict)
    fields: dict[str, list[str]] = field(default_factory=dict)
    sequence: str | None = None
    error_detection: bool = False

    def get(self, field_id: str, default: str = "") -> str:
        """The first value of a variable field (``AA``, ``AB``...), or ``default``."""
        values = self.fields.get(field_id)
        return values[0] if values else default

    def has(self, field_id: str) -> bool:
        return field_id in self.fields


def checksum(data: bytes) -> str:
    """Four upper-case hex digits: -(sum of the bytes) mod 2**16, as the spec defines."""
    return f"{(-sum(data)) & 0xFFFF:04X}"


def _checksum_ok(prefix: bytes, digits: bytes, encoding: str) -> bool:
    """Accept a checksum summed over the bytes (the spec) or over decoded characters.

    The spec sums the characters of a single-byte encoding; with UTF-8 some clients sum the
    bytes on the wire and others the Unicode code points. Both are honest attempts and both
    still detect a damaged transmission, so the ACS accepts either.
    """
    value = int(digits, 16)
    if (sum(prefix) + value) & 0xFFFF == 0:
        return True
    try:
        text = prefix.decode(encoding)
    except UnicodeDecodeError:
        return False
    return (sum(ord(c) for c in text) + value) & 0xFFFF == 0


def parse(raw: bytes, *, encoding: str = "utf-8") -> Message:
    """Parse one message (with or without its terminating CR).

    Raises ``ChecksumError`` when error detection fails and ``ProtocolError`` for anything else
    that cannot be read (unknown command, truncated fixed part, undecodable text).
    """
    body = raw.strip(b"\r\n\x00")
    if len(body) < 2:
        raise ProtocolError("message too short")
    try:
        command = body[:2].decode("ascii")
    except UnicodeDecodeError:
        raise ProtocolError("command identifier is not ASCII") from None
    known = command in REQUEST_FIXED
    sequence: str | None = None
    error_detection = False
    trailer = _CHECKSUM_TRAILER.search(body)
    if trailer is not None:
        error_detection = True
        if not _checksum_ok(body[: trailer.start() + 2], trailer.group(1), encoding):
            raise ChecksumError("checksum mismatch", command=command if known else None)
        body = body[: trailer.start()]
    # AY may also come alone (sequence numbers without checksums); it is echoed the same way.
    seq = _SEQUENCE_TRAILER.search(body)
    fixed_end = 2 + sum(w for _, w in REQUEST_FIXED.get(command, ()))
    if seq is not None and (
        error_detection or body[: seq.start()].endswith(b"|") or seq.start() == fixed_end
    ):
        sequence = seq.group(1).decode("ascii")
        body = body[: seq.start()]
    if not known:
        raise ProtocolError("unknown command", command=None)
    try:
        text = body[2:].decode(encoding)
    except UnicodeDecodeError:
        raise ProtocolError("text is not in the account's encoding", command=command) from None
    message = Message(command=command, sequence=sequence, error_detection=error_detection)
    pos = 0
    for name, width in REQUEST_FIXED[command]:
        value = text[pos : pos + width]
        if len(value) != width:
            raise ProtocolError(f"fixed field {name} truncated", command=command)
        message.fixed[name] = value
        pos += width
    rest = text[pos:]
    for piece in rest.split(FIELD_DELIMITER):
        if not piece:
            continue
        if len(piece) < 2:
            raise ProtocolError("truncated field identifier", command=command)
        message.fields.setdefault(piece[:2], []).append(piece[2:])
    return message


def _to_ascii(text: str) -> str:
    """Vietnamese without marks (đ -> d) for kiosks that cannot show UTF-8."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def encode_text(value: str, encoding: str) -> bytes:
    """Encode a field value; characters the encoding lacks lose their marks, then become '?'."""
    value = unicodedata.normalize("NFC", value)
    try:
        return value.encode(encoding)
    except UnicodeEncodeError:
        return _to_ascii(value).encode(encoding, errors="replace")


def _clean_value(value: object) -> str:
    text = "" if value is None else str(value)
    return text.replace(FIELD_DELIMITER, "/").replace("\r", " ").replace("\n", " ")


def _limit(data: bytes, encoding: str) -> bytes:
    """Cut a value to 255 bytes without splitting a multi-byte character."""
    if len(data) <= MAX_FIELD_BYTES:
        return data
    return data[:MAX_FIELD_BYTES].decode(encoding, errors="ignore").encode(encoding)


def serialize(
    command: str,
    fixed: list[str],
    fields: list[tuple[str, object]],
    *,
    sequence: str | None = None,
    error_detection: bool = False,
    encoding: str = "utf-8",
) -> bytes:
    """Build one response. ``fields`` are (id, value) pairs; a value of None is left out.

    The message ends ``AY<sequence>`` when the request carried one (never for 96) and
    ``AZ<checksum>`` with ``error_detection``, mirroring the request.
    """
    out = bytearray(command.encode("ascii"))
    for value in fixed:
        out += value.encode("ascii")
    for field_id, value in fields:
        if value is None:
            continue
        out += field_id.encode("ascii")
        out += _limit(encode_text(_clean_value(value), encoding), encoding)
        out += FIELD_DELIMITER.encode("ascii")
    if sequence is not None and command != "96":
        out += b"AY" + sequence.encode("ascii")
    if error_detection:
        out += b"AZ"
        out += checksum(bytes(out)).encode("ascii")
    return bytes(out) + TERMINATOR


def sip_datetime(moment: datetime | date | None) -> str:
    """``YYYYMMDDZZZZHHMMSS``, local time with four blanks for the zone, as the spec prefers."""
    if moment is None:
        return " " * 18
    if isinstance(moment, datetime):
        if moment.tzinfo is not None:
            from django.utils import timezone

            moment = timezone.localtime(moment)
        return moment.strftime("%Y%m%d    %H%M%S")
    return moment.strftime("%Y%m%d") + "    235959"


def flag(value: bool) -> str:
    """A ``Y``/``N`` fixed field."""
    return "Y" if value else "N"


def ok_digit(value: bool) -> str:
    """A ``1``/``0`` fixed field (the ``ok`` of login, checkout, checkin, renew)."""
    return "1" if value else "0"


def count4(value: int) -> str:
    """A four-digit count; the spec has no room for more than 9999."""
    return f"{max(0, min(int(value), 9999)):04d}"
