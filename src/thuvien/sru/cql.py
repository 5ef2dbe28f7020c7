"""CQL 1.2 onto the portal's query tree (``search.query``: Words, Phrase, Prefix, Bool).

The query is parsed by ``cql-parser`` (PyPI, a PLY grammar of CQL 1.2); this module only walks
its tree. Context sets: ``cql`` (serverChoice, allRecords ...), ``dc`` (title, creator,
subject, identifier, publisher, date) and ``bath`` (names, subjects, ISBN, ISSN ...), plus the
unprefixed names partners type (``title``, ``author`` ...). Relations ``=`` and ``all`` (every
word, adjacent words weigh more), ``any`` (one word at least), ``adj``/``==`` (a phrase);
``*`` at the end of a word truncates. The engine folds tone marks, so ``dc.title=lich su``
finds "Lịch sử" and marked words rank their own spelling first, as in the portal.
Everything else becomes an ``SruDiagnostic`` with the number the SRU list gives it.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass, field
from typing import Any

from cql.lexer import CQLLexer, CQLLexerError
from cql.parser import (
    CQLParser12,
    CQLParserError,
    CQLPrefixable,
    CQLQuery,
    CQLSearchClause,
    CQLTriple,
)
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thuvien.search.query import Bool, Node, Phrase, Prefix, Words

from .diagnostics import SruDiagnostic

# cql-parser logs every syntax error at ERROR level before raising; the diagnostic says it.
logging.getLogger("cql").setLevel(logging.CRITICAL)

MAX_QUERY = 1000  # characters
MAX_TERM = 500
MAX_BOOLEANS = 30

CONTEXT_SETS = {
    "cql": "info:srw/cql-context-set/1/cql-v1.2",
    "dc": "info:srw/cql-context-set/1/dc-v1.1",
    "bath": "http://zing.z3950.org/cql/bath/2.0/",
    # the network's own set: the library holding a copy
    "thuvien": "info:srw/cql-context-set/x/thuvien-v1",
}
# Other identifiers of the same sets that clients send in prefix assignments.
_SET_URIS = {
    **{uri: name for name, uri in CONTEXT_SETS.items()},
    "info:srw/cql-context-set/1/cql-v1.1": "cql",
    "info:srw/cql-context-set/1/dc-v1.0": "dc",
    "http://purl.org/dc/elements/1.1/": "dc",
}

ALL_RECORDS = "*all*"  # the field of cql.allRecords
IDENTIFIER = "*identifier*"  # ISBN or ISSN
# Answered by the search's scope and filters, not the query tree: only AND-ed at the top.
LIBRARY = "*library*"  # a library (by its code) holding a copy
LANGUAGE = "*language*"  # the language code of the record (008/35-37, 041)
FILTERS = (LIBRARY, LANGUAGE)


@dataclass(frozen=True)
class IndexInfo:
    context_set: str
    name: str
    field: str | None  # a ``search.query`` field; None: every field
    title: Any  # for the explain record (translated lazily)


INDEXES: list[IndexInfo] = [
    IndexInfo("cql", "serverChoice", None, gettext_lazy("Mọi trường")),
    IndexInfo("cql", "anywhere", None, gettext_lazy("Mọi trường")),
    IndexInfo("cql", "keywords", None, gettext_lazy("Từ khoá, mọi trường")),
    IndexInfo("cql", "allIndexes", None, gettext_lazy("Mọi chỉ mục")),
    IndexInfo("cql", "anyIndexes", None, gettext_lazy("Một chỉ mục bất kỳ")),
    IndexInfo("cql", "allRecords", ALL_RECORDS, gettext_lazy("Mọi biểu ghi")),
    IndexInfo("dc", "title", "title", gettext_lazy("Nhan đề")),
    IndexInfo("dc", "creator", "author", gettext_lazy("Tác giả")),
    IndexInfo("dc", "contributor", "author", gettext_lazy("Tác giả phụ")),
    IndexInfo("dc", "subject", "subject", gettext_lazy("Chủ đề")),
    IndexInfo("dc", "identifier", IDENTIFIER, gettext_lazy("ISBN hoặc ISSN")),
    IndexInfo("dc", "publisher", "publisher", gettext_lazy("Nhà xuất bản")),
    IndexInfo("dc", "date", "year", gettext_lazy("Năm xuất bản (cả khoảng năm: <, >, within)")),
    IndexInfo("dc", "language", LANGUAGE, gettext_lazy("Ngôn ngữ (mã, ví dụ vie)")),
    IndexInfo("bath", "keyTitle", "title", gettext_lazy("Nhan đề")),
    IndexInfo("bath", "uniformTitle", "title", gettext_lazy("Nhan đề thống nhất")),
    IndexInfo("bath", "name", "author", gettext_lazy("Tên tác giả")),
    IndexInfo("bath", "personalName", "author", gettext_lazy("Tên cá nhân")),
    IndexInfo("bath", "corporateName", "author", gettext_lazy("Tên tập thể")),
    IndexInfo("bath", "conferenceName", "author", gettext_lazy("Tên hội nghị")),
    IndexInfo("bath", "topicalSubject", "subject", gettext_lazy("Chủ đề")),
    IndexInfo("bath", "geographicName", "subject", gettext_lazy("Địa danh")),
    IndexInfo("bath", "genreForm", "subject", gettext_lazy("Thể loại")),
    IndexInfo("bath", "isbn", "isbn", gettext_lazy("ISBN")),
    IndexInfo("bath", "issn", "issn", gettext_lazy("ISSN")),
    IndexInfo("bath", "standardIdentifier", IDENTIFIER, gettext_lazy("ISBN hoặc ISSN")),
    IndexInfo("thuvien", "library", LIBRARY, gettext_lazy("Thư viện có bản (mã thư viện)")),
]
_BY_SET = {(i.context_set, i.name.lower()): i for i in INDEXES}
# Unprefixed names (the server's default set is ``cql``; these are what partners type).
_BARE = {
    "serverchoice": None, "anywhere": None, "any": None, "keywords": None, "text": None,
    "allindexes": None, "anyindexes": None, "allrecords": ALL_RECORDS,
    "title": "title", "creator": "author", "author": "author", "name": "author",
    "subject": "subject", "identifier": IDENTIFIER, "isbn": "isbn", "issn": "issn",
    "publisher": "publisher", "date": "year", "year": "year", "language": LANGUAGE,
    "library": LIBRARY,
}  # fmt: skip

_RELATIONS = {"=", "==", "all", "any", "adj", "exact", "scr"}
_ORDERED = {"<", ">", "<=", ">=", "<>", "within", "encloses"}
# Relation modifiers that only tune ranking or matching the engine already does its way.
_HARMLESS_MODIFIERS = {
    "relevant", "stem", "ignorecase", "ignoreaccents", "respectaccents", "word", "string",
    "fuzzy", "phonetic",
}  # fmt: skip
_MASK = re.compile(r"(?<!\\)(?:\\\\)*[*?]")


@dataclass
class Translated:
    query: Node | None  # None: every record (cql.allRecords)
    sort: str = "relevance"  # one of search.engine.SORTS
    library: str | None = None  # thuvien.library: the code of the library holding a copy
    languages: list[str] = field(default_factory=list)  # dc.language codes (AND-ed)
    sort_given: bool = False  # the query had a sortBy clause


_local = threading.local()


def _parser() -> CQLParser12:
    """One parser per thread (PLY keeps state in it); built once, in about 20 ms."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        lexer = CQLLexer()
        lexer.build()
        parser = CQLParser12()
        parser.build(lexer)
        _local.parser = parser
    return parser


