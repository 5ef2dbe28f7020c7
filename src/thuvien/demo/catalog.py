"""Demo step 20: Vietnamese bibliographic records in real MARC21, with items in every library.

``demo_marc(seq, rng)`` builds one MARC-in-JSON record (the format pymarc reads and writes)
from the vocabularies of ``demo.vocab``: real works with their real authors and publishers,
and for each DDC 23 class titles composed from its own words, so that the subject, the
publisher and the year agree with the title and 200,000 records carry more than 100,000
different titles. ISBN-13s are under the Vietnamese prefix 978-604 with valid check digits.
A record depends only on the seed and its number, and ``demo_targets()`` names the records
that occur once with the query that must find them (relevance tests on large catalogues).

``demo_catalog`` streams them into the database in batches (bulk_create, extraction without
queries), so ``--records 1000000`` is practical, and skips a network that already holds the
requested count (idempotent). The search step (25) rebuilds the index afterwards, so the
demo writes no outbox rows. ``write_demo_iso2709`` writes the same records to a UTF-8
ISO 2709 file for the import benchmark.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import random
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from thuvien.catalog.marc.extract import extract
from thuvien.catalog.marc.isbn import isbn13_check_digit
from thuvien.catalog.marc.writer import to_iso2709
from thuvien.core.demo import DemoContext

from . import vocab as V  # noqa: N812 - short name for the vocabularies

BATCH = 5000
NETWORK_STRIDE = 10_000_000  # record numbers of the n-th network start at n * stride


def _isbn(seq: int) -> str:
    body = f"978604{seq % 1_000_000:06d}"
    return body + isbn13_check_digit(body)


_FAMOUS = {name for work in V.REAL_WORKS for name in work[1:3] if name}


def _person(rng: random.Random) -> str:
    """A generated name; the famous authors only ever sign their own works (REAL_WORKS)."""
    while True:
        name = f"{rng.choice(V.SURNAMES)} {rng.choice(V.MIDDLE)} {rng.choice(V.GIVEN)}"
        if name not in _FAMOUS:  # Hồ + Xuân + Hương can come out of the lists
            return name


_FORMATTER = string.Formatter()


def _compile(pattern: str) -> tuple[str, tuple[str, ...]]:
    return pattern, tuple(dict.fromkeys(f for _, f, _, _ in _FORMATTER.parse(pattern) if f))


def _slot_values(name: str) -> list[str]:
    if name in ("given", "given2"):
        return V.GIVEN
    if name == "surname":
        return V.SURNAMES
    return V.SLOTS[name]


def _space(compiled: tuple[str, tuple[str, ...]]) -> int:
    """How many titles a pattern can make."""
    return math.prod(10_000 if n == "author" else len(_slot_values(n)) for n in compiled[1])


def _patterns(patterns: list[str]) -> tuple[list[tuple[str, tuple[str, ...]]], list[float]]:
    """The compiled patterns of a class and their cumulative weights: a pattern that can make
    more titles is drawn more often (by the square root of its size), so titles are mostly
    distinct while the short classics ("Từ điển tiếng Việt") still recur."""
    compiled = [_compile(p) for p in patterns]
    return compiled, list(itertools.accumulate(_space(c) ** 0.5 for c in compiled))


# Each class compiled once: (DDC, subject, publishers, subtitles, series, patterns).
_CLASSES = [
    (ddc, subject, V.PUBLISHERS[pubs], V.SUBTITLES[subs], V.SERIES.get(subs),
     _patterns(patterns))
    for ddc, subject, pubs, subs, _weight, patterns in V.CLASSES
]  # fmt: skip
_CLASS_WEIGHTS = list(itertools.accumulate(weight for *_, weight, _p in V.CLASSES))
_PLACE_SLOTS = ("commune", "province", "place")
_THESES = [(_compile(p), ddc, subject) for p, ddc, subject in V.THESES]
_MAPS = [_compile(p) for p in V.MAPS]
_HAN_NOM = [_compile(p) for p in V.HAN_NOM]
_LOCAL = [_compile(p) for p in V.LOCAL]
TARGET_AT = {V.TARGET_FIRST + k * V.TARGET_STRIDE: k for k in range(len(V.TARGETS))}


def _fill(
    compiled: tuple[str, tuple[str, ...]], rng: random.Random, author: str = ""
) -> tuple[str, str]:
    """The title of a pattern with its slots filled, and the place it names (or "")."""
    pattern, names = compiled
    values = {n: (author if n == "author" else rng.choice(_slot_values(n))) for n in names}
    title = pattern.format_map(values)
    place = next((values[n] for n in _PLACE_SLOTS if n in values), "")
    return title[:1].upper() + title[1:], place


_YEAR = re.compile(r"(?:19|20)\d\d(?!\d)")
_RECENT = re.compile("|".join(re.escape(w) for w in V.FIRST_YEAR_BY_WORD))


def _not_before(title: str, subject: str, year: int) -> int:
    """``year``, or later when the title names a later year ("(1945–2020)", "Nghị định số
    12/2019/NĐ-CP") or a thing of recent years (VietGAP, chuyển đổi số)."""
    floor = V.FIRST_YEAR_BY_SUBJECT.get(subject, 0)
    for found in _RECENT.findall(title):
        floor = max(floor, V.FIRST_YEAR_BY_WORD[found])
    for found in _YEAR.findall(title):
        floor = max(floor, min(int(found), 2025))
    return min(2025, max(year, floor))


@dataclass(frozen=True)
class DemoTarget:
    """A record that occurs once in a generated catalogue, and the query that must find it."""

    seq: int
    title: str
    author: str
    query: str

    def control_number(self, agency: str = "VN-HYTV") -> str:
        return f"{agency}{self.seq:09d}"


def demo_targets(count: int | None = None) -> list[DemoTarget]:
    """The targets among the first ``count`` records (all of them when None)."""
    return [
        DemoTarget(seq, V.TARGETS[k][0], V.TARGETS[k][1], V.TARGETS[k][5])
        for seq, k in sorted(TARGET_AT.items())
        if count is None or seq <= count
    ]


def _f008(year: int, lang: str, entered: str, kind: str = " ") -> str:
    # 00-05 entered, 06 s, 07-10 year, 15-17 place, 24-27 nature of contents, 35-37 language
    value = f"{entered}s{year}    vm {' ' * 6}{kind:<4} 000 0 {lang} d"
    assert len(value) == 40 and value[35:38] == lang
    return value


def demo_marc(seq: int, rng: random.Random, *, agency: str = "VN-HYTV") -> dict[str, Any]:
    """One generated record as MARC-in-JSON; ``seq`` makes the 001 and the ISBN unique.

    About 7 % are real Vietnamese works with their real authors and publishers, 2 % English
    and 1 % French books with theirs, a few serials, theses, maps, local-history (địa chí) and
    Hán Nôm documents; the rest have titles composed for their subject (vocab.CLASSES).
    Record numbers in ``TARGET_AT`` carry the relevance targets.
    """
    roll = rng.random()
    year = rng.randint(1960, 2025)
    lang, leader, kind, nature = "vie", "00000nam a2200000 i 4500", "book", " "
    authors: list[str] = []
    subtitles: list[str] = []
    series = place_named = ""
    subtitle_chance = 0.3
    if seq in TARGET_AT:
        title, author, ddc, subject, pubs, _query = V.TARGETS[TARGET_AT[seq]]
        authors = [author] if author else []
        publishers = V.PUBLISHERS[pubs]
        subtitle_chance = 0.0
    elif roll < 0.03:
        title, author, ddc, subject, pubs = rng.choice(V.ENGLISH if roll < 0.02 else V.FRENCH)
        lang, authors, publishers = ("eng" if roll < 0.02 else "fre"), [author], V.PUBLISHERS[pubs]
        year = rng.randint(1995 if pubs == "eng_it" else 1960, 2025)
    elif roll < 0.04:
        kind, leader, ddc, subject = "serial", "00000nas a2200000 i 4500", "050", "Tạp chí"
        title, publishers = rng.choice(V.SERIALS), V.PUBLISHERS["soc"]
    elif roll < 0.05:
        compiled, ddc, subject = rng.choice(_THESES)
        kind, nature, authors = "thesis", "m", [_person(rng)]
        (title, place_named), publishers = _fill(compiled, rng), V.PUBLISHERS["school"]
        subject = f"{subject} -- Luận án"
        year = _not_before(title, subject, max(year, 1990))
    elif roll < 0.055:
        kind, leader, ddc, subject = "map", "00000nem a2200000 i 4500", "912.597", "Bản đồ"
        (title, place_named), publishers = _fill(rng.choice(_MAPS), rng), V.PUBLISHERS["soc"]
    elif roll < 0.065:
        kind, ddc, subject, authors = "local", "959.733", "Địa chí", [_person(rng)]
        (title, place_named), publishers = _fill(rng.choice(_LOCAL), rng), V.PUBLISHERS["local"]
    elif roll < 0.07:
        kind, leader, ddc = "hannom", "00000ntm a2200000 i 4500", "959.7"
        subject = "Tư liệu Hán Nôm"
        lang, year = "chi", rng.randint(1700, 1940)
        (title, place_named), publishers = _fill(rng.choice(_HAN_NOM), rng), V.PUBLISHERS["local"]
    elif roll < 0.14:
        title, first, second, ddc, subject, pubs, published = rng.choice(V.REAL_WORKS)
        authors = [a for a in (first, second) if a]
        publishers = V.PUBLISHERS[pubs]
        year = rng.randint(max(published, 1960), 2025)
        subtitle_chance = 0.0
    else:
        ddc, subject, publishers, subtitles, series, patterns = _CLASSES[
            bisect.bisect(_CLASS_WEIGHTS, rng.random() * _CLASS_WEIGHTS[-1])
        ]
        authors = [_person(rng)]
        compiled, weights = patterns
        pattern = compiled[bisect.bisect(weights, rng.random() * weights[-1])]
        title, place_named = _fill(pattern, rng, authors[0])
        if subtitles is V.SUBTITLES["child"]:
            subtitle_chance = 0.6
        if rng.random() < 0.2 and "author" not in pattern[1]:
            authors.append(_person(rng))
        year = _not_before(title, subject, 2025 - min(65, int(rng.expovariate(1 / 15))))
    place, publisher = rng.choice(publishers)
    entered = f"{year % 100:02d}0{rng.randint(1, 9)}1{rng.randint(0, 9)}"
    fields: list[dict[str, Any]] = [
        {"001": f"{agency}{seq:09d}"},
        {"003": agency},
        {"005": f"{min(year + 1, 2025)}0101000000.0"},
        {"008": _f008(year, lang, entered, nature)},
    ]

    def df(tag: str, i1: str, i2: str, *subs: tuple[str, str]) -> None:
        fields.append({tag: {"ind1": i1, "ind2": i2, "subfields": [{c: v} for c, v in subs]}})

    price = rng.choice([25, 35, 48, 56, 68, 85, 95, 120, 150, 210]) * 1000
    if kind == "serial":
        df("022", " ", " ", ("a", rng.choice(["0866-7233", "1859-1000", "0866-7667"])))
    elif kind not in ("thesis", "hannom") and year >= 1985:
        df("020", " ", " ", ("a", _isbn(seq)), ("c", f"{price}đ"))
    df("041", "0", " ", ("a", lang))
    df("082", "0", "4", ("a", ddc), ("2", "23"))
    if authors:
        name_ind = "1" if "," in authors[0] else "0"
        df("100", name_ind, " ", ("a", authors[0]))
    subtitle = rng.choice(subtitles) if subtitles and rng.random() < subtitle_chance else ""
    resp = " ; ".join(authors)
    subs: list[tuple[str, str]] = [("a", title + (" :" if subtitle else (" /" if resp else "")))]
    if subtitle:
        subs.append(("b", subtitle + (" /" if resp else "")))
    if resp:
        subs.append(("c", resp))
    df("245", "1" if authors else "0", "0", *subs)
    if rng.random() < (0.3 if 0.07 <= roll < 0.14 else 0.15):
        df("250", " ", " ", ("a", f"Tái bản lần thứ {rng.randint(1, 9)}"))
    if kind == "hannom":
        df("264", " ", "0", ("a", place_named or "Hưng Yên"), ("c", str(year)))
    else:
        df("264", " ", "1", ("a", f"{place} :"), ("b", f"{publisher},"), ("c", str(year)))
    df(
        "300",
        " ",
        " ",
        ("a", f"{rng.randint(48, 640)} tr. ;"),
        ("c", f"{rng.choice([19, 21, 24])} cm"),
    )
    if series and rng.random() < 0.2:
        df("490", "0", " ", ("a", series))
    if kind == "thesis":
        df("502", " ", " ", ("a", f"Luận án Tiến sĩ -- Đại học Quốc gia Hà Nội, {year}"))
    if kind == "hannom":
        df("546", " ", " ", ("a", "Chữ Hán, chữ Nôm"))
    df("650", " ", "7", ("a", subject), ("2", "Bộ TK TVQG"))
    if place_named and lang == "vie":
        df("651", " ", "7", ("a", place_named), ("2", "Bộ TK TVQG"))
    if len(authors) > 1:
        df("700", "0", " ", ("a", authors[1]))
    if rng.random() < 0.03:
        df(
            "856",
            "4",
            "0",
            ("u", f"https://thuvien.hungyen.gov.vn/so-hoa/{seq}"),
            ("y", "Bản số hoá"),
        )
    if kind == "local":
        df("940", " ", " ", ("a", "Địa chí"))
    elif kind == "hannom":
        df("940", " ", " ", ("a", "Hán Nôm"))
    return {"leader": leader, "fields": fields}


def demo_marc_stream(count: int, *, start: int = 1, seed: int = 2026) -> Iterator[dict[str, Any]]:
    """``count`` records numbered from ``start``, reproducible for a given seed and start."""
    for first in range(start, start + count, BATCH):
        rng = random.Random(seed * 1_000_003 + first)
        for seq in range(first, min(first + BATCH, start + count)):
            yield demo_marc(seq, rng)


def write_demo_iso2709(path: str | Path, count: int, *, seed: int = 2026) -> int:
    """Write ``count`` demo records to a UTF-8 ISO 2709 file (for benchmarks); returns bytes."""
    size = 0
    with open(path, "wb") as out:
        for marc in demo_marc_stream(count, seed=seed):
            data = to_iso2709(marc)
            out.write(data)
            size += len(data)
    return size


_ITEM_TYPE = {
    "serial": "serial",
    "thesis": "thesis",
    "map": "map",
    "local_history": "local_history",
    "manuscript": "rare",
}


def _prepare_batch(
    first: int,
    count: int,
    seed: int,
    agency: str,
    libraries: list[tuple[int, bool]],
    locations: dict[int, int],
) -> tuple:
    """Records ``first .. first+count-1`` ready to insert: (rows, identifiers, items) per record.

    Pure (no database), deterministic for (seed, first), so batches can be prepared in other
    processes. ``libraries`` is ``[(pk, is_top_level)]``; ``locations`` maps a library to one
    of its locations.
    """
    from thuvien.catalog.services.rawinsert import dumps, extracted_row
    from thuvien.holdings.callnumber import propose_call_number

    rng = random.Random(seed * 1_000_003 + first)
    items_rng = random.Random(seed * 7_919 + first)
    weights = [5 if top else 1 for _pk, top in libraries]
    today = dt.date(2026, 1, 1)
    rows, identifiers, items = [], [], []
    for seq in range(first, first + count):
        marc = demo_marc(seq, rng)
        marc["fields"][0] = {"001": f"{agency}{seq:09d}"}
        marc["fields"][1] = {"003": agency}
        ex = extract(marc)
        v = ex.values
        rows.append((dumps(marc), extracted_row(v)))
        identifiers.append(ex.identifiers)
        call = propose_call_number(ddc=v["ddc"], authors=v["authors"], title=v["title"])
        copies = items_rng.choice((1, 1, 2, 2, 2, 3, 3, 4, 5))
        chosen = dict.fromkeys(
            pk for pk, _t in items_rng.choices(libraries, weights=weights, k=copies)
        )
        price = Decimal(items_rng.choice([25, 48, 68, 85, 120]) * 1000)
        items.append(
            [
                {
                    "library_id": lib_pk,
                    "barcode": f"DM{lib_pk:03d}{seq:09d}{n}",
                    "location_id": locations.get(lib_pk),
                    "call_number": call,
                    "item_type": _ITEM_TYPE.get(v["material_type"], "book"),
                    "price": price,
                    "acquired_on": today - dt.timedelta(days=items_rng.randint(0, 3650)),
                    "acquisition_source": items_rng.choice(
                        ("Mua", "Tặng", "Nộp lưu chiểu", "Luân chuyển")
                    ),
                }
                for n, lib_pk in enumerate(chosen)
            ]
        )
    return rows, identifiers, items


def _write_prepared(network_id: int, prepared: tuple) -> tuple[int, int]:
    from thuvien.catalog.services.rawinsert import insert_identifiers, insert_records
    from thuvien.holdings.item_sql import insert_items

    rows, identifiers, items = prepared
    ids = insert_records(network_id=network_id, rows=rows)
    insert_identifiers(
        network_id, ((pk, k, v) for pk, idents in zip(ids, identifiers, strict=True)
                     for k, v in idents)
    )  # fmt: skip
    flat = [{**item, "record_id": pk} for pk, its in zip(ids, items, strict=True) for item in its]
    insert_items(flat)
    return len(ids), len(flat)


def _demo_child(queue: Any, jobs: list[tuple], args: tuple) -> None:
    try:
        for first, count in jobs:
            queue.put(("batch", _prepare_batch(first, count, *args)))
        queue.put(("end", None))
    except BaseException as exc:  # noqa: BLE001 - the parent raises it
        queue.put(("error", f"{type(exc).__name__}: {exc}"))


def _prepared_batches(jobs: list[tuple[int, int]], args: tuple, parallel: bool) -> Iterator[tuple]:
    """Prepared batches in order; two forked processes prepare alternate batches when
    ``parallel`` (the parent only inserts), which keeps both cores busy on a big demo."""
    import multiprocessing

    if not parallel or "fork" not in multiprocessing.get_all_start_methods():
        for first, count in jobs:
            yield _prepare_batch(first, count, *args)
        return
    ctx = multiprocessing.get_context("fork")
    queues = [ctx.Queue(maxsize=3) for _ in range(2)]
    children = [
        ctx.Process(target=_demo_child, args=(queues[w], jobs[w::2], args), daemon=True)
        for w in range(2)
    ]
    for child in children:
        child.start()
    try:
        for index in range(len(jobs)):
            kind, payload = queues[index % 2].get()
            if kind == "error":
                raise RuntimeError(f"demo generator process failed: {payload}")
            yield payload
    finally:
        for child in children:
            if child.is_alive():
                child.terminate()
            child.join(timeout=5)


def demo_catalog(ctx: DemoContext, *, parallel: bool | None = None) -> None:
    """Fill each demo network: 85 % of ``ctx.records`` in the first, the rest in the others."""
    from django.db import transaction

    from thuvien.catalog.models import Record
    from thuvien.network.models import Location

    networks = list(ctx.networks)
    if not networks:
        ctx.say("Biên mục: chưa có mạng lưới nào, bỏ qua.")
        return
    others = len(networks) - 1
    share = ctx.records * 15 // 100 // others if others else 0
    shares = [ctx.records - share * others] + [share] * others
    for index, (network, target) in enumerate(zip(networks, shares, strict=True)):
        libraries = [lib for lib in ctx.libraries if lib.network_id == network.pk]
        have = Record.objects.filter(network=network).count()
        if have >= target or not libraries:
            ctx.say(f"Biên mục {network.code}: đã có {have} biểu ghi, bỏ qua.")
            continue
        locations: dict[int, int] = {}
        for loc in Location.objects.filter(library__in=libraries).order_by("id"):
            locations.setdefault(loc.library_id, loc.pk)
        agency = "VN-" + "".join(p[0] for p in network.code.split("-")).upper() + "TV"
        start = index * NETWORK_STRIDE + have + 1
        missing = target - have
        jobs = [(first, min(BATCH, start + missing - first))
                for first in range(start, start + missing, BATCH)]  # fmt: skip
        lib_specs = [(lib.pk, lib.parent_id is None) for lib in libraries]
        args = (ctx.seed, agency, lib_specs, locations)
        use_fork = parallel if parallel is not None else missing >= 4 * BATCH
        done = total_items = 0
        with ctx.progress(total=missing, desc=f"Biên mục {network.code}") as bar:
            for prepared in _prepared_batches(jobs, args, use_fork):
                with transaction.atomic():
                    n, items = _write_prepared(network.pk, prepared)
                done += n
                total_items += items
                bar.to(done)
                if done % 50_000 < BATCH and not bar.shown:
                    ctx.say(f"  biên mục {network.code}: {have + done}/{target} biểu ghi")
        ctx.say(f"Biên mục {network.code}: +{done} biểu ghi, +{total_items} bản sao")
