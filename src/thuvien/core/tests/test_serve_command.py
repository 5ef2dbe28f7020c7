"""``thuvien serve``'s gunicorn command line for the THUVIEN_WEB_* settings."""

from __future__ import annotations

from urllib.parse import urlencode

from thuvien.cli import gunicorn_command


def _flag(cmd: list[str], name: str) -> str | None:
    return cmd[cmd.index(name) + 1] if name in cmd else None


def test_threaded_workers_cap_their_keep_alive_connections():
    cmd = gunicorn_command(
        {
            "THUVIEN_WEB_WORKER_CLASS": "gthread",
            "THUVIEN_WEB_WORKERS": "3",
            "THUVIEN_WEB_THREADS": "2",
        }
    )
    assert _flag(cmd, "--worker-class") == "thuvien.config.web_workers.ThreadWorker"
    assert (_flag(cmd, "--workers"), _flag(cmd, "--threads")) == ("3", "2")
    assert _flag(cmd, "--worker-connections") == "8"  # default_worker_connections(2)
    assert _flag(cmd, "--bind") == "127.0.0.1:8000"


def test_sync_workers_are_the_default_and_run_one_thread_each():
    """More than one thread would make gunicorn switch a sync worker to gthread."""
    cmd = gunicorn_command({"THUVIEN_WEB_THREADS": "4", "THUVIEN_BIND": ":9"})
    assert _flag(cmd, "--worker-class") == "thuvien.config.web_workers.SyncWorker"
    assert _flag(cmd, "--threads") == "1"
    assert "--worker-connections" not in cmd
    assert _flag(cmd, "--bind") == ":9"


def test_extra_arguments_come_last():
    cmd = gunicorn_command({}, ["--log-level", "warning"])
    assert cmd[-2:] == ["--log-level", "warning"]
    assert _flag(cmd, "--forwarded-allow-ips") == "127.0.0.1"


def test_a_full_search_box_fits_in_the_request_line():
    """500 Vietnamese letters with tone marks (the search box's maxlength), percent-encoded,
    with a scope and filters: gunicorn must pass the request line on to the portal, whose
    own page answers a query that is too long (tests/test_serve_long_query.py)."""
    cmd = gunicorn_command({})
    limit = int(_flag(cmd, "--limit-request-line") or 4094)  # gunicorn's default
    q = urlencode({"q": "ệ" * 500, "library": "HY-TIENLU", "sort": "year"})
    line = f"GET /search/?{q}&mtype=book&lang=vie&year=2000-2010 HTTP/1.1"
    assert len(line.encode()) < limit <= 8190  # 8190: gunicorn's ceiling


def test_each_installation_keeps_its_own_control_socket(tmp_path):
    """Two installations on one machine never share gunicornc's socket (gunicorn's default is
    one path per user: the second server took the first one's over)."""
    first = gunicorn_command({"THUVIEN_DATA_DIR": str(tmp_path / "a")})
    second = gunicorn_command({"THUVIEN_DATA_DIR": str(tmp_path / "b")})
    assert _flag(first, "--control-socket") == str(tmp_path / "a" / "gunicorn.ctl")
    assert _flag(second, "--control-socket") == str(tmp_path / "b" / "gunicorn.ctl")


def test_a_data_directory_too_deep_for_a_socket_turns_the_socket_off(tmp_path):
    deep = tmp_path / ("d" * 120)
    cmd = gunicorn_command({"THUVIEN_DATA_DIR": str(deep)})
    assert "--no-control-socket" in cmd
    assert "--control-socket" not in cmd