def parse_cql(text: str) -> CQLQuery:
    if len(text) > MAX_QUERY:
        raise SruDiagnostic(10, text[:50], _("Câu truy vấn quá dài."))
    if not text.strip():
        raise SruDiagnostic(10, "", _("Câu truy vấn đang trống."))
    try:
        parsed = _parser().parse(text)
    except (CQLParserError, CQLLexerError) as exc:
        raise SruDiagnostic(10, str(exc)[:200]) from None
    except (IndexError, TypeError, ValueError, AttributeError, RecursionError) as exc:
        # a PLY state the grammar's own error handling does not cover
        _local.parser = None
        raise SruDiagnostic(10, type(exc).__name__) from None
    if parsed is None:
        raise SruDiagnostic(10, "")
    return parsed


def translate(text: str) -> Translated:
    """The query tree and sort order of a CQL query, or ``SruDiagnostic``."""
    parsed = parse_cql(text)
    walker = _Walker()
    node = walker.walk(parsed.root, {}, top=True)
    sort = _sort(parsed.root, {})
    query = None if node is _ALL else node
    if isinstance(query, _AllRecords):  # pragma: no cover - narrowed above
        query = None
    given = bool(getattr(parsed.root, "sortSpecs", None))
    return Translated(
        query, sort, library=walker.library, languages=walker.languages, sort_given=given
    )


