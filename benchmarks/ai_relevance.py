"""nDCG@10 of word, meaning-based and hybrid search on a fixed set of graded queries, and the
CPU time a query costs in each mode.

The demo catalogue is the test bed: its titles agree with their subjects, so a query's answers
can be graded by rule (2: the record is what was asked for; 1: it is on the subject). The
queries are what readers type: exact Vietnamese titles and words (with and without tone marks),
Vietnamese paraphrases whose words differ from the titles, and English questions.

No-answer queries (Vietnamese and English) ask for subjects the demo catalogue does not hold
(astronomy, volcanoes, ballet...: none of their words is in catalog/demo_vocab.py). For them
the report gives the false-fill rate: the share of queries whose first page shows any record
at all, and the mean number of records shown. A meaning-based mode that always shows its
nearest records would be at 100%.

    --z 4.5     runs with another ``Z_MIN`` (what-if; the shipped value is the default)
    --details   prints, per query, the best candidate's similarity and how far it stands
                above the query's background (z), to choose ``ai.selectors.Z_MIN``

    THUVIEN_DATA_DIR=/tmp/tv-ai .venv/bin/thuvien migrate
    THUVIEN_DATA_DIR=/tmp/tv-ai .venv/bin/thuvien demo-data --records 5000
    THUVIEN_DATA_DIR=/tmp/tv-ai .venv/bin/thuvien ai_embed
    THUVIEN_DATA_DIR=/tmp/tv-ai .venv/bin/python benchmarks/ai_relevance.py
"""

from __future__ import annotations

import math
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("THUVIEN_DATA_DIR", "/tmp/tv-ai")
os.environ["DJANGO_SETTINGS_MODULE"] = "thuvien.config.settings.base"
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

Judge = Callable[[str, list[str]], int]


def on(subject: str, *words: str) -> Judge:
    """2 when the record is on ``subject`` and its title holds one of ``words`` (or no words
    are asked), 1 when it is only on the subject."""

    def grade(title: str, subjects: list[str]) -> int:
        if not any(s.startswith(subject) for s in subjects):
            return 0
        low = title.lower()
        return 2 if not words or any(w in low for w in words) else 1

    return grade


QUERIES: list[tuple[str, str, Judge]] = [
    # exact words, with (exact) and without (tone) tone marks: the word search must stay first
    ("exact", "nuôi ong mật", on("Chăn nuôi", "ong")),
    ("tone", "nuoi ong mat", on("Chăn nuôi", "ong")),
    ("exact", "trồng lúa", on("Trồng trọt", "lúa")),
    ("exact", "bệnh tiểu đường", on("Y học", "tiểu đường")),
    ("tone", "lap trinh python", on("Tin học", "python")),
    ("exact", "lễ hội truyền thống", on("Phong tục tập quán", "lễ hội")),
    ("exact", "luật thi đấu bóng đá", on("Thể thao", "bóng đá")),
    ("exact", "tiếng Anh giao tiếp", on("Ngoại ngữ", "anh")),
    ("tone", "trong lua", on("Trồng trọt", "lúa")),
    ("tone", "benh tieu duong", on("Y học", "tiểu đường")),
    ("tone", "le hoi truyen thong", on("Phong tục tập quán", "lễ hội")),
    ("tone", "luat thi dau bong da", on("Thể thao", "bóng đá")),
    ("tone", "tieng anh giao tiep", on("Ngoại ngữ", "anh")),
    # Vietnamese paraphrases: the words differ from the titles
    ("paraphrase", "sách về nghề nuôi ong", on("Chăn nuôi", "ong")),
    ("paraphrase", "cách chăm heo cho mau lớn", on("Chăn nuôi", "lợn")),
    ("paraphrase", "làm giàu từ ao cá", on("Nuôi trồng thuỷ sản", "cá")),
    ("paraphrase", "chữa bệnh đái tháo đường", on("Y học", "tiểu đường")),
    ("paraphrase", "sức khoẻ ông bà", on("Y học", "cao tuổi")),
    ("paraphrase", "học viết phần mềm máy tính", on("Tin học", "lập trình")),
    ("paraphrase", "đám cưới truyền thống", on("Phong tục tập quán", "cưới")),
    ("paraphrase", "món ăn ngon ngày Tết", on("Nấu ăn")),
    ("paraphrase", "quá khứ dân tộc Việt", on("Lịch sử Việt Nam")),
    ("paraphrase", "đạo Phật", on("Phật giáo")),
    # English questions over a Vietnamese catalogue
    ("english", "beekeeping", on("Chăn nuôi", "ong")),
    ("english", "pig farming", on("Chăn nuôi", "lợn")),
    ("english", "rice cultivation", on("Trồng trọt", "lúa")),
    ("english", "fish farming", on("Nuôi trồng thuỷ sản")),
    ("english", "diabetes", on("Y học", "tiểu đường")),
    ("english", "learn programming", on("Tin học", "lập trình")),
    ("english", "history of Vietnam", on("Lịch sử Việt Nam")),
    ("english", "Vietnamese cooking", on("Nấu ăn")),
    ("english", "Buddhism", on("Phật giáo")),
    ("english", "football rules", on("Thể thao", "bóng đá")),
    ("english", "folk songs", on("Âm nhạc dân gian")),
    ("english", "mathematics exercises", on("Toán học", "bài tập")),
]


