"""The tantivy index's schema and how a document is analysed into its fields.

Vietnamese text goes in twice, accented (``*_acc``) and folded (``*_fold``: no tone marks,
đ→d), with adjacent syllables as pair terms (``title_bi``, ``title_bia``, ``all_bi``); sorting
uses fast fields (``title_sort`` is ``core.text.vi_sort_string`` so byte order is Vietnamese
order); the five small facets are packed in ``fkey`` (``facet_key``).
"""

from __future__ import annotations

import hashlib
from typing import Any

import tantivy

from thuvien.search import analysis as va
from thuvien.search.engine import IndexDocument

from . import facet_key

TITLE_PAIRS = "title_bia"  # adjacent accented title syllables, "truyện_kiều"
VERIFY_MAX_LIST = 10_000  # see Engine.title_pairs


SCHEMA_VERSION = "15"  # 12: visibility tokens (vis); 13: place and person facets (thuvien.ai)
# 14: library, type and group values seen by some viewers only (vfc counted, vff chosen)
# 15: the page index of digital objects' pages (pages/, ``pages.py``)
ORDERS = {  # SORTS -> (fast field, order)
    "relevance": (None, None),
    "newest": ("year", tantivy.Order.Desc),
    "oldest": ("year", tantivy.Order.Asc),
    "title": ("title_sort", tantivy.Order.Asc),
    "author": ("author_sort", tantivy.Order.Asc),
}
SAMPLE_LEVELS = 7  # level k holds one record in 2**k


def sample_levels(record_id: int) -> list[int]:
    """The sample levels a record belongs to: k such that id is a multiple of 2**k.

    Sampling at 1/2**k is then ONE term, whose posting list intersects the query cheaply
    (a union of buckets costs as much as the query itself).
    """
    # the levels are 1..(trailing zero bits of the id, at most SAMPLE_LEVELS): no loop of modulos
    zeros = (record_id & -record_id).bit_length() - 1 if record_id else SAMPLE_LEVELS
    return list(_LEVELS[min(zeros, SAMPLE_LEVELS)])


_LEVELS = [tuple(range(1, z + 1)) or (0,) for z in range(SAMPLE_LEVELS + 1)]


_FACET_HASHES: dict[str, int] = {}


def facet_hash(value: str) -> int:
    """A stable 63-bit id of a subject or author heading (the same in every process).

    Memoised: headings repeat from record to record and a rebuild hashes millions of them.
    """
    try:
        return _FACET_HASHES[value]
    except KeyError:
        if len(_FACET_HASHES) > 300_000:
            _FACET_HASHES.clear()
        digest = hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest()
        out = _FACET_HASHES[value] = int.from_bytes(digest, "big") >> 1
        return out


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    sb.add_unsigned_field("network", indexed=True, fast=True)
    for name in ("title", "all", "author", "subject"):
        # Phrases run on the folded fields; the accented ones only add to the score.
        sb.add_text_field(f"{name}_acc", tokenizer_name="default", index_option="freq")
        sb.add_text_field(f"{name}_fold", tokenizer_name="default")
    sb.add_text_field("publisher_fold", tokenizer_name="default")
    sb.add_text_field("series_fold", tokenizer_name="default")
    for name in ("title_bi", "title_bia", "all_bi"):
        sb.add_text_field(name, tokenizer_name="raw", index_option="freq")
    sb.add_text_field("stem_en", tokenizer_name="en_stem")
    sb.add_text_field("stem_fr", tokenizer_name="fr_stem")
    for name in ("isbn", "issn", "callno", "ddc"):
        sb.add_text_field(name, tokenizer_name="raw", index_option="basic")
    # the visibility tokens of the record (holdings.visibility): the engine filters on them
    sb.add_text_field("vis", tokenizer_name="raw", index_option="basic")
    # library, type and group values not everyone sees (search.documents.tiered_facets):
    # "kind|tokens|value" counted per viewer, "kind|token|value" chosen as a filter
    sb.add_text_field("vfc", tokenizer_name="raw", fast=True, index_option="basic")
    sb.add_text_field("vff", tokenizer_name="raw", index_option="basic")
    for name in ("mtype", "lang", "ltype"):  # filters; their counts come from fkey
        sb.add_text_field(name, tokenizer_name="raw", index_option="basic")
    # Subjects and authors have hundreds of thousands of values: counted as 64-bit hashes
    # (a text column's terms aggregation costs per distinct value on every query); the
    # stored texts give the labels back.
    for name in ("subj", "auth", "place", "person"):
        sb.add_unsigned_field(name, indexed=True, fast=True)
        sb.add_text_field(f"{name}_s", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_unsigned_field("sample", indexed=True)  # sample levels (see sample_levels)
    sb.add_unsigned_field("fkey", fast=True)  # the five small facets in two values (facet_key)
    sb.add_text_field("work", stored=True, tokenizer_name="raw", fast=True, index_option="basic")
    for name in ("title_sort", "author_sort"):
        sb.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
    for name in ("lib", "avail", "grp"):
        sb.add_unsigned_field(name, stored=name != "grp", indexed=True, fast=True)
    sb.add_integer_field("year", indexed=True, fast=True)
    return sb.build()


def _stem_analyzer(language: str) -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stemmer(language))
        .build()
    )


