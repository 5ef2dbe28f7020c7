"""SRU searchRetrieve throughput and CPU per request; Z39.50 search + present latency through
simple2zoom (in front of the same SRU) against Zebra answering Z39.50 on the same records.

    THUVIEN_DATA_DIR=/tmp/thuvien-bench-sru .venv/bin/python benchmarks/sru_search.py \
        [--clients 4] [--seconds 20] [--zebra]

On a data directory that already holds a catalogue (``thuvien demo-data --records 3000`` or
``search_build.py``), ``thuvien serve``'s gunicorn (the shipped command, sync workers) answers
``/sru`` on a free port, with the rate limits lifted. Printed:

- SRU: the reader queries of ``search_corpus.queries()`` as CQL (``cql.serverChoice = "..."``,
  10 MARCXML records a page), one client at a time: p50/p95 wall time and the server's CPU
  per request; then ``--clients`` threads for ``--seconds``: requests per second.
- Z39.50: simple2zoom (started as ``thuvien serve`` starts it, port 9108) asked by Perl's ZOOM
  in one connection per query: search (Bib-1 1016) and present of 10 USMARC records, p50/p95 of
  each and the CPU of simple2zoom plus gunicorn per search+present. With ``--zebra``, the same
  records exported as MARC21 (``zebra_compare.export_marc``), indexed by Zebra with Koha-like
  rules and asked the same Z39.50 queries: the alternative the issue asks to measure.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
os.environ.setdefault("THUVIEN_DATA_DIR", "/tmp/thuvien-bench-sru")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuvien.config.settings.base")
os.environ.setdefault("THUVIEN_DEBUG", "0")
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

from proc_cpu import tree_cpu  # noqa: E402

PLAIN = re.compile(r"^[^\W\d_][\w\s]*$")
Z3950_PORT = 9108
ZOOM_SCRIPT = r"""
use strict; use ZOOM; use Time::HiRes qw(time);
binmode STDOUT, ':raw';
my ($zurl, $n) = @ARGV;
while (my $q = <STDIN>) {
    chomp $q;
    my $c = new ZOOM::Connection($zurl);
    $c->option(preferredRecordSyntax => 'usmarc');
    my $t0 = time;
    my $rs = eval { $c->search_pqf($q) };
    if (!$rs) { print STDERR "error: $@\n"; print "0 0 0 0\n"; next; }
    my $hits = $rs->size();
    my $t1 = time;
    my $got = $hits < $n ? $hits : $n;
    my $bytes = 0;
    if ($got) {
        $rs->records(0, $got, 0);
        for my $i (0 .. $got - 1) { $bytes += length($rs->record($i)->raw()); }
    }
    my $t2 = time;
    printf "%d %.3f %.3f %d\n", $hits, ($t1 - $t0) * 1000, ($t2 - $t1) * 1000, $bytes;
    $c->destroy();
}
"""


def reaped_cpu(pid: int) -> float:
    """CPU seconds of the children ``pid`` has already waited for (simple2zoom forks one
    process per Z39.50 connection; tree_cpu sees only those still running)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")


def wait_tcp(port: int, proc: subprocess.Popen, seconds: float = 60) -> None:
    import socket

    deadline = time.time() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                raise
            time.sleep(0.2)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cql_of(words: str) -> str:
    return 'cql.serverChoice = "' + words.replace("\\", "").replace('"', "") + '"'


def sru_path(words: str) -> str:
    params = {
        "version": "1.2",
        "operation": "searchRetrieve",
        "query": cql_of(words),
        "maximumRecords": "10",
        "recordSchema": "marcxml",
    }
    return "/sru?" + urlencode(params)


