"""“Did you mean”: a vocabulary of indexed title words with their accented spellings.

The vocabulary maps a folded word to its accented forms and their frequencies; it lives beside
the index (``vocab.json``, written by the single writer, re-read by web processes when it
changes). A query that finds little is respelled as a whole, not word by word: each word gets
its candidate spellings — itself when it is an indexed spelling with marks, the accented forms
of a known word (all of them when typed without marks), the words within a small edit distance
of an unknown one (deletion neighbourhoods, as SymSpell does, so no scan of the vocabulary) —
and the combination chosen is the one best supported by the catalogue's titles:

1. the most adjacent pairs that some title holds side by side ("truyện kiều", not "truyền
   kiều"), counted by the caller from the index's accented pair field (``pair_count``), so the
   vocabulary itself holds no pairs;
2. then the fewest edits, then the marks closest to the ones typed;
3. then the most frequent pairs, then the most frequent words.

The few best combinations are then checked in that order with ``verify`` (a cheap count of the
titles holding all their pairs); the first that finds something is offered ("nuôi ong mật",
where "ong mắt" is a pair of another title). Without ``pair_count`` and ``verify`` (no index)
the choice is the closest and most frequent spelling of each word.
"""

from __future__ import annotations

import json
import math
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from . import analysis as va

FILE_NAME = "vocab.json"
MIN_WORD = 2
FORMS_PER_WORD = 4  # accented spellings of one known word tried, the most frequent
SPELLINGS_PER_TYPO = 6  # respellings of an unknown word tried, the closest and most frequent
BEAM = 12  # partial combinations kept while going left to right
VERIFIED = 3  # best combinations checked with ``verify`` at most