NO_ANSWER: list[str] = [
    "thiên văn học", "núi lửa và động đất", "chim cánh cụt ở Nam Cực", "trượt tuyết",
    "nhạc jazz", "múa ba lê", "học đàn vĩ cầm", "sửa chữa ô tô", "lò phản ứng hạt nhân",
    "kim tự tháp Ai Cập", "đế chế La Mã", "đan len", "lặn biển", "khủng long",
    "vật lý lượng tử", "nhiếp ảnh", "máy bay", "rượu vang", "thời trang", "phong thủy nhà ở",
    "astronomy", "volcanoes", "penguins", "skiing", "ice hockey", "jazz", "ballet",
    "violin lessons", "car repair", "nuclear reactors", "ancient Egypt", "Roman empire",
    "knitting", "scuba diving", "dinosaurs", "quantum physics", "photography", "aircraft",
    "wine making", "fashion design",
]


# exact and tone-mark queries for the fill-in check, with the words a record's title must hold
# to be what was asked for: the graded exact queries, and the same words typed without their
# tone marks, as readers on a phone do. The subject-level grades above count "Chọn giống ngỗng"
# as an answer to "nuôi ong mật" (both Chăn nuôi); a reader does not, so this check asks for
# the words in the title.
EXACT_FILL: list[tuple[str, str]] = [
    ("nuôi ong mật", "ong"), ("nuoi ong mat", "ong"),
    ("trồng lúa", "lúa"), ("trong lua", "lúa"),
    ("bệnh tiểu đường", "tiểu đường"), ("benh tieu duong", "tiểu đường"),
    ("lập trình Python", "python"), ("lap trinh python", "python"),
    ("lễ hội truyền thống", "lễ hội"), ("le hoi truyen thong", "lễ hội"),
    ("luật thi đấu bóng đá", "bóng đá"), ("luat thi dau bong da", "bóng đá"),
    ("tiếng Anh giao tiếp", "tiếng anh"), ("tieng anh giao tiep", "tiếng anh"),
    ("Truyện Kiều", "truyện kiều"), ("truyen kieu", "truyện kiều"),
]  # fmt: skip


def dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:10]))


def details(everything: list, judges: list[tuple[str, str, Judge]]) -> None:
    """Per query: best candidate, best relevant candidate, their similarity and z."""
    from thuvien.ai import vectors
    from thuvien.ai.embedding import embed_query
    from thuvien.ai.selectors import CANDIDATES, standing

    by_id = {pk: (t, s) for pk, t, s in everything}
    for kind, text, judge in judges:
        vector = embed_query(text)
        scored = standing(vector, vectors.nearest(vector, CANDIDATES))
        top = scored[0] if scored else (0, 0.0, 0.0)
        relevant = [x for x in scored if x[0] in by_id and judge(*by_id[x[0]])]
        best = relevant[0] if relevant else (0, 0.0, 0.0)
        print(f"{kind:11s} {text[:28]:28s} top {top[1]:.3f} z {top[2]:5.2f}   "
              f"relevant {best[1]:.3f} z {best[2]:5.2f}")



