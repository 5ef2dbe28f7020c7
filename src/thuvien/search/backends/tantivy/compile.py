"""Compile a ``search.query`` tree (and the facet filters) into tantivy queries.

Each query syllable must match the folded field (or an English/French stem); it scores more on
the title than elsewhere, and more again on the accented field when the reader typed marks.
Adjacent syllables add a boost when they also stand together in the record (the pair fields),
so a word beats its syllables scattered over the title.
"""

from __future__ import annotations

import re
from typing import Any

import tantivy
from django.utils.translation import gettext as _

from thuvien.search import analysis as va
from thuvien.search.engine import SearchRequest
from thuvien.search.errors import SearchErrorCode, SearchQueryError
from thuvien.search.query import Bool, Node, Phrase, Prefix, Words

from .schema import STEMMERS, facet_hash

Q = tantivy.Query
Occ = tantivy.Occur

# field -> (folded text field, accented text field or None, folded pair field, accented pairs)
TEXT_FIELDS: dict[str | None, tuple[str, str | None, str | None, str | None]] = {
    None: ("all_fold", "all_acc", "all_bi", None),
    "title": ("title_fold", "title_acc", "title_bi", "title_bia"),
    # a marked pair in all_bi can only be an author's (the other pairs there are folded)
    "author": ("author_fold", "author_acc", None, "all_bi"),
    "subject": ("subject_fold", "subject_acc", None, None),
    "publisher": ("publisher_fold", None, None, None),
    "series": ("series_fold", None, None, None),
}
_SPECIAL_FIELDS = frozenset(("isbn", "issn", "callno", "ddc", "year"))
_REGEX_SPECIAL = set('\\.+*?()|[]{}^$#&-~"')


def _escape(text: str) -> str:
    return "".join("\\" + c if c in _REGEX_SPECIAL else c for c in text)


def _stem(analyzer_name: str, token: str) -> str | None:
    out = STEMMERS[analyzer_name].analyze(token)
    return out[0] if out else None


def _boost(q: tantivy.Query, boost: float) -> tantivy.Query:
    return q if boost == 1.0 else Q.boost_query(q, boost)


def _term(schema: tantivy.Schema, name: str, value: Any, boost: float = 1.0) -> tantivy.Query:
    return _boost(Q.term_query(schema, name, value), boost)


def _bool(clauses: list[tuple[Any, tantivy.Query]]) -> tantivy.Query:
    return (
        clauses[0][1]
        if len(clauses) == 1 and clauses[0][0] == Occ.Must
        else (Q.boolean_query(clauses))
    )


def _token_query(
    schema: tantivy.Schema, token: str, field: str | None, *, exact: bool = False
) -> tuple[list[tantivy.Query], list[tantivy.Query]]:
    """(terms one of which a record must hold for this token, what scores it higher).

    The requirement is one term wherever possible: an intersection of plain term lists is
    fast (skip lists), a union per token is several times slower on a million records. The
    folded catalogue-wide field holds the title too, so one term decides the match; English
    and French stems are added only when they differ from the word itself.
    """
    folded = va.fold(token)
    marked = folded != token
    fold_f, acc_f, _bi, _bia = TEXT_FIELDS[field]
    if exact and marked and acc_f:  # "NOT mả" excludes mả, not ma, má, mà ...
        if field is None:
            return [_term(schema, "title_acc", token), _term(schema, acc_f, token)], []
        return [_term(schema, acc_f, token)], []
    required = [_term(schema, fold_f, folded)]
    boosts: list[tantivy.Query] = []
    if field is None:
        for analyzer, stem_field in (("en_stem", "stem_en"), ("fr_stem", "stem_fr")):
            stem = _stem(analyzer, token)
            if stem and stem != folded:
                required.append(_term(schema, stem_field, stem))
        if not (marked and acc_f):
            # a syllable typed with its marks scores on the title as spelled (title_acc
            # below): "dữ" must not rank a title holding "du" above an author named Dữ
            boosts.append(_term(schema, "title_fold", folded, 2.0))
    if marked and acc_f:
        boosts.append(_term(schema, acc_f, token, 3.0))
        if field is None:
            boosts.append(_term(schema, "title_acc", token, 4.0))
    return required, boosts


