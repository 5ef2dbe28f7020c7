"""The ``thuvien`` command: Django's management commands plus our own.

``thuvien serve`` runs the production web server (gunicorn) and the queue worker side by side;
``thuvien demo`` does the same with Django's development server for a laptop.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys


def _settings_module() -> str:
    return os.environ.get("DJANGO_SETTINGS_MODULE", "thuvien.config.settings.base")


def _run_with_worker(server_cmd: list[str]) -> int:
    """Start the web server and the worker; stop both when either ends or on Ctrl-C."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": _settings_module()}
    worker = subprocess.Popen([sys.executable, "-m", "thuvien.cli", "worker"], env=env)
    server = subprocess.Popen(server_cmd, env=env)
    procs = [server, worker]

    def stop(*_: object) -> None:
        for p in procs:
            if p.poll() is None:
                p.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while all(p.poll() is None for p in procs):
            try:
                server.wait(timeout=1)
            except subprocess.TimeoutExpired:
                continue
    finally:
        stop()
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
    return server.returncode or 0


def serve(argv: list[str]) -> int:
    bind = os.environ.get("THUVIEN_BIND", "127.0.0.1:8000")
    workers = os.environ.get("THUVIEN_WEB_WORKERS", str(max(2, (os.cpu_count() or 1) * 2)))
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "thuvien.config.wsgi:application",
        "--bind",
        bind,
        "--workers",
        workers,
        "--threads",
        "4",
        "--access-logfile",
        "-",
        "--timeout",
        "60",
        *argv,
    ]
    return _run_with_worker(cmd)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", _settings_module())
    if argv and argv[0] == "serve":
        return serve(argv[1:])
    if argv and argv[0] == "worker":
        argv = ["run_huey", *argv[1:]]
    elif argv and not argv[0].startswith("-"):
        # Our commands are spelt with hyphens (import-marc, demo-data); modules use underscores.
        argv[0] = argv[0].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["thuvien", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
