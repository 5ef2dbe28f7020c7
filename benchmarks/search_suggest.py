"""Cost of "did you mean" (``selectors.did_you_mean``) on the benchmark index.

    THUVIEN_DATA_DIR=/work/bench/search-1m .venv/bin/python benchmarks/search_suggest.py

Takes 400 random titles, keeps their first three words without tone marks and puts a typo
(a doubled or dropped letter) in one of them, as a reader on a phone types; prints the time of
``did_you_mean`` (respelling with the title pairs, the whole-title check and the probe search
in scope) and how many queries got a suggestion.
"""

from __future__ import annotations

import os
import random
import statistics
import time

os.environ.setdefault("THUVIEN_DATA_DIR", "/tmp/thuvien-bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuvien.config.settings.base")


def typed_queries(titles: list[str], rng: random.Random) -> list[str]:
    from thuvien.search import analysis as va

    out = []
    for title in titles:
        words = [va.fold(w) for w in va.tokens(title) if w.isalpha()][:3]
        if len(words) < 2:
            continue
        i = rng.randrange(len(words))
        word = words[i]
        if len(word) > 3 and rng.random() < 0.7:
            j = rng.randrange(len(word))
            word = word[:j] + word[j] + word[j:] if rng.random() < 0.5 else word[:j] + word[j + 1 :]
        words[i] = word
        out.append(" ".join(words))
    return out


def main() -> None:
    import django

    django.setup()
    from django_scopes import scopes_disabled

    from thuvien.catalog.models import Record
    from thuvien.search.engine import SearchRequest, engine
    from thuvien.search.query import parse_query
    from thuvien.search.selectors import did_you_mean

    eng = engine()
    print(f"index: {eng.count()} documents in {eng.path}")
    rng = random.Random(7)
    with scopes_disabled():
        ids = list(Record.objects.order_by("-id").values_list("id", flat=True)[:1])
        top = ids[0] if ids else 0
        picks = [rng.randrange(1, top + 1) for _ in range(600)]
        titles = list(Record.objects.filter(id__in=picks).values_list("title", flat=True)[:400])
    rows = []
    for q in typed_queries(titles, rng):
        req = SearchRequest(query=parse_query(q), facets=True)
        rows.append((req, eng.search(req).total))
    for round_ in (1, 2):  # the first round also loads the vocabulary and its typo table
        times, found = [], 0
        for req, total in rows:
            started = time.perf_counter()
            found += did_you_mean(req, total) is not None
            times.append((time.perf_counter() - started) * 1000)
        ordered = sorted(times)
        print(f"round {round_}: {len(rows)} queries, {found} suggestions; did_you_mean "
              f"p50 {statistics.median(times):.2f} ms, p95 {ordered[int(0.95 * len(ordered))]:.2f}"
              f" ms, mean {statistics.mean(times):.2f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
