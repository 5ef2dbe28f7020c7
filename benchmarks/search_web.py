"""The search page through the web server with 20 concurrent clients.

    .venv/bin/python benchmarks/search_web.py [--clients 20] [--seconds 60]
        [--proxy none|nginx] [--load-generator python|wrk]
        [--worker-class sync|gthread] [--workers N] [--threads N] [--worker-connections N]

Starts the gunicorn command of ``thuvien serve`` (``thuvien.cli.gunicorn_command``, access log
included) on the benchmark data dir (search_build.py / search_index_generated.py); the shape
options set the matching ``THUVIEN_WEB_*`` variables, and the ones left out keep serve's own
defaults, so a run without them measures what the project ships. Then 20 clients each loop
over reader queries (``search_corpus.queries``) requesting ``/search/?q=...`` — the full HTML
page with facets, availability per library and clusters — and it prints p50/p95/p99 latency,
throughput and the server's CPU per page.

``--proxy nginx`` puts Debian's nginx (``apt-get install nginx-light``) in front, as
docs/operations.md deploys it: the clients keep their connections to nginx, which opens one to
gunicorn per request (its default HTTP/1.0 upstream), so a request waits in gunicorn's accept
queue until a worker is free and every wait is inside the measured latency. With
``--worker-class sync`` (gunicorn's recommendation behind a buffering proxy) the workers then
serve one queue in arrival order.

``--load-generator wrk`` sends the same requests (the same query list, in the same order per
client, with keep-alive) from Debian's ``wrk`` (``apt-get install wrk``) instead of 20 Python
threads: on a 2-core machine the Python clients take CPU from the server they measure. The
client's own CPU per request is printed either way, so the two can be compared.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

from proc_cpu import tree_cpu  # noqa: E402


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


WRK_SCRIPT = """
local paths = {%s}
local counter = 0
function setup(thread)
  thread:set("offset", counter * 7)
  counter = counter + 1
end
function init(args)
  n = offset
