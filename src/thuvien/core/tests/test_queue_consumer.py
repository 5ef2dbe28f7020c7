"""Real jobs through a REAL Huey consumer on both storages (SQLite file and Redis), retries, the
periodic schedule, and the ``thuvien worker`` command in its own process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.utils import timezone
from huey import RedisHuey, SqliteHuey
from huey.contrib.djhuey import HUEY
from huey.storage import RedisStorage, SqliteStorage

from thuvien.core.jobs import job_enqueue
from thuvien.core.models import Job

from . import jobs_for_tests  # noqa: F401 - registers the job kinds

REDIS_URL = "redis://127.0.0.1:6379/0"
REPO = Path(__file__).resolve().parents[4]
WAIT_SECONDS = 60  # an upper bound for a busy machine, never an expectation


def _wait_for(predicate, what: str):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def builtin_roles(transactional_db):
    """Transactional tests empty the tables, the roles of the data migration included."""
    from thuvien.accounts.services import builtin_roles_ensure

    builtin_roles_ensure()


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def consumer(request, tmp_path):
    """Point the project's Huey at a real storage, immediate mode off, and run a consumer."""
    name = f"thuvien-test-{uuid.uuid4().hex[:8]}"
    if request.param == "sqlite":
        storage = SqliteStorage(name=name, filename=str(tmp_path / "queue.sqlite3"))
    else:
        storage = RedisStorage(name=name, url=REDIS_URL)
    saved = (HUEY.storage, HUEY._immediate)
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    HUEY._immediate = False
    HUEY.storage = storage
    worker = HUEY.create_consumer(
        workers=1,
        worker_type="thread",
        periodic=False,
        initial_delay=0.05,
        max_delay=0.2,
        check_worker_health=False,
    )
    worker.start()  # threads; signal handlers are set in this (main) thread and restored below
    try:
        yield worker
    finally:
        worker.stop(graceful=True)
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        if request.param == "redis":
            storage.flush_all()
        HUEY.storage, HUEY._immediate = saved


@pytest.mark.django_db(transaction=True)
def test_a_job_runs_to_done_with_progress(builtin_roles, consumer, world):
    job = job_enqueue(kind="tests.count", title="Đếm", params={"n": 5}, library=world.commune_a)
    done = _wait_for(
        lambda: Job.objects.filter(pk=job.pk, status=Job.Status.DONE).first(), "the job to finish"
    )
    assert done.progress_done == 5 and done.progress_total == 5 and done.percent == 100
    assert done.result == {"counted": 5}
    assert done.attempts == 1 and done.error == ""
    assert done.started_at <= done.finished_at <= timezone.now()


@pytest.mark.django_db(transaction=True)
def test_a_failing_job_is_retried_and_succeeds(builtin_roles, consumer, world):
    job = job_enqueue(kind="tests.flaky", title="Lần hai thì được", library=world.provincial)
    done = _wait_for(
        lambda: Job.objects.filter(pk=job.pk, status=Job.Status.DONE).first(), "the retry"
    )
    assert done.attempts == 2
    assert done.error == ""  # the first run's error is cleared by the successful retry
    assert done.result == {"ok": True}


def test_the_outbox_catch_up_is_a_periodic_task():
    import thuvien.core.tasks  # noqa: F401 - the worker imports every app's tasks module

    names = {t.name for t in HUEY._registry.periodic_tasks}
    assert "outbox_catch_up" in names
    due = {t.name for t in HUEY.read_periodic(timezone.now().replace(second=0))}
    assert "outbox_catch_up" in due  # every minute


def _worker_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("THUVIEN_")}
    env.update(
        DJANGO_SETTINGS_MODULE="thuvien.config.settings.base",
        THUVIEN_DATA_DIR=str(tmp_path),
        PYTHONPATH=str(REPO / "src"),
        **extra,
    )
    return env


def _ping_through(client_huey, env, tmp_path: Path) -> str:
    """Start ``thuvien worker`` as its own process and have it answer one task."""
    from thuvien.core.tasks import queue_ping

    message = queue_ping.s("xin chào")
    if type(message).__name__ not in str(client_huey._registry._registry):
        client_huey._registry.register(type(message))
    log = open(tmp_path / "worker.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "thuvien.cli", "worker", "--workers", "1"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=tmp_path,
    )
    try:
        client_huey.enqueue(message)
        result = client_huey.result(message.id, blocking=True, timeout=WAIT_SECONDS)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    assert result is not None, (tmp_path / "worker.log").read_text(errors="replace")
    return result


def test_thuvien_worker_consumes_the_sqlite_queue(tmp_path):
    client = SqliteHuey(name="thuvien", filename=str(tmp_path / "queue.sqlite3"))
    assert _ping_through(client, _worker_env(tmp_path), tmp_path) == "xin chào"


@pytest.mark.redis
def test_thuvien_redis_url_switches_the_worker_to_redis(tmp_path):
    name = f"thuvien-test-{uuid.uuid4().hex[:8]}"
    client = RedisHuey(name=name, url=REDIS_URL)
    env = _worker_env(tmp_path, THUVIEN_REDIS_URL=REDIS_URL, THUVIEN_QUEUE_NAME=name)
    try:
        assert _ping_through(client, env, tmp_path) == "xin chào"
    finally:
        client.storage.flush_all()
    assert not (tmp_path / "queue.sqlite3").exists()


def test_the_schedule_keeps_the_librarys_clock_not_utc():
    """Found in review: Huey counts crontab hours in UTC by default, so the "02:00" backup ran
    at 09:00 in Việt Nam, in the middle of the desks' morning. The queue keeps local time."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.conf import settings

    assert HUEY.utc is False
    local_now = datetime.now(ZoneInfo(settings.TIME_ZONE)).replace(tzinfo=None)
    assert abs((HUEY._get_timestamp() - local_now).total_seconds()) < 120
