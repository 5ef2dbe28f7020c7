"""The access log of ``thuvien serve`` keeps no replayable secret: a real gunicorn, started with
the command line ``thuvien serve`` builds, logs requests carrying the Z39.50 gateway's token, a
password-reset link and an API token; the log shows the requests, not the secrets."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import time
from pathlib import Path

from thuvien.cli import gunicorn_command
from thuvien.ops.access_log import redact

SRC = Path(__file__).resolve().parents[3]
SECRETS = ["Zq9TOKENgateway", "c8k2-5f1e9d0a7b3c4e2f1a0b9c8d7e6f5a4b", "sk_live_abcdef123"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_secrets_in_addresses_never_reach_the_access_log(tmp_path):
    port = _free_port()
    cmd = gunicorn_command({"THUVIEN_BIND": f"127.0.0.1:{port}", "THUVIEN_WEB_WORKERS": "1"})
    assert "thuvien.ops.access_log.RedactingLogger" in cmd
    # The same server and logger in front of a one-line WSGI app: Django is not what is tested.
    cmd[cmd.index("thuvien.config.wsgi:application")] = "thuvien.ops.tests.tiny_wsgi:app"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    log = tmp_path / "access.log"
    with open(log, "w") as out:
        server = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            for _ in range(300):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            for path, headers in [
                (f"/sru?query=dc.title%3Dlich&x-thuvien-gateway={SECRETS[0]}", {}),
                (f"/accounts/password/reset/MTI/{SECRETS[1]}/", {}),
                (f"/api/v1/records/?token={SECRETS[2]}&q=a",
                 {"Referer": f"http://x/?x-thuvien-gateway={SECRETS[0]}"}),
                ("/staff/circulation/patrons/?q=Nguy%E1%BB%85n+Th%E1%BB%8B+Lan",
                 {"Referer": "http://x/staff/circulation/patrons/?q=0912345678"}),
                ("/search/?q=lich+su+hung+yen&email=lan%40example.vn", {}),
            ]:  # fmt: skip
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", path, headers=headers)
                assert conn.getresponse().status == 200
                conn.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    text = log.read_text()
    assert "/sru?query=dc.title%3Dlich&x-thuvien-gateway=[redacted]" in text
    assert "/accounts/password/reset/[redacted]/" in text
    assert "token=[redacted]&q=[redacted]" in text
    assert "/staff/circulation/patrons/?q=[redacted]" in text
    assert "/search/?q=lich+su+hung+yen&email=[redacted]" in text
    for personal in ["Nguy%E1%BB%85n", "0912345678", "lan%40example.vn"]:
        assert personal not in text, text
    for secret in SECRETS:
        assert secret not in text, text


def test_personal_data_is_redacted_whatever_the_parameter_order():
    assert redact("GET /staff/x/?page=2&q=Tr%E1%BA%A7n HTTP/1.1") == (
        "GET /staff/x/?page=2&q=[redacted] HTTP/1.1"
    )
    assert redact("card=HY000123&phone=0912") == "card=[redacted]&phone=[redacted]"
    assert redact("q=ong+mat", staff_area=False) == "q=ong+mat"
    assert redact("q=Lan", staff_area=True) == "q=[redacted]"


def _line(logger_class: type, access_log_format: str | None = None) -> str:
    """The access line ``logger_class`` writes for one API search with a referrer, a user
    agent and an X-Forwarded-For header."""
    import datetime

    from gunicorn.config import Config
    from gunicorn.glogging import SafeAtoms

    cfg = Config()
    if access_log_format:
        cfg.set("access_log_format", access_log_format)
    headers = [("HOST", "thuvien.example"), ("USER-AGENT", 'Lan "phone"'),
               ("X-FORWARDED-FOR", "203.0.113.9"), ("REFERER", "http://x/?q=Lan")]  # fmt: skip
    req = type("Req", (), {"headers": headers})()
    resp = type("Resp", (), {"status": "200 OK", "sent": 1234,
                             "headers": [("Content-Type", "application/json")]})()  # fmt: skip
    environ = {
        "REQUEST_METHOD": "GET", "RAW_URI": "/api/v1/search/?q=Tr%E1%BA%A7n&token=abc",
        "PATH_INFO": "/api/v1/search/", "QUERY_STRING": "q=Tr%E1%BA%A7n&token=abc",
        "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": "http://x/?q=Lan", "HTTP_USER_AGENT": 'Lan "phone"',
        "HTTP_X_FORWARDED_FOR": "203.0.113.9", "wsgi.url_scheme": "http",
    }  # fmt: skip
    logger = logger_class(cfg)
    logger.now = lambda: "[07/Dec/2026:19:00:00 +0000]"
    atoms = logger.atoms(resp, req, environ, datetime.timedelta(microseconds=4321))
    return str(cfg.access_log_format % SafeAtoms(atoms))


def test_the_access_line_is_gunicorns_own_with_the_secrets_redacted():
    """The default line (only one-letter atoms) and a format naming headers, a response header
    and an environment variable: the same line as gunicorn's logger writes, the query
    redacted in the API's address."""
    from gunicorn.glogging import Logger

    from thuvien.ops.access_log import RedactingLogger

    line = _line(RedactingLogger)
    plain = _line(Logger)
    assert line == plain.replace("q=Tr%E1%BA%A7n&token=abc", "q=[redacted]&token=[redacted]")
    assert line.startswith('127.0.0.1 - - [07/Dec/2026:19:00:00 +0000] "GET /api/v1/search/?q=')
    assert line.endswith(' 200 1234 "http://x/?q=Lan" "Lan \\"phone\\""')
    custom = '%(h)s %({x-forwarded-for}i)s %({content-type}o)s %({wsgi.url_scheme}e)s "%(r)s"'
    assert _line(RedactingLogger, custom) == (
        "127.0.0.1 203.0.113.9 application/json http "
        '"GET /api/v1/search/?q=[redacted]&token=[redacted] HTTP/1.1"'
    )
