"""The search page through gunicorn with 20 concurrent clients.

    .venv/bin/python benchmarks/search_web.py [--clients 20] [--seconds 60] [--workers 3]

Starts ``gunicorn thuvien.config.wsgi`` on the benchmark data dir (search_build.py /
search_index_generated.py), then 20 client threads each loop over reader queries
(``search_corpus.queries``) requesting ``/search/?q=...`` — the full HTML page with facets,
availability per library and clusters — and prints p50/p95/p99 latency, throughput and the
page size over the wire.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def tree_cpu(root: int) -> float:
    """CPU seconds (user + system) of ``root`` and its children, from /proc (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        if pid == root or ppid == root:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    from search_corpus import queries

    env = {
        **os.environ,
        "THUVIEN_DATA_DIR": os.environ.get("THUVIEN_DATA_DIR", "/tmp/thuvien-bench"),
        "THUVIEN_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "thuvien.config.settings.base",
    }
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "thuvien.config.wsgi",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--bind",
            f"127.0.0.1:{args.port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=str(ROOT),
    )
    try:
        qs = queries()
        deadline = time.time() + 120
        while True:  # wait for the server; warm every worker's index reader
            try:
                conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
                conn.request("GET", "/search/?q=warm")
                conn.getresponse().read()
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
        for q in qs[:30]:
            conn.request("GET", "/search/?" + urlencode({"q": q}))
            conn.getresponse().read()
        times: list[float] = []
        sizes: list[int] = []
        errors: list[int] = []
        lock = threading.Lock()
        stop = time.time() + args.seconds

        def client(k: int) -> None:
            c = http.client.HTTPConnection("127.0.0.1", args.port, timeout=60)
            i = k * 7
            while time.time() < stop:
                q = qs[i % len(qs)]
                i += 1
                t = time.perf_counter()
                c.request(
                    "GET", "/search/?" + urlencode({"q": q}), headers={"Accept-Encoding": "gzip"}
                )
                resp = c.getresponse()
                body = resp.read()
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    times.append(ms)
                    sizes.append(len(body))
                    if resp.status != 200:
                        errors.append(resp.status)

        threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
        cpu_before = tree_cpu(server.pid)
        started = time.time()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        elapsed = time.time() - started
        server_cpu = tree_cpu(server.pid) - cpu_before
        print(
            f"WEB /search/ {args.clients} clients, "
            f"gunicorn {args.workers} workers x {args.threads} threads: "
            f"{len(times)} requests in {elapsed:.0f} s ({len(times) / elapsed:.1f}/s), "
            f"p50 {pct(times, 50):.0f} ms  p95 {pct(times, 95):.0f} ms  p99 {pct(times, 99):.0f} ms"
        )
        print(
            f"server CPU per request: {server_cpu * 1000 / max(1, len(times)):.1f} ms "
            f"(gunicorn master + workers); load average {os.getloadavg()[0]:.1f} on "
            f"{os.cpu_count()} cores"
        )
        print(
            f"page size over the wire: median {statistics.median(sizes) / 1024:.1f} KB, "
            f"max {max(sizes) / 1024:.1f} KB; errors: {len(errors)} {sorted(set(errors))}"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
