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
        env=env, cwd=tmp_path, check=True, timeout=300,
    )
    log = open(tmp_path / "serve.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "thuvien.cli", "serve"],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path,
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