def _any(terms: list[tantivy.Query]) -> tantivy.Query:
    return terms[0] if len(terms) == 1 else Q.boolean_query([(Occ.Should, t) for t in terms])


def _word_parts(
    schema: tantivy.Schema, node: Words, *, exact: bool = False, scoring: bool = True
) -> tuple[list[list[tantivy.Query]], list[tantivy.Query]] | None:
    """(per token: the terms one of which must match, the optional scoring terms).

    Every part is a term query (some boosted): ``_words`` nests them as the query tantivy
    matches with, ``ranking_union`` lays them flat for block-max WAND.
    """
    toks = [t for w in node.words for t in va.tokens(w)]
    if not toks:
        return None
    field = node.field
    required: list[list[tantivy.Query]] = []
    optional: list[tantivy.Query] = []
    for tok in toks:
        terms, boosts = _token_query(schema, tok, field, exact=exact)
        required.append(terms)
        if exact or not scoring:
            continue
        if len(toks) > 1 and va.fold(tok) == tok:
            # Several unmarked words: the title pairs below already favour the title, and
            # every optional clause is scored on every matching record.
            boosts = boosts[1:] if field is None else boosts
        optional.extend(boosts)
    if exact or not scoring:
        return required, optional
    _fold_f, _acc_f, bi_f, bia_f = TEXT_FIELDS[field]
    for a, b in zip(toks, toks[1:], strict=False):
        fa, fb = va.fold(a), va.fold(b)
        if bi_f:
            optional.append(_term(schema, bi_f, f"{fa}_{fb}", 1.5))
        if field is None:
            optional.append(_term(schema, "title_bi", f"{fa}_{fb}", 3.0))
        if a != fa or b != fb:  # typed with marks: the same two syllables spelled as typed
            # (all_bi holds authors' pairs as spelled beside the folded ones)
            for name in (bia_f,) if field is not None else ("title_bia", "all_bi"):
                if name:
                    optional.append(_term(schema, name, f"{a}_{b}", 3.0))
    return required, optional


def _words(
    schema: tantivy.Schema, node: Words, *, exact: bool = False, scoring: bool = True
) -> tantivy.Query | None:
    if node.field in _SPECIAL_FIELDS:
        return _special(schema, node.field, " ".join(node.words))
    parts = _word_parts(schema, node, exact=exact, scoring=scoring)
    if parts is None:
        return None
    required, optional = parts
    clauses = [(Occ.Must, _any(terms)) for terms in required]
    clauses.extend((Occ.Should, q) for q in optional)
    return _bool(clauses)


def ranking_union(schema: tantivy.Schema, node: Node | None) -> tantivy.Query | None:
    """A plain word search's scoring query as one flat union of its (boosted) terms.

    Why: tantivy scores every record that matches a query with required words (a broad
    search such as "văn học" scores 280,000 records for 20 shown), while a union of terms
    alone is ranked with block-max WAND, which skips the records that cannot reach the top.
    A record holding every required word gets the same score from both (a sum of the same
    term scores); the union also finds records that miss a word, which the caller drops by
    checking the candidates against the real query (``run``). None for any
    other shape (phrases, prefixes, OR, identifiers). Words joined by AND, or with NOT
    (which scores nothing; the check drops what it excludes), sum their words' scores and
    qualify too. Worth it only for a search with many hits: with few, the union's best
    records miss a word too often.
    """
    if isinstance(node, Bool) and node.must and not node.should:
        groups = node.must
    elif isinstance(node, Words):
        groups = [node]
    else:
        return None
    terms: list[tantivy.Query] = []
    for group in groups:
        if not isinstance(group, Words) or group.field in _SPECIAL_FIELDS:
            return None
        parts = _word_parts(schema, group)
        if parts is not None:
            required, optional = parts
            terms += [t for alternatives in required for t in alternatives] + optional
    return Q.boolean_query([(Occ.Should, t) for t in terms]) if terms else None


