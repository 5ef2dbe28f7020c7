"""OAI-PMH harvester speed: records/s harvested from another thuvien over HTTP.

    .venv/bin/python benchmarks/oai_harvest.py [--records 5000] [--prefix marc21] [--page 500]

Builds a source thuvien in a data directory of its own (``thuvien demo-data`` with N records),
serves it with ``thuvien serve`` (gunicorn) on a free port, and harvests it into a fresh
database in this process with ``harvest.services.harvest_run``: records/s (wall), CPU µs per
record in the harvesting process (the source's CPU is its own), and the counts. A second,
incremental run shows the cost of a harvest that finds nothing new.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from catalog_common import network_and_library, setup_django


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--prefix", default="marc21")
    parser.add_argument("--page", type=int, default=500)
    args = parser.parse_args()
    source = tempfile.mkdtemp(prefix="thuvien-bench-harvest-source-")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("THUVIEN_", "DJANGO_"))}
    env.update(
        THUVIEN_DATA_DIR=source, DJANGO_SETTINGS_MODULE="thuvien.config.settings.base",
        THUVIEN_OAI_PAGE_SIZE=str(args.page), THUVIEN_BIND=f"127.0.0.1:{port}",
        THUVIEN_WEB_WORKERS="1", THUVIEN_SERVE_WORKER="0", THUVIEN_DEBUG="0",
    )  # fmt: skip
    cli = [sys.executable, "-m", "thuvien.cli"]
    subprocess.run([*cli, "migrate", "-v0"], env=env, check=True)
    subprocess.run(
        [*cli, "demo-data", "--records", str(args.records), "--only", "network", "catalog", "-v0"],
        env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    server = subprocess.Popen([*cli, "serve"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    url = f"http://127.0.0.1:{port}/oai"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{url}?verb=Identify", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        setup_django("bench-harvest")
        from thuvien.harvest.services import harvest_run, partner_create

        network, _library = network_and_library()
        partner = partner_create(
            network=network, name="source", base_url=url, metadata_prefix=args.prefix,
            set_spec="network:hung-yen", target="union",
        )  # fmt: skip
        for label in ("full harvest", "incremental (nothing new)"):
            cpu, wall = time.process_time(), time.perf_counter()
            run = harvest_run(partner=partner)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            n = max(run.came, 1)
            print(f"{label:<28} {args.prefix}: {run.came} came, {run.created} created, "
                  f"{run.refused} refused, {run.pages} pages, {run.status}; "
                  f"{run.came / wall:.0f} rec/s wall, {cpu * 1e6 / n:.0f} µs CPU/record "
                  f"in the harvester ({wall:.1f} s)")  # fmt: skip
            partner.refresh_from_db()
            time.sleep(1.1)
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
