"""Structural checks and NFC normalisation of a MARC-in-JSON dict before it is stored.

This is the minimum every write needs (a leader, well-formed tags, indicators and subfield codes,
a title). Cataloguing rules beyond structure live in ``catalog/marc/validation.py`` (the editor's
checks), which the UI runs before calling the services.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pymarc
from django.utils.translation import gettext

from thuvien.core.text import strip_invisible
from thuvien.core.xmltext import has_controls, strip_controls

from ..errors import CatalogError, CatalogErrorCode
from .mij import MarcDict, from_pymarc

DEFAULT_LEADER = "00000nam a2200000 i 4500"


def _nfc(text: Any) -> str:
    """NFC text without the invisible characters a person cannot see
    (``core.text.strip_invisible``: they split words for search and can disguise a value)."""
    text = "" if text is None else str(text)
    if text.isascii():
        return text
    return strip_invisible(unicodedata.normalize("NFC", text))


def _clean(text: Any, tag: str, removed: list[str] | None) -> str:
    """NFC text without the control characters XML 1.0 forbids (``tag`` noted in ``removed``)."""
    text = _nfc(text)
    if has_controls(text):
        text = strip_controls(text)
        if removed is not None and tag not in removed:
            removed.append(tag)
    return text


def marc_strip_controls(marc: MarcDict) -> list[str]:
    """Drop, in place, every control character XML 1.0 forbids (an ESC of an unconverted
    MARC-8 escape, a NUL) from ``marc``'s leader, indicators, codes and texts; returns the tags
    that held one ("LDR" for the leader), for the import report."""
    removed: list[str] = []
    leader = marc.get("leader")
    if isinstance(leader, str) and has_controls(leader):
        marc["leader"] = (strip_controls(leader) + " " * 24)[:24]
        removed.append("LDR")
    for field in marc.get("fields", ()):
        for tag, value in field.items():
            if isinstance(value, str):
                if has_controls(value):
                    field[tag] = strip_controls(value)
                    removed.append(tag)
                continue
            hit = False
            for key in ("ind1", "ind2"):
                ind = value.get(key)
                if isinstance(ind, str) and has_controls(ind):
                    value[key] = strip_controls(ind) or " "
                    hit = True
            subs = value.get("subfields") or []
            for index, sub in enumerate(subs):
                if any(has_controls(str(c)) or has_controls(str(v)) for c, v in sub.items()):
                    subs[index] = {
                        (strip_controls(str(c)) or "?"): strip_controls(str(v))
                        for c, v in sub.items()
                    }
                    hit = True
            if hit:
                removed.append(tag)
    return list(dict.fromkeys(removed))


def _bad(message: str) -> CatalogError:
    return CatalogError(CatalogErrorCode.INVALID_MARC, message, field="marc")


def normalize_marc(
    marc: MarcDict | pymarc.Record, *, removed: list[str] | None = None
) -> MarcDict:
    """A clean copy of ``marc``: NFC text, 24-character leader, checked tags and codes.

    Control characters that XML 1.0 forbids are dropped from every text (no stored record can
    then break a MARCXML, OAI-PMH or SRU document); the tags that held one are appended to
    ``removed`` so the caller can report it.

    Raises CatalogError (``catalog.invalid_marc`` / ``catalog.no_title``) with a Vietnamese
    message naming the bad field.
    """
    if isinstance(marc, pymarc.Record):
        marc = from_pymarc(marc)
    if not isinstance(marc, dict) or not isinstance(marc.get("fields"), list):
        raise _bad(gettext("Biểu ghi MARC không đúng cấu trúc (thiếu danh sách trường)."))
    leader = _clean(marc.get("leader") or DEFAULT_LEADER, "LDR", removed)
    leader = (leader + " " * 24)[:24]
    fields: list[dict[str, Any]] = []
    has_title = False
    for position, field in enumerate(marc["fields"], start=1):
        if not isinstance(field, dict) or len(field) != 1:
            raise _bad(gettext("Trường thứ %(n)s không đúng cấu trúc.") % {"n": position})
        ((tag, value),) = field.items()
        tag = str(tag)
        if len(tag) != 3 or not tag.isalnum():
            raise _bad(gettext("Nhãn trường “%(tag)s” không hợp lệ.") % {"tag": tag})
        if isinstance(value, str):
            if not tag.startswith("00"):
                raise _bad(gettext("Trường %(tag)s phải có chỉ thị và trường con.") % {"tag": tag})
            fields.append({tag: _clean(value, tag, removed)})
            continue
        if not isinstance(value, dict):
            raise _bad(gettext("Trường %(tag)s không đúng cấu trúc.") % {"tag": tag})
        ind1 = _clean(value.get("ind1") or " ", tag, removed) or " "
        ind2 = _clean(value.get("ind2") or " ", tag, removed) or " "
        if len(ind1) != 1 or len(ind2) != 1:
            raise _bad(gettext("Chỉ thị của trường %(tag)s không hợp lệ.") % {"tag": tag})
        subfields = []
        for sub in value.get("subfields") or []:
            if not isinstance(sub, dict) or len(sub) != 1:
                raise _bad(gettext("Trường con của trường %(tag)s không hợp lệ.") % {"tag": tag})
            ((code, text),) = sub.items()
            if len(str(code)) != 1:
                raise _bad(
                    gettext("Mã trường con “%(code)s” của trường %(tag)s không hợp lệ.")
                    % {"code": code, "tag": tag}
                )
            subfields.append({str(code): _clean(text, tag, removed)})
        if not subfields:
            raise _bad(gettext("Trường %(tag)s không có trường con nào.") % {"tag": tag})
        if tag == "245" and any(s.get("a", "").strip() for s in subfields):
            has_title = True
        fields.append({tag: {"ind1": ind1, "ind2": ind2, "subfields": subfields}})
    if not has_title:
        raise CatalogError(
            CatalogErrorCode.NO_TITLE,
            gettext("Biểu ghi phải có nhan đề (trường 245 $a)."),
            field="marc",
        )
    return {"leader": leader, "fields": fields}
