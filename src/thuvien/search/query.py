"""The reader's query language, parsed into a small tree the engine compiles.

Plain words are ANDed; ``"..."`` is a phrase; ``field:word`` or ``field:(...)`` limits to a field;
``AND OR NOT`` (or ``VÀ HOẶC KHÔNG``, upper case only so that the word "không" in a title stays
a word), ``-word`` excludes, ``(...)`` groups, ``lich*`` truncates. Anything that cannot be read
raises ``SearchQueryError`` with a Vietnamese message; the portal shows it, never a 500.
The tree knows nothing of tantivy, so another backend can compile the same tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from thuvien.core.text import strip_invisible

from .errors import SearchErrorCode, SearchQueryError

FIELDS: dict[str, str] = {}
for _canonical, _aliases in {
    "title": ["title", "ti", "nhande", "nhan_de", "nhan-de"],
    "author": ["author", "au", "tacgia", "tac_gia", "tac-gia"],
    "subject": ["subject", "su", "chude", "chu_de", "chu-de"],
    "isbn": ["isbn"],
    "issn": ["issn"],
    "publisher": ["publisher", "pb", "nxb"],
    "series": ["series", "se", "tungthu", "tung_thu"],
    "callno": ["callno", "cn", "kyhieu", "ky_hieu"],
    "ddc": ["ddc"],
    "year": ["year"],
}.items():
    for _alias in _aliases:
        FIELDS[_alias] = _canonical

AND_WORDS = {"AND", "VÀ", "&&"}
OR_WORDS = {"OR", "HOẶC", "||"}
NOT_WORDS = {"NOT", "KHÔNG"}


@dataclass
class Words:
    """Adjacent plain words (their order matters for syllable pairs)."""

    words: list[str]
    field: str | None = None


@dataclass
class Prefix:
    stem: str
    field: str | None = None


@dataclass
class Phrase:
    text: str
    field: str | None = None
    slop: int = 0  # words allowed between the phrase's words, in order (SRU's ``prox``)


@dataclass
class Bool:
    """``must`` all match, at least one of ``should`` (when no must), none of ``must_not``."""

    must: list[Node] = field(default_factory=list)
    should: list[Node] = field(default_factory=list)
    must_not: list[Node] = field(default_factory=list)


Node = Words | Prefix | Phrase | Bool


@dataclass
class Fallback:
    """Only at the root: run ``first``; when it finds nothing, run ``then`` instead.

    A bare ISBN or ISSN typed in the search box is looked up as one (``isbn:``), whatever its
    hyphens; if no record carries it, its words are searched as usual (VuFind and Koha do the
    same). ``SearchBackend.search`` unwraps it, so a backend only compiles ``Node`` trees.
    """

    first: Node
    then: Node | None = None


Query = Node | Fallback

_LEX = re.compile(r'\s*(?:(?P<quote>"[^"]*"?)|(?P<paren>[()])|(?P<word>[^\s()"]+))')


def _lex(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.replace("“", '"').replace("”", '"')
    while pos < len(text):
        m = _LEX.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        if m.group("quote") is not None:
            q = m.group("quote")
            if len(q) < 2 or not q.endswith('"'):
                raise SearchQueryError(
                    SearchErrorCode.UNBALANCED_QUOTE, _("Thiếu dấu ngoặc kép đóng cụm từ.")
                )
            out.append(("phrase", q[1:-1]))
        elif m.group("paren") is not None:
            out.append((m.group("paren"), m.group("paren")))
        else:
            out.append(("word", m.group("word")))
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], *, vietnamese_ops: bool = True) -> None:
        self.toks = tokens
        self.i = 0
        self.vietnamese_ops = vietnamese_ops

    def peek(self) -> tuple[str, str] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> tuple[str, str]:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def is_op(self, words: set[str]) -> bool:
        tok = self.peek()
        if tok is None or tok[0] != "word" or tok[1] not in words:
            return False
        return self.vietnamese_ops or tok[1].isascii()

    def parse_or(self, field: str | None) -> Node:
        if self.is_op(OR_WORDS) and self.i + 1 < len(self.toks):
            raise _missing_operand()  # "OR lich"
        parts = [self.parse_and(field)]
        while self.is_op(OR_WORDS):
            self.take()
            if self.peek() is None or self.peek()[0] == ")" or self.is_op(OR_WORDS | AND_WORDS):
                raise _missing_operand()  # "a OR", "(a OR)", "a OR OR b", "a OR AND b"
            parts.append(self.parse_and(field))
        return parts[0] if len(parts) == 1 else Bool(should=parts)

    def parse_and(self, field: str | None) -> Node:
        node = Bool()
        pending: list[str] = []

        def flush() -> None:
            if pending:
                node.must.append(Words(list(pending), field))
                pending.clear()

        while True:
            tok = self.peek()
            if tok is None or tok[0] == ")" or self.is_op(OR_WORDS):
                break
            if self.is_op(AND_WORDS):
                self.take()
                flush()
                nxt = self.peek()
                if nxt is None or nxt[0] == ")" or self.is_op(OR_WORDS | AND_WORDS):
                    raise _missing_operand()
                continue
            negate = False
            if self.is_op(NOT_WORDS):
                self.take()
                negate = True
                nxt = self.peek()
                if nxt is None or nxt[0] == ")" or self.is_op(OR_WORDS | AND_WORDS | NOT_WORDS):
                    raise _missing_operand()
            tok = self.peek()
            if tok[0] == "word" and tok[1].startswith("-") and len(tok[1]) > 1:
                self.toks[self.i] = ("word", tok[1][1:])
                negate = True
            elif tok[0] == "word" and tok[1].startswith("+") and len(tok[1]) > 1:
                self.toks[self.i] = ("word", tok[1][1:])
            plain = self.parse_unary(field)
            if isinstance(plain, str) and not negate:
                pending.append(plain)
                continue
            flush()
            if isinstance(plain, str):
                plain = Words([plain], field)
            if plain is None:
                continue
            (node.must_not if negate else node.must).append(plain)
        flush()
        if not node.must and not node.must_not:
            raise SearchQueryError(SearchErrorCode.EMPTY, _("Hãy nhập từ cần tìm."))
        if len(node.must) == 1 and not node.must_not:
            return node.must[0]
        return node

    def parse_unary(self, field: str | None) -> Node | str | None:
        kind, value = self.take()
        if kind == "(":
            if self.peek() is not None and self.peek()[0] == ")":
                raise SearchQueryError(SearchErrorCode.EMPTY_GROUP, _("Cặp ngoặc đơn đang trống."))
            inner = self.parse_or(field)
            if self.peek() is None or self.peek()[0] != ")":
                raise SearchQueryError(
                    SearchErrorCode.UNBALANCED_PAREN, _("Thiếu dấu ngoặc đơn đóng.")
                )
            self.take()
            return inner
        if kind == ")":
            raise SearchQueryError(SearchErrorCode.UNBALANCED_PAREN, _("Thừa dấu ngoặc đơn đóng."))
        if kind == "phrase":
            return Phrase(value, field) if value.strip() else None
        name, sep, rest = value.partition(":")
        nxt = self.peek()
        if (
            sep
            and name.lower() in FIELDS
            and field is None
            and (rest or nxt is None or nxt[0] in ("(", "phrase"))
        ):
            fname = FIELDS[name.lower()]
            if rest:
                self.toks[self.i - 1] = ("word", rest)
                self.i -= 1
            nxt = self.peek()
            if nxt is None or nxt[0] == ")":
                raise SearchQueryError(
                    SearchErrorCode.MISSING_OPERAND,
                    _("Sau tên trường “%(field)s:” cần có từ cần tìm.") % {"field": name},
                )
            inner = self.parse_unary(fname)
            return Words([inner], fname) if isinstance(inner, str) else inner
        if value.endswith("*"):
            stem = value.rstrip("*")
            if len(stem) < 2:
                raise SearchQueryError(
                    SearchErrorCode.SHORT_PREFIX,
                    _("Cần ít nhất hai ký tự trước dấu * khi tìm theo phần đầu của từ."),
                )
            return Prefix(stem, field)
        return value


def _missing_operand() -> SearchQueryError:
    return SearchQueryError(
        SearchErrorCode.MISSING_OPERAND,
        _("Toán tử AND, OR, NOT (VÀ, HOẶC, KHÔNG) cần có từ cần tìm ở cả hai phía."),
    )


# A bare identifier: digits with hyphens, spaces or the dashes of a copied web page between
# them, a final X, optionally after "ISBN" or "ISSN".
_IDENTIFIER = re.compile(
    r"(?:(?P<kind>ISBN|ISSN)(?:-1[03])?\s*:?\s*)?(?P<code>\d(?:[\d\s\-‐‑‒–—]*[\dXx])?)",
    re.IGNORECASE,
)
_IDENTIFIER_SEPARATORS = re.compile(r"[\s\-‐‑‒–—]+")


def identifier(text: str) -> Words | None:
    """The ``isbn:`` or ``issn:`` query of a search that is only an ISBN or ISSN, else None.

    An ISBN is known by its shape, not its check digit (catalogues hold ISBNs printed with a
    wrong one): 13 digits from 978 or 979, or 9 digits and a digit or X. An ISSN is 7 digits
    and a digit or X whose check digit is right, so that a range of years ("1990-2000") stays
    words. Hyphens and spaces anywhere ("978-604-1-23456-7", "0 19 852663 6", "0317-8471").
    Whatever is taken for one is still searched as words when no record carries it.
    """
    m = _IDENTIFIER.fullmatch(text.strip())
    if m is None:
        return None
    code = _IDENTIFIER_SEPARATORS.sub("", m.group("code")).upper()
    kind = (m.group("kind") or "").lower()
    if not code[:-1].isdigit():
        return None
    if len(code) == 13 and code[:3] in ("978", "979") and code.isdigit() and kind != "issn":
        return Words([code], "isbn")
    if len(code) == 10 and kind != "issn":
        return Words([code], "isbn")
    if len(code) == 8 and kind != "isbn" and _issn_check(code[:7]) == code[7]:
        return Words([code], "issn")
    return None


def _issn_check(digits: str) -> str:
    remainder = sum(int(d) * w for d, w in zip(digits, range(8, 1, -1), strict=True)) % 11
    check = (11 - remainder) % 11
    return "X" if check == 10 else str(check)


def parse_query(text: str) -> Query | None:
    """Parse ``text``; ``None`` for an empty query (browse everything).

    A bare ISBN or ISSN becomes a ``Fallback``: the identifier, then its words. Characters
    no one can see (a zero-width space pasted with a title) are dropped first: they would
    split a word the catalogue stores whole ("Truyện" with one inside must still find it).
    """
    text = strip_invisible(text or "").strip()
    if not text:
        return None
    if len(text) > 500:
        raise SearchQueryError(SearchErrorCode.TOO_LONG, _("Câu tìm kiếm quá dài."))
    found = identifier(text)
    if found is not None:
        return Fallback(found, _parse(text))
    return _parse(text)


def _parse(text: str) -> Node | None:
    # A title typed in capitals ("KHÔNG GIA ĐÌNH") is words, not Vietnamese operators.
    all_caps = text.upper() == text and any(c.isalpha() for c in text)
    parser = _Parser(_lex(text), vietnamese_ops=not all_caps)
    if not parser.toks:
        return None
    node = parser.parse_or(None)
    if parser.peek() is not None:
        raise SearchQueryError(SearchErrorCode.UNBALANCED_PAREN, _("Thừa dấu ngoặc đơn đóng."))
    return node


def plain_words(node: Query | None) -> list[str]:
    """The plain unfielded words of a simple query (used by "did you mean")."""
    if isinstance(node, Words) and node.field is None:
        return node.words
    if isinstance(node, Bool) and not node.should and not node.must_not:
        out: list[str] = []
        for child in node.must:
            if not (isinstance(child, Words) and child.field is None):
                return []
            out.extend(child.words)
        return out
    return []