PairCount = Callable[[str, str], int]
Verify = Callable[[list[str]], int]


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance with swaps of two adjacent letters counted as one edit (OSA)."""
    if a == b:
        return 0
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


@dataclass(frozen=True, slots=True)
class Spelling:
    """One candidate spelling of a typed word and how far it is from what was typed."""

    form: str
    edits: int  # edits between the folded word typed and this one's
    marks: int  # edits between the accented words when the reader typed marks, else 0
    frequency: int


class Vocabulary:
    def __init__(self, forms: dict[str, dict[str, int]] | None = None) -> None:
        self.forms: dict[str, dict[str, int]] = forms or {}
        self._neighbours: dict[str, list[str]] | None = None

    # -- building ------------------------------------------------------------------------
    def add_titles(self, titles: Iterable[str]) -> None:
        counts: Counter[str] = Counter()
        for title in titles:
            counts.update(va.tokens(title))
        self.add_counts(counts)

    def add_counts(self, counts: Counter[str]) -> None:
        for form, n in counts.items():
            if len(form) < MIN_WORD or form.isdigit():
                continue
            slot = self.forms.setdefault(va.fold(form), {})
            slot[form] = slot.get(form, 0) + n
        self._neighbours = None

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        tmp = directory / (FILE_NAME + ".tmp")
        tmp.write_text(json.dumps(self.forms, ensure_ascii=False, separators=(",", ":")))
        os.replace(tmp, directory / FILE_NAME)

    # -- using ---------------------------------------------------------------------------
    def _neighbourhood(self) -> dict[str, list[str]]:
        if self._neighbours is None:
            table: dict[str, list[str]] = {}
            for word in self.forms:
                for d in _deletes(word) | {word}:
                    table.setdefault(d, []).append(word)
            self._neighbours = table
        return self._neighbours

    def near(self, folded: str) -> list[str]:
        """Known folded words sharing a deletion with ``folded`` (at most two edits away)."""
        table = self._neighbourhood()
        candidates: set[str] = set()
        for key in _deletes(folded) | {folded}:
            candidates.update(table.get(key, ()))
        candidates.discard(folded)
        return sorted(candidates)

    def spellings(self, tok: str) -> list[Spelling]:
        """The candidate spellings of one typed token (lower-case NFC), best first."""
        folded = va.fold(tok)
        typed_marks = tok != folded
        slot = self.forms.get(folded)
        if slot is not None:
            if typed_marks and tok in slot:  # an indexed spelling, as typed: kept
                return [Spelling(tok, 0, 0, slot[tok])]
            forms = sorted(slot.items(), key=lambda kv: (-kv[1], kv[0]))[:FORMS_PER_WORD]
            out = [Spelling(f, 0, edit_distance(tok, f) if typed_marks else 0, n) for f, n in forms]
        else:
            out = []
            for word in self.near(folded):
                edits = edit_distance(folded, word)
                for f, n in self.forms[word].items():
                    out.append(Spelling(f, edits, edit_distance(tok, f) if typed_marks else 0, n))
        if not out:
            return [Spelling(tok, 0, 0, 0)]
        out.sort(key=lambda s: (s.edits, s.marks, -s.frequency, s.form))
        return out[:SPELLINGS_PER_TYPO]

    def suggest(
        self,
        words: list[str],
        *,
        pair_count: PairCount | None = None,
        verify: Verify | None = None,
    ) -> str | None:
        """A better spelling of ``words`` or None when nothing would change.

        ``pair_count(a, b)``: how many titles hold the accented syllables ``a b`` side by side;
        ``verify(words)``: how many titles hold all the adjacent pairs of ``words`` (only asked
        for combinations of two words or more).
        """
        typed: list[str] = []
        options: list[list[Spelling]] = []
        for word in words:
            toks = va.tokens(word)
            if len(toks) != 1:  # kept as it is, and no pair is counted across it
                typed.append(word)
                options.append([Spelling(word, 0, 0, 0)])
                continue
            typed.append(toks[0])
            options.append(self.spellings(toks[0]))
        if all(len(o) == 1 and o[0].form == t for o, t in zip(options, typed, strict=True)):
            return None
        best = self._combinations(options, pair_count or _no_pairs)
        chosen = best[0]
        if verify is not None and len(words) > 1:
            chosen = next((c for c in best[:VERIFIED] if verify(c)), chosen)
        return " ".join(chosen) if chosen != typed else None

    @staticmethod
    def _combinations(options: list[list[Spelling]], pair_count: PairCount) -> list[list[str]]:
        """Combinations of one spelling per word, best first (a beam search left to right).

        A combination's score is a tuple of sums, compared in order: adjacent pairs found in
        some title, minus edits, minus mark edits, log pair counts, log word frequencies.
        """
        counted: dict[tuple[str, str], int] = {}

        def pair(a: str, b: str) -> int:
            if " " in a or " " in b:
                return 0
            key = (a, b)
            if key not in counted:
                counted[key] = pair_count(a, b)
            return counted[key]

        beam: list[tuple[tuple[float, ...], list[str]]] = [((0, 0, 0, 0.0, 0.0), [])]
        for spellings in options:
            grown: list[tuple[tuple[float, ...], list[str]]] = []
            for score, combo in beam:
                for s in spellings:
                    n = pair(combo[-1], s.form) if combo else 0
                    grown.append(
                        (
                            (
                                score[0] + (n > 0),
                                score[1] - s.edits,
                                score[2] - s.marks,
                                score[3] + math.log1p(n),
                                score[4] + math.log1p(s.frequency),
                            ),
                            [*combo, s.form],
                        )
                    )
            grown.sort(key=lambda sc: sc[0], reverse=True)
            beam = grown[:BEAM]
        return [combo for _score, combo in beam]


def _no_pairs(_a: str, _b: str) -> int:
    return 0


_CACHE: dict[str, tuple[float, Vocabulary]] = {}
_LOCK = threading.Lock()


def load_vocabulary(directory: Path) -> Vocabulary:
    """The vocabulary of ``directory``, re-read only when the file changed."""
    path = Path(directory) / FILE_NAME
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        return Vocabulary()
    key = str(path)
    with _LOCK:
        cached = _CACHE.get(key)
        if cached and cached[0] == mtime:
            return cached[1]
        try:
            vocab = Vocabulary(json.loads(path.read_text()))
        except (OSError, ValueError):
            vocab = Vocabulary()
        _CACHE[key] = (mtime, vocab)
        return vocab


def prepare(directory: Path) -> None:
    """Read the vocabulary of ``directory`` and build its table of deletions now, while a web
    worker starts (``config.wsgi``): otherwise the first search with a typo in each worker
    builds it (~130 ms of CPU for 200,000 records' 12,000 words) and that reader waits."""
    load_vocabulary(directory)._neighbourhood()
