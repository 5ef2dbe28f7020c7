"""Extract the searchable, sortable and matchable columns of a record from its MARC.

``extract(marc)`` is a pure function over a MARC-in-JSON dict: no query, no pymarc object, so
the importer can call it for hundreds of thousands of records. It returns the values of the
``Record`` columns and the identifiers used for matching (``Extracted.identifiers``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from thuvien.core.text import clean, fold, tone_key, vi_sort_string

from .isbn import normalize_isbn, normalize_issn
from .mij import MarcDict

# Local convention (documented in docs/guides/cataloguer.md): 940 $a names a local material
# type that MARC21 cannot express: "dia chi" (local history) or "han nom" (Hán Nôm documents).
LOCAL_TYPE_TAG = "940"

_TRAIL = " /:;,.=+"
_YEAR = re.compile(r"(1[0-9]{3}|20[0-9]{2})")
_NONWORD = re.compile(r"[^0-9a-z]+")
_SUBJECT_TAGS = {"600", "610", "611", "630", "647", "648", "650", "651", "653", "655"}
_SERIES_TAGS = {"490", "800", "810", "811", "830"}
_MAIN_AUTHOR_TAGS = ("100", "110", "111")
_ADDED_AUTHOR_TAGS = ("700", "710", "711")


@dataclass(slots=True)
class Extracted:
    values: dict[str, Any]
    identifiers: list[tuple[str, str]] = field(default_factory=list)


def strip_punct(text: str) -> str:
    """Drop ISBD punctuation that cataloguers leave at the end of a subfield."""
    text = text.strip()
    while text and text[-1] in _TRAIL:
        # keep a full stop that ends an abbreviation such as "Tp." or "H."
        if text[-1] == "." and len(text) > 2 and text[-3] in " .":
            break
        text = text[:-1].rstrip()
    return text


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text) if not text.isascii() else text


def _subs(value: dict, codes: str) -> list[str]:
    return [t for s in value.get("subfields", ()) for c, t in s.items() if c in codes]


_FOLD_CACHE: dict[str, str] = {}
_SORT_CACHE: dict[str, tuple[str, str]] = {}
_CACHE_LIMIT = 200_000


def _fold_char(ch: str) -> str:
    folded = _FOLD_CACHE.get(ch)
    if folded is None:
        folded = _FOLD_CACHE[ch] = fold(ch) if not ch.isspace() else ch
    return folded


def fast_fold(text: str) -> str:
    """``core.text.fold`` computed word by word with a cache (same result, much faster)."""
    if text.isascii():
        return text.lower()
    if len(_FOLD_CACHE) > _CACHE_LIMIT:
        _FOLD_CACHE.clear()
    out = []
    for word in text.split(" "):
        folded = _FOLD_CACHE.get(word)
        if folded is None:
            folded = _FOLD_CACHE[word] = "".join(_fold_char(ch) for ch in word)
        out.append(folded)
    return " ".join(out)


def _sort_char(ch: str) -> tuple[str, str]:
    if ch.isspace():
        return (" ", "0")
    head, _, tail = vi_sort_string(ch, width=16).partition("\x01")
    return (head, tail)


def fast_sort_string(text: str, width: int = 255) -> str:
    """``core.text.vi_sort_string`` cached word by word (the same bytes, much faster)."""
    if len(_SORT_CACHE) > _CACHE_LIMIT:
        _SORT_CACHE.clear()
    heads, tails = [], []
    space = _sort_char(" ")
    for i, word in enumerate(clean(text).split(" ")):
        if i:
            heads.append(space[0])
            tails.append(space[1])
        key = _SORT_CACHE.get(word)
        if key is None:
            keys = [_sort_char(ch) for ch in word]
            key = _SORT_CACHE[word] = ("".join(k[0] for k in keys), "".join(k[1] for k in keys))
        heads.append(key[0])
        tails.append(key[1])
    return ("".join(heads) + "\x01" + "".join(tails))[:width]


def norm_key(text: str, width: int) -> str:
    """Folded, punctuation-free key text (for match and work keys)."""
    return _NONWORD.sub(" ", fast_fold(text)).strip()[:width]


def _title(value: dict) -> str:
    """245 $a, then ": $b", ". $n", ", $p" as ISBD writes them."""
    out = ""
    for sub in value.get("subfields", ()):
        for code, text in sub.items():
            if code not in "abfgknps":
                continue
            text = strip_punct(text)
            if not text:
                continue
            if not out:
                out = text
            elif code == "b":
                out += (" = " if sub[code].lstrip().startswith("=") else " : ") + text.lstrip("=: ")
            elif code in "np":
                out += ". " + text
            else:
                out += " " + text
    return out


def make_match_key(title: str, author: str, year: int | None) -> str:
    return f"{norm_key(title, 150)}|{norm_key(author, 60)}|{year or ''}"


def make_work_key(title: str, author: str, year: int | None) -> str:
    """The key of a work without an ISBN: title, first author and year with their tone marks
    (``tone_key``), so "Má" and "Mà", "Dương" and "Đường" stay different works."""
    return f"{tone_key(title)[:150]}|{tone_key(author)[:60]}|{year or ''}"


def material_type(leader: str, f008: str, local_types: list[str], has_thesis: bool) -> str:
    rtype = leader[6:7] if len(leader) > 7 else "a"
    blevel = leader[7:8] if len(leader) > 7 else "m"
    local = " ".join(fold(t) for t in local_types)
    if "han nom" in local:
        return "manuscript"
    if "dia chi" in local:
        return "local_history"
    if rtype in ("e", "f"):
        return "map"
    if rtype in ("c", "d"):
        return "score"
    if rtype in ("i", "j"):
        return "audio"
    if rtype in ("g", "k", "o", "r"):
        return "video"
    if rtype == "m":
        return "electronic"
    if has_thesis or (rtype in ("a", "t") and len(f008) > 27 and "m" in f008[24:28]):
        return "thesis"
    if rtype == "t":
        return "manuscript"
    if rtype == "a" and blevel in ("s", "i", "b"):
        return "serial"
    if rtype in ("a", "t"):
        return "book"
    return "other"


def extract(marc: MarcDict) -> Extracted:  # noqa: C901 - one pass over the fields, on purpose
    leader = marc.get("leader") or ""
    f001 = f003 = f008 = ""
    title = responsibility = publisher = place = edition = ddc = physical = ""
    nonfiling = 0
    date_text = ""
    main_author = ""
    added: list[str] = []
    isbns: list[str] = []
    issns: list[str] = []
    subjects: list[str] = []
    series: list[str] = []
    notes: list[str] = []
    links: list[dict[str, str]] = []
    lang041 = ""
    sysnos: list[str] = []
    local_types: list[str] = []
    has_thesis = False
    pub_seen = 0  # 264 _1 beats 260, which beats any other 264

    for fld in marc.get("fields", ()):
        for tag, value in fld.items():
            if isinstance(value, str):
                if tag == "001":
                    f001 = value.strip()
                elif tag == "003":
                    f003 = value.strip()
                elif tag == "008":
                    f008 = value
                continue
            t0 = tag[0]
            if tag == "245":
                title = _title(value)
                responsibility = strip_punct(" ".join(_subs(value, "c")))
                ind2 = value.get("ind2", " ")
                nonfiling = int(ind2) if ind2.isdigit() else 0
            elif tag in _MAIN_AUTHOR_TAGS:
                main_author = strip_punct(
                    " ".join(_subs(value, "abcdq" if tag == "100" else "abn"))
                )
            elif tag in _ADDED_AUTHOR_TAGS:
                name = strip_punct(" ".join(_subs(value, "abcdq" if tag == "700" else "abn")))
                if name:
                    added.append(name)
            elif tag == "020":
                for text in _subs(value, "a"):
                    isbn = normalize_isbn(text)
                    if isbn and isbn not in isbns:
                        isbns.append(isbn)
            elif tag == "022":
                for text in _subs(value, "a"):
                    issn = normalize_issn(text)
                    if issn and issn not in issns:
                        issns.append(issn)
            elif tag == "035":
                for text in _subs(value, "a"):
                    text = text.strip()
                    if text:
                        sysnos.append(text[:200])
            elif tag == "041":
                if not lang041:
                    lang041 = (_subs(value, "a") or [""])[0][:3]
            elif tag == "082":
                if not ddc:
                    ddc = (_subs(value, "a") or [""])[0].replace("/", "").strip()[:50]
            elif tag == "250":
                edition = strip_punct(" ".join(_subs(value, "ab")))
            elif tag in ("260", "264"):
                rank = (
                    3 if (tag == "264" and value.get("ind2") == "1") else (2 if tag == "260" else 1)
                )
                if rank > pub_seen:
                    pub_seen = rank
                    place = strip_punct((_subs(value, "a") or [""])[0]).strip("[]")
                    publisher = strip_punct((_subs(value, "b") or [""])[0])
                    date_text = (_subs(value, "c") or [""])[0]
            elif tag == "300":
                physical = strip_punct(" ".join(_subs(value, "abce3")))
            elif t0 == "5":
                if tag == "502":
                    has_thesis = True
                text = strip_punct(" ".join(_subs(value, "abcdefghijklmnopqrstuvwxyz")))
                if text:
                    notes.append(text)
            elif tag in _SUBJECT_TAGS:
                parts = [strip_punct(t) for t in _subs(value, "abcdtvxyz")]
                heading = " -- ".join(p for p in parts if p)
                if heading and heading not in subjects:
                    subjects.append(heading)
            elif tag in _SERIES_TAGS:
                text = strip_punct(" ".join(_subs(value, "atv")))
                if text and text not in series:
                    series.append(text)
            elif tag == "856":
                urls = _subs(value, "u")
                if urls:
                    label = (_subs(value, "yz3") or [""])[0]
                    links.append({"url": urls[0].strip(), "text": strip_punct(label)})
            elif tag == LOCAL_TYPE_TAG:
                local_types.extend(_subs(value, "a"))

    year: int | None = None
    if len(f008) >= 11 and f008[7:11].isdigit():
        year = int(f008[7:11])
    if year is None or year < 1000:
        m = _YEAR.search(date_text)
        year = int(m.group(1)) if m else None
    if year is not None and not 1000 <= year <= 2100:
        year = None
    language = f008[35:38].strip() if len(f008) >= 38 else ""
    if not language.isalpha() or language in ("und", "zxx"):
        language = lang041 if lang041.isalpha() else language if language.isalpha() else ""

    authors = ([main_author] if main_author else []) + [a for a in added if a != main_author]
    # no title: stored empty, shown as "[Không nhan đề]" in the page's language (catalog.titles)
    title = _nfc(title)
    main = authors[0] if authors else ""
    match_key = make_match_key(title, main, year)
    values = {
        "title": title,
        "title_sort": fast_sort_string(title[nonfiling:] if nonfiling < len(title) else title),
        "responsibility": _nfc(responsibility),
        "authors": [_nfc(a) for a in authors],
        "publisher": _nfc(publisher)[:255],
        "place": _nfc(place)[:255],
        "year": year,
        "edition": _nfc(edition)[:255],
        "isbns": isbns,
        "issns": issns,
        "language": language.lower()[:3],
        "material_type": material_type(leader, f008, local_types, has_thesis),
        "ddc": ddc,
        "subjects": [_nfc(s) for s in subjects],
        "series": [_nfc(s) for s in series],
        "physical_description": _nfc(physical)[:255],
        "notes": [_nfc(n) for n in notes],
        "links": links,
        "control_number": f001[:100],
        "control_number_identifier": f003[:50],
        "match_key": match_key[:255],
        "work_key": (f"isbn:{isbns[0]}" if isbns else make_work_key(title, main, year))[:255],
    }
    identifiers = [("isbn", i) for i in isbns] + [("issn", i) for i in issns]
    identifiers += [("035", s) for s in dict.fromkeys(sysnos)]
    if f001:
        identifiers.append(("001", f"{f003}|{f001}"[:255]))
    return Extracted(values=values, identifiers=identifiers)
