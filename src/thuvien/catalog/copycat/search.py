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
PAGE_SIZE = 10  # records a page of the staff screen shows


@dataclass
class CopycatResult:
    target: Target
    query: str
    total: int
    records: list[pymarc.Record] = field(default_factory=list)
    start: int = 1  # position of the first record among the hits (1-based)

    @property
    def next_start(self) -> int | None:
        after = self.start + len(self.records)
        return after if self.records and after <= self.total else None

    @property
    def previous_start(self) -> int | None:
        return max(1, self.start - PAGE_SIZE) if self.start > 1 else None


def _terms(index: str, text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text or "").strip()
    if index in ("isbn", "issn"):
        return [re.sub(r"[^0-9Xx]", "", t) for t in text.split() if re.sub(r"[^0-9Xx]", "", t)]
    return [t for t in re.split(r"[\s\"\\]+", text) if t][:10]


def search(
    target: Target, *, index: str = "any", terms: str, maximum: int = PAGE_SIZE, start: int = 1
) -> CopycatResult:
    """Search ``target``; raises CopycatError with a message for the cataloguer."""
    index = index if index in INDEXES else "any"
    words = _terms(index, terms)
    if not words:
        raise CopycatError(CopycatErrorCode.EMPTY_QUERY, gettext("Hãy nhập từ khoá để tìm."))
    maximum = max(1, min(maximum, MAX_RECORDS))
    start = max(1, start)
    if target.protocol == "sru":
        query = build_cql(index, words)
        try:
            response = sru_search(target, query, maximum=maximum, start=start)
        except CopycatError as exc:
            if exc.code != CopycatErrorCode.BEYOND_LAST or start == 1:
                raise
            # past the last hit: say how many there are, with no records (as Z39.50 does)
            response = sru_search(target, query, maximum=0, start=1)
    else:
        query = build_pqf(index, words)
        response = z3950_search(target, query, maximum=maximum, start=start)
    records = [_nfc_record(r) for r in response.records]
    return CopycatResult(
        target=target, query=query, total=response.total, records=records, start=start
    )


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
