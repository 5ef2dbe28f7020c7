"""“Did you mean”: a vocabulary of indexed title words with their accented spellings.

The vocabulary maps a folded word to its accented forms and their frequencies; it lives beside
the index (``vocab.json``, written by the single writer, re-read by web processes when it
changes). A query that finds little is rewritten word by word: a known word typed without marks
gets its most frequent accented form; an unknown word becomes the most frequent word within a
small edit distance (deletion neighbourhoods, as SymSpell does, so no scan of the vocabulary).
"""

from __future__ import annotations

import json
import os
import threading
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from . import analysis as va

FILE_NAME = "vocab.json"
MIN_WORD = 2


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


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
    def frequency(self, folded: str) -> int:
        return sum(self.forms.get(folded, {}).values())

    def best_form(self, folded: str) -> str | None:
        slot = self.forms.get(folded)
        return max(slot.items(), key=lambda kv: kv[1])[0] if slot else None

    def _neighbourhood(self) -> dict[str, list[str]]:
        if self._neighbours is None:
            table: dict[str, list[str]] = {}
            for word in self.forms:
                for d in _deletes(word) | {word}:
                    table.setdefault(d, []).append(word)
            self._neighbours = table
        return self._neighbours

    def closest(self, folded: str) -> str | None:
        """The most frequent known folded word at edit distance 1 (or a swap of two letters)."""
        table = self._neighbourhood()
        candidates: set[str] = set()
        for key in _deletes(folded) | {folded}:
            candidates.update(table.get(key, ()))
        candidates.discard(folded)
        if not candidates:
            return None
        return max(candidates, key=lambda w: (self.frequency(w), w))

    def suggest(self, words: list[str]) -> str | None:
        """A better spelling of ``words`` or None when nothing would change."""
        out: list[str] = []
        changed = False
        for word in words:
            toks = va.tokens(word)
            if len(toks) != 1:
                out.append(word)
                continue
            tok = toks[0]
            folded = va.fold(tok)
            if folded in self.forms:
                if tok in self.forms[folded]:
                    best = self.best_form(folded) if tok == folded else tok
                else:  # a spelling nobody indexed ("sư" for "sử"): the usual one
                    best = self.best_form(folded)
                best = best or tok
                changed |= best != tok
                out.append(best)
                continue
            near = self.closest(folded)
            if near:
                out.append(self.best_form(near) or near)
                changed = True
            else:
                out.append(tok)
        return " ".join(out) if changed else None


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
