"""Time to back up and to restore the benchmark database (RPO/RTO figures of docs/operations.md).

    THUVIEN_DATA_DIR=/tmp/thuvien-bench .venv/bin/python benchmarks/search_build.py \\
        --records 1000000 --skip-reindex          # once: the 1,000,000-record database
    .venv/bin/python benchmarks/backup_restore.py --data-dir /tmp/thuvien-bench

Runs the real commands as an operator would, each as its own process: ``thuvien backup`` (a
full first backup into a new restic repository), ``thuvien backup`` again (the nightly case:
the database copied again, unchanged files not re-read), ``thuvien backup --verify``,
``thuvien restore`` into a new data directory without the index, then ``thuvien reindex``.
Reports wall time and the CPU time of every process involved (restic and pg_dump included),
from ``resource.getrusage(RUSAGE_CHILDREN)``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path


def cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(label: str, args: list[str], env: dict[str, str]) -> dict:
    cpu0, wall0 = cpu_children(), time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "thuvien.cli", *args], env=env, capture_output=True, text=True
    )
    wall, cpu = time.perf_counter() - wall0, cpu_children() - cpu0
    if proc.returncode != 0:
        sys.exit(f"{label} failed:\n{proc.stderr[-3000:]}")
    last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else "{}"
    try:
        out = json.loads(last)
    except ValueError:
        out = {}
    print(f"{label:<34} wall {wall:8.1f} s   CPU {cpu:8.1f} s   {last[:120]}", flush=True)
    return {"wall": wall, "cpu": cpu, "out": out}


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--data-dir", default=os.environ.get("THUVIEN_DATA_DIR", "/tmp/thuvien-bench")
    )
    parser.add_argument("--work", default=None, help="where the repository and the restore go")
    parser.add_argument(
        "--skip-nightly", action="store_true", help="leave out the second (nightly) backup"
    )
    args = parser.parse_args()
    data = Path(args.data_dir).resolve()
    work = Path(args.work or f"{data}-backup-bench").resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    key = work / "backup.key"
    key.write_text(os.urandom(24).hex())
    base = {k: v for k, v in os.environ.items() if not k.startswith("THUVIEN_")}
    base.update(
        DJANGO_SETTINGS_MODULE="thuvien.config.settings.base",
        THUVIEN_BACKUP_REPOSITORY=str(work / "repo"),
        THUVIEN_BACKUP_PASSWORD_FILE=str(key),
        THUVIEN_BACKUP_SCRATCH_DIR=str(work / "scratch"),
    )
    source = {**base, "THUVIEN_DATA_DIR": str(data)}
    if os.environ.get("THUVIEN_DATABASE_URL"):
        source["THUVIEN_DATABASE_URL"] = os.environ["THUVIEN_DATABASE_URL"]
    target = {**base, "THUVIEN_DATA_DIR": str(work / "restored")}
    if os.environ.get("THUVIEN_RESTORE_DATABASE_URL"):
        target["THUVIEN_DATABASE_URL"] = os.environ["THUVIEN_RESTORE_DATABASE_URL"]

    db_file = data / "thuvien.sqlite3"
    if db_file.exists():
        print(f"database file {db_file.stat().st_size / 1e9:.2f} GB", flush=True)
    first = run("backup (first, full)", ["backup", "-v0"], source)
    print(
        f"  {first['out'].get('rows', 0):,} rows in {first['out'].get('tables')} tables; "
        f"repository {du(work / 'repo') / 1e9:.2f} GB",
        flush=True,
    )
    if not args.skip_nightly:
        run("backup (again, nightly)", ["backup", "-v0"], source)
    verify = run("backup --verify", ["backup", "--verify", "-v0"], source)
    restore = run(
        "restore (database and files)",
        ["restore", str(work / "repo"), "--skip-reindex", "-v0"],
        target,
    )
    reindex = run("reindex (search index)", ["reindex", "-v0"], target)
    rto_wall = restore["wall"] + reindex["wall"]
    print(
        f"RESTORE with reindex: wall {rto_wall:.1f} s, CPU "
        f"{restore['cpu'] + reindex['cpu']:.1f} s; load {os.getloadavg()[0]:.1f}"
    )
    print(f"BACKUP: wall {first['wall']:.1f} s, CPU {first['cpu']:.1f} s")
    print(f"VERIFY: wall {verify['wall']:.1f} s, CPU {verify['cpu']:.1f} s")
    print(
        f"RESTORE without reindex: wall {restore['wall']:.1f} s, CPU {restore['cpu']:.1f} s; "
        f"reindex wall {reindex['wall']:.1f} s, CPU {reindex['cpu']:.1f} s"
    )
    print(f"REPOSITORY: {du(work / 'repo') / 1e9:.3f} GB")


if __name__ == "__main__":
    main()