def get(port: int, path: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    if response.status != 200:
        raise SystemExit(f"HTTP {response.status} for {path}: {body[:200]!r}")
    return (time.perf_counter() - started) * 1000, body


def wait_for(port: int, proc: subprocess.Popen, path: str = "/sru") -> None:
    deadline = time.time() + 120
    while True:
        try:
            get(port, path)
            return
        except (OSError, SystemExit):
            if proc.poll() is not None or time.time() > deadline:
                raise
            time.sleep(0.5)


def zoom_run(zurl: str, pqfs: list[str]) -> list[tuple[int, float, float, int]]:
    run = subprocess.run(  # noqa: S603 - perl with our own script
        ["perl", "-e", ZOOM_SCRIPT, zurl, "10"],
        input="\n".join(pqfs).encode() + b"\n",
        capture_output=True,
        check=True,
        timeout=1800,
    )
    rows = []
    for line in run.stdout.decode().splitlines():
        hits, search_ms, present_ms, size = line.split()
        rows.append((int(hits), float(search_ms), float(present_ms), int(size)))
    return rows


def pqf_of(words: str) -> str:
    return '@attr 1=1016 "' + words.replace("\\", "").replace('"', "") + '"'


def report_zoom(label: str, rows: list, cpu: float) -> None:
    searches = [r[1] for r in rows]
    presents = [r[2] for r in rows if r[0]]
    total = [r[1] + r[2] for r in rows]
    print(
        f"{label}: search p50 {pct(searches, 50):.1f} ms p95 {pct(searches, 95):.1f} ms; "
        f"present 10 p50 {pct(presents, 50):.1f} ms p95 {pct(presents, 95):.1f} ms; "
        f"search+present p50 {pct(total, 50):.1f} ms; server CPU {cpu * 1000 / len(rows):.1f} ms "
        f"a search+present ({len(rows)} queries, {sum(1 for r in rows if r[0])} with hits)"
    )


def main() -> None:  # noqa: PLR0915 - one measured run, read top to bottom
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--zebra", action="store_true", help="also measure Zebra over Z39.50")
    parser.add_argument("--z3950-only", action="store_true", help="skip the SRU measurements")
    args = parser.parse_args()
    import django

    django.setup()
    from search_corpus import queries

    from thuvien.catalog.models import Record
    from thuvien.cli import gunicorn_command
    from thuvien.sru import z3950

    count = Record.objects.filter(is_deleted=False).count()
    if not count:
        raise SystemExit("no records: run `thuvien demo-data --records 3000` on this data dir")
    print(f"records: {count} in {os.environ['THUVIEN_DATA_DIR']}")
    port = free_port()
    env = {
        **os.environ,
        "THUVIEN_BIND": f"127.0.0.1:{port}",
        "THUVIEN_SRU_RATE": "",
        "THUVIEN_Z3950_RATE": "",
    }
    web = subprocess.Popen(  # noqa: S603 - the shipped command line
        gunicorn_command(env, ["--log-level", "warning"]),
        env=env,
        cwd=str(ROOT),
        stdout=subprocess.DEVNULL,
    )
    tmp = Path(tempfile.mkdtemp(prefix="sru-bench-"))
    s2z = zebra = None
    try:
        wait_for(port, web)
        plain = [q for q in queries() if PLAIN.match(q)]
        if args.z3950_only:
            args.rounds, args.seconds = 0, 0
        for q in plain[:20]:  # warm every worker's index reader
            get(port, sru_path(q))
        times: list[float] = []
        cpu = 0.0
        for _ in range(args.rounds):
            for q in plain:
                before = tree_cpu(web.pid)
                ms, body = get(port, sru_path(q))
                cpu += tree_cpu(web.pid) - before
                times.append(ms)
                if b"diagnostic/1/" in body:
                    raise SystemExit(f"diagnostic for {q!r}: {body[:300]!r}")
        n = len(times)
        if n:
            print(
                f"SRU searchRetrieve (10 MARCXML records), one client: p50 {pct(times, 50):.1f} ms "
                f"p95 {pct(times, 95):.1f} ms, server CPU {cpu * 1000 / n:.2f} ms a request "
                f"({n} requests)"
            )
        done = [0]
        lock = threading.Lock()
        stop_at = time.perf_counter() + args.seconds

        def client(offset: int) -> None:
            i = offset
            while time.perf_counter() < stop_at:
                get(port, sru_path(plain[i % len(plain)]))
                i += 1
                with lock:
                    done[0] += 1

        before = tree_cpu(web.pid)
        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(k * 7,)) for k in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        used = tree_cpu(web.pid) - before
        if done[0]:
            print(
                f"SRU throughput, {args.clients} clients for {elapsed:.0f} s: "
                f"{done[0] / elapsed:.0f} requests/s, server CPU {used * 1000 / done[0]:.2f} ms a "
                f"request ({done[0]} requests)"
            )

        if not z3950.available():
            print("Z39.50: simple2zoom is not installed; skipped")
            return
        config = z3950.write_config(
            tmp / "s2z.xml",
            url=f"http://127.0.0.1:{port}/sru",
            database="thuvien",
            token=z3950.gateway_token(),
        )
        s2z = subprocess.Popen(  # noqa: S603 - our own command line
            z3950.command(config, port=Z3950_PORT, host="127.0.0.1", log=tmp / "s2z.log"),
            env=z3950.environment(os.environ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_tcp(Z3950_PORT, s2z)
        pqfs = [pqf_of(q) for q in plain]
        zoom_run(f"127.0.0.1:{Z3950_PORT}/thuvien", pqfs[:10])  # warm

        def z_cpu() -> float:
            return tree_cpu(s2z.pid) + reaped_cpu(s2z.pid) + tree_cpu(web.pid)

        before = z_cpu()
        rows = zoom_run(f"127.0.0.1:{Z3950_PORT}/thuvien", pqfs)
        used = z_cpu() - before
        report_zoom("Z39.50 via simple2zoom -> SRU", rows, used)

        if args.zebra:
            from zebra_compare import export_marc, zebra_config

            marc = tmp / "records.mrc"
            export_marc(marc, 0)
            zport = free_port()
            gfs = zebra_config(tmp, zport)
            # Z39.50 clients ask for USMARC: Zebra stores the MARC and sends it as it is
            text = gfs.read_text(encoding="utf-8")
            text = text.replace("<retrievalinfo>", '<retrievalinfo>\n<retrieval syntax="usmarc"/>')
            gfs.write_text(text, encoding="utf-8")
            for step in (["update", str(marc)], ["commit"]):
                subprocess.run(  # noqa: S603
                    ["zebraidx", "-c", str(tmp / "zebra.cfg"), "-l", str(tmp / "idx.log"), *step],
                    cwd=tmp,
                    check=True,
                )
            zebra = subprocess.Popen(  # noqa: S603
                ["zebrasrv", "-T", "-f", str(gfs), "-l", str(tmp / "zebrasrv.log")],
                cwd=tmp,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            wait_tcp(zport, zebra)
            zpqfs = [q.replace("@attr 1=1016", "@attr 1=1016 @attr 2=102 @attr 4=6") for q in pqfs]
            zoom_run(f"127.0.0.1:{zport}/Default", zpqfs[:10])
            before = tree_cpu(zebra.pid)
            rows = zoom_run(f"127.0.0.1:{zport}/Default", zpqfs)
            report_zoom("Z39.50 on Zebra", rows, tree_cpu(zebra.pid) - before)
    finally:
        for proc in (s2z, zebra, web):
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