class _AllRecords:
    pass


_ALL = _AllRecords()


def _prefixes(obj: object, env: dict[str, str]) -> dict[str, str]:
    """``env`` with the prefix assignments made on ``obj`` (``> dc = "uri"``)."""
    if not isinstance(obj, CQLPrefixable) or not obj.prefixes:
        return env
    env = dict(env)
    for assignment in obj.prefixes:
        name = _SET_URIS.get(str(assignment.uri).strip())
        if name is None:
            raise SruDiagnostic(15, str(assignment.uri))
        env[(assignment.prefix or "cql").lower()] = name
    return env


def resolve_index(name: str, env: dict[str, str] | None = None) -> str | None:
    """A CQL index name to a tree field (None: every field), or ``SruDiagnostic`` 15/16."""
    prefix, dot, base = name.partition(".")
    if not dot:
        key = name.lower()
        if key not in _BARE:
            raise SruDiagnostic(16, name)
        return _BARE[key]
    context = (env or {}).get(prefix.lower()) or (
        prefix.lower() if prefix.lower() in CONTEXT_SETS else None
    )
    if context is None:
        raise SruDiagnostic(15, prefix)
    info = _BY_SET.get((context, base.lower()))
    if info is None:
        raise SruDiagnostic(16, name)
    return info.field


