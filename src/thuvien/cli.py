"""The ``thuvien`` command: Django's management commands plus our own.

- ``thuvien serve``: the production web server (gunicorn) and the queue worker side by side
  (``THUVIEN_SERVE_WORKER=0`` leaves the worker to other machines);
- ``thuvien worker``: the Huey consumer alone (Django's ``run_huey``);
- any other word is a management command; hyphens map to underscores (``import-marc``).

Settings come from the environment (``THUVIEN_*``); a missing required value stops start-up
with a message that names it, before any process is started.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping

# gunicorn's workers with the portal's own page for an over-long address (config/web_workers.py)
WORKER_CLASSES = {
    "sync": "thuvien.config.web_workers.SyncWorker",
    "gthread": "thuvien.config.web_workers.ThreadWorker",
}


def _settings_module() -> str:
    return os.environ.get("DJANGO_SETTINGS_MODULE", "thuvien.config.settings.base")


def _check_settings() -> int:
    """Load the settings once in this process; 2 with a clear message if they are wrong."""
    from django.core.exceptions import ImproperlyConfigured

    try:
        import django

        django.setup()
    except ImproperlyConfigured as exc:
        print(f"thuvien: {exc}", file=sys.stderr)
        return 2
    return 0


def _run_with_worker(
    server_cmd: list[str],
    *,
    with_worker: bool = True,
    extra: list[tuple[list[str], dict[str, str]]] | None = None,
) -> int:
    """Start the web server (and the worker, and ``extra`` servers with their environment);
    stop them all when one ends or on a signal."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": _settings_module()}
    procs: list[subprocess.Popen] = []
    server = subprocess.Popen(server_cmd, env=env)
    procs.append(server)
    if with_worker:
        procs.append(subprocess.Popen([sys.executable, "-m", "thuvien.cli", "worker"], env=env))
    for cmd, extra_env in extra or []:
        procs.append(subprocess.Popen(cmd, env=extra_env))
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True
        for p in procs:
            if p.poll() is None:
                p.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while not stopping and all(p.poll() is None for p in procs):
            time.sleep(0.5)
    finally:
        stop()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
    if stopping and all(p.returncode in (0, -signal.SIGTERM) for p in procs):
        return 0
    failed = [p for p in procs if p.returncode not in (0, None, -signal.SIGTERM)]
    return failed[0].returncode if failed else 0


def default_worker_connections(threads: int) -> int:
    """How many keep-alive connections one gunicorn worker holds at most.

    With gunicorn's default (1000) the first worker to wake takes every keep-alive client:
    25 desks were all served by one worker process, so by one core (its GIL), while the other
    workers idled (150 tx/s with a core to spare; with this cap 246 tx/s, benchmarks/
    circulation_desk.py). A worker at its cap stops accepting, so connections spread over the
    workers. An idle keep-alive connection is closed after 2 s, so the cap does not bound how
    many people are served, only how many connections one process sits on at once.
    """
    return max(8, 4 * threads)


