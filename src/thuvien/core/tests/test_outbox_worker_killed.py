"""A worker killed in the middle of the outbox drain must not stop the index catching up.

Found by attacking main: kill -9 (or SIGTERM) of ``thuvien worker`` after the first batch left
Huey's ``outbox-drain`` lock in the queue storage, and every drain after the restart gave up
("unable to acquire lock outbox-drain"). Real worker processes, a real queue, a real database.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[4]
REDIS_URL = "redis://127.0.0.1:6379/11"  # a db of its own: other suites flush theirs
ROWS = 150_000  # three drain batches of 50,000
WAIT_SECONDS = 240  # an upper bound for a busy shared machine, never an expectation


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("THUVIEN_")}
    env.update(
        DJANGO_SETTINGS_MODULE="thuvien.config.settings.base",
        THUVIEN_DATA_DIR=str(data_dir),
        PYTHONPATH=str(REPO / "src"),
        THUVIEN_OUTBOX_LEASE_SECONDS="4",
        **extra,
    )
    return env


def _pending(db: Path) -> int:
    with sqlite3.connect(db, timeout=30) as conn:
        return conn.execute("SELECT count(*) FROM core_outboxentry").fetchone()[0]


def _worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    # A session of its own: the worker forks index builders for big batches, and a stop kills
    # them with it, as systemd kills the unit's whole cgroup. Killing the parent alone left an
    # orphaned builder holding the index's writer lock, and the restarted worker waited on it.
    return subprocess.Popen(
        [sys.executable, "-m", "thuvien.cli", "worker", "--workers", "1"],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=30)


def _kill_mid_drain_then_restart(tmp_path: Path, how: signal.Signals, **extra: str) -> None:
    env = _env(tmp_path, **extra)
    subprocess.run(
        [sys.executable, "-m", "thuvien.cli", "migrate", "-v0"], env=env, check=True, timeout=600
    )
    db = tmp_path / "thuvien.sqlite3"
    with sqlite3.connect(db) as conn:  # records that no longer exist: their documents go
        conn.executemany(
            "INSERT INTO core_outboxentry (topic, object_id, attempts, last_error, created_at) "
            "VALUES ('catalog.record', ?, 0, '', '2026-01-01 00:00:00')",
            ((i,) for i in range(1, ROWS + 1)),
        )
    log = tmp_path / "worker.log"
    first = _worker(env, log)
    try:
        # The worker's start schedules a drain; kill it once the first batch is done.
        deadline = time.monotonic() + WAIT_SECONDS
        while _pending(db) == ROWS:
            assert time.monotonic() < deadline, log.read_text(errors="replace")
            assert first.poll() is None, log.read_text(errors="replace")
            time.sleep(0.05)
        first.send_signal(how)
        try:
            first.wait(timeout=WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            pass  # a loaded machine: _stop kills it, and the lock it leaves behind is the point
    finally:
        _stop(first)
    left = _pending(db)
    assert 0 < left < ROWS, "the drain must be stopped in its middle for this test to mean anything"

    second = _worker(env, log)
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        while (left := _pending(db)) > 0:
            assert time.monotonic() < deadline, (left, log.read_text(errors="replace")[-3000:])
            assert second.poll() is None, log.read_text(errors="replace")
            time.sleep(0.5)
    finally:
        second.send_signal(signal.SIGINT)
        try:
            second.wait(timeout=30)
        finally:
            _stop(second)
    assert "unable to acquire lock" not in log.read_text(errors="replace")


@pytest.mark.slow
def test_the_outbox_drains_after_kill_9_mid_drain(tmp_path):
    _kill_mid_drain_then_restart(tmp_path, signal.SIGKILL)


@pytest.mark.slow
@pytest.mark.redis
def test_the_outbox_drains_after_sigterm_mid_drain_on_redis(tmp_path):
    import redis

    name = f"thuvien-test-{uuid.uuid4().hex[:8]}"
    try:
        _kill_mid_drain_then_restart(
            tmp_path, signal.SIGTERM, THUVIEN_REDIS_URL=REDIS_URL, THUVIEN_QUEUE_NAME=name
        )
    finally:
        conn = redis.Redis.from_url(REDIS_URL)
        for key in conn.scan_iter(f"*{name}*"):
            conn.delete(key)
