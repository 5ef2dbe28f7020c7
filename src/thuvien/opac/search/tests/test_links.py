"""Facet links: the page's parameters with one filter added or removed."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from thuvien.opac.search.views import _pair, _toggler

VALUES = ["12", "-9223372036854775808", "book", "", "lịch sử", "a b&c=d", "x/y?z", "~._-", "%"]


@pytest.mark.parametrize("value", VALUES)
def test_pair_is_urlencode(value):
    for name in ("subj", "q", "lib"):
        assert _pair(name, value) == urlencode([(name, value)])


def test_toggle_adds_removes_and_replaces():
    pairs = [("q", "lịch sử"), ("lib", "3"), ("year", "2000-2009")]
    toggle = _toggler(pairs)
    assert toggle("lib", "3") == "?" + urlencode([pairs[0], pairs[2]])
    assert toggle("lib", "4") == "?" + urlencode([*pairs, ("lib", "4")])
    assert toggle("year", "1986-1999") == "?" + urlencode([*pairs[:2], ("year", "1986-1999")])
    assert _toggler([])("mtype", "book") == "?mtype=book"
