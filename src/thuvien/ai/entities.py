"""Names of places, people and organisations in Vietnamese text (local-history notes, OCR).

underthesea's NER (Apache-2.0; its CRF model ships inside the wheel, nothing is downloaded —
its ``classify`` and ``sentiment`` would download and are never imported here). The tagger
returns BIO labels per word; a span is a B- word and the I- words after it. Administrative
words in front of a place ("tỉnh", "huyện", "xã", "thành phố") are dropped so that "tỉnh Hưng
Yên" and "Hưng Yên" are one place; "sông Hồng" and "chùa Chuông" keep their first word, which is
part of the name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

KINDS = {"LOC": "place", "PER": "person", "ORG": "organisation"}
_ADMIN = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "thị trấn", "xã", "phường", "thôn",
          "làng", "ấp", "bản", "xóm", "tp.", "tp")  # fmt: skip
# common nouns that begin a place's name ("sông Hồng", "chùa Chuông", "đền Mẫu")
_PLACE_NOUNS = {"sông", "chùa", "đền", "đình", "miếu", "núi", "hồ", "đầm", "cầu", "phố", "chợ",
                "đảo", "vịnh", "cửa", "bến", "đồng", "thành", "văn", "lăng"}  # fmt: skip
# a name the tagger calls a person but that begins with one of these is a place ("Phố Hiến",
# "Chùa Chuông"); "Hồ", "Văn", "Đồng", "Thành" are left out: they begin people's names too
_PLACE_FIRST = {"phố", "sông", "chùa", "đền", "đình", "miếu", "núi", "đầm", "vịnh", "đảo",
                "chợ", "bến", "cầu", "làng", "thôn", "xã", "huyện", "tỉnh"}  # fmt: skip
_TIME_WORDS = {"thời", "năm", "thế", "triều", "đời", "thập", "tháng", "ngày"}
_SENTENCES = re.compile(r"(?<=[.!?;])\s+|\n+")
_PUNCT = set(".,;:!?()[]\"'“”‘’…-–—/")
MAX_CHARS = 200_000  # a book's OCR text is read in sentences; beyond this, the rest is skipped


@dataclass(frozen=True)
class Entity:
    kind: str  # place | person | organisation
    name: str
    count: int


def _tidy_place(name: str) -> str:
    """Drop leading words that are not part of the name ("bên bờ sông Hồng" → "sông Hồng");
    empty for a time mistaken for a place ("thời Lê")."""
    words = name.split()
    # an OCR slip can glue a common word to a place ("năm bên bờ sông Hồng" for "nằm bên..."):
    # a place noun further on starts the name
    nouns = [i for i, w in enumerate(words) if i and w in _PLACE_NOUNS and
             all(x.islower() for x in words[:i])]  # fmt: skip
    if nouns and len(words) > nouns[0] + 1 and not words[nouns[0] + 1].islower():
        words = words[nouns[0] :]
    if words and words[0].lower() in _TIME_WORDS:
        return ""
    while len(words) > 1 and words[0].islower() and words[0] not in _PLACE_NOUNS:
        if " ".join(words[:2]).lower() in _ADMIN:
            break
        words = words[1:]
    return " ".join(words)


def _strip_admin(name: str) -> str:
    low = name.lower()
    for word in _ADMIN:
        if low.startswith(word + " ") and len(name) > len(word) + 1:
            return name[len(word) + 1 :].strip()
    return name


def _tag(sentence: str) -> list[tuple[str, str]]:
    from underthesea import ner

    return [(row[0], row[-1]) for row in ner(sentence)]


def find_entities(text: str) -> list[Entity]:
    """Places, people and organisations named in ``text``, most mentioned first."""
    text = unicodedata.normalize("NFC", text or "")[:MAX_CHARS]
    counts: Counter[tuple[str, str]] = Counter()
    for sentence in _SENTENCES.split(text):
        sentence = sentence.strip()
        if len(sentence) < 3:
            continue
        span: list[str] = []
        kind = ""
        for word, label in [*_tag(sentence), ("", "O")]:
            inside = label.startswith("I-") and label[2:] == kind and span
            if inside and word not in _PUNCT:
                span.append(word)
                continue
            if span and kind in KINDS:
                name = " ".join(span).strip()
                if kind == "PER" and name.split()[0].lower() in _PLACE_FIRST:
                    kind = "LOC"
                if kind == "LOC":
                    name = _strip_admin(_tidy_place(name))
                if len(name) > 1 and any(ch.isupper() for ch in name):
                    counts[(KINDS[kind], name)] += 1
            span, kind = [], ""
            if label.startswith("B-") and word not in _PUNCT:
                span, kind = [word], label[2:]
    return [
        Entity(kind, name, n)
        for (kind, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