def gunicorn_command(environ: Mapping[str, str], argv: list[str] | None = None) -> list[str]:
    """The gunicorn command line of ``thuvien serve`` for the ``THUVIEN_*`` settings in
    ``environ`` (benchmarks/search_web.py measures exactly this command).

    The default worker class is ``sync``: one request per worker process, taken in arrival
    order from one shared queue, gunicorn's advice behind a buffering proxy (the deployment
    docs put nginx in front). ``THUVIEN_WEB_WORKER_CLASS=gthread`` workers hold keep-alive
    connections and take new ones while their threads are busy, so a burst queues inside
    one worker while another idles, and broad searches share a core with many others. On
    two cores, 20 readers searching a million records through nginx: p95 122-129 ms with
    sync against 210 ms with gthread 4 x 4; 25 circulation desks: 349 against 348 tx/s,
    client p95 81 against 105 ms (benchmarks/search_web.py, circulation_desk.py).
    """
    bind = environ.get("THUVIEN_BIND", "127.0.0.1:8000")
    worker_class = environ.get("THUVIEN_WEB_WORKER_CLASS", "sync")
    workers = environ.get("THUVIEN_WEB_WORKERS", str(max(2, (os.cpu_count() or 1) * 2)))
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "thuvien.config.wsgi:application",
        "--bind",
        bind,
        "--workers",
        workers,
        "--worker-class",
        WORKER_CLASSES.get(worker_class, worker_class),
    ]
    if worker_class == "sync":
        cmd += ["--threads", "1"]  # more than one would make gunicorn switch to gthread
    else:
        threads = environ.get("THUVIEN_WEB_THREADS", "4")
        connections = environ.get(
            "THUVIEN_WEB_WORKER_CONNECTIONS", str(default_worker_connections(int(threads)))
        )
        cmd += ["--threads", threads, "--worker-connections", connections]
    return [
        *cmd,
        "--access-logfile",
        "-",
        "--logger-class",  # no secret of a request line in the log (ops/access_log.py)
        "thuvien.ops.access_log.RedactingLogger",
        "--timeout",
        environ.get("THUVIEN_WEB_TIMEOUT", "60"),
        "--graceful-timeout",
        "20",
        # The portal's search box keeps 500 characters; percent-encoded that is up to 4,500
        # bytes (a Vietnamese letter with its tone mark is 3 bytes: %E1%BB%87), and the scope
        # and filters come on top. Gunicorn's default (4,094) answered such a search with its
        # own English "URI Too Long" page before the portal could say anything. 8,190 is
        # gunicorn's ceiling and the size of nginx's default header buffer (8k) in front: a
        # full search box always reaches Django, which answers a longer query with its own
        # Vietnamese page (opac/search/views.py); a link past 8 KB is refused by gunicorn,
        # and our workers (config/web_workers.py) answer that refusal with the portal's page.
        "--limit-request-line",
        "8190",
        # The reverse proxy in front (nginx, Caddy) sets X-Forwarded-*; trust it only from here.
        "--forwarded-allow-ips",
        environ.get("THUVIEN_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        *control_socket_arguments(environ),
        *(argv or []),
    ]


# A Unix socket's path holds at most 107 bytes (sun_path) on Linux.
_SOCKET_PATH_MAX = 107


def control_socket_arguments(environ: Mapping[str, str]) -> list[str]:
    """gunicornc's control socket inside this installation's data directory.

    gunicorn (25.1+) puts it in ``$XDG_RUNTIME_DIR`` or ``~/.gunicorn/gunicorn.ctl`` by
    default: one path for every gunicorn of the user, so a second installation on the same
    machine (a staging copy, another province's portal, a benchmark beside the live server)
    took the first one's socket over and ``gunicornc`` reached the wrong server. A data
    directory too deep for a socket path turns the socket off rather than share one.
    """
    from pathlib import Path

    data = Path(environ.get("THUVIEN_DATA_DIR") or Path.cwd() / "var").absolute()
    path = data / "gunicorn.ctl"
    if len(os.fsencode(str(path))) > _SOCKET_PATH_MAX:
        return ["--no-control-socket"]
    return ["--control-socket", str(path)]


def _metrics_dir() -> None:
    """Prometheus samples of every gunicorn worker go to files in one directory, added up when
    /metrics is scraped (prometheus_client's multiprocess mode); emptied at each start."""
    import shutil
    from pathlib import Path

    default = Path(os.environ.get("THUVIEN_DATA_DIR", Path.cwd() / "var")) / "prometheus"
    path = Path(os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(default)))
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True, exist_ok=True)


def serve(argv: list[str]) -> int:
    # gunicorn is the server people meet (``make demo``, a province's machine): it shows the
    # project's own error pages, never Django's debug pages listing the URL patterns, unless
    # THUVIEN_DEBUG=1 is asked for on purpose. WhiteNoise serves the static files either way.
    os.environ.setdefault("THUVIEN_DEBUG", "0")
    code = _check_settings()
    if code:
        return code
    with_worker = os.environ.get("THUVIEN_SERVE_WORKER", "1") != "0"
    _metrics_dir()
    extra = []
    z3950 = z3950_command(os.environ)
    if z3950 is not None:
        extra.append(z3950)
    return _run_with_worker(
        gunicorn_command(os.environ, argv), with_worker=with_worker, extra=extra
    )


def z3950_command(environ: Mapping[str, str]) -> tuple[list[str], dict[str, str]] | None:
    """The Z39.50 server (simple2zoom in front of our SRU) when ``THUVIEN_Z3950_PORT`` is set:
    its configuration is written into the data directory from the settings first."""
    from pathlib import Path

    from django.conf import settings

    from thuvien.sru import z3950

    if not settings.Z3950_PORT:
        return None
    if not z3950.available():
        print(
            "thuvien: THUVIEN_Z3950_PORT is set but simple2zoom is not installed "
            "(Debian package libnet-z3950-simple2zoom-perl).",
            file=sys.stderr,
        )
        raise SystemExit(2)
    data = Path(settings.DATA_DIR)
    config = z3950.write_config(
        data / "z3950" / "simple2zoom.xml",
        url=z3950.sru_url(environ),
        database=settings.Z3950_DATABASE,
        token=z3950.gateway_token(),
    )
    host = environ.get("THUVIEN_Z3950_HOST", "@")
    cmd = z3950.command(config, port=settings.Z3950_PORT, host=host)
    return cmd, z3950.environment(environ)


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
    code = _check_settings()
    if code:
        return code
    from django.core.management import execute_from_command_line

    execute_from_command_line(["thuvien", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