STEMMERS = {"en_stem": _stem_analyzer("english"), "fr_stem": _stem_analyzer("french")}


def to_tantivy(doc: IndexDocument, schema: tantivy.Schema) -> tantivy.Document:
    """Analyse one ``IndexDocument`` into the accented, folded and pair fields."""
    return tantivy.Document.from_dict(tantivy_fields(doc), schema)


def tantivy_fields(doc: IndexDocument) -> dict[str, Any]:
    """The analysed fields of a document as plain data (picklable: built in worker processes).

    A rebuild runs this a million times: single values are analysed without the list
    wrappers of ``va.analyse``, and optional fields are looked up once.
    """
    get = doc.get
    rid = doc["id"]
    title = get("title") or ""
    authors = get("authors") or []
    subjects = get("subjects") or []
    series = get("series") or []
    publisher = get("publisher") or ""
    t_acc, t_fold, t_pairs, t_acc_pairs = (title and va.ONCE(title)) or _NOTHING
    # Headings repeat across records (analysed once, memoised); titles and notes do not.
    a_acc, a_fold, a_pairs, a_acc_pairs = _headings(authors)
    s_acc, s_fold, s_pairs, _ap = _headings(subjects)
    memo, once = va.MEMO, va.ONCE
    parts = [(get("responsibility") or "", once), (publisher, memo)]
    notes = get("notes")
    if series or notes:
        parts = [*[(x, memo) for x in series], *parts, *[(x, once) for x in notes or ()]]
    fulltext = get("fulltext")  # the text of a linked digital object's pages
    if fulltext:
        parts.append((fulltext, once))
    o_acc, o_fold, o_pairs, _ap = va.analyse_parts(parts)
    available_at = get("available_at")
    fields: dict[str, Any] = {
        "id": [rid],
        "network": [get("network") or 0],
        "title_acc": [t_acc],
        "title_fold": [t_fold],
        # The folded "all" field holds everything, title included: one term per query word
        # decides the match. The accented one leaves the title out (title_acc scores it).
        "all_acc": [f"{a_acc} , {s_acc} , {o_acc}"],
        "all_fold": [f"{t_fold} , {a_fold} , {s_fold} , {o_fold}"],
        "title_bi": t_pairs,
        "title_bia": t_acc_pairs,
        # authors' pairs, folded and as spelled ("nguyen_du", "nguyễn_du"): "Nguyễn Du" typed
        # with its marks ranks Nguyễn Du's books above Nguyễn Dữ's. In the existing field, so
        # an index written before keeps working (its documents gain them when rewritten).
        "all_bi": a_pairs + [p for p in a_acc_pairs if p not in a_pairs] + s_pairs + o_pairs,
        "work": [get("work") or f"~{rid}"],
        "title_sort": [get("title_sort") or ""],
        "author_sort": [get("author_sort") or "~"],
        "mtype": [get("material_type") or "other"],
        "sample": sample_levels(rid),
        "vis": _visibility_tokens(get("visible_to")),
    }
    if authors:
        fields["author_acc"] = [a_acc]
        fields["author_fold"] = [a_fold]
        fields["auth_s"] = list(dict.fromkeys(authors))
        fields["auth"] = [facet_hash(a) for a in fields["auth_s"]]
    if subjects:
        fields["subject_acc"] = [s_acc]
        fields["subject_fold"] = [s_fold]
        fields["subj_s"] = list(dict.fromkeys(subjects))
        fields["subj"] = [facet_hash(x) for x in fields["subj_s"]]
    for key, name in (("places", "place"), ("persons", "person")):
        names = get(key)
        if names:
            fields[f"{name}_s"] = list(dict.fromkeys(names))
            fields[name] = [facet_hash(x) for x in fields[f"{name}_s"]]
    if publisher:
        fields["publisher_fold"] = [va.fold(publisher)]
    if series:
        fields["series_fold"] = [va.fold(" , ".join(series))]
    lang = get("language") or ""
    if lang:
        fields["lang"] = [lang]
        if lang == "eng":
            fields["stem_en"] = [" \n ".join([title, *subjects])]
        elif lang == "fre":
            fields["stem_fr"] = [" \n ".join([title, *subjects])]
    _identifiers(fields, get)
    for key, name in (("libraries", "lib"), ("available_at", "avail"), ("groups", "grp")):
        values = get(key)
        if values:
            fields[name] = sorted(set(values))
    tiered = get("tiered_facets")
    if tiered:
        fields["vfc"] = tiered
        fields["vff"] = get("tiered_filters") or []
    ltypes = get("library_types")
    if ltypes:
        fields["ltype"] = sorted(set(ltypes))
    fields["fkey"] = facet_key.encode(
        fields["mtype"][0],
        lang,
        fields["year"][0] if "year" in fields else None,
        bool(get("available_public", bool(available_at))),
        ltypes or (),
    )
    return fields