def hits_bound(node: Node | None, searcher: tantivy.Searcher) -> int | None:
    """At most how many records a query can find, from its rarest word (a term dictionary
    lookup per word); None when the shape gives no cheap bound.

    Why: most searches name a word that few records hold; they need no estimate of their
    size (``run._estimate``) to know they will be counted exactly.
    """
    if isinstance(node, Words | Phrase) and node.field in TEXT_FIELDS:
        words = node.words if isinstance(node, Words) else [node.text]
        fold_f = TEXT_FIELDS[node.field][0]
        bounds = []
        for tok in (t for w in words for t in va.tokens(w)):
            if node.field is None and any(
                (stem := _stem(a, tok)) and stem != va.fold(tok) for a in ("en_stem", "fr_stem")
            ):
                continue  # a stem widens this word's matches beyond its own term
            bounds.append(searcher.doc_freq(fold_f, va.fold(tok)))
        return min(bounds) if bounds else None
    if isinstance(node, Bool) and node.must:
        found = [b for c in node.must if (b := hits_bound(c, searcher)) is not None]
        return min(found) if found else None
    return None


def _special(schema: tantivy.Schema, field: str, text: str) -> tantivy.Query:
    text = text.strip()
    if field in ("isbn", "issn"):
        digits = va.normalize_isbn(text.replace(" ", ""))
        if not digits:
            raise SearchQueryError(
                SearchErrorCode.BAD_PARAMETER, _("ISBN/ISSN chỉ gồm chữ số (và chữ X ở cuối).")
            )
        if (field == "isbn" and len(digits) in (10, 13)) or (field == "issn" and len(digits) == 8):
            return Q.term_query(schema, field, digits)
        return Q.regex_query(schema, field, _escape(digits) + ".*")
    if field == "callno":
        return Q.regex_query(schema, field, _escape(va.normalize_callno(text)) + ".*")
    if field == "ddc":
        return Q.regex_query(schema, field, _escape(text.replace(" ", "")) + ".*")
    # year: 1990 or 1990-2000
    lo, _sep, hi = text.partition("-")
    try:
        low = int(lo) if lo.strip() else None
        high = int(hi) if hi.strip() else (low if not _sep else None)
    except ValueError:
        raise SearchQueryError(
            SearchErrorCode.BAD_PARAMETER, _("Năm xuất bản phải là số, ví dụ year:1990-2000.")
        ) from None
    if low is None and high is None:
        raise SearchQueryError(SearchErrorCode.BAD_PARAMETER, _("Thiếu năm xuất bản."))
    return Q.range_query(schema, "year", tantivy.FieldType.Integer, low, high)


def _phrase(schema: tantivy.Schema, node: Phrase, scoring: bool = True) -> tantivy.Query | None:
    field = node.field
    if field in _SPECIAL_FIELDS:
        return _special(schema, field, node.text)
    toks = va.tokens(node.text)
    if len(toks) <= 1:
        return _words(schema, Words(toks, field), scoring=scoring) if toks else None
    fold_f, acc_f, _bi, bia_f = TEXT_FIELDS[field]
    folded = [va.fold(t) for t in toks]
    clauses = [(Occ.Must, Q.phrase_query(schema, fold_f, folded, node.slop))]
    if not scoring:
        return _bool(clauses)
    if field is None:  # the phrase in the title weighs more
        clauses.append((Occ.Should, _boost(Q.phrase_query(schema, "title_fold", folded), 2.0)))
    if folded != toks:  # marked phrase: its exact spelling scores (accented words and pairs)
        for tok in toks:
            if acc_f and tok != va.fold(tok):
                clauses.append((Occ.Should, _term(schema, acc_f, tok, 2.0)))
        for a, b in zip(toks, toks[1:], strict=False):
            clauses.append((Occ.Should, _term(schema, bia_f or "title_bia", f"{a}_{b}", 3.0)))
    return _bool(clauses)


