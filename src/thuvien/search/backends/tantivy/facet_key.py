"""The five small facets of a record packed into one integer column (``fkey``).

Material type, language, publication-year range, the types of the holding libraries and
"a copy is on a shelf somewhere" each have a handful of values. Counted as five tantivy
aggregations they cost five passes of per-document work over every counted record; packed
into one column they are one terms aggregation whose keys are unpacked here (about 0.8 ms
less per search on a million records). A record holds two values: its description (type,
language, year range) and its holdings (library types, on a shelf), so a broad search
brings back about 80 distinct keys to unpack instead of about 400 for all five in one number
(~0.3 ms of Python). The lists below only grow at their end: a key's meaning must not change
under an index that is already built.
"""

from __future__ import annotations

from collections.abc import Iterable

from thuvien.search.engine import YEAR_RANGES

# Index + 1 is stored (0: none). Append new values; never reorder (or bump SCHEMA_VERSION).
MATERIAL_TYPES = (
    "book",
    "serial",
    "thesis",
    "map",
    "score",
    "audio",
    "video",
    "manuscript",
    "local_history",
    "electronic",
    "other",
)
LIBRARY_TYPES = (
    "provincial",
    "commune",
    "school",
    "university",
    "specialised",
    "armed_forces",
    "community",
)
_MTYPE_INDEX = {v: i + 1 for i, v in enumerate(MATERIAL_TYPES)}
_LTYPE_BIT = {v: 1 << i for i, v in enumerate(LIBRARY_TYPES)}
_LANG_SHIFT, _YEAR_SHIFT = 5, 20  # description value: mtype | lang | year range
_LTYPE_SHIFT = 1  # holdings value: on a shelf | library types
_HOLDINGS = 1 << 40  # marks the holdings value


def _year_bucket(year: int | None) -> int:
    """1 + the index of the YEAR_RANGES range holding ``year`` (0: no year)."""
    if year is None:
        return 0
    for i, (_key, lo, hi) in enumerate(YEAR_RANGES):
        if (lo is None or year >= lo) and (hi is None or year < hi):
            return i + 1
    return 0


def _lang_code(lang: str) -> int:
    """Up to three letters a-z, five bits each (a MARC language code); 0 for anything else."""
    if not lang or len(lang) > 3 or not lang.isascii() or not lang.isalpha():
        return 0
    code = 0
    for ch in lang.lower():
        code = code * 32 + (ord(ch) - 96)
    return code


def _lang_text(code: int) -> str:
    letters = []
    while code:
        code, ch = divmod(code, 32)
        letters.append(chr(ch + 96))
    return "".join(reversed(letters))


def encode(
    material_type: str, language: str, year: int | None, available: bool, ltypes: Iterable[str]
) -> list[int]:
    """The two ``fkey`` values of one record (an unknown material type counts as "other")."""
    mtype = _MTYPE_INDEX.get(material_type) or _MTYPE_INDEX["other"]
    mask = 0
    for t in ltypes:
        mask |= _LTYPE_BIT.get(t, 0)
    description = mtype | _lang_code(language) << _LANG_SHIFT | _year_bucket(year) << _YEAR_SHIFT
    return [description, _HOLDINGS | int(bool(available)) | mask << _LTYPE_SHIFT]


# key -> (True, material type, language, year bucket) or (False, on a shelf, library types)
_PARTS: dict[int, tuple] = {}


def _parts(key: int) -> tuple:
    """The facet values of one key, memoised: the same keys come back on every search."""
    found = _PARTS.get(key)
    if found is None:
        if key & _HOLDINGS:
            found = (
                False,
                bool(key & 1),
                tuple(t for bit, t in enumerate(LIBRARY_TYPES) if key >> (_LTYPE_SHIFT + bit) & 1),
            )
        else:
            mtype = key & 31
            found = (
                True,
                MATERIAL_TYPES[mtype - 1] if 0 < mtype <= len(MATERIAL_TYPES) else "",
                _lang_text(key >> _LANG_SHIFT & 0x7FFF),
                key >> _YEAR_SHIFT & 15,
            )
        if len(_PARTS) > 100_000:
            _PARTS.clear()
        _PARTS[key] = found
    return found


def decode_counts(
    buckets: Iterable[tuple[int, float]], scale: float, sizes: dict[str, int]
) -> dict[str, list[tuple[str, int]]]:
    """Facet lists (``mtype``, ``lang``, ``ltype``, ``year``, ``_navail``) from ``fkey`` counts.

    Each list is sorted by count (then key), as a terms aggregation returns it, and cut at
    its size; the year ranges keep their YEAR_RANGES order.
    """
    mtype: dict[str, float] = {}
    lang: dict[str, float] = {}
    year: dict[int, float] = {}
    ltype: dict[str, float] = {}
    avail = 0.0
    for key, count in buckets:
        parts = _PARTS.get(key) or _parts(int(key))
        if parts[0]:
            _d, m, la, y = parts
            mtype[m] = mtype.get(m, 0) + count
            lang[la] = lang.get(la, 0) + count
            year[y] = year.get(y, 0) + count
        else:
            if parts[1]:
                avail += count
            for t in parts[2]:
                ltype[t] = ltype.get(t, 0) + count

    def ranked(counts: dict[str, float], size: int) -> list[tuple[str, int]]:
        rows = [(k, int(round(n * scale))) for k, n in counts.items() if k and n]
        rows.sort(key=lambda r: (-r[1], r[0]))
        return rows[:size]

    return {
        "mtype": ranked(mtype, sizes["mtype"]),
        "lang": ranked(lang, sizes["lang"]),
        "ltype": ranked(ltype, sizes["ltype"]),
        "year": [
            (YEAR_RANGES[k - 1][0], int(round(year[k] * scale)))
            for k in range(1, len(YEAR_RANGES) + 1)
            if year.get(k)
        ],
        "_navail": [("yes", int(round(avail * scale)))] if avail else [],
    }