class _Walker:
    def __init__(self) -> None:
        self.booleans = 0
        self.library: str | None = None
        self.languages: list[str] = []

    def walk(self, obj: object, env: dict[str, str], top: bool = False) -> Node | _AllRecords:
        """``top``: ``obj`` is AND-ed with the whole query (filters may stand there)."""
        env = _prefixes(obj, env)
        if isinstance(obj, CQLTriple):
            return self.triple(obj, env, top)
        if isinstance(obj, CQLSearchClause):
            return self.clause(obj, env, top)
        raise SruDiagnostic(10, type(obj).__name__)

    def clause(self, obj: CQLSearchClause, env: dict[str, str], top: bool) -> Node | _AllRecords:
        index = str(obj.index) if obj.index is not None else "cql.serverChoice"
        field = resolve_index(index, env)
        if field not in FILTERS:
            return clause(obj, env)
        if not top:
            raise SruDiagnostic(
                16, index, _("Chỉ mục này chỉ dùng được với AND ở ngoài cùng câu truy vấn.")
            )
        if _relation(obj) not in ("=", "==", "exact"):
            raise SruDiagnostic(19, str(obj.relation.comparitor))
        value = (obj.term or "").strip()
        if not value or any(c in value for c in "*?^"):
            raise SruDiagnostic(27 if not value else 28, index)
        if field == LIBRARY:
            if self.library not in (None, value):
                raise SruDiagnostic(16, index, _("Chỉ chọn được một thư viện."))
            self.library = value
        else:
            self.languages.append(value.lower()[:8])
        return _ALL

    def triple(self, obj: CQLTriple, env: dict[str, str], top: bool) -> Node | _AllRecords:
        self.booleans += 1
        if self.booleans > MAX_BOOLEANS:
            raise SruDiagnostic(38, str(MAX_BOOLEANS))
        op = str(obj.operator.value).lower()
        if op == "prox":
            return self.prox(obj, env)
        if op not in ("and", "or", "not"):
            raise SruDiagnostic(37, op)
        if obj.operator.modifiers:
            raise SruDiagnostic(46, str(obj.operator.modifiers[0].name))
        left = self.walk(obj.left, env, top and op in ("and", "not"))
        right = self.walk(obj.right, env, top and op == "and")
        if op == "and":
            if left is _ALL:
                return right
            if right is _ALL:
                return left
            return Bool(must=[*_musts(left), *_musts(right)])
        if op == "or":
            if left is _ALL or right is _ALL:
                return _ALL
            return Bool(should=[*_shoulds(left), *_shoulds(right)])
        if right is _ALL:  # x NOT everything: nothing
            raise SruDiagnostic(10, "not cql.allRecords", _("Phép NOT với mọi biểu ghi luôn rỗng."))
        if left is _ALL:
            return Bool(must_not=[right])
        if isinstance(left, Bool) and not left.should:
            return Bool(must=list(left.must), must_not=[*left.must_not, right])
        return Bool(must=[left], must_not=[right])

    def prox(self, obj: CQLTriple, env: dict[str, str]) -> Node:
        """``a prox/unit=word/distance<=N[/ordered] b``: the words of ``a`` then those of
        ``b`` (or either way round, unordered: the default) with at most N-1 words between
        them, as a phrase with slop. Both sides must be plain word searches of one index."""
        distance, ordered = 1, False
        for modifier in obj.operator.modifiers or ():
            name = str(modifier.name).lower()
            name = name[5:] if name.startswith("prox.") else name
            comparison, value = modifier.comparitor, modifier.value
            if name == "unit":
                if str(value).lower() != "word":
                    raise SruDiagnostic(42, str(value))
            elif name == "distance":
                try:
                    number = int(str(value))
                except ValueError:
                    raise SruDiagnostic(41, str(value)) from None
                if comparison == "<" and number >= 2:
                    distance = number - 1
                elif comparison in ("<=", "=") and number >= 1 and (
                    comparison == "<=" or number == 1
                ):
                    distance = number
                else:
                    raise SruDiagnostic(40 if comparison not in ("<", "<=", "=") else 41,
                                        f"{comparison}{value}")  # fmt: skip
                if distance > 20:
                    raise SruDiagnostic(41, str(value))
            elif name in ("ordered", "unordered"):
                ordered = name == "ordered"
            else:
                raise SruDiagnostic(46, str(modifier.name))
        left = self.walk(obj.left, env)
        right = self.walk(obj.right, env)
        sides = []
        for side in (left, right):
            if isinstance(side, Words) and side.field not in _NOT_TEXT:
                sides.append((" ".join(side.words), side.field))
            elif isinstance(side, Phrase) and side.field not in _NOT_TEXT and not side.slop:
                sides.append((side.text, side.field))
            else:
                raise SruDiagnostic(39, "prox", _("Phép prox chỉ nối hai từ hoặc cụm từ."))
        if sides[0][1] != sides[1][1]:
            raise SruDiagnostic(39, "prox", _("Phép prox chỉ nối hai từ trong cùng một chỉ mục."))
        (a, fld), (b, _f) = sides
        slop = distance - 1
        forward = Phrase(f"{a} {b}", fld, slop)
        if ordered:
            return forward
        return Bool(should=[forward, Phrase(f"{b} {a}", fld, slop)])


_NOT_TEXT = ("year", "isbn", "issn", IDENTIFIER)


def _musts(node: Node) -> list[Node]:
    if isinstance(node, Bool) and not node.should and not node.must_not:
        return list(node.must)
    return [node]