# Held out for tuning ``ai.selectors.WORDS_MARGIN`` (--tune): other subjects' words, typed with
# and without marks, paraphrases and English, and other absent subjects, so the figures
# reported above are not those the margin was chosen on. (kind, query, judge, title words of
# an exact answer or "")
TUNE: list[tuple[str, str, Judge, str]] = [
    ("exact", "nuôi vịt", on("Chăn nuôi", "vịt"), "vịt"),
    ("tone", "nuoi vit", on("Chăn nuôi", "vịt"), "vịt"),
    ("exact", "trồng cà phê", on("Trồng trọt", "cà phê"), "cà phê"),
    ("tone", "trong ca phe", on("Trồng trọt", "cà phê"), "cà phê"),
    ("exact", "bệnh tăng huyết áp", on("Y học", "huyết áp"), "huyết áp"),
    ("tone", "benh tang huyet ap", on("Y học", "huyết áp"), "huyết áp"),
    ("exact", "nuôi tôm sú", on("Nuôi trồng thuỷ sản", "tôm"), "tôm"),
    ("tone", "nuoi tom su", on("Nuôi trồng thuỷ sản", "tôm"), "tôm"),
    ("exact", "thiết kế web", on("Tin học", "web"), "web"),
    ("tone", "thiet ke web", on("Tin học", "web"), "web"),
    ("exact", "cờ tướng", on("Thể thao", "cờ"), "cờ tướng"),
    ("exact", "hát quan họ", on("Âm nhạc dân gian", "quan họ"), "quan họ"),
    ("tone", "hat quan ho", on("Âm nhạc dân gian", "quan họ"), "quan họ"),
    ("exact", "chùa Hương", on("Phật giáo", "chùa hương"), "chùa hương"),
    ("paraphrase", "cách nuôi vịt đẻ nhiều trứng", on("Chăn nuôi", "vịt"), ""),
    ("paraphrase", "chăm sóc vườn cà phê", on("Trồng trọt", "cà phê"), ""),
    ("paraphrase", "huyết áp cao ở người già", on("Y học", "huyết áp"), ""),
    ("paraphrase", "làm trang mạng cho cửa hàng", on("Tin học", "web"), ""),
    ("paraphrase", "nuôi tôm nước lợ", on("Nuôi trồng thuỷ sản", "tôm"), ""),
    ("paraphrase", "những bài hát dân gian Bắc Ninh", on("Âm nhạc dân gian", "quan họ"), ""),
    ("english", "duck farming", on("Chăn nuôi", "vịt"), ""),
    ("english", "growing coffee", on("Trồng trọt", "cà phê"), ""),
    ("english", "high blood pressure", on("Y học", "huyết áp"), ""),
    ("english", "web design", on("Tin học", "web"), ""),
    ("english", "shrimp farming", on("Nuôi trồng thuỷ sản", "tôm"), ""),
    ("english", "Chinese chess", on("Thể thao", "cờ"), ""),
]
TUNE_NO_ANSWER: list[str] = [
    "bóng chày", "tàu vũ trụ", "sông băng", "đua xe công thức 1", "nhạc opera", "tàu ngầm",
    "baseball", "spacecraft", "glaciers", "formula one racing", "opera singing", "submarines",
]  # fmt: skip
MODES = ("lexical", "semantic", "hybrid")


def shown(text: str, mode: str, *, facets: bool = False) -> list[tuple[int, str]]:
    """(id, title) of the first page a reader sees for ``text`` in ``mode``."""
    from django.http import QueryDict

    from thuvien.ai.selectors import search_page

    params = QueryDict(mutable=True)
    params.update({"q": text, "mode": mode})
    return [(row.record.pk, row.record.title) for row in search_page(params=params,
                                                                      facets=facets).rows]


