"""Proposing a call number: the DDC class plus a Cutter-style author mark and a work mark.

The author mark follows the Library of Congress Cutter table (the letter, then digits for the
following letters), applied to the folded entry word. For a Vietnamese personal name written in
natural order ("Nguyễn Nhật Ánh") the entry word is the given name, the last syllable ("Ánh"),
as Vietnamese libraries file Vietnamese authors; an inverted name ("Smith, John") files under
the surname. Without an author the title gives the mark. The work mark is the first letter of
the title (after the non-filing characters).
"""

from __future__ import annotations

import re

from thuvien.core.text import fold

_VOWELS = "aeiou"
_AFTER_VOWEL = [
    ("b", 2),
    ("d", 3),
    ("l", 4),
    ("m", 4),
    ("n", 5),
    ("p", 6),
    ("r", 7),
    ("s", 8),
    ("t", 8),
    ("u", 9),
    ("y", 9),
]
_AFTER_S = [
    ("a", 2),
    ("ch", 3),
    ("e", 4),
    ("h", 5),
    ("i", 5),
    ("m", 6),
    ("n", 6),
    ("o", 6),
    ("p", 6),
    ("t", 7),
    ("u", 8),
    ("w", 9),
    ("x", 9),
    ("y", 9),
    ("z", 9),
]
_AFTER_QU = [("a", 3), ("e", 4), ("i", 5), ("o", 6), ("r", 7), ("t", 8), ("y", 9)]
_AFTER_CONS = [("a", 3), ("e", 4), ("i", 5), ("o", 6), ("r", 7), ("u", 8), ("y", 9)]
_EXPANSION = [("a", 3), ("e", 4), ("i", 5), ("m", 6), ("p", 7), ("t", 8), ("w", 9)]
_LETTERS = re.compile(r"[^a-z]")


def _digit(table: list[tuple[str, int]], text: str) -> int | None:
    """The digit of the last table entry that ``text`` sorts at or after."""
    found = None
    for start, digit in table:
        if text[: len(start)] >= start:
            found = digit
    return found


def cutter(word: str, *, length: int = 2) -> str:
    """LC-style Cutter number of ``word`` (``"Smith"`` -> ``"S65"``, ``"Ánh"`` -> ``"A5"``)."""
    text = _LETTERS.sub("", fold(word))
    if not text:
        return ""
    out = text[0].upper()
    if text[0] in _VOWELS:
        rest, table = text[1:], _AFTER_VOWEL
    elif text[0] == "s":
        rest, table = text[1:], _AFTER_S
    elif text.startswith("qu"):
        out, rest, table = "Q", text[2:], _AFTER_QU
    else:
        rest, table = text[1:], _AFTER_CONS
    digits = ""
    if rest:
        d = _digit(table, rest)
        digits += str(d if d is not None else 2)
        rest = rest[2:] if table is _AFTER_S and rest.startswith("ch") else rest[1:]
    while rest and len(digits) < length:
        d = _digit(_EXPANSION, rest)
        digits += str(d if d is not None else 2)
        rest = rest[1:]
    return out + digits


def entry_word(author: str) -> str:
    """The filing word of an author heading (see the module docstring)."""
    author = author.strip()
    if not author:
        return ""
    if "," in author:
        return author.split(",", 1)[0].strip()
    words = author.split()
    return words[-1] if len(words) > 1 and not author.isascii() else words[0]


def _first_letter(title: str) -> str:
    text = _LETTERS.sub("", fold(title))
    return text[:1]


def propose_call_number(
    *, ddc: str, authors: list[str] | None, title: str, nonfiling: int = 0
) -> str:
    """``"895.9223 A5t"``-style call number for a record's DDC, first author and title."""
    klass = (ddc or "").replace("/", "").replace("'", "").strip().split(" ")[0]
    title = title[nonfiling:] if 0 < nonfiling < len(title) else title
    word = entry_word(authors[0]) if authors else ""
    mark = cutter(word) if word else cutter(title.split(" ")[0] if title else "")
    work = _first_letter(title) if word else ""
    parts = [p for p in (klass, f"{mark}{work}") if p]
    return " ".join(parts)[:100]
