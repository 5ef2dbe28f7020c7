"""ISBN and ISSN normalisation.

Records keep ISBN-13 forms only, so an ISBN-10 on input matches the ISBN-13 of the same book
(978 + the first nine digits + a new check digit). A string that is not a valid ISBN is kept
out of the identifiers rather than guessed at.
"""

from __future__ import annotations

import re

_ISBN_CHARS = re.compile(r"[0-9Xx][0-9Xx\- ]{8,20}")


def _isbn10_check(digits9: str) -> str:
    total = sum((10 - i) * int(d) for i, d in enumerate(digits9))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def _isbn13_check(digits12: str) -> str:
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits12))
    return str((10 - total % 10) % 10)


def isbn13_check_digit(digits12: str) -> str:
    """The check digit of an ISBN-13 (or EAN-13) whose first twelve digits are given."""
    return _isbn13_check(digits12)


def normalize_isbn(value: str | None) -> str | None:
    """The ISBN-13 (digits only) of ``value``, or None when it holds no valid ISBN.

    Accepts the usual noise of 020 $a: hyphens, spaces, a qualifier after the number
    ("9786041234567 (bìa mềm)"), a lower-case x.
    """
    if not value:
        return None
    match = _ISBN_CHARS.search(value)
    if not match:
        return None
    raw = match.group(0).replace("-", "").replace(" ", "").upper()
    if len(raw) >= 13 and raw[:13].isdigit():
        raw = raw[:13]
        if raw[:3] in ("978", "979") and _isbn13_check(raw[:12]) == raw[12]:
            return raw
        return None
    if len(raw) >= 10:
        raw = raw[:10]
        if raw[:9].isdigit() and _isbn10_check(raw[:9]) == raw[9]:
            body = "978" + raw[:9]
            return body + _isbn13_check(body)
    return None


def isbn13_to_10(isbn13: str) -> str | None:
    """The ISBN-10 form of a 978 ISBN-13 (979 numbers have none)."""
    if len(isbn13) != 13 or not isbn13.startswith("978"):
        return None
    body = isbn13[3:12]
    return body + _isbn10_check(body)


def normalize_issn(value: str | None) -> str | None:
    """``NNNN-NNNC`` for a valid ISSN in ``value``, or None."""
    if not value:
        return None
    raw = re.sub(r"[^0-9Xx]", "", value.split("(")[0])[:8].upper()
    if len(raw) != 8 or not raw[:7].isdigit():
        return None
    total = sum((8 - i) * int(d) for i, d in enumerate(raw[:7]))
    check = (11 - total % 11) % 11
    if ("X" if check == 10 else str(check)) != raw[7]:
        return None
    return f"{raw[:4]}-{raw[4:]}"
