"""CQL onto the portal's query tree: what each index, relation and boolean becomes, the
diagnostics for what is refused, and a bounded fuzz that nothing else ever escapes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thuvien.search.query import Bool, Phrase, Prefix, Words
from thuvien.sru.cql import translate
from thuvien.sru.diagnostics import SruDiagnostic


@pytest.mark.parametrize(
    "cql, tree",
    [
        ("lịch", Words(["lịch"], None)),
        ('"lịch sử"', Words(["lịch", "sử"], None)),
        ('dc.title = "lich su"', Words(["lich", "su"], "title")),
        ('title all "lịch sử"', Words(["lịch", "sử"], "title")),
        ('dc.title adj "lịch sử"', Phrase("lịch sử", "title")),
        ('dc.title == "lịch sử"', Phrase("lịch sử", "title")),
        (
            'dc.creator any "Đức Mai"',
            Bool(should=[Words(["Đức"], "author"), Words(["Mai"], "author")]),
        ),
        ("bath.personalName = Nguyễn", Words(["Nguyễn"], "author")),
        ("dc.subject = lịch*", Prefix("lịch", "subject")),
        ("bath.isbn = 978-604-109-511-3", Words(["978-604-109-511-3"], "isbn")),
        ('bath.issn = "0317 8471"', Words(["03178471"], "issn")),
        ("dc.date = 2020", Words(["2020"], "year")),
        ('cql.serverChoice =/relevant "ca dao"', Words(["ca", "dao"], None)),
        ('"^lịch sử^"', Words(["lịch", "sử"], None)),
        ('> d = "info:srw/cql-context-set/1/dc-v1.1" d.title = x', Words(["x"], "title")),
        ("a and b", Bool(must=[Words(["a"]), Words(["b"])])),
        ("a or b", Bool(should=[Words(["a"]), Words(["b"])])),
        ("a not b", Bool(must=[Words(["a"])], must_not=[Words(["b"])])),
        (
            "dc.title=a and (b or c) not d",
            Bool(
                must=[Words(["a"], "title"), Bool(should=[Words(["b"]), Words(["c"])])],
                must_not=[Words(["d"])],
            ),
        ),
        ("cql.allRecords = 1", None),
        ("cql.allRecords = 1 and a", Words(["a"])),
        ("cql.allRecords = 1 not a", Bool(must_not=[Words(["a"])])),
        (
            'dc.identifier = "9786041095113"',
            Bool(should=[Words(["9786041095113"], "isbn"), Words(["9786041095113"], "issn")]),
        ),
    ],
)
def test_translation(cql, tree):
    assert translate(cql).query == tree


@pytest.mark.parametrize(
    "cql, sort",
    [
        ("a", "relevance"),
        ("a sortBy dc.title", "title"),
        ("a sortBy dc.creator/sort.ascending", "author"),
        ("a sortBy dc.date/sort.descending", "newest"),
        ("a sortBy dc.date", "oldest"),
    ],
)
def test_sort_by(cql, sort):
    assert translate(cql).sort == sort


@pytest.mark.parametrize(
    "cql, number",
    [
        ("", 10),
        ("lịch sử", 10),  # two words need quotes in CQL
        ("a and", 10),
        ("((a)", 10),
        ("dc.title=a prox dc.creator=b", 39),  # prox within one index only
        ("a prox/unit=paragraph b", 42),
        ("dc.foo = x", 16),
        ("nothere = x", 16),
        ("foo.title = x", 15),
        ('> x = "info:unknown" x.title = a', 15),
        ("dc.title < x", 19),
        ("dc.title within x", 19),
        ("dc.title =/fancy x", 20),
        ("a and/rel.combine=sum b", 46),
        ('dc.title = ""', 27),
        ("x*", 29),
        ("a?b", 28),
        ("*ab", 28),
        ('dc.title adj "lịch sử*"', 28),
        ("dc.date = 20*", 28),
        ("a sortBy dc.title/sort.descending", 82),
        ("a sortBy dc.subject", 80),
        ("a sortBy dc.title dc.creator", 80),
        ("a" + " and a" * 40, 38),
        ("x" * 1001, 10),
        ('"' + "x" * 501 + '"', 23),
    ],
)
def test_diagnostics(cql, number):
    with pytest.raises(SruDiagnostic) as caught:
        translate(cql)
    assert caught.value.number == number
    assert caught.value.uri == f"info:srw/diagnostic/1/{number}"


def _nodes_ok(node) -> bool:
    if isinstance(node, Words):
        return bool(node.words) and all(isinstance(w, str) and w for w in node.words)
    if isinstance(node, Phrase):
        return bool(node.text.strip())
    if isinstance(node, Prefix):
        return len(node.stem) >= 2
    if isinstance(node, Bool):
        children = node.must + node.should + node.must_not
        return bool(children) and all(_nodes_ok(c) for c in children)
    return False


INDEXES = st.sampled_from(
    ["", "dc.title", "title", "dc.creator", "bath.isbn", "dc.subject", "cql.serverChoice",
     "dc.nope", "x.title", "dc.date", "cql.allRecords"]
)  # fmt: skip
RELATIONS = st.sampled_from(["=", "==", "all", "any", "adj", "<", "=/relevant", "exact"])
WORDS = st.text(
    alphabet=st.sampled_from(list("aăâbdđeêioôơuưyLịchsửHưngYênNguyễn0123456789*?^\\ -")),
    min_size=0,
    max_size=12,
)


@st.composite
def clauses(draw) -> str:
    index = draw(INDEXES)
    term = draw(WORDS).replace('"', "")
    quoted = '"' + term + '"'
    if not index:
        return quoted
    return f"{index} {draw(RELATIONS)} {quoted}"


@st.composite
def queries(draw, depth: int = 0) -> str:
    if depth > 2 or draw(st.booleans()):
        return draw(clauses())
    op = draw(st.sampled_from(["and", "or", "not", "prox", "AND"]))
    left = draw(queries(depth + 1))
    right = draw(queries(depth + 1))
    return f"({left}) {op} ({right})"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(queries())
def test_fuzz_grammar_queries_give_a_tree_or_a_diagnostic(cql):
    try:
        result = translate(cql)
    except SruDiagnostic as diag:
        assert 1 <= diag.number <= 121 and diag.message
        return
    assert result.query is None or _nodes_ok(result.query)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80))
def test_fuzz_any_text_gives_a_tree_or_a_diagnostic(text):
    try:
        result = translate(text)
    except SruDiagnostic:
        return
    assert result.query is None or _nodes_ok(result.query)