def _shoulds(node: Node) -> list[Node]:
    if isinstance(node, Bool) and node.should and not node.must and not node.must_not:
        return list(node.should)
    return [node]


def _relation(obj: CQLSearchClause) -> str:
    if obj.relation is None:
        return "="
    rel = str(obj.relation.comparitor).lower()
    if rel.startswith("cql."):
        rel = rel[4:]
    if rel not in _RELATIONS and rel not in _ORDERED:
        raise SruDiagnostic(19, str(obj.relation.comparitor))
    for modifier in obj.relation.modifiers or ():
        name = str(modifier.name).lower()
        name = name[4:] if name.startswith("cql.") else name
        if name not in _HARMLESS_MODIFIERS:
            raise SruDiagnostic(20, str(modifier.name))
    return rel


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _words(term: str) -> list[tuple[str, bool]]:
    """(word, truncated) of each word; a mask anywhere but at a word's end is refused."""
    out: list[tuple[str, bool]] = []
    for raw in term.split():
        truncated = False
        if raw.endswith("*") and not raw.endswith("\\*"):
            raw = raw.rstrip("*")
            truncated = True
        if _MASK.search(raw):
            raise SruDiagnostic(28, raw)
        word = _unescape(raw)
        if truncated and len(word) < 2:
            raise SruDiagnostic(29, word + "*")
        if word or truncated:
            out.append((word, truncated))
    return out


def clause(obj: CQLSearchClause, env: dict[str, str]) -> Node | _AllRecords:
    index = str(obj.index) if obj.index is not None else "cql.serverChoice"
    field = resolve_index(index, env)
    relation = _relation(obj)
    if field == ALL_RECORDS:
        return _ALL
    term = obj.term or ""
    if len(term) > MAX_TERM:
        raise SruDiagnostic(23, term[:50])
    term = term.strip()
    # anchoring (^ at either end) is what an exact match already means here
    if term.startswith("^"):
        term = term[1:]
    if term.endswith("^") and not term.endswith("\\^"):
        term = term[:-1]
    if re.search(r"(?<!\\)\^", term):
        raise SruDiagnostic(28, term, _("Dấu ^ chỉ được đứng ở đầu hoặc cuối từ tìm kiếm."))
    if not term.strip():
        raise SruDiagnostic(27, index)
    if field in ("isbn", "issn", IDENTIFIER):
        term = re.sub(r"\s+", "", term)
    words = _words(term)
    if not words:
        raise SruDiagnostic(27, index)
    if relation in _ORDERED:
        return _year_range(index, field, relation, term)
    if field == IDENTIFIER:
        return Bool(should=[_build(words, relation, "isbn"), _build(words, relation, "issn")])
    return _build(words, relation, field)


def _year_range(index: str, field: str | None, relation: str, term: str) -> Node:
    """``dc.date >= 1990``, ``< 2000``, ``within "1990 2000"``: a range of years (the engine
    reads ``low-high`` with either end open)."""
    if field != "year" or relation in ("<>", "encloses"):
        raise SruDiagnostic(19, relation, _("Chỉ so sánh lớn hơn, nhỏ hơn với năm xuất bản."))
    numbers = term.split()
    if not all(n.isdigit() and len(n) <= 4 for n in numbers) or not numbers:
        raise SruDiagnostic(36, term, _("Năm xuất bản phải là số, ví dụ 1990."))
    if relation == "within":
        if len(numbers) != 2:
            raise SruDiagnostic(36, term, _("Khoảng năm viết dạng \"1990 2000\"."))
        low, high = sorted(int(n) for n in numbers)
        return Words([f"{low}-{high}"], "year")
    if len(numbers) != 1:
        raise SruDiagnostic(36, term)
    year = int(numbers[0])
    bounds = {"<": f"-{year - 1}", "<=": f"-{year}", ">": f"{year + 1}-", ">=": f"{year}-"}
    return Words([bounds[relation]], "year")