def wrong_fill_ins(
    exact: list[tuple[str, str]], mode: str, *, verbose: bool = False
) -> tuple[int, int, int]:
    """On exact and tone-mark queries: how many records ``mode`` shows on page 1 that the word
    search does not (fill-ins), how many of those lack the asked words in their title (wrong:
    geese for bees), and in how many queries any wrong one shows."""
    import re

    added = wrong = touched = 0
    for text, words in exact:
        pattern = re.compile(rf"\b{re.escape(words)}\b")
        word_ids = {pk for pk, _t in shown(text, "lexical")}
        extra = [title for pk, title in shown(text, mode) if pk not in word_ids]
        bad = [t for t in extra if not pattern.search(t.lower())]
        added, wrong, touched = added + len(extra), wrong + len(bad), touched + bool(bad)
        if verbose and extra:
            print(f"    {mode:8s} {text[:24]:24s} filled in {len(extra):2d} ({len(bad):2d} "
                  f"without '{words}')  {'; '.join(bad[:2])[:60]}")
    return added, wrong, touched


def false_show(no_answer: list[str], mode: str) -> tuple[float, float]:
    """Share of no-answer queries whose first page shows any record, and the mean shown."""
    counts = [len(shown(text, mode)) for text in no_answer]
    return sum(1 for n in counts if n) / len(counts), statistics.mean(counts)


def ndcg_by_kind(
    queries: list[tuple[str, str, Judge]], everything: list, modes: tuple[str, ...] = MODES,
    cpu: dict[str, list[float]] | None = None,
) -> dict[str, dict[str, list[float]]]:
    """nDCG@10 of each query in each mode, by kind; ``cpu`` collects the CPU time a query."""
    from django.http import QueryDict

    from thuvien.ai.embedding import _query_vector
    from thuvien.ai.selectors import search_page
    from thuvien.catalog.models import Record

    table: dict[str, dict[str, list[float]]] = {}
    for kind, text, judge in queries:
        ideal = sorted((judge(t, s) for _pk, t, s in everything), reverse=True)
        best = dcg(ideal) or 1.0
        for mode in modes:
            params = QueryDict(mutable=True)
            params.update({"q": text, "mode": mode})
            if cpu is not None:
                search_page(params=params, facets=False)  # warm (model, files) once per mode
                _query_vector.cache_clear()  # a new query: its embedding is part of its cost
            started = time.process_time()
            page = search_page(params=params, facets=True)
            if cpu is not None:
                cpu.setdefault(mode, []).append(time.process_time() - started)
            ids = [row.record.pk for row in page.rows][:10]
            found = Record.objects.in_bulk(ids)
            grades = [judge(found[i].title, found[i].subjects) for i in ids if i in found]
            table.setdefault(mode, {}).setdefault(kind, []).append(dcg(grades) / best)
    return table


KINDS = ["exact", "tone", "paraphrase", "english"]


def print_table(table: dict[str, dict[str, list[float]]], label: str = "nDCG@10") -> None:
    kinds = [k for k in KINDS if any(k in by_kind for by_kind in table.values())]
    print(f"{label:10s}" + "".join(f"{k:>12s}" for k in [*kinds, "all"]))
    for mode, by_kind in table.items():
        allv = [v for k in kinds for v in by_kind.get(k, [])]
        cells = "".join(f"{statistics.mean(by_kind[k]):12.3f}" for k in kinds)
        print(f"{mode:10s}{cells}{statistics.mean(allv):12.3f}")


