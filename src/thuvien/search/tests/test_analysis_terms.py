"""The faster analysis gives exactly the terms the query side was written against.

``REFERENCE_ANALYSE`` is the analysis as it was before it was sped up (one fold per token,
memoised per word). Queries are compiled against the terms it produced, so the new code must
give the same texts and pairs for every real value, every letter of every script and every
Vietnamese letter with every tone, in NFC and decomposed.
"""

from __future__ import annotations

import sys
import unicodedata

import pytest

from thuvien.catalog.marc.extract import extract
from thuvien.catalog.marc.reader import read_file
from thuvien.core.text import fold as core_fold
from thuvien.search import analysis as va
from thuvien.search.backends.tantivy.schema import facet_hash

from ...catalog.tests.conftest import MARC_DIR


def _ref_fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFC", text).translate(va._FOLD_TABLE).lower()


def REFERENCE_ANALYSE(values: list[str]) -> tuple[str, str, list[str], list[str]]:  # noqa: N802
    acc_parts, fold_parts, pairs, acc_pairs = [], [], [], []
    for value in values:
        if not value:
            continue
        toks = va._TOKEN.findall(va.nfc_lower(value))
        if not toks:
            continue
        folded = [_ref_fold(t) for t in toks]
        acc_parts.append(" ".join(toks))
        fold_parts.append(" ".join(folded))
        if len(toks) > 1:
            pairs.extend(f"{a}_{b}" for a, b in zip(folded, folded[1:], strict=False))
            acc_pairs.extend(f"{a}_{b}" for a, b in zip(toks, toks[1:], strict=False))
    return " , ".join(acc_parts), " , ".join(fold_parts), pairs, acc_pairs


VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]


def vietnamese_letters() -> list[str]:
    """Every Vietnamese vowel with every tone, both cases, plus đ/Đ."""
    out = ["đ", "Đ"]
    for vowel in VOWELS:
        for tone in TONES:
            letter = unicodedata.normalize("NFC", vowel + tone)
            out += [letter, letter.upper()]
    return out


def test_every_vietnamese_letter_folds_to_its_base_and_matches_the_reference():
    letters = vietnamese_letters()
    assert len(letters) == 2 + 12 * 6 * 2
    text = " ".join(f"x{ch}y" for ch in letters)
    assert va.analyse([text]) == REFERENCE_ANALYSE([text])
    for ch in letters:
        assert va.fold(ch) == core_fold(ch)
    assert va.analyse(["Đường Ưng Ơn"])[1] == "duong ung on"


def test_every_letter_and_digit_of_every_script_gives_the_reference_terms():
    chars = [chr(cp) for cp in range(sys.maxunicode + 1) if chr(cp).isalnum()]
    for start in range(0, len(chars), 500):
        chunk = chars[start : start + 500]
        spaced = " ".join(chunk)
        glued = "".join(chunk)  # long tokens and pairs across every neighbour
        decomposed = unicodedata.normalize("NFD", spaced)
        for text in (spaced, glued, decomposed):
            assert va.analyse([text]) == REFERENCE_ANALYSE([text])
            assert va.analyse([text], cache=True) == REFERENCE_ANALYSE([text])


def _shared_values() -> list[list[str]]:
    groups: list[list[str]] = []
    for path in sorted(p for p in MARC_DIR.rglob("*") if p.is_file()):
        for item in read_file(path):
            if item.marc is None:
                continue
            try:
                v = extract(item.marc).values
            except Exception:  # noqa: BLE001, S112 - the importer reports these; no terms
                continue
            groups += [[v["title"]], v["authors"], v["subjects"], v["series"], v["notes"],
                       [v["responsibility"], v["publisher"]]]  # fmt: skip
    return groups


def test_real_records_give_the_reference_terms():
    groups = _shared_values()
    assert len(groups) > 6 * 2000  # the files are there (uva_001_2000.mrc alone is 2,000)
    for values in groups:
        expected = REFERENCE_ANALYSE(values)
        assert va.analyse(values) == expected
        assert va.analyse(values, cache=True) == expected
        assert va.analyse(values, cache=True) == expected  # from the cache this time
        mixed = [(x, va.MEMO if k % 2 else va.ONCE) for k, x in enumerate(values)]
        assert va.analyse_parts(mixed) == expected


@pytest.mark.parametrize(
    "groups",
    [
        [["Lịch sử Việt Nam"], ["Nguyễn Văn A, chủ biên"], [], ["Ghi chú một", "hai ba"]],
        [[], [""], ["Hà Nội"], []],
        [["một"], ["hai ba bốn"], ["năm sáu"]],
    ],
)
def test_values_with_their_own_analysers_give_the_terms_of_one_analysis(groups):
    parts = [(v, va.MEMO if i % 2 == 0 else va.ONCE) for i, g in enumerate(groups) for v in g]
    assert va.analyse_parts(parts) == REFERENCE_ANALYSE([v for g in groups for v in g])


def test_isbn_digits_as_before_for_ascii_and_other_digits():
    def ref(value: str) -> str:
        head = value.strip().split(" ")[0]
        return "".join(c for c in head.upper() if c.isdigit() or c == "X")

    for value in ["978-604-1-23456-7 (bìa mềm)", "0-19-852663-x", " 123 ", "", "ISBN١٢٣", "²34"]:
        assert va.normalize_isbn(value) == ref(value)


def test_memoised_facet_hash_is_the_blake2b_of_the_heading():
    import hashlib

    value = "Lịch sử -- Việt Nam"
    digest = hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest()
    assert facet_hash(value) == int.from_bytes(digest, "big") >> 1
    assert facet_hash(value) == facet_hash(value)


def test_author_sort_keys_are_the_vietnamese_sort_strings_as_before():
    from thuvien.core.text import vi_sort_string
    from thuvien.search.documents import author_key

    names = [v for g in _shared_values() for v in g] + vietnamese_letters()
    names += ["Nguyễn  Văn\tA", " Trần Thị B. ", "Lê, Văn-C (1950-)", "x" * 90]
    for name in names:
        assert author_key(name) == vi_sort_string(name[:60], width=80), name
