"""Checks of the values a cataloguer keys, field by field, before a record is stored.

``check_fields`` looks at the values a write brings in (on an update, only values the stored
record did not already have, so an old imported record is never blocked by what nobody
touched) and returns each problem with its tag, subfield, a Vietnamese message and a level:

- ``error``: refused. A year without a year in it ("năm hai nghìn"), an ISBN of the wrong shape
  (five digits, letters), a language code not on the MARC list (``xxxxx``), a DDC number that is
  not one (``abc``).
  An 856 $u whose scheme a browser would run or open as a document rather than a page
  (``javascript:``, ``data:``, ``vbscript:``...): only http, https, ftp and mailto are links.
- ``warning``: kept only once the cataloguer confirms. An ISBN of the right shape whose check
  digit is wrong: books are printed with such numbers; MARC keeps a cancelled or invalid ISBN in
  020 $z, where ``move_invalid_isbns`` puts it on confirmation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from thuvien.core.safeurl import url_is_safe

from .isbn import isbn13_check_digit
from .languages import is_marc_language
from .mij import MarcDict

_QUALIFIER = re.compile(r"\s*[(:;].*$")
_ISBN_SHAPE = re.compile(r"^(?:\d{9}[\dX]|97[89]\d{10})$")
_YEAR = re.compile(r"(?<!\d)(1[0-9]{3}|20[0-9]{2}|2100)(?!\d)|(?<!\d)1?[0-9]{2,3}-(?!\d)")
_NO_DATE = {"s.a.", "k.n.", "n.d.", "s.d.", "không rõ năm", "date of publication not identified"}
_DDC = re.compile(r"^\d{3}(?:\.\d+)?$")
_LANG_SUBFIELDS = "abdefghjkmn"


@dataclass(frozen=True)
class FieldProblem:
    tag: str
    code: str  # subfield code ("" for a control field position)
    value: str
    message: str
    level: str = "error"  # "error" refuses the record, "warning" asks for a confirmation
    kind: str = ""  # stable code: isbn_shape, isbn_check, year, language, ddc, url


def isbn_status(value: str) -> tuple[str, str]:
    """("ok" | "check" | "shape", the digits) of the ISBN keyed in ``value``.

    "check": ten or thirteen digits of the right shape whose check digit is wrong.
    A qualifier after the number ("(bìa mềm)", ": 50000đ") is allowed, as in 020 $a/$q.
    """
    raw = _QUALIFIER.sub("", value).replace("-", "").replace(" ", "").upper()
    if not _ISBN_SHAPE.match(raw):
        return "shape", raw
    if len(raw) == 13:
        return ("ok" if isbn13_check_digit(raw[:12]) == raw[12] else "check"), raw
    total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(raw))
    return ("ok" if total % 11 == 0 else "check"), raw


def _isbn_check_message(value: str) -> str:
    return gettext(
        "ISBN “%(v)s” sai chữ số kiểm tra. Nếu sách in đúng số này, hãy đánh dấu “Vẫn lưu”: "
        "số sẽ được ghi vào 020 $z (ISBN không hợp lệ) để vẫn tra được."
    ) % {"v": value}


_INNER_SPACE = re.compile(r"\s")


def _year_ok(text: str) -> bool:
    text = text.strip()
    if not text:
        return True
    if _YEAR.search(text):
        return True
    return text.strip("[]()., ").lower() in _NO_DATE


def _ddc_ok(text: str) -> bool:
    # the segmentation marks of DDC ("959.704/3", "895.922'34") are part of a valid number
    return bool(_DDC.match(text.strip().rstrip(".").replace("/", "").replace("'", "")))


def _values(marc: MarcDict) -> Iterator[tuple[str, str, str]]:
    """(tag, code, value) of every subfield, and (tag, "", value) of control fields."""
    for field in marc.get("fields", ()):
        for tag, value in field.items():
            if isinstance(value, str):
                yield tag, "", value
                continue
            for sub in value.get("subfields", ()):
                for code, text in sub.items():
                    yield tag, code, str(text)


def check_fields(marc: MarcDict, *, before: MarcDict | None = None) -> list[FieldProblem]:
    """Problems of the values ``marc`` brings in (those ``before`` did not have)."""
    old = set(_values(before)) if before else set()
    problems: list[FieldProblem] = []
    for tag, code, value in _values(marc):
        if (tag, code, value) in old:
            continue
        text = value.strip()
        if tag == "020" and code == "a" and text:
            status, _digits = isbn_status(text)
            if status == "shape":
                problems.append(FieldProblem(tag, code, value, gettext(
                    "ISBN “%(v)s” không đúng dạng: ISBN có 10 chữ số (chữ số cuối có thể là X) "
                    "hoặc 13 chữ số bắt đầu bằng 978 hoặc 979."
                ) % {"v": value}, "error", "isbn_shape"))  # fmt: skip
            elif status == "check":
                problems.append(
                    FieldProblem(tag, code, value, _isbn_check_message(value), "warning",
                                 "isbn_check")  # fmt: skip
                )
        elif tag in ("260", "264") and code == "c" and not _year_ok(text):
            problems.append(FieldProblem(tag, code, value, gettext(
                "Năm xuất bản “%(v)s” không có năm bằng chữ số. Hãy ghi như 2020, c2020, [2020?] "
                "hoặc [197-?]; không rõ năm thì ghi [K.n.]."
            ) % {"v": text.rstrip(" .,;:")}, "error", "year"))  # fmt: skip
        elif tag == "041" and code in _LANG_SUBFIELDS and text:
            if not is_marc_language(text):
                problems.append(FieldProblem(tag, code, value, gettext(
                    "Mã ngôn ngữ “%(v)s” không có trong danh mục mã ngôn ngữ MARC (ISO 639-2/B, "
                    "3 chữ cái thường): ví dụ vie (tiếng Việt), eng (tiếng Anh), fre (tiếng Pháp)."
                ) % {"v": value}, "error", "language"))  # fmt: skip
        elif tag == "008" and len(value) >= 38:
            lang = value[35:38]
            if lang.strip(" |") and not is_marc_language(lang) and (
                not before or _f008_lang(before) != lang
            ):
                problems.append(FieldProblem(tag, "", lang, gettext(
                    "Trường 008 vị trí 35-37: mã ngôn ngữ “%(v)s” không có trong danh mục mã ngôn "
                    "ngữ MARC."
                ) % {"v": lang}, "error", "language"))  # fmt: skip
        elif tag == "082" and code == "a" and text and not _ddc_ok(text):
            problems.append(FieldProblem(tag, code, value, gettext(
                "Chỉ số DDC “%(v)s” không đúng dạng: ba chữ số, có thể thêm dấu chấm và các chữ "
                "số sau đó (ví dụ 895.9223 hoặc 959.704)."
            ) % {"v": value}, "error", "ddc"))  # fmt: skip
        elif tag == "856" and code == "u" and text and not url_is_safe(text):
            problems.append(FieldProblem(tag, code, value, gettext(
                "Địa chỉ điện tử “%(v)s” không được nhận: chỉ địa chỉ bắt đầu bằng http://, "
                "https://, ftp:// hoặc mailto: mới thành đường liên kết."
            ) % {"v": text[:100]}, "error", "url"))  # fmt: skip
        elif tag == "856" and code == "u" and _INNER_SPACE.search(text.strip()):
            # A URL holds no space (RFC 3986): a browser cuts or re-encodes it, so the link
            # leads elsewhere than the cataloguer meant; a pasted sentence is the usual cause.
            problems.append(FieldProblem(tag, code, value, gettext(
                "Địa chỉ điện tử “%(v)s” có khoảng trắng, nên không phải một địa chỉ hợp lệ: "
                "hãy viết %%20 thay cho khoảng trắng trong địa chỉ, hoặc đưa phần chữ sang "
                "trường con khác (ví dụ 856 $z). Nếu đúng là như vậy, đánh dấu “Vẫn lưu”."
            ) % {"v": text[:100]}, "warning", "url_space"))  # fmt: skip
    return problems


def _f008_lang(marc: MarcDict) -> str:
    for _tag, _code, value in _values(marc):
        if _tag == "008" and len(value) >= 38:
            return value[35:38]
    return ""


def move_invalid_isbns(marc: MarcDict, values: set[str]) -> None:
    """Put each 020 $a whose value is in ``values`` (confirmed wrong check digits) into $z, in
    place, keeping its position and the field's other subfields."""
    for field in marc.get("fields", ()):
        value: Any = field.get("020")
        if not isinstance(value, dict):
            continue
        value["subfields"] = [
            {"z": text} if code == "a" and text in values else {code: text}
            for sub in value.get("subfields", ())
            for code, text in sub.items()
        ]
