"""The packed small-facet column (``fkey``): every value comes back out as it went in."""

from __future__ import annotations

import itertools
from collections import Counter

from thuvien.catalog.models import MaterialType
from thuvien.network.models import LibraryType
from thuvien.search.backends.tantivy import facet_key
from thuvien.search.engine import FACET_SIZES, YEAR_RANGES


def _one(keys: list[int]) -> list[tuple[int, int]]:
    return [(k, 1) for k in keys]


def test_every_choice_has_a_place_in_the_key():
    """A new material or library type must be appended to facet_key, or it counts wrongly."""
    assert set(MaterialType.values) <= set(facet_key.MATERIAL_TYPES)
    assert set(LibraryType.values) <= set(facet_key.LIBRARY_TYPES)


def test_decoding_counts_gives_the_separate_facets():
    records = [
        ("book", "vie", 2001, True, ["provincial", "commune"]),
        ("book", "eng", 1944, False, ["school"]),
        ("local_history", "vie", 1990, True, []),
        ("map", "", None, False, ["commune"]),
        ("no-such-type", "fre", 2025, False, ["community", "armed_forces"]),
    ]
    counted = Counter(k for r in records for k in facet_key.encode(*r))  # as the aggregation
    buckets = [(k, 2.0 * n) for k, n in counted.items()]  # each record twice, scale 1.5 on top
    out = facet_key.decode_counts(buckets, 1.5, FACET_SIZES)
    assert dict(out["mtype"]) == {"book": 6, "local_history": 3, "map": 3, "other": 3}
    assert out["mtype"][0] == ("book", 6)
    assert dict(out["lang"]) == {"vie": 6, "eng": 3, "fre": 3}
    assert dict(out["ltype"]) == {
        "provincial": 3,
        "commune": 6,
        "school": 3,
        "community": 3,
        "armed_forces": 3,
    }
    assert out["year"] == [("-1944", 3), ("1986-1999", 3), ("2000-2009", 3), ("2020-", 3)]
    assert out["_navail"] == [("yes", 6)]


def test_year_edges_follow_the_ranges():
    for key, lo, hi in YEAR_RANGES:
        for year in (lo, None if hi is None else hi - 1):
            if year is None:
                continue
            out = facet_key.decode_counts(
                _one(facet_key.encode("book", "", year, False, [])), 1, FACET_SIZES
            )
            assert out["year"] == [(key, 1)]


def test_language_codes_round_trip_and_odd_ones_are_left_out():
    for code in ("".join(t) for t in itertools.islice(itertools.product("aqz", repeat=3), 27)):
        out = facet_key.decode_counts(
            _one(facet_key.encode("book", code, None, False, [])), 1, FACET_SIZES
        )
        assert out["lang"] == [(code, 1)]
    for odd in ("viet", "vi1", "việ", "   "):
        out = facet_key.decode_counts(
            _one(facet_key.encode("book", odd, None, False, [])), 1, FACET_SIZES
        )
        assert out["lang"] == []
