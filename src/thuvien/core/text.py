"""Vietnamese text: normalisation, folding and collation.

Text is stored in NFC. ``fold`` removes every tone and vowel mark and maps đ→d so that a query
typed without marks on a phone matches. ``vi_sort_key`` orders words as a Vietnamese dictionary
does (a ă â b c d đ e ê ... then tones ngang, huyền, hỏi, ngã, sắc, nặng) instead of by code point.
"""

from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")


def nfc(text: str | None) -> str:
    """NFC-normalise and trim ``text``; ``None`` becomes ''."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", text).strip()


# Control characters that are not whitespace (NUL, ESC, DEL, the C1 controls): never text a
# person meant. PostgreSQL refuses a NUL in a text column; ESC starts a terminal sequence.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def clean(text: str | None) -> str:
    """NFC with runs of whitespace folded to one space and control characters dropped."""
    return _WS.sub(" ", _CONTROL.sub("", nfc(text))).strip()


# Characters a person cannot see that come along with pasted text: zero-width space and word
# joiner, a byte-order mark, a soft hyphen, and the bidirectional marks, embeddings, overrides
# and isolates (U+202E shows the rest of a title backwards). They split words for search and
# sorting and can disguise a value. Zero-width (non-)joiners go when they touch Latin text,
# where they do nothing; between two letters of another script (Persian, Indic) or two emoji
# they stay. The catalogue stores records without them (``catalog.marc.normalize``), so a
# query must drop them too to find what it shows.
_INVISIBLE = re.compile(
    "[\u200b\u2060\ufeff\u00ad]"
    "|(?<=[\x00-\u024f\u1e00-\u1eff])[\u200c\u200d]"
    "|[\u200c\u200d](?=[\x00-\u024f\u1e00-\u1eff])"
)
# The bidirectional controls. A mark pasted between two words ("thử\u200fnghiệm") showed them
# apart: there it becomes a space; beside a space or at an end it goes. The marks (LRM, RLM,
# ALM) stay beside a letter of a right-to-left script (Hebrew, Arabic), whose mixed text needs
# them; embeddings, overrides and isolates never stay.
_BIDI_RUN = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]+")
_BIDI_MARKS = re.compile("[^\u200e\u200f\u061c]")
_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def _bidi_replacement(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if _RTL_LETTER.match(before) or _RTL_LETTER.match(after):
        return _BIDI_MARKS.sub("", match.group())
    if before.isalnum() and after.isalnum():
        return " "
    return ""


def strip_invisible(text: str) -> str:
    """``text`` without the invisible characters of ``_INVISIBLE`` and the bidirectional
    controls (``_BIDI_RUN``: a space between two letters, nothing elsewhere). ASCII text is
    returned as it is."""
    if text.isascii():
        return text
    return _BIDI_RUN.sub(_bidi_replacement, _INVISIBLE.sub("", text))


_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L"})


def _fold_slow(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped).lower()


# Each Latin letter with marks (Latin-1 to Latin Extended-B, Latin Extended Additional: every
# Vietnamese letter) mapped to its fold, so that Vietnamese text folds in one ``str.translate``.
_QUICK_TABLE: dict[int, str] = {
    cp: _fold_slow(chr(cp))
    for cp in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]
    if _fold_slow(chr(cp)) != chr(cp)
}


def fold(text: str | None) -> str:
    """Lower-case ``text`` and strip every diacritic (tone marks, ă â ê ô ơ ư, and đ→d).

    Text that the quick table turns into ASCII (Vietnamese, English, French) is folded in one
    ``str.translate`` (a page of OCR text in about 20 µs instead of 1 ms); anything else takes
    the character-by-character way. Both give the same result (``core/tests/test_text.py``).
    """
    if not text:
        return ""
    if text.isascii():
        return text.lower()
    quick = unicodedata.normalize("NFC", text).translate(_QUICK_TABLE)
    if quick.isascii():
        return quick.lower()
    return _fold_slow(text)


_BASE_ORDER = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_BASE_RANK = {ch: i for i, ch in enumerate(_BASE_ORDER)}
# Combining marks for the five tones, in dictionary order after the level tone.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SHAPE_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve (ă), circumflex (â ê ô), horn (ơ ư)


_LETTER_CODES = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefgh"  # 34 ASCII chars, ascending, one per letter


def _letter_key(ch: str) -> tuple[str, int]:
    """(sortable base-letter code, tone rank) of one NFC character."""
    if ch.isspace():
        return (" ", 0)
    if ch.isdigit():
        return (ch if ch.isascii() else "9", 0)
    decomposed = unicodedata.normalize("NFD", ch.lower())
    base = decomposed[0]
    shape = "".join(m for m in decomposed[1:] if m in _SHAPE_MARKS)
    tone = next((_TONE_RANK[m] for m in decomposed[1:] if m in _TONE_RANK), 0)
    letter = unicodedata.normalize("NFC", base + shape)
    if letter in _BASE_RANK:
        return (_LETTER_CODES[_BASE_RANK[letter]], tone)
    if not ch.isalnum():
        return ("", 0)  # punctuation does not take part in the order
    return ("~", tone)


def vi_sort_string(text: str | None, width: int = 255) -> str:
    """An ASCII string whose byte order is Vietnamese dictionary order (for a DB sort column).

    Letters are compared first (a < ă < â < b ... d < đ ...), tones only break ties, as
    Vietnamese dictionaries do.
    """
    keys = [_letter_key(c) for c in clean(text)]
    head = "".join(b for b, _ in keys)
    tail = "".join(str(t) for b, t in keys if b)
    return (head + "\x01" + tail)[:width]


def vi_sort_key(text: str | None) -> str:
    """A Python sort key in Vietnamese dictionary order (``sorted(names, key=vi_sort_key)``)."""
    return vi_sort_string(text, width=10_000)


# Telex letters for the tones a syllable ends with in ``tone_key`` (huyền, hỏi, ngã, sắc, nặng).
_TONE_LETTER = {"\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0301": "s", "\u0323": "j"}
_KEY_WORD_CACHE: dict[str, str] = {}
_KEY_WORD_CACHE_LIMIT = 200_000


def _tone_key_word(word: str) -> str:
    """``tone_key`` of one whitespace-free word (punctuation inside it splits syllables)."""
    out: list[str] = []
    letters: list[str] = []
    tone = ""
    for c in unicodedata.normalize("NFD", word) + " ":
        if c in _TONE_LETTER:
            tone = tone or _TONE_LETTER[c]
        elif c.isalnum() or c in _SHAPE_MARKS:
            letters.append(c)
        elif letters:
            out.append(unicodedata.normalize("NFC", "".join(letters)) + tone)
            letters, tone = [], ""
    return " ".join(out)


def tone_key(text: str | None) -> str:
    """Lower-case key text that keeps what tells Vietnamese words apart and drops the rest.

    ``fold`` makes "Má", "Mà", "Mã" and "Dương", "Đường" one word: right for finding a record
    typed without marks, wrong for deciding that two records are the same work. This key keeps
    đ, the vowel shapes (ă â ê ô ơ ư) and each syllable's tone, written as a Telex letter after
    the syllable, so the old and new tone placements ("hoà"/"hòa", "thuỷ"/"thủy") give one key:
    "hòa bình" -> "hoaf binhf"; punctuation becomes space and case is ignored.
    """
    if not text:
        return ""
    if len(_KEY_WORD_CACHE) > _KEY_WORD_CACHE_LIMIT:
        _KEY_WORD_CACHE.clear()
    out = []
    for word in text.lower().split():
        key = _KEY_WORD_CACHE.get(word)
        if key is None:
            key = _KEY_WORD_CACHE[word] = _tone_key_word(word)
        if key:
            out.append(key)
    return " ".join(out)
