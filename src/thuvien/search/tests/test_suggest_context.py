"""Did you mean, chosen with the other words of the query, not word by word.

Each catalogue below makes the old per-word choice wrong: the most frequent accented form of a
word ("truyền", "mắt") or the most frequent word near a typo ("động" for "ongg") is not the one
the titles hold beside the query's other words.
"""

from __future__ import annotations

from collections import Counter

import pytest

from thuvien.core.outbox import outbox_drain
from thuvien.search import analysis as va
from thuvien.search.selectors import search_catalogue
from thuvien.search.suggest import Vocabulary, edit_distance

from .factories import make_record

KIEU = [
    "Truyện Kiều",
    "Truyền thuyết Hùng Vương",
    "Truyền thuyết Thánh Gióng",
    "Truyền hình Việt Nam",
    "Kiều",
]
ONG = [
    "Nuôi ong mật",
    "Ong mắt đỏ",
    "Mắt biếc",
    "Đôi mắt",
    "Nuôi động vật",
    "Động vật hoang dã",
    "Động Phong Nha",
]


def _world(titles: list[str]) -> tuple[Vocabulary, Counter[tuple[str, str]], list[list[str]]]:
    vocab = Vocabulary()
    vocab.add_titles(titles)
    tokens = [va.tokens(t) for t in titles]
    pairs: Counter[tuple[str, str]] = Counter()
    for toks in tokens:
        pairs.update(set(zip(toks, toks[1:], strict=False)))
    return vocab, pairs, tokens


def _suggest(titles: list[str], words: list[str]) -> str | None:
    vocab, pairs, tokens = _world(titles)

    def verify(combo: list[str]) -> int:
        wanted = set(zip(combo, combo[1:], strict=False))
        return sum(wanted <= set(zip(t, t[1:], strict=False)) for t in tokens)

    return vocab.suggest(words, pair_count=lambda a, b: pairs[(a, b)], verify=verify)


def test_edit_distance_counts_a_swap_as_one():
    assert edit_distance("lcih", "lich") == 1
    assert edit_distance("ongg", "ong") == 1
    assert edit_distance("ongg", "dong") == 2
    assert edit_distance("kiềuu", "kiều") == 1


def test_an_unmarked_word_takes_the_marks_its_neighbour_holds():
    assert _suggest(KIEU, ["truyen", "kiềuu"]) == "truyện kiều"
    assert _suggest(KIEU, ["truyen", "kieu"]) == "truyện kiều"
    assert _suggest(KIEU, ["truyen", "thuyet"]) == "truyền thuyết"


def test_the_title_holding_every_pair_wins_a_tie():
    # "ong mật" and "ong mắt" are both in titles; only one title reads "nuôi ong ..." on
    assert _suggest(ONG, ["nuoi", "ong", "mat"]) == "nuôi ong mật"
    assert _suggest(ONG, ["ong", "mat", "do"]) == "ong mắt đỏ"


def test_a_typo_takes_the_closest_word_its_neighbour_supports():
    assert _suggest(ONG, ["nuoi", "ongg"]) == "nuôi ong"
    assert _suggest(ONG, ["nuoi", "dongg"]) == "nuôi động"


def test_without_the_index_the_closest_spelling_wins():
    vocab, _pairs, _tokens = _world(ONG)
    assert vocab.suggest(["ongg"]) == "ong"  # one edit, though "động" is more frequent
    assert vocab.suggest(["nuôi", "ong"]) is None
    assert vocab.suggest(["xyzzy", "qwrtp"]) is None


def test_a_respelled_typo_keeps_the_marks_typed():
    vocab = Vocabulary()
    vocab.add_titles(["Kiêu hãnh", "Kiêu binh", "Kiêu căng", "Kiều"])
    assert vocab.suggest(["kiềuu"]) == "kiều"  # not the more frequent "kiêu"
    assert vocab.suggest(["kieuu"]) == "kiêu"


def test_a_long_query_is_respelled_in_bounded_work():
    vocab, pairs, _tokens = _world(KIEU + ONG)
    asked: list[tuple[str, str]] = []

    def pair_count(a: str, b: str) -> int:
        asked.append((a, b))
        return pairs[(a, b)]

    words = ["truyen", "kieu", "nuoi", "ong", "mat", "dong", "vat", "hoang", "da"] * 2
    assert vocab.suggest(words, pair_count=pair_count) is not None
    assert len(asked) == len(set(asked)) <= 36 * (len(words) - 1)


def test_a_correct_query_gets_no_suggestion():
    assert _suggest(KIEU, ["truyện", "kiều"]) is None
    assert _suggest(ONG, ["nuôi", "ong", "mật"]) is None
    assert _suggest(ONG, ["ong", "mắt"]) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("truyen kiềuu", "truyện kiều"),
        ("nuoi ong mat", "nuôi ong mật"),
        ("nuoi ongg", "nuôi ong"),
    ],
)
def test_did_you_mean_reads_the_whole_query(world, q, expected):
    for title in KIEU + ONG:
        make_record(world.hung_yen, title)
    outbox_drain()
    page = search_catalogue(params={"q": q})
    assert page.suggestion == expected
    assert search_catalogue(params={"q": expected}).total >= 1


@pytest.mark.django_db
def test_did_you_mean_still_silent_on_a_correct_query(world):
    for title in KIEU + ONG:
        make_record(world.hung_yen, title)
    outbox_drain()
    assert search_catalogue(params={"q": "truyện kiều"}).suggestion is None
    assert search_catalogue(params={"q": "nuôi ong mật"}).suggestion is None
