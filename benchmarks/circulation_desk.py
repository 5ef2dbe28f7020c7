"""Circulation desk benchmark: 25 desks checking copies out and in over the REST API.

    .venv/bin/python benchmarks/circulation_desk.py [--items 100000] [--readers 20000]
        [--desks 25] [--transactions 5000] [--workers 4] [--threads 2] [--port 8300]
        [--client raw|http.client] [--fresh] [--in-process N [--profile]]

Builds (once) a floor of 100,000 copies and 20,000 readers in the PostgreSQL database
``thuvien_bench`` with ``bulk_create`` (tests/circulation_load/floor.py; the demo-data generator
is not used because it also builds MARC records and the search index, which this benchmark does
not need), starts gunicorn, and runs the desks: each transaction is one POST to
``/api/v1/circulation/checkout/`` or ``/checkin/``; every copy lent is returned right after, and
5 % of the scans hit 50 "hot" copies so that desks really collide.

Every worker is warmed (each desk's own connection, at once) before timing. Prints: server time
p50/p95 overall and per operation (gunicorn's access log, %(D)s: from request read to response
written), client time p50/p95, transactions per second over the whole run, the CPU seconds per
transaction of gunicorn (master and workers), of the PostgreSQL backends serving it and of the
desk clients (this process), the status codes, and the number of double loans found afterwards
in the database (two loans of one copy overlapping in time, or two open loans of one copy) — it
must be 0. On a shared machine steer by the CPU per transaction rather than wall-clock figures.

``--in-process N`` starts no server: N transactions through Django's WSGI handler in this
process, CPU per transaction; ``--profile`` adds cProfile and the Python function calls per
transaction (deterministic).

The PostgreSQL server is used as installed (stock settings: synchronous_commit on, fsync on);
nothing is changed for the benchmark, per session or otherwise. Django runs with DEBUG off
and persistent connections (CONN_MAX_AGE 60: one connection per gunicorn thread, kept).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "src")]

from proc_cpu import proc_cpu, tree_cpu  # noqa: E402  (this folder: run as a script)
from tests.circulation_load.floor import (  # noqa: E402
    DeskClient,
    RawDeskClient,
    WebServer,
    floor_env,
    migrate,
    seed,
)

from thuvien.cli import default_worker_connections  # noqa: E402

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/thuvien_bench"


def ensure_database(url: str, fresh: bool) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def double_loans(url: str) -> tuple[int, int]:
    """(copies with two open loans, pairs of loans of one copy that overlap in time)."""
    import psycopg

    with psycopg.connect(url) as conn:
        open_twice = conn.execute(
            "SELECT COUNT(*) FROM (SELECT item_id FROM circulation_loan"
            " WHERE returned_at IS NULL GROUP BY item_id HAVING COUNT(*) > 1) t"
        ).fetchone()[0]
        overlapping = conn.execute(
            "SELECT COUNT(*) FROM (SELECT returned_at, LEAD(issued_at) OVER"
            " (PARTITION BY item_id ORDER BY issued_at, id) AS next_issued"
            " FROM circulation_loan) t"
            " WHERE next_issued IS NOT NULL AND (returned_at IS NULL OR next_issued < returned_at)"
        ).fetchone()[0]
    return open_twice, overlapping


def backend_pids(url: str) -> list[int]:
    """PostgreSQL backends connected to the benchmark database (gunicorn's connections)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        ).fetchall()
    return [r[0] for r in rows]


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def in_process(env: dict[str, str], floor: dict, n: int, profile: bool) -> None:
    """``n`` check-outs and check-ins, one after another, through Django's WSGI handler in this
    process (every middleware, DRF, the services; no gunicorn, no network for HTTP): the CPU
    one desk transaction costs the web tier, measured with ``time.process_time`` so that the
    other processes of a shared machine inflate it far less than wall time."""
    import cProfile
    import io
    import pstats

    os.environ.update(env)
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    app = WSGIHandler()
    rng = random.Random(7)
    token = floor["token"]

    def post(path: str, payload: dict) -> int:
        body = json.dumps(payload).encode()
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8300",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(body)),
            "HTTP_HOST": "127.0.0.1",
            "HTTP_AUTHORIZATION": f"Token {token}",
            "HTTP_X_LIBRARY": floor["library"],
            "HTTP_ACCEPT": "application/json",
            "wsgi.input": io.BytesIO(body),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
            "wsgi.version": (1, 0),
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        status: list[str] = []
        result = app(environ, lambda s, h, exc_info=None: status.append(s))
        b"".join(result)
        result.close()
        return int(status[0].split()[0])

    def run(count: int) -> Counter[int]:
        seen: Counter[int] = Counter()
        done = 0
        while done < count:
            barcode = rng.choice(floor["barcodes"])
            code = post(
                "/api/v1/circulation/checkout/",
                {"card_number": rng.choice(floor["cards"]), "barcode": barcode},
            )
            seen[code] += 1
            done += 1
            if code == 201:
                seen[post("/api/v1/circulation/checkin/", {"barcode": barcode})] += 1
                done += 1
        return seen

    run(50)  # warm: imports, connections, caches
    cpu, wall = time.process_time(), time.perf_counter()
    prof = cProfile.Profile(time.process_time) if profile else None
    if prof:
        prof.enable()
    seen = run(n)
    if prof:
        prof.disable()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    total = sum(seen.values())
    print(
        f"in-process: {total} transactions, CPU {cpu * 1000 / total:.2f} ms per transaction, "
        f"wall {wall * 1000 / total:.2f} ms; status codes {dict(sorted(seen.items()))}; "
        f"load average {os.getloadavg()[0]:.2f}"
        + (" (under cProfile: CPU inflated)" if prof else "")
    )
    if prof:
        stats = pstats.Stats(prof)
        # Deterministic, unlike CPU time on a shared machine: steer by it between runs.
        print(f"Python function calls per transaction: {stats.total_calls / total:.0f}")
        stats.sort_stats("cumulative").print_stats(60)
        stats.sort_stats("tottime").print_stats(40)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DB)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--readers", type=int, default=20_000)
    parser.add_argument("--desks", type=int, default=25)
    parser.add_argument("--transactions", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=4)
    # 4 x 2 on two cores: measured against 4x4, 3x8, 2x8, 2x4, 3x2, 4x1 (docs/guides/
    # circulation-desk.md). More threads only queue requests inside the GIL: server time grows
    # (p95 x2 at 4x4), throughput does not.
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--worker-connections",
        type=int,
        default=0,
        help="keep-alive connections a worker holds at most (0: as thuvien serve, 4 x threads)",
    )
    parser.add_argument(
        "--worker-class",
        choices=("gthread", "sync"),
        default="sync",
        help="as THUVIEN_WEB_WORKER_CLASS (thuvien serve's default: sync, one request per "
        "worker process; --threads and --worker-connections then unused)",
    )
    parser.add_argument(
        "--in-process",
        type=int,
        default=0,
        metavar="N",
        help="no server: N transactions through the WSGI handler here; prints CPU per one",
    )
    parser.add_argument("--profile", action="store_true", help="with --in-process: cProfile")
    parser.add_argument(
        "--client",
        choices=("raw", "http.client"),
        default="raw",
        help="the desks' HTTP client: raw sockets (light) or http.client (the first version)",
    )
    parser.add_argument("--port", type=int, default=8300, help="gunicorn's port (8300-8399)")
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild the database")
    parser.add_argument(
        "--redis",
        default="redis://127.0.0.1:6379/14",
        help="queue and cache on Redis, as a province runs it ('' for the embedded SQLite queue)",
    )
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="thuvien-bench-")
    env = floor_env(args.database_url, data_dir)
    if args.redis:
        env["THUVIEN_REDIS_URL"] = args.redis
        env["THUVIEN_QUEUE_NAME"] = "thuvien-bench"
    t0 = time.monotonic()
    ensure_database(args.database_url, args.fresh)
    migrate(env)
    floor = seed(env, items=args.items, readers=args.readers)
    print(
        f"floor: {len(floor['barcodes'])} copies, {len(floor['cards'])} readers "
        f"(ready in {time.monotonic() - t0:.0f} s)"
    )

    if args.in_process:
        in_process(env, floor, args.in_process, args.profile)
        return

    server = WebServer(
        env,
        workers=args.workers,
        threads=args.threads,
        worker_connections=args.worker_connections,
        worker_class=args.worker_class,
        port=args.port,
    ).start()
    rng = random.Random(2026)
    hot = rng.sample(floor["barcodes"], 50)
    per_desk = args.transactions // args.desks
    client_ms: list[float] = []
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    errors: list[BaseException] = []
    warmed = threading.Barrier(args.desks + 1)
    start = threading.Barrier(args.desks + 1)

    def desk(n: int) -> None:
        r = random.Random(n)
        client = (RawDeskClient if args.client == "raw" else DeskClient)(
            server.port, floor["token"]
        )
        done = 0
        mine: list[float] = []
        seen: Counter[int] = Counter()
        try:
            # Warm up with every desk's own connection at once, so that EVERY gunicorn worker
            # has served requests before timing: a worker imports the URLconf (and with it
            # every interface app) on its first request, about a second of CPU. One warm-up
            # connection (keep-alive) reached one worker only, and the others paid that
            # import inside the timed run.
            for _ in range(4):
                client.checkin("NO-SUCH-COPY")
            warmed.wait()
            start.wait()
            while done < per_desk:
                barcode = r.choice(hot) if r.random() < 0.05 else r.choice(floor["barcodes"])
                t = time.perf_counter()
                status, _ = client.checkout(r.choice(floor["cards"]), barcode)
                mine.append((time.perf_counter() - t) * 1000)
                seen[status] += 1
                done += 1
                if status == 201 and done < per_desk:
                    t = time.perf_counter()
                    status, _ = client.checkin(barcode)
                    mine.append((time.perf_counter() - t) * 1000)
                    seen[status] += 1
                    done += 1
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            client.close()
            with lock:
                client_ms.extend(mine)
                statuses.update(seen)

    threads = [threading.Thread(target=desk, args=(n,)) for n in range(args.desks)]
    for t in threads:
        t.start()
    warmed.wait()
    time.sleep(0.5)  # let gunicorn write the warm-up's access log lines
    log_offset = len(server.server_times_ms())
    load_before = os.getloadavg()
    pg_before = {pid: proc_cpu(pid) for pid in backend_pids(args.database_url)}
    server_cpu_before = tree_cpu(server.process.pid)
    client_cpu_before = time.process_time()
    start.wait()
    began = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    client_cpu = time.process_time() - client_cpu_before
    server_cpu = tree_cpu(server.process.pid) - server_cpu_before
    pg_cpu = sum(proc_cpu(pid) - pg_before.get(pid, 0.0) for pid in backend_pids(args.database_url))
    time.sleep(0.5)  # let gunicorn flush its access log
    server.stop()
    by_path = server.server_times_by_path()[log_offset:]
    server_ms = [ms for _, ms in by_path]
    open_twice, overlapping = double_loans(args.database_url)

    total = sum(statuses.values())
    queue = "Redis" if args.redis else "embedded SQLite"
    if args.worker_class == "sync":
        served = f"gunicorn sync {args.workers} workers"
    else:
        served = (
            f"gunicorn {args.workers} workers x {args.threads} threads, "
            f"{server.worker_connections or default_worker_connections(args.threads)} "
            "keep-alive connections a worker at most"
        )
    print(f"desks: {args.desks} ({args.client} client threads); {served}; queue on {queue}")
    print(f"transactions: {total} in {wall:.1f} s = {total / wall:.0f} tx/s")
    print(
        f"server time (gunicorn access log): p50 {pct(server_ms, 0.5):.1f} ms, "
        f"p95 {pct(server_ms, 0.95):.1f} ms, mean {statistics.fmean(server_ms):.1f} ms "
        f"({len(server_ms)} requests)"
    )
    for op in ("checkout", "checkin"):
        ms = [t for path, t in by_path if path.rstrip("/").endswith(op)]
        if ms:
            print(
                f"  {op}: p50 {pct(ms, 0.5):.1f} ms, p95 {pct(ms, 0.95):.1f} ms "
                f"({len(ms)} requests)"
            )
    print(
        f"CPU per transaction: gunicorn {server_cpu * 1000 / total:.2f} ms, PostgreSQL backends "
        f"{pg_cpu * 1000 / total:.2f} ms, the desk clients {client_cpu * 1000 / total:.2f} ms "
        f"(totals {server_cpu:.1f} s, {pg_cpu:.1f} s, {client_cpu:.1f} s in {wall:.1f} s)"
    )
    print(f"client time: p50 {pct(client_ms, 0.5):.1f} ms, p95 {pct(client_ms, 0.95):.1f} ms")
    print(f"status codes: {dict(sorted(statuses.items()))}")
    doubles = open_twice + overlapping
    print(f"double loans: {doubles} (open twice {open_twice}, overlapping {overlapping})")
    if errors:
        print(f"client errors: {len(errors)}; first: {errors[0]!r}")
    print(
        f"cpu count: {os.cpu_count()}; load average before {load_before[0]:.2f}, after "
        f"{os.getloadavg()[0]:.2f} (other processes share the machine: figures are pessimistic)"
    )


if __name__ == "__main__":
    main()