def _build(words: list[tuple[str, bool]], relation: str, field: str | None) -> Node:
    if field == "year" and any(truncated for _w, truncated in words):
        raise SruDiagnostic(28, "*", _("Không dùng dấu * với năm xuất bản."))
    if relation in ("adj", "==", "exact"):
        if any(truncated for _w, truncated in words):
            raise SruDiagnostic(28, relation, _("Không dùng dấu * trong một cụm từ chính xác."))
        return Phrase(" ".join(w for w, _t in words), field)
    parts: list[Node] = []
    if relation == "any":
        parts = [Prefix(w, field) if t else Words([w], field) for w, t in words]
        return parts[0] if len(parts) == 1 else Bool(should=parts)
    plain = [w for w, t in words if not t]
    if plain:
        parts.append(Words(plain, field))
    parts += [Prefix(w, field) for w, t in words if t]
    return parts[0] if len(parts) == 1 else Bool(must=parts)


# sort keys: CQL index -> (ascending sort, descending sort); None where it is not offered
_SORT_KEYS = {
    "title": ("title", None),
    "author": ("author", None),
    "year": ("oldest", "newest"),
    None: ("relevance", "relevance"),
}


def sort_from_keys(text: str) -> str:
    """SRU 1.1/1.2's ``sortKeys`` parameter (``path,schema,ascending,caseSensitive,missing``,
    keys apart by spaces), the path being an index name (``dc.title``, ``dc.date``, ``title``):
    the same orders as CQL's ``sortBy``."""
    keys = text.split()
    if len(keys) > 1:
        raise SruDiagnostic(80, keys[1], _("Chỉ hỗ trợ một khoá sắp xếp."))
    parts = keys[0].split(",")
    name = parts[0].strip()
    if not name:
        raise SruDiagnostic(80, keys[0])
    if len(parts) > 2 and parts[2].strip() not in ("", "0", "1"):
        raise SruDiagnostic(80, keys[0])
    descending = len(parts) > 2 and parts[2].strip() == "0"
    if len(parts) > 1 and parts[1].strip() and parts[1].strip().lower() not in (
        "marcxml", "dc", "info:srw/schema/1/marcxml-v1.1", "info:srw/schema/1/dc-v1.1",
    ):  # fmt: skip
        raise SruDiagnostic(86, parts[1])
    if name.lower() in ("cql.relevance", "rec.relevance", "relevance", "score"):
        return "relevance"
    try:
        field_name = resolve_index(name, {})
    except SruDiagnostic:
        raise SruDiagnostic(80, name) from None
    if field_name not in _SORT_KEYS:
        raise SruDiagnostic(80, name)
    ascending_key, descending_key = _SORT_KEYS[field_name]
    if descending:
        if descending_key is None:
            raise SruDiagnostic(82, f"{name},,0")
        return descending_key
    return ascending_key


def _sort(root: object, env: dict[str, str]) -> str:
    specs = list(getattr(root, "sortSpecs", None) or [])
    if not specs:
        return "relevance"
    if len(specs) > 1:
        raise SruDiagnostic(80, str(specs[1].index), _("Chỉ hỗ trợ một khoá sắp xếp."))
    spec = specs[0]
    name = str(spec.index)
    if name.lower() in ("cql.relevance", "rec.relevance", "relevance", "score"):
        field = None
    else:
        field = resolve_index(name, _prefixes(root, env))
    if field not in _SORT_KEYS:
        raise SruDiagnostic(80, name)
    descending = False
    for modifier in spec.modifiers or ():
        mod = str(modifier.name).lower()
        mod = mod[5:] if mod.startswith("sort.") else mod
        if mod == "descending":
            descending = True
        elif mod == "ascending":
            descending = False
        elif mod not in ("ignorecase", "respectcase", "missinglow", "missinghigh", "missingomit"):
            raise SruDiagnostic(80, str(modifier.name))
    ascending_key, descending_key = _SORT_KEYS[field]
    if descending:
        if descending_key is None:
            raise SruDiagnostic(82, f"{name}/sort.descending")
        return descending_key
    return ascending_key
