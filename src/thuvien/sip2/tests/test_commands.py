"""The kiosk account command, the demo step, and ``thuvien sip2`` as a real process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import can
from thuvien.core.demo import DemoContext


def test_sip2_account_creates_a_circulation_login_once(world, capsys):
    call_command("sip2_account", library="HY-TIENLU", username="kiosk-tienlu")
    out = capsys.readouterr().out
    assert "password:" in out
    from thuvien.accounts.models import User

    user = User.objects.get(username="kiosk-tienlu")
    assert can(user, Capability.CIRCULATE, world.commune_a)
    assert not can(user, Capability.CIRCULATE, world.commune_b)
    call_command("sip2_account", library="HY-TIENLU", username="kiosk-tienlu")
    assert "already exists" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("sip2_account", library="NOPE", username="kiosk-x")


def test_demo_step_adds_two_kiosks_to_the_logins(world):
    from thuvien.demo.sip2 import demo_kiosks

    ctx = DemoContext(verbosity=0)
    ctx.libraries = [world.provincial, world.commune_a, world.commune_b]
    demo_kiosks(ctx)
    demo_kiosks(ctx)  # idempotent
    names = {name for name, _, _ in ctx.logins}
    assert names == {"kiosk-hy-tinh", "kiosk-hy-tienlu"}
    from thuvien.sip2.circ import kiosk_login

    found = kiosk_login(username="kiosk-hy-tinh", password=ctx.password)
    assert found is not None and found[1] == world.provincial


@pytest.mark.slow
def test_thuvien_sip2_command_serves_and_stops(tmp_path):
    """The command binds, answers over TCP, and stops cleanly on SIGTERM."""
    repo = Path(__file__).resolve().parents[4]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "thuvien.config.settings.base",
        "THUVIEN_DATA_DIR": str(tmp_path),
        "THUVIEN_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    python = str(repo / ".venv" / "bin" / "python")
    python = python if os.path.exists(python) else sys.executable
    proc = subprocess.Popen(
        [python, "-m", "thuvien.cli", "sip2", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        # a loaded machine (the suite beside other work) took over 20 s to start Django; and
        # reading the stderr of a server still running waited for ever, hanging the suite
        deadline = time.monotonic() + 120
        while True:
            try:
                conn = socket.create_connection(("127.0.0.1", port), timeout=5)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    raise AssertionError(proc.communicate(timeout=10)[1].decode()) from None
                time.sleep(0.2)
        with conn:
            conn.sendall(b"XYZ\r")  # unreadable: a resend request, no database needed
            assert conn.recv(100) == b"96\r"
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0