end
function request()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1], {["Accept-Encoding"] = "gzip"})
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %%d %%d %%.1f %%.1f %%.1f %%d %%d\\n", summary.requests,
    summary.duration, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def run_wrk(args: argparse.Namespace, paths: list[str]) -> tuple[int, float, str, float]:
    """(requests, seconds, summary line, client CPU seconds) of one wrk run.

    One connection per client, as the Python clients; each connection walks the query list
    from its own offset. wrk reports latency percentiles from its own histogram.
    """
    lua = ", ".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(WRK_SCRIPT % lua)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(
        [
            shutil.which("wrk") or "wrk",
            f"-t{min(args.clients, 2)}",
            f"-c{args.clients}",
            f"-d{args.seconds}s",
            "--timeout",
            "60s",
            "-s",
            fh.name,
            f"http://127.0.0.1:{args.port}/",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    os.unlink(fh.name)
    match = re.search(r"^WRK (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+) (\d+)", out, re.M)
    if not match:
        raise RuntimeError(out)
    n, micros, p50, p95, p99, errors, bad = match.groups()
    line = f"p50 {float(p50):.0f} ms  p95 {float(p95):.0f} ms  p99 {float(p99):.0f} ms"
    line += f"; errors: {int(errors) + int(bad)}"
    client = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return int(n), int(micros) / 1e6, line, client


NGINX_CONF = """
worker_processes 1;
pid %(dir)s/nginx.pid;
error_log %(dir)s/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path %(dir)s;
    proxy_temp_path %(dir)s;
    upstream app { server 127.0.0.1:%(app)d; }
    server {
        listen 127.0.0.1:%(port)d;
        location / {
            proxy_pass http://app;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }
    }
}
"""


def app_port(args: argparse.Namespace) -> int:
    """gunicorn's port: behind the proxy, the next one up."""
    return args.port + 1 if args.proxy == "nginx" else args.port


def start_nginx(args: argparse.Namespace) -> subprocess.Popen:
    folder = tempfile.mkdtemp(prefix="thuvien-nginx-")
    conf = Path(folder) / "nginx.conf"
    conf.write_text(NGINX_CONF % {"dir": folder, "app": app_port(args), "port": args.port})
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    return subprocess.Popen([nginx, "-c", str(conf), "-g", "daemon off;"])


def shape(command: list[str], proxy: str) -> str:
    """The served shape read back from the gunicorn command line."""

    def flag(name: str) -> str:
        return command[command.index(name) + 1] if name in command else "-"

    front = "nginx -> " if proxy == "nginx" else ""
    text = f"{front}gunicorn {flag('--worker-class')} {flag('--workers')} workers"
    if flag("--worker-class") != "sync":
        text += f" x {flag('--threads')} threads, {flag('--worker-connections')} connections each"
    return text


def serve_settings(args: argparse.Namespace) -> dict[str, str]:
    """``THUVIEN_WEB_*`` for the options given; the others keep ``thuvien serve``'s defaults."""
    chosen = {
        "THUVIEN_WEB_WORKERS": args.workers,
        "THUVIEN_WEB_THREADS": args.threads,
        "THUVIEN_WEB_WORKER_CLASS": args.worker_class,
        "THUVIEN_WEB_WORKER_CONNECTIONS": args.worker_connections,
    }
    out = {k: str(v) for k, v in chosen.items() if v}
    out["THUVIEN_BIND"] = f"127.0.0.1:{app_port(args)}"
    return out


def server_tree_cpu(server: subprocess.Popen, proxy: subprocess.Popen | None) -> float:
    """CPU seconds of gunicorn's processes, and nginx's when it is in front."""
    return tree_cpu(server.pid) + (tree_cpu(proxy.pid) if proxy is not None else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    # Unset, each keeps `thuvien serve`'s own default (THUVIEN_WEB_*): the figure is then
    # that of the shape the project ships.
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument(
        "--worker-connections",
        type=int,
        default=0,
        help="keep-alive connections a gthread worker holds at most. Below "
        "clients / workers + threads, gunicorn answers some requests with Connection: close "
        "and those clients reconnect; wrk times a request from its write on the new "
        "connection, so the wait in gunicorn's accept queue is measured (only the loopback "
        "handshake is not, wrk.c socket_writeable). 40 pins every client to one worker",
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--load-generator", choices=("python", "wrk"), default="python")
    parser.add_argument("--worker-class", choices=("gthread", "sync"), default="")
    parser.add_argument("--proxy", choices=("none", "nginx"), default="none")
    parser.add_argument(
        "--path",
        default="/search/",
        help="the portal's result page (/search/) or the JSON search API (/api/v1/search/)",
    )
    args = parser.parse_args()
    target = args.path
    # a result row of the page, or of the API's JSON: an empty index would look fast
    found = b'"work_records"' if "/api/" in target else b'class="ritem"'
    from search_corpus import queries

    from thuvien.cli import gunicorn_command

    env = {
        **os.environ,
        "THUVIEN_DATA_DIR": os.environ.get("THUVIEN_DATA_DIR", "/tmp/thuvien-bench"),
        "THUVIEN_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "thuvien.config.settings.base",
        # the clients share one address: the API's per-address throttles would answer 429
        "THUVIEN_API_ANON_RATE": os.environ.get("THUVIEN_API_ANON_RATE", "1000000/min"),
        "THUVIEN_API_USER_RATE": os.environ.get("THUVIEN_API_USER_RATE", "1000000/min"),
        "THUVIEN_SEARCH_RATE": os.environ.get("THUVIEN_SEARCH_RATE", "1000000/min"),
        **serve_settings(args),
    }
    command = gunicorn_command(env, ["--log-level", "warning"])
    served = shape(command, args.proxy)
    # the access log goes to stdout as in production, written and thrown away
    server = subprocess.Popen(command, env=env, cwd=str(ROOT), stdout=subprocess.DEVNULL)
    proxy = start_nginx(args) if args.proxy == "nginx" else None
    try:
        qs = queries()
        deadline = time.time() + 120
        while True:  # wait for the server; warm every worker's index reader
            try:
                conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
                conn.request("GET", target + "?q=warm")
                response = conn.getresponse()
                response.read()
                if response.status != 200:  # nginx answers 502 until gunicorn listens
                    raise ConnectionRefusedError(response.status)
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
        # Warm every worker before the clients start: one request at a time on as many held
        # connections as there are clients (a worker takes at most --worker-connections, so
        # they spread over all workers). Each worker then opens the index alone: the engine's
        # first open rewrites its schema file, and two workers opening at once have emptied
        # the index (the other read the file half written).
        held, hits = [], 0
        for k in range(max(30, args.clients)):
            if k < args.clients:
                held.append(http.client.HTTPConnection("127.0.0.1", args.port, timeout=60))
            c = held[k % len(held)]
            c.request("GET", target + "?" + urlencode({"q": qs[k % len(qs)]}))
            hits += found in c.getresponse().read()
        for c in held:
            c.close()
        if hits < max(30, args.clients) // 2:  # an empty index would look fast
            raise SystemExit(f"only {hits} warm-up queries found records: is the index empty?")
        if args.load_generator == "wrk":
            paths = [target + "?" + urlencode({"q": q}) for q in qs]
            cpu_before = server_tree_cpu(server, proxy)
            n, elapsed, line, client_cpu = run_wrk(args, paths)
            server_cpu = server_tree_cpu(server, proxy) - cpu_before
            print(
                f"WEB {target} {args.clients} clients (wrk), {served}: {n} requests in "
                f"{elapsed:.0f} s ({n / elapsed:.1f}/s), " + line
            )
            print(
                f"server CPU per request: {server_cpu * 1000 / max(1, n):.1f} ms (gunicorn "
                f"master + workers, nginx if in front); client CPU per request: "
                f"{client_cpu * 1000 / max(1, n):.2f} ms; load average {os.getloadavg()[0]:.1f} "
                f"on {os.cpu_count()} cores"
            )
            return
        times: list[float] = []
        sizes: list[int] = []
        errors: list[int] = []
        empty: list[int] = []  # pages without a result row (the index emptied under the run?)
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
                    "GET", target + "?" + urlencode({"q": q}), headers={"Accept-Encoding": "gzip"}
                )
                resp = c.getresponse()
                body = resp.read()
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    times.append(ms)
                    sizes.append(len(body))
                    if resp.status != 200:
                        errors.append(resp.status)
                    elif found not in body and not resp.getheader("Content-Encoding"):
                        empty.append(1)

        threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
        cpu_before = server_tree_cpu(server, proxy)
        client_before = time.process_time()
        started = time.time()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        elapsed = time.time() - started
        server_cpu = server_tree_cpu(server, proxy) - cpu_before
        client_cpu = time.process_time() - client_before
        print(
            f"WEB {target} {args.clients} clients, "
            f"{served}: "
            f"{len(times)} requests in {elapsed:.0f} s ({len(times) / elapsed:.1f}/s), "
            f"p50 {pct(times, 50):.0f} ms  p95 {pct(times, 95):.0f} ms  p99 {pct(times, 99):.0f} ms"
        )
        print(
            f"server CPU per request: {server_cpu * 1000 / max(1, len(times)):.1f} ms "
            f"(gunicorn master + workers); client CPU per request: "
            f"{client_cpu * 1000 / max(1, len(times)):.2f} ms; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        print(
            f"page size over the wire: median {statistics.median(sizes) / 1024:.1f} KB, "
            f"max {max(sizes) / 1024:.1f} KB; errors: {len(errors)} {sorted(set(errors))}; "
            f"pages without results: {len(empty)}"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        if proxy is not None:
            proxy.terminate()
            proxy.wait(timeout=30)


if __name__ == "__main__":
    main()
