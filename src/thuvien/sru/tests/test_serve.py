"""``thuvien serve`` starts the Z39.50 server beside the web server when THUVIEN_Z3950_PORT is
set, and stops it with the web server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from thuvien.cli import z3950_command
from thuvien.sru import z3950

from .conftest import free_z3950_port


def test_no_port_no_z3950_server(settings):
    settings.Z3950_PORT = 0
    assert z3950_command({}) is None


def test_configuration_written_from_the_settings(settings, tmp_path):
    settings.Z3950_PORT = 9107
    settings.Z3950_DATABASE = "hungyen"
    settings.DATA_DIR = tmp_path
    cmd, env = z3950_command({"THUVIEN_BIND": "0.0.0.0:8123", "PERL5LIB": "/somewhere"})
    assert cmd[-1] == "tcp:@:9107"
    config = (tmp_path / "z3950" / "simple2zoom.xml").read_text()
    assert "<zurl>http://127.0.0.1:8123/sru</zurl>" in config
    assert '<database name="hungyen">' in config and '<database name="hungyen-marc8">' in config
    assert '<map use="4"><index>dc.title</index></map>' in config
    assert '<map use="1003"><index>dc.creator</index></map>' in config
    assert f"x-thuvien-gateway={z3950.gateway_token()}" in config
    assert env["PERL5LIB"].split(os.pathsep) == [str(z3950.PERL_DIR), "/somewhere"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return True
        except OSError:
            time.sleep(0.2)
    return False


@pytest.mark.skipif(not z3950.available(), reason="simple2zoom is not installed")
def test_serve_supervises_the_z3950_server(tmp_path):
    zport, web = free_z3950_port(), _free_port()
    env = {
        **os.environ,
        "THUVIEN_DATA_DIR": str(tmp_path),
        "THUVIEN_Z3950_PORT": str(zport),
        "THUVIEN_BIND": f"127.0.0.1:{web}",
        "THUVIEN_SERVE_WORKER": "0",
        "THUVIEN_WEB_WORKERS": "1",
        "DJANGO_SETTINGS_MODULE": "thuvien.config.settings.base",
    }
    env.pop("THUVIEN_DATABASE_URL", None)
    serve = subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "thuvien.cli", "serve"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert _wait_for(zport) and _wait_for(web)
        script = Path(tmp_path / "cmds")
        script.write_text(f"open tcp:127.0.0.1:{zport}/thuvien\nquit\n")
        out = subprocess.run(  # noqa: S603
            ["yaz-client", "-f", str(script)], capture_output=True, timeout=30, check=False
        ).stdout.decode()
        assert "Connection accepted" in out and "Simple2ZOOM" in out
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=40)
    assert not _wait_for(zport, seconds=2)  # stopped with the web server