_NOTHING: tuple[str, str, list[str], list[str]] = ("", "", [], [])


def _visibility_tokens(tokens: list[str] | None) -> list[str]:
    """The record's visibility tokens, and ``npub`` when the public does not see it (the
    engine excludes those few records instead of requiring "pub" of every one)."""
    tokens = list(tokens or ["pub"])
    return tokens if "pub" in tokens else [*tokens, "npub"]


def _headings(values: list[str]) -> tuple[str, str, list[str], list[str]]:
    """``va.analyse(values, cache=True)``; one heading (most authors) straight from the memo."""
    if len(values) == 1:
        return (values[0] and va.MEMO(values[0])) or _NOTHING
    return va.analyse(values, cache=True)


def _identifiers(fields: dict[str, Any], get: Any) -> None:
    """ISBN (both forms), ISSN, call number, DDC and year fields, when the document has them."""
    isbns = get("isbns")
    if isbns:
        variants = [v for i in isbns for v in va.isbn_variants(i)]
        if variants:
            fields["isbn"] = variants
    issns = get("issns")
    if issns:
        issns = [va.normalize_isbn(i) for i in issns if i]
        if issns:
            fields["issn"] = issns
    callnos = get("call_numbers")
    if callnos:
        callnos = [va.normalize_callno(c) for c in callnos if c]
        if callnos:
            fields["callno"] = list(dict.fromkeys(callnos))
    ddc = get("ddc")
    if ddc:
        fields["ddc"] = [ddc.strip()]
    year = get("year")
    if year:
        fields["year"] = [int(year)]
