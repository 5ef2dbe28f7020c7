"""Vietnamese text analysis for the index, done in Python so index and query agree exactly.

Every text goes in twice: *accented* (NFC, lower-case) and *folded* (no tone or vowel marks,
đ→d, the same result as ``core.text.fold``). A query without marks is matched against the folded
field; a query with marks also scores on the accented one, so "má" ranks records spelling "má"
above those with "mà", "mả", "mã" or "mạ". Adjacent syllables are also indexed as pairs
(bigrams, "lich_su") so that the word "lịch sử" weighs more than "lịch" and "sử" apart — a
dictionary-free stand-in for word segmentation that costs nothing at query time.

``fold`` here uses one ``str.translate`` table (C speed) built from ``core.text.fold`` itself;
the reindex of a million records spends most of its Python time in this module.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from operator import mul

from thuvien.core.text import fold as _core_fold

# Tokens as tantivy's SimpleTokenizer cuts them: runs of alphanumeric characters.
_TOKEN = re.compile(r"[^\W_]+")


def _build_fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for cp in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        folded = _core_fold(ch)
        if folded != ch.lower() or ch != ch.lower():
            table[cp] = folded
    for cp in range(0x0300, 0x0370):  # combining marks left in non-NFC text
        table[cp] = None
    return table


_FOLD_TABLE = _build_fold_table()


def nfc_lower(text: str) -> str:
    """NFC and lower-case: the accented form."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFC", text).lower()


def fold(text: str) -> str:
    """Strip every mark and map đ→d; equal to ``core.text.fold`` for NFC text, much faster."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFC", text).translate(_FOLD_TABLE).lower()


@lru_cache(maxsize=500_000)
def fold_word(word: str) -> str:
    """``fold`` of one token, memoised: a catalogue's vocabulary is small and repetitive."""
    return fold(word)


def _analyse_one(value: str) -> tuple[str, str, list[str], list[str]] | None:
    """(accented text, folded text, folded pairs, accented pairs) of one value, or None.

    The folded text is the accented one through the fold table in one ``str.translate``: the
    tokens are NFC and lower-case already, and the table maps no letter or digit to a space or
    to nothing, so this equals folding token by token (``fold_word``) and splitting it again
    gives the folded tokens (the test suite checks every code point).
    """
    toks = _TOKEN.findall(nfc_lower(value))
    if not toks:
        return None
    acc = " ".join(toks)
    if acc.isascii():
        folded_text, folded = acc, toks
    else:
        folded_text = acc.translate(_FOLD_TABLE)
        folded = folded_text.split(" ") if folded_text != acc else toks
    if len(toks) < 2:
        return acc, folded_text, [], []
    pairs = list(map("_".join, zip(folded, folded[1:], strict=False)))
    acc_pairs = pairs if folded is toks else list(map("_".join, zip(toks, toks[1:], strict=False)))
    return acc, folded_text, pairs, acc_pairs


# ``_analyse_one`` memoised: headings (authors, subjects, series, publishers) come back on
# record after record; callers never mutate what it returns.
_analyse_cached = lru_cache(maxsize=300_000)(_analyse_one)


def analyse(values: list[str], *, cache: bool = False) -> tuple[str, str, list[str], list[str]]:
    """(accented text, folded text, folded pairs, accented pairs) of several values.

    One tokenisation per value; pairs never cross from one value to the next (two subjects,
    two authors). The texts are the tokens joined by spaces (tantivy re-splits them).
    ``cache``: memoise per value, for values that repeat across records (headings); titles and
    notes are nearly all different and would only churn the cache. The lists returned may be
    shared with the cache: read them, never change them.
    """
    one = _analyse_cached if cache else _analyse_one
    if len(values) == 1:  # a title, a publisher, most authors: no joining to do
        out = one(values[0]) if values[0] else None
        return out if out is not None else ("", "", [], [])
    return analyse_parts([(value, one) for value in values])


def analyse_parts(
    parts: list[tuple[str, Callable[[str], tuple[str, str, list[str], list[str]] | None]]],
) -> tuple[str, str, list[str], list[str]]:
    """``analyse`` of values each with its own analyser (``_analyse_one`` or the memoised
    ``_analyse_cached``): a record's other texts mix headings (series, publisher) with texts
    that never repeat (statement of responsibility, notes)."""
    acc_parts: list[str] = []
    fold_parts: list[str] = []
    pairs: list[str] = []
    acc_pairs: list[str] = []
    for value, one in parts:
        if not value:
            continue
        out = one(value)
        if out is None:
            continue
        acc_parts.append(out[0])
        fold_parts.append(out[1])
        if out[2]:
            pairs += out[2]
            acc_pairs += out[3]
    return " , ".join(acc_parts), " , ".join(fold_parts), pairs, acc_pairs


ONCE = _analyse_one
MEMO = _analyse_cached


def has_marks(text: str) -> bool:
    """True when ``text`` carries any Vietnamese mark (the user typed tones)."""
    return not text.isascii() and fold(text) != nfc_lower(text)


def tokens(text: str) -> list[str]:
    """Lower-cased NFC tokens (syllables, words, numbers)."""
    return _TOKEN.findall(nfc_lower(text))


def bigrams(words: list[str]) -> list[str]:
    """Adjacent pairs joined by '_': ["lich", "su", "viet"] -> ["lich_su", "su_viet"]."""
    return [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]


def bigrams_of(values: Iterable[str], *, folded: bool) -> list[str]:
    """Bigrams within each value (never across two subjects or two authors)."""
    out: list[str] = []
    for value in values:
        if not value:
            continue
        words = _TOKEN.findall(fold(value) if folded else nfc_lower(value))
        out.extend(bigrams(words))
    return out


_NOT_ISBN_CHAR = re.compile(r"[^0-9X]+")
_ISBN10_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


def normalize_isbn(value: str) -> str:
    """Digits (and a final X) of an ISBN/ISSN, whatever hyphens or qualifiers came with it."""
    head = value.strip().split(" ")[0].upper()
    if head.isascii():  # the usual case, in C: for ASCII, isdigit() is exactly 0-9
        return _NOT_ISBN_CHAR.sub("", head)
    return "".join(c for c in head if c.isdigit() or c == "X")


def isbn_variants(value: str) -> list[str]:
    """The ISBN as given plus its ISBN-13 or ISBN-10 twin, so either form finds the record.

    The check digits are summed with ``map`` (C loops): a rebuild computes one per record.
    """
    digits = normalize_isbn(value)
    if len(digits) == 10:
        core = "978" + digits[:9]
        total = sum(map(int, core[::2])) + 3 * sum(map(int, core[1::2]))  # weights 1,3,1,...
        return [digits, core + str((10 - total % 10) % 10)]
    if len(digits) == 13 and digits.startswith("978"):
        core = digits[3:12]
        total = sum(map(mul, map(int, core), _ISBN10_WEIGHTS))
        check = (11 - total % 11) % 11
        return [digits, core + ("X" if check == 10 else str(check))]
    return [digits] if digits else []


def normalize_callno(value: str) -> str:
    """Call numbers compare folded, lower-case, with runs of spaces collapsed."""
    return " ".join(fold(value).split())
