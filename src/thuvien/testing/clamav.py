"""A real clamd for the tests, with a local signature database that catches the EICAR test file.

No network and no freshclam: the database is one ``.ndb`` body signature written here (the
EICAR string anywhere in a file, so it is caught behind a JPEG header or inside a ZIP too).
The daemon is started once per test process on a socket in a temporary directory.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# Built from pieces so that no file of the project is itself the test virus.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-" + b"TEST-FILE!$H+H*"
SIGNATURE_NAME = "Thuvien.Test.EICAR"


@dataclass
class Clamd:
    socket_path: str
    directory: Path
    process: subprocess.Popen

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def clamd_start(directory: Path | None = None, *, timeout: float = 60.0) -> Clamd:
    """Start clamd in the foreground on ``directory/clamd.sock``; wait until it answers PING."""
    binary = shutil.which("clamd") or "/usr/sbin/clamd"
    if not Path(binary).exists():
        raise RuntimeError("clamd is not installed (scripts/install-system-packages.sh)")
    directory = Path(directory or tempfile.mkdtemp(prefix="thuvien-clamd-"))
    database = directory / "db"
    database.mkdir(parents=True, exist_ok=True)
    (database / "thuvien-test.ndb").write_text(f"{SIGNATURE_NAME}:0:*:{EICAR.hex()}\n")
    sock = directory / "clamd.sock"
    config = directory / "clamd.conf"
    config.write_text(
        "\n".join(
            [
                f"LocalSocket {sock}",
                "FixStaleSocket yes",
                "Foreground yes",
                f"DatabaseDirectory {database}",
                f"LogFile {directory / 'clamd.log'}",
                f"PidFile {directory / 'clamd.pid'}",
                f"TemporaryDirectory {directory}",
                "StreamMaxLength 512M",
                "MaxFileSize 512M",
                "MaxScanSize 1024M",
                "MaxThreads 4",
                "SelfCheck 3600",
                "",
            ]
        )
    )
    process = subprocess.Popen(
        [binary, "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    daemon = Clamd(socket_path=str(sock), directory=directory, process=process)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (directory / "clamd.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"clamd exited with {process.returncode}: {log}")
        if sock.exists():
            try:
                with socket.socket(socket.AF_UNIX) as conn:
                    conn.settimeout(2)
                    conn.connect(str(sock))
                    conn.sendall(b"zPING\0")
                    if conn.recv(16).startswith(b"PONG"):
                        return daemon
            except OSError:
                pass
        time.sleep(0.1)
    daemon.stop()
    raise RuntimeError("clamd did not answer within the time-out")