def _prefix(schema: tantivy.Schema, node: Prefix, scoring: bool = True) -> tantivy.Query | None:
    field = node.field
    if field in ("isbn", "issn", "callno", "ddc"):
        return _special(schema, field, node.stem)
    if field == "year":
        raise SearchQueryError(SearchErrorCode.BAD_PARAMETER, _("Không dùng dấu * với năm."))
    toks = va.tokens(node.stem)
    if not toks:
        return None
    pattern = _escape(va.fold(toks[-1])) + ".*"
    last = Q.regex_query(schema, TEXT_FIELDS[field][0], pattern)
    if len(toks) == 1:
        return last
    head = _words(schema, Words(toks[:-1], field), scoring=scoring)
    return Q.boolean_query([(Occ.Must, head), (Occ.Must, last)])


def compile_node(
    schema: tantivy.Schema, node: Node, *, exact: bool = False, scoring: bool = True
) -> tantivy.Query | None:
    """``exact``: inside NOT, a word typed with marks excludes only that spelling.

    ``scoring=False`` leaves out the clauses that only rank (title, accent and pair boosts):
    the same records match, and counting or aggregating them skips a posting list per boost.
    An OR between the reader's words is not a boost and stays.
    """
    if isinstance(node, Words):
        return _words(schema, node, exact=exact, scoring=scoring)
    if isinstance(node, Phrase):
        return _phrase(schema, node, scoring=scoring)
    if isinstance(node, Prefix):
        return _prefix(schema, node, scoring=scoring)
    clauses: list[tuple[Any, tantivy.Query]] = []
    for occ, children in ((Occ.Must, node.must), (Occ.Should, node.should)):
        for child in children:
            q = compile_node(schema, child, exact=exact, scoring=scoring)
            if q is not None:
                clauses.append((occ, q))
    positive = bool(clauses)
    for child in node.must_not:
        q = compile_node(schema, child, exact=True)
        if q is not None:
            clauses.append((Occ.MustNot, q))
    if not clauses:
        return None
    if not positive:
        clauses.append((Occ.Must, Q.all_query()))
    return _bool(clauses)


def compile_query(
    schema: tantivy.Schema, node: Node | None, *, scoring: bool = True
) -> tantivy.Query:
    """The whole query; an empty one (or only punctuation) browses everything."""
    if node is None:
        return Q.all_query()
    q = compile_node(schema, node, scoring=scoring)
    return q if q is not None else Q.all_query()


_INT_FACETS = {"lib", "grp", "avail"}
_HASHED_FACETS = {"subj", "auth", "place", "person"}


