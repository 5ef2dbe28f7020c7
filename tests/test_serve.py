"""``thuvien serve`` starts gunicorn and the queue worker, answers, and stops both cleanly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_serve_runs_web_and_worker_and_stops_on_sigterm(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("THUVIEN_", "DJANGO_"))}
    env.update(
        THUVIEN_DATA_DIR=str(tmp_path),
        PYTHONPATH=str(SRC),
        THUVIEN_BIND=f"127.0.0.1:{port}",
        THUVIEN_WEB_WORKERS="1",
    )
    log = open(tmp_path / "serve.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "thuvien.cli", "serve"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=tmp_path,
    )
    try:
        body = None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                    body = r.read().decode()
                    break
            except OSError:
                time.sleep(0.3)
        assert body is not None, (tmp_path / "serve.log").read_text(errors="replace")
        assert '"ok"' in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/sw.js", timeout=5) as r:
            assert r.headers["Content-Type"].startswith("application/javascript")
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        log.close()
    text = (tmp_path / "serve.log").read_text(errors="replace")
    assert "Booting worker" in text or "Listening at" in text


def _get(url: str) -> tuple[int, str, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode(errors="replace"), dict(r.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace"), dict(exc.headers)


@pytest.mark.slow
def test_demo_serves_the_projects_error_pages_not_debug_pages(tmp_path):
    """``make demo`` runs ``thuvien serve`` with the development defaults (no THUVIEN_DEBUG in
    its environment): a newcomer's mistyped address gets the Vietnamese 404 page, never Django's
    yellow page listing the URL patterns, and static files are still served (by WhiteNoise)."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("THUVIEN_", "DJANGO_"))}
    env.update(
        THUVIEN_DATA_DIR=str(tmp_path),
        PYTHONPATH=str(SRC),
        THUVIEN_BIND=f"127.0.0.1:{port}",
        THUVIEN_WEB_WORKERS="1",
        THUVIEN_SERVE_WORKER="0",
    )
    subprocess.run(
        [sys.executable, "-m", "thuvien.cli", "migrate", "--noinput", "-v", "0"],
        env=env,
        cwd=tmp_path,
        check=True,
        timeout=300,
    )
    log = open(tmp_path / "serve.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "thuvien.cli", "serve"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=tmp_path,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=5).close()
                break
            except OSError:
                time.sleep(0.3)
        status, html, headers = _get(base + "/khong-co-trang-nay/")
        assert status == 404
        assert "Không tìm thấy trang" in html
        assert "URLconf" not in html and "DEBUG = True" not in html
        assert "script-src 'self'" in headers.get("Content-Security-Policy", "")
        status, _body, _h = _get(base + "/static/thuvien/js/htmx.min.js")
        assert status == 200
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _worker_switches(master: int) -> dict[int, int]:
    """Voluntary context switches (times it waited and was woken) of each of ``master``'s
    gunicorn workers."""
    out = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            status = (entry / "status").read_text()
        except OSError:
            continue
        if int(stat[1]) == master:
            line = next(x for x in status.splitlines() if x.startswith("voluntary_ctxt"))
            out[int(entry.name)] = int(line.split()[1])
    return out


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and epoll: Linux")
def test_a_connection_wakes_one_idle_worker_not_all_of_them(tmp_path):
    """Four sync workers wait for readers: each connection is answered, concurrent ones too,
    and it wakes one idle worker, not all four (gunicorn's select() woke every worker for
    each connection, and three went back to sleep having done nothing)."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("THUVIEN_", "DJANGO_"))}
    env.update(
        THUVIEN_DATA_DIR=str(tmp_path),
        PYTHONPATH=str(SRC),
        THUVIEN_BIND=f"127.0.0.1:{port}",
        THUVIEN_WEB_WORKERS="4",
        THUVIEN_SERVE_WORKER="0",
    )
    log = open(tmp_path / "serve.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "thuvien.cli", "serve"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=tmp_path,
    )
    url = f"http://127.0.0.1:{port}/healthz"
    try:
        deadline = time.monotonic() + 90
        workers: dict[int, int] = {}
        while time.monotonic() < deadline and proc.poll() is None:
            masters = list(_worker_switches(proc.pid))  # gunicorn's master
            workers = _worker_switches(masters[0]) if masters else {}
            try:
                if len(workers) == 4 and all(_get(url)[0] == 200 for _ in range(8)):
                    break
            except OSError:  # the workers are still starting
                pass
            time.sleep(0.3)
        assert len(workers) == 4, (tmp_path / "serve.log").read_text(errors="replace")
        time.sleep(1)  # every worker back to waiting
        before = _worker_switches(masters[0])
        for _ in range(40):
            assert _get(url)[0] == 200
        after = _worker_switches(masters[0])
        woken = sum(after[pid] - before[pid] for pid in before)
        # gunicorn's select() woke all four for each (~155 for 40: the three idle ones and
        # the one that answers, which also waits for the request to arrive); now ~80
        assert woken < 3 * 40, (before, after)
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(8) as pool:
            assert [s for s, _b, _h in pool.map(_get, [url] * 32)] == [200] * 32
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        log.close()
