"""Fault tests: processes killed in the middle of work, and the database restarted under the
desks. Real processes (``thuvien serve``: gunicorn and the worker; ``thuvien import-marc``),
a real database, desks speaking the REST API.

After every fault: no lost loan (every loan a desk was told succeeded exists, every return it
was told succeeded is recorded), no half-written record (each copy on loan has exactly one
open loan and each open loan's copy is on loan; each loan has its audit entry; an import leaves
whole records only and finishes when run again), and the search index catches up.

The worker killed in the middle of an outbox drain: core/tests/test_outbox_worker_killed.py.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from .circulation_load.floor import PYTHON, REPO, DeskClient, floor_env, free_port, migrate, seed

pytestmark = pytest.mark.slow

WAIT = 180  # an upper bound on a busy shared machine, never an expectation
PG = os.environ.get("THUVIEN_DATABASE_URL", "").startswith("postgres")


def _serve(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [PYTHON, "-m", "thuvien.cli", "serve"],
        env={
            **env,
            "THUVIEN_BIND": f"127.0.0.1:{port}",
            "THUVIEN_WEB_WORKERS": "2",
            "THUVIEN_OUTBOX_LEASE_SECONDS": "4",
        },
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own group: kill -9 takes gunicorn, its workers, the worker
        cwd=REPO,
    )


def _ready(port: int, proc: subprocess.Popen, path: str = "/healthz") -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the server died"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("not ready")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


class Desks:
    """Desk threads lending and taking back, each with its own copies; they note what the
    server confirmed and carry on through errors (a dead server, a restarting database)."""

    def __init__(self, port: int, info: dict[str, Any], n: int = 4) -> None:
        self.port, self.info, self.n = port, info, n
        self.lent: list[int] = []  # loan ids the server confirmed (201)
        self.returned: list[int] = []  # loan ids whose return it confirmed (200)
        self.errors = 0
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(i,)) for i in range(n)]

    def _run(self, i: int) -> None:
        card = self.info["cards"][i % len(self.info["cards"])]
        barcodes = self.info["barcodes"][i :: self.n]
        desk = DeskClient(self.port, self.info["token"])
        k = 0
        while not self.stop.is_set():
            barcode = barcodes[k % len(barcodes)]
            k += 1
            try:
                status, data = desk.checkout(card, barcode)
                if status == 201:
                    self.lent.append(data["id"])
                    status, back = desk.checkin(barcode)
                    if status == 200 and back.get("loan"):
                        self.returned.append(back["loan"]["id"])
                elif status >= 500:
                    self.errors += 1
                else:  # the copy is still out from an unconfirmed check-out: take it back
                    desk.checkin(barcode)
            except (OSError, ValueError, KeyError):
                self.errors += 1
                desk.close()
                time.sleep(0.05)
                desk = DeskClient(self.port, self.info["token"])
        desk.close()

    def __enter__(self) -> Desks:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(timeout=WAIT)

    def wait_for(self, loans: int) -> None:
        deadline = time.monotonic() + WAIT
        while len(self.lent) < loans:
            assert time.monotonic() < deadline, (len(self.lent), self.errors)
            time.sleep(0.05)


class Db:
    def __init__(self, env: dict[str, str]) -> None:
        self.url = env["THUVIEN_DATABASE_URL"]

    def rows(self, sql: str) -> list[tuple]:
        if self.url.startswith("sqlite"):
            with sqlite3.connect(self.url.removeprefix("sqlite:///"), timeout=30) as conn:
                return conn.execute(sql).fetchall()
        import psycopg

        with psycopg.connect(self.url) as conn:
            return conn.execute(sql).fetchall()


def _assert_nothing_lost(db: Db, desks: Desks) -> None:
    assert desks.lent and desks.returned
    ids = ",".join(str(i) for i in desks.lent)
    sql = f"SELECT id, returned_at FROM circulation_loan WHERE id IN ({ids})"  # noqa: S608
    found = dict(db.rows(sql))
    assert set(found) == set(desks.lent), "a loan the desk was told succeeded is missing"
    assert all(found[i] is not None for i in desks.returned), "a confirmed return is missing"
    # No half-written record: copies and open loans agree, every loan has its audit entry.
    bad = db.rows(
        "SELECT i.barcode, i.status, count(l.id) FROM holdings_item i "
        "LEFT JOIN circulation_loan l ON l.item_id = i.id AND l.returned_at IS NULL "
        "GROUP BY i.id, i.barcode, i.status "
        "HAVING count(l.id) > 1 OR (count(l.id) = 1) <> (i.status = 'on_loan')"
    )
    assert bad == [], bad
    unaudited = db.rows(
        "SELECT l.id FROM circulation_loan l WHERE NOT EXISTS (SELECT 1 FROM core_auditentry a "
        "WHERE a.action = 'circulation.loan.checked_out' "
        "AND a.object_id = CAST(l.id AS VARCHAR(64)))"
    )
    assert unaudited == [], unaudited


def _outbox_drains(db: Db) -> None:
    deadline = time.monotonic() + WAIT
    while (left := db.rows("SELECT count(*) FROM core_outboxentry")[0][0]) > 0:
        assert time.monotonic() < deadline, f"{left} changes never reached the index"
        time.sleep(0.5)


def _floor(tmp_path: Path, database_url: str | None = None) -> tuple[dict, dict]:
    url = database_url or f"sqlite:///{tmp_path / 'floor.sqlite3'}"
    env = floor_env(url, str(tmp_path))
    migrate(env)
    return env, seed(env, items=24, readers=4)


def test_kill_9_of_the_web_server_during_desk_traffic(tmp_path):
    env, info = _floor(tmp_path)
    port, log = free_port(), tmp_path / "serve.log"
    server = _serve(env, port, log)
    try:
        _ready(port, server)
        with Desks(port, info) as desks:
            desks.wait_for(15)
            os.killpg(server.pid, signal.SIGKILL)  # gunicorn, its workers and the queue worker
            server.wait(timeout=30)
            time.sleep(0.5)  # the desks meet a dead server
            before = len(desks.lent)
            server = _serve(env, port, log)
            _ready(port, server)
            desks.wait_for(before + 15)
        assert desks.errors > 0, "the kill happened while the desks were working"
        db = Db(env)
        _assert_nothing_lost(db, desks)
        _outbox_drains(db)  # the restarted worker brings the index up to date
    finally:
        _stop(server)


def _marc_file(path: Path, n: int) -> None:
    from pymarc import Field, Record, Subfield

    with path.open("wb") as fh:
        for i in range(n):
            rec = Record(force_utf8=True)
            rec.add_field(Field(tag="001", data=f"faulttest{i:06d}"))
            rec.add_field(
                Field(
                    tag="245",
                    indicators=["1", "0"],
                    subfields=[Subfield("a", f"Địa chí Hưng Yên tập {i}")],
                )
            )
            rec.add_field(
                Field(tag="020", indicators=[" ", " "], subfields=[Subfield("a", f"97860{i:08d}")])
            )
            fh.write(rec.as_marc())


def test_kill_9_of_an_import_then_run_again(tmp_path):
    env = floor_env(
        os.environ.get("THUVIEN_DATABASE_URL_FAULTS") or f"sqlite:///{tmp_path / 'i.sqlite3'}",
        str(tmp_path),
    )
    migrate(env)
    seed(env, items=1, readers=1)  # the network "bench"
    db = Db(env)
    n = 24000
    marc = tmp_path / "big.mrc"
    _marc_file(marc, n)
    cmd = [PYTHON, "-m", "thuvien.cli", "import-marc", str(marc), "--network", "bench"]
    first = subprocess.Popen(
        cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + WAIT
    base = 1  # the floor's own record
    while db.rows("SELECT count(*) FROM catalog_record")[0][0] <= base:
        assert first.poll() is None, "the import ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    first.kill()
    first.wait(timeout=30)
    part = db.rows("SELECT count(*) FROM catalog_record")[0][0] - base
    assert 0 < part < n, "killed in the middle"
    # Whole records only: each has its title, its MARC and its identifiers.
    half = db.rows(
        "SELECT r.id FROM catalog_record r WHERE r.title = '' OR NOT EXISTS "
        "(SELECT 1 FROM catalog_recordidentifier i WHERE i.record_id = r.id)"
    )
    assert len(half) <= base, half
    # Run again: the records already in are matched (001/ISBN), the rest imported, none twice.
    again = subprocess.run(cmd, env=env, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-2000:]
    assert db.rows("SELECT count(*) FROM catalog_record")[0][0] - base == n
    # And the index catches up: a worker drains what both runs queued.
    worker = subprocess.Popen(
        [PYTHON, "-m", "thuvien.cli", "worker"],
        env={**env, "THUVIEN_OUTBOX_LEASE_SECONDS": "4"},
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _outbox_drains(db)
    finally:
        worker.send_signal(signal.SIGINT)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()


@pytest.fixture
def throwaway_postgres():
    """A PostgreSQL cluster of this test's own (initdb, pg_ctl) on a free port: restarting it
    disturbs nobody. The machine's shared server is never touched."""
    if not PG:
        pytest.skip("the database restart is tested on PostgreSQL runs")
    initdb = shutil.which("initdb") or "/usr/lib/postgresql/15/bin/initdb"
    pg_ctl = shutil.which("pg_ctl") or "/usr/lib/postgresql/15/bin/pg_ctl"
    root = Path(tempfile.mkdtemp(prefix="thuvien-pg-"))
    shutil.chown(root, "postgres", "postgres")
    data, port = root / "data", free_port()

    def as_postgres(*args: str) -> None:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", *args], check=True, timeout=300, capture_output=True
        )

    as_postgres(initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync")
    opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=on"
    ctl = [pg_ctl, "-D", str(data), "-o", opts, "-l", str(root / "pg.log"), "-w"]
    as_postgres(*ctl, "start")
    try:
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "faults"],
            check=True,
            timeout=60,
        )
        yield (
            f"postgres://postgres@127.0.0.1:{port}/faults",
            lambda: as_postgres(*ctl, "-m", "immediate", "restart"),
        )
    finally:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=120,
        )
        shutil.rmtree(root, ignore_errors=True)


def test_database_restart_during_desk_traffic(tmp_path, throwaway_postgres):
    url, restart = throwaway_postgres
    env, info = _floor(tmp_path, url)
    port, log = free_port(), tmp_path / "serve.log"
    server = _serve(env, port, log)
    try:
        _ready(port, server)
        with Desks(port, info) as desks:
            desks.wait_for(15)
            before = len(desks.lent)
            restart()  # a crash and recovery: -m immediate, as a power cut
            desks.wait_for(before + 15)
        _ready(port, server)
        db = Db(env)
        _assert_nothing_lost(db, desks)
        _outbox_drains(db)
    finally:
        _stop(server)