def filter_queries(
    schema: tantivy.Schema, req: SearchRequest, *, network: bool = True, visibility: bool = True
) -> list[tantivy.Query]:
    """Scope (network, libraries), visibility, facet choices, availability, years, work.

    ``network=False`` leaves the network filter out (the index holds no other network);
    ``visibility=False`` the visibility filter (every record of the index is public).
    """
    out: list[tantivy.Query] = []
    if req.network_id and network:
        out.append(Q.term_query(schema, "network", req.network_id))
    if req.visible_to is not None and visibility and "pub" not in req.visible_to:
        out.append(visibility_query(schema, req.visible_to))  # (every viewer sees "pub")
    if req.library_ids is not None:
        libs = Q.term_set_query(schema, "lib", [int(i) for i in req.library_ids] or [0])
        out.append(_or_tiered(schema, req, "lib", req.library_ids, libs))
    for name, values in req.filters.items():
        if not values:
            continue
        if name in _TIERED:
            public = Q.term_set_query(
                schema, name, [int(v) for v in values] if name in _INT_FACETS else list(values)
            )
            out.append(_or_tiered(schema, req, name, values, public))
        elif name in _INT_FACETS:
            out.append(Q.term_set_query(schema, name, [int(v) for v in values]))
        elif name in _HASHED_FACETS:
            out.append(Q.term_set_query(schema, name, [facet_hash(v) for v in values]))
        else:
            out.append(Q.term_set_query(schema, name, list(values)))
    if req.available:
        out.append(available_query(schema, req))
    if req.year_from is not None or req.year_to is not None:
        out.append(
            Q.range_query(schema, "year", tantivy.FieldType.Integer, req.year_from, req.year_to)
        )
    if req.work:
        out.append(Q.term_query(schema, "work", req.work))
    if req.record_ids is not None:
        out.append(Q.term_set_query(schema, "id", [int(i) for i in req.record_ids] or [0]))
    return out


_TIERED = {"lib", "ltype", "grp"}  # values some viewers see only (documents.tiered_facets)


def _or_tiered(
    schema: tantivy.Schema, req: SearchRequest, name: str, values: Any, public: tantivy.Query
) -> tantivy.Query:
    """``public`` or the same values seen through one of the viewer's other tokens."""
    if req.visible_to is None:  # sees everything: through any token
        terms = [
            Q.regex_query(schema, "vff", f"{name}\\|[^|]+\\|{re.escape(str(v))}") for v in values
        ]
    else:
        tokens = [t for t in req.visible_to if t != "pub"]
        if not tokens:
            return public
        wanted = [f"{name}|{t}|{v}" for t in tokens for v in values]
        terms = [Q.term_set_query(schema, "vff", wanted)]
    return Q.boolean_query([(Occ.Should, public), *((Occ.Should, t) for t in terms)])


def available_query(schema: tantivy.Schema, req: SearchRequest) -> tantivy.Query:
    """On the shelf now in the scope (or in a chosen library, or anywhere the reader sees)."""
    libs = req.filters.get("lib") or req.library_ids
    if libs is None and req.visible_libraries is not None:
        libs = req.visible_libraries
    if libs is not None:
        return Q.term_set_query(schema, "avail", [int(i) for i in libs] or [0])
    return Q.exists_query("avail")


def visibility_query(schema: tantivy.Schema, tokens: list[str]) -> tantivy.Query:
    """Records visible through one of ``tokens`` (``holdings.visibility``)."""
    return Q.term_set_query(schema, "vis", list(tokens) or ["-"])


NOT_PUBLIC = "npub"  # the token of a record hidden from the public (schema.tantivy_fields)


def excluded_queries(
    schema: tantivy.Schema, req: SearchRequest, *, visibility: bool = True
) -> list[tantivy.Query]:
    """What a request must not match: the records hidden from its viewer.

    Written as an exclusion, not a filter: nearly every record is public, so a required
    "visible" term would walk a posting list of the whole index on every search (the engine's
    time doubled on the 20,000-record benchmark), where the records hidden from the public are
    few. For a viewer who sees more, those he sees through his other tokens are taken back out
    of the exclusion."""
    tokens = req.visible_to
    if tokens is None or not visibility or "pub" not in tokens:
        return []
    return [hidden_query(schema, tokens)]


def hidden_query(schema: tantivy.Schema, tokens: list[str]) -> tantivy.Query:
    """The records hidden from a viewer who sees through ``tokens`` ("pub" among them)."""
    hidden = Q.term_query(schema, "vis", NOT_PUBLIC)
    others = [t for t in tokens if t != "pub"]
    if not others:
        return hidden
    return Q.boolean_query(
        [(Occ.Must, hidden), (Occ.MustNot, Q.term_set_query(schema, "vis", others))]
    )
