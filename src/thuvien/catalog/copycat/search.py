"""One entry point for both protocols: split the user's words, build the query, normalise."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import pymarc
from django.utils.translation import gettext

from .errors import CopycatError, CopycatErrorCode
from .sru import build_cql, sru_search
from .targets import Target
from .z3950 import build_pqf, z3950_search

INDEXES = ("any", "title", "author", "subject", "isbn", "issn")
MAX_RECORDS = 20


@dataclass
class CopycatResult:
    target: Target
    query: str
    total: int
    records: list[pymarc.Record] = field(default_factory=list)


def _terms(index: str, text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text or "").strip()
    if index in ("isbn", "issn"):
        return [re.sub(r"[^0-9Xx]", "", t) for t in text.split() if re.sub(r"[^0-9Xx]", "", t)]
    return [t for t in re.split(r"[\s\"\\]+", text) if t][:10]


def search(
    target: Target, *, index: str = "any", terms: str, maximum: int = 10, start: int = 1
) -> CopycatResult:
    """Search ``target``; raises CopycatError with a message for the cataloguer."""
    index = index if index in INDEXES else "any"
    words = _terms(index, terms)
    if not words:
        raise CopycatError(CopycatErrorCode.EMPTY_QUERY, gettext("Hãy nhập từ khoá để tìm."))
    maximum = max(1, min(maximum, MAX_RECORDS))
    if target.protocol == "sru":
        query = build_cql(index, words)
        response = sru_search(target, query, maximum=maximum, start=start)
    else:
        query = build_pqf(index, words)
        response = z3950_search(target, query, maximum=maximum)
    records = [_nfc_record(r) for r in response.records]
    return CopycatResult(target=target, query=query, total=response.total, records=records)


def _nfc_record(rec: pymarc.Record) -> pymarc.Record:
    """NFC everywhere: catalogues abroad often send decomposed accents (e + U+0301)."""
    for f in rec.fields:
        if f.is_control_field():
            f.data = unicodedata.normalize("NFC", f.data or "")
        else:
            f.subfields = [
                pymarc.Subfield(s.code, unicodedata.normalize("NFC", s.value or ""))
                for s in f.subfields
            ]
    return rec