def tune(everything: list) -> None:
    """Hybrid on the held-out set for several ``WORDS_MARGIN``: nDCG by kind, wrong fill-ins
    on its exact and tone-mark queries, false shows on its absent subjects; then, with the
    shipped margin, several ``Z_MIN`` (the rule where the words find nothing)."""
    from thuvien.ai import selectors

    exact = [(text, words) for kind, text, _j, words in TUNE if words]
    queries = [(kind, text, judge) for kind, text, judge, _w in TUNE]
    print(f"held-out set: {len(queries)} graded, {len(exact)} exact/tone, "
          f"{len(TUNE_NO_ANSWER)} absent")
    print_table(ndcg_by_kind(queries, everything, modes=("lexical", "semantic")), "modes")
    margin_shipped, z_shipped = selectors.WORDS_MARGIN, selectors.Z_MIN
    for margin in (-math.inf, 0.0, 0.01, 0.02, 0.03, 0.05, math.inf):
        selectors.WORDS_MARGIN = margin
        table = ndcg_by_kind(queries, everything, modes=("hybrid",))
        added, wrong, touched = wrong_fill_ins(exact, "hybrid")
        rate, _mean = false_show(TUNE_NO_ANSWER, "hybrid")
        print(f"WORDS_MARGIN {margin}: filled in {added}, wrong {wrong} (in {touched} "
              f"queries), no-answer shown {rate:.1%}")
        print_table(table)
    selectors.WORDS_MARGIN = margin_shipped
    for z in (4.0, 4.5, 5.0, 5.5):  # the meaning-only rule, where the words find nothing
        selectors.Z_MIN = z
        table = ndcg_by_kind(queries, everything, modes=("hybrid",))
        rate, mean = false_show(TUNE_NO_ANSWER, "hybrid")
        print(f"Z_MIN {z}: no-answer shown {rate:.1%} (mean {mean:.2f})")
        print_table(table)
    selectors.Z_MIN = z_shipped


def main() -> None:
    import django

    django.setup()
    from thuvien.ai import selectors
    from thuvien.catalog.models import Record

    if "--z" in sys.argv:
        selectors.Z_MIN = float(sys.argv[sys.argv.index("--z") + 1])
    if "--words-margin" in sys.argv:
        selectors.WORDS_MARGIN = float(sys.argv[sys.argv.index("--words-margin") + 1])
    print(f"fill-in rule: z >= {selectors.Z_MIN} over the query's background, within "
          f"{selectors.MARGIN} of the best; where the words answered, within "
          f"{getattr(selectors, 'WORDS_MARGIN', 'n/a')} of the nearest word result")
    everything = list(
        Record.objects.filter(is_deleted=False).values_list("pk", "title", "subjects")
    )
    print(f"{len(everything)} records; {len(QUERIES)} graded queries")
    if "--details" in sys.argv:
        details(everything, [*QUERIES, *[("no-answer", t, lambda _t, _s: 0) for t in NO_ANSWER]])
        return
    if "--tune" in sys.argv:
        tune(everything)
        return
    verbose = "--verbose" in sys.argv
    print(f"exact and tone-mark queries ({len(EXACT_FILL)}): records shown that the word "
          "search does not find, and those of them without the asked words in the title")
    for mode in ("semantic", "hybrid"):
        added, wrong, touched = wrong_fill_ins(EXACT_FILL, mode, verbose=verbose)
        print(f"{mode:10s} added {added:3d}, wrong {wrong:3d} (in {touched} of "
              f"{len(EXACT_FILL)} queries)")
    cpu: dict[str, list[float]] = {}
    print_table(ndcg_by_kind(QUERIES, everything, cpu=cpu))
    print(f"no-answer queries ({len(NO_ANSWER)}): false-show rate (any record on page 1), "
          "mean records shown")
    for mode in MODES:
        rate, mean = false_show(NO_ANSWER, mode)
        print(f"{mode:10s} false show {rate:6.1%}   mean shown {mean:5.2f}")
    for mode, times in cpu.items():
        times = sorted(times)
        p95 = times[int(0.95 * (len(times) - 1))]
        median = statistics.median(times) * 1000
        print(f"{mode:10s} CPU a query, facets: median {median:.1f} ms, p95 {p95 * 1000:.1f} ms")


if __name__ == "__main__":
    main()
