"""The inspector's page on a province far larger than today's: 1,100 libraries and a year of
recorded days (401,500 LibraryDay rows, about 10 million loans in their counts, and the
monthly sums the recording keeps).

Run: ``.venv/bin/python benchmarks/oversight_dashboard.py [libraries] [days]``. Prints the
median wall and CPU milliseconds of the selector (``network_overview``), of the selector
plus everything else the page shows (staff training shares, the map, Decree 93's checks,
digitisation, key libraries) and its template, and of the whole HTTP request as an inspector
makes it (``GET /staff/oversight/`` through Django's test client: every middleware, the
session, the permission check, the page), over 20 runs. CPU is this process's
(``time.process_time``): the database server's own CPU is in the wall time only. A fresh
SQLite database in a temporary directory, unless THUVIEN_DATABASE_URL is set (then use an empty
database, e.g. ``THUVIEN_DATABASE_URL=postgres://postgres@127.0.0.1:5432/thuvien_oversight``;
a database that already holds the generated province is measured again as it is). Each
request is measured for wall, CPU and database time (p50 and p95), with its statement count;
one run of each page prints its slowest statements and any raw table (loans, copies, readers,
records) it reads, which a dashboard must not.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time

from catalog_common import setup_django


class _SqlTimer:
    """Wall time spent inside the database driver (the server's work and the wire), the
    number of statements, and the tables they name."""

    def __init__(self) -> None:
        self.ms = 0.0
        self.count = 0
        self.statements: list[tuple[float, str]] = []

    def __call__(self, execute, sql, params, many, context):
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            ms = (time.perf_counter() - t) * 1000
            self.ms += ms
            self.count += 1
            self.statements.append((ms, sql))


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def _measure(fn, repeat: int = 20) -> dict[str, float]:
    from django.db import connection

    wall, cpu, db, queries = [], [], [], []
    for _ in range(repeat):
        timer = _SqlTimer()
        with connection.execute_wrapper(timer):
            w, c = time.perf_counter(), time.process_time()
            fn()
            wall.append((time.perf_counter() - w) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        db.append(timer.ms)
        queries.append(timer.count)
    return {
        "wall50": statistics.median(wall), "wall95": _pct(wall, 0.95),
        "cpu50": statistics.median(cpu), "cpu95": _pct(cpu, 0.95),
        "db50": statistics.median(db), "db95": _pct(db, 0.95), "queries": max(queries),
    }  # fmt: skip


# Tables a dashboard must never read at request time (ARCHITECTURE.md: dashboards read
# aggregates, never scan loans).
RAW_TABLES = ("circulation_loan", "holdings_item", "patrons_patron", "circulation_hold",
              "digital_digitalobject", "catalog_record")  # fmt: skip


def _profile(fn, label: str) -> None:
    """One run with every statement: the slowest five, and any raw table read."""
    from django.db import connection

    timer = _SqlTimer()
    with connection.execute_wrapper(timer):
        fn()
    raw = sorted({t for _ms, sql in timer.statements for t in RAW_TABLES if f'"{t}"' in sql})
    print(f"  {label}: {timer.count} statements, {timer.ms:.1f} ms in the database; "
          f"raw tables read: {', '.join(raw) or 'none'}")  # fmt: skip
    for ms, sql in sorted(timer.statements, reverse=True)[:5]:
        print(f"    {ms:7.1f} ms  {sql[:160]}")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1100
    days = int(sys.argv[2]) if len(sys.argv) > 2 else 365
    setup_django("oversight-bench")
    from thuvien.network.models import Network

    rng = random.Random(2026)
    network = Network.objects.filter(code="bench-o").first()
    if network is None:
        network = _generate(count, days, rng)
    else:
        print("reusing the province generated before (BENCH_DATA_DIR or THUVIEN_DATABASE_URL)")
    _generate_collection(network, rng)
    _measure_pages(network, count)


def _generate(count: int, days: int, rng: random.Random):
    from thuvien.network.models import Library, Network
    from thuvien.oversight.models import LibraryDay
    from thuvien.oversight.services import library_month_rollup

    network = Network.objects.create(code="bench-o", name_vi="Mạng lưới đo", province="Hưng Yên")
    kinds = ["commune"] * 6 + ["school"] * 3 + ["specialised", "armed_forces"]
    Library.objects.bulk_create(
        Library(
            network=network,
            code=f"O-{i}",
            name_vi=f"Thư viện số {i}",
            library_type="provincial" if i == 0 else kinds[i % len(kinds)],
            commune=f"Xã {i % 104}",
            latitude=round(20.3 + rng.random() * 0.8, 6),
            longitude=round(105.9 + rng.random() * 0.7, 6),
        )
        for i in range(count)
    )
    ids = list(Library.objects.filter(network=network).values_list("pk", flat=True))
    # Three people a library on the staff records, two of them qualified.
    from thuvien.oversight.models import StaffPerson

    StaffPerson.all_objects.bulk_create(
        StaffPerson(library_id=pk, full_name=f"Người {pk}-{n}",
                    qualification="bachelor" if n else "")  # fmt: skip
        for pk in ids
        for n in range(3)
    )
    start = dt.date(2026, 12, 31) - dt.timedelta(days=days - 1)
    loans = 0
    t = time.perf_counter()
    for d in range(days):
        day = start + dt.timedelta(days=d)
        rows = []
        for pk in ids:
            n = rng.randint(0, 50)
            loans += n
            rows.append(
                LibraryDay(
                    library_id=pk, day=day, titles=rng.randint(500, 5000),
                    copies=rng.randint(1000, 9000), readers=rng.randint(50, 900),
                    copies_added=rng.randint(0, 5), readers_new=rng.randint(0, 3),
                    loans=n, returns=n, holds=rng.randint(0, 4),
                    book_copies=rng.randint(800, 8000), digital_objects=rng.randint(0, 40),
                    digital_pages=rng.randint(0, 4000), digital_published=rng.randint(0, 30),
                    titles_digitised=rng.randint(0, 30), special_titles=rng.randint(0, 200),
                    special_digitised=rng.randint(0, 50), endogenous_titles=rng.randint(0, 50),
                    endogenous_digitised=rng.randint(0, 20),
                )  # fmt: skip
            )
        LibraryDay.all_objects.bulk_create(rows, batch_size=2000)
        if d == days - 1 or (day + dt.timedelta(days=1)).day == 1:
            library_month_rollup(day=day)  # what each night's recording does for its month
    print(
        f"{count} libraries, {days} days: {count * days} rows, {loans:,} loans counted "
        f"(made in {time.perf_counter() - t:.1f} s)"
    )
    return network


def _generate_collection(network, rng: random.Random, days: int = 7) -> None:
    """The stock's breakdowns (DDC class, language, material type, format) of the last
    ``days`` recorded days, as each night's recording writes them: about 25 rows a library
    and day."""
    from thuvien.oversight.models import CollectionCount, LibraryDay

    rows = CollectionCount.all_objects.filter(library__network=network)
    if rows.exists():
        return
    last = LibraryDay.all_objects.filter(library__network=network).order_by("-day")[0].day
    ids = list(network.libraries.values_list("pk", flat=True))
    languages = ["vie", "eng", "fre", "chi", "rus", ""]
    materials = [("book", "print"), ("serial", "print"), ("thesis", "print"),
                 ("local_history", "print"), ("audio", "audiovisual"), ("electronic", "electronic")]
    made = 0
    for d in range(days):
        day = last - dt.timedelta(days=d)
        batch = []
        for pk in ids:
            for dimension, values in (("ddc", [str(n) for n in range(10)] + [""]),
                                      ("language", languages),
                                      ("material", [m for m, _f in materials]),
                                      ("format", ["print", "audiovisual", "electronic"])):
                batch += [CollectionCount(library_id=pk, day=day, dimension=dimension, value=v,
                                          titles=rng.randint(10, 900), copies=rng.randint(20, 2000))
                          for v in values]
        CollectionCount.all_objects.bulk_create(batch, batch_size=5000)
        made += len(batch)
    print(f"{made:,} collection breakdown rows for the last {days} days")


def _measure_pages(network, count: int) -> None:
    from django.template.loader import render_to_string

    from thuvien.network.models import Library
    from thuvien.oversight.selectors import network_overview

    def selector():
        return network_overview(network=network, year=2026)

    from thuvien.staff.oversight.views import overview_context

    def page():
        # Everything the page shows: figures, staff training, map, Decree 93 checks.
        return render_to_string(
            "staff/oversight/overview.html", overview_context(network=network, year=2026)
        )

    # The inspector, logged in as a browser would be.
    from django.test import Client

    from thuvien.accounts.models import Membership, Role, User
    from thuvien.accounts.services import builtin_roles_ensure

    builtin_roles_ensure()
    inspector = User.objects.filter(username="bench_thanhtra").first()
    if inspector is None:
        inspector = User.objects.create_user(username="bench_thanhtra", password="x" * 16,
                                             full_name="Thanh tra đo")  # fmt: skip
        Membership.objects.create(user=inspector, network=network,
                                  role=Role.objects.get(code="oversight_officer"))  # fmt: skip
    client = Client()
    client.force_login(inspector)
    first = client.get("/staff/oversight/", {"year": "2026"})
    assert first.status_code == 200, first.status_code
    assert b'data-figure="digital-objects"' in first.content
    print(f"page: {len(first.content) / 1024:.0f} KiB of HTML")

    def request():
        response = client.get("/staff/oversight/", {"year": "2026"})
        assert response.status_code == 200

    # A library drilled down to: the middle one of the province.
    library = Library.objects.get(code=f"O-{count // 2}")
    drill_path = _drill_down_path(client, library)

    def drill():
        response = client.get(drill_path, {"year": "2026"})
        assert response.status_code == 200, response.status_code

    print(f"drill-down: {drill_path}")
    _profile(request, "GET /staff/oversight/")
    _profile(drill, f"GET {drill_path}")
    for name, fn in (("network_overview", selector), ("whole page (context + template)", page),
                     ("whole HTTP request GET /staff/oversight/", request),
                     ("whole HTTP request, one library drilled down", drill)):  # fmt: skip
        m = _measure(fn)
        print(f"{name}: wall p50 {m['wall50']:.1f} / p95 {m['wall95']:.1f} ms, "
              f"CPU p50 {m['cpu50']:.1f} / p95 {m['cpu95']:.1f} ms, "
              f"database p50 {m['db50']:.1f} / p95 {m['db95']:.1f} ms, "
              f"{m['queries']} statements")  # fmt: skip


def _drill_down_path(client, library) -> str:
    """The inspector's page of one library: its own page where there is one, else the
    library's figures page with that library made the active one."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("oversight:library", args=[library.pk])
    except NoReverseMatch:
        from thuvien.accounts.middleware import ACTIVE_LIBRARY_SESSION_KEY

        session = client.session
        session[ACTIVE_LIBRARY_SESSION_KEY] = library.pk
        session.save()
        return reverse("oversight:year-figures")


if __name__ == "__main__":
    main()
