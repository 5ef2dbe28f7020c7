"""A circulation floor for load tests and the desk benchmark: a database, a real web server
(gunicorn subprocess) and desk clients speaking the circulation REST API.

Used by ``test_concurrent_http.py`` (small, on SQLite) and ``benchmarks/circulation_desk.py``
(100,000 copies and 20,000 readers on PostgreSQL). Seeding uses ``bulk_create`` so that large
floors are built in seconds; it runs in a subprocess (``python -m tests.circulation_load.floor
seed ...``) against the database named by ``THUVIEN_DATABASE_URL``.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thuvien.cli import default_worker_connections

REPO = Path(__file__).resolve().parents[2]
PYTHON = str(REPO / ".venv" / "bin" / "python") if (REPO / ".venv").exists() else sys.executable
LIBRARY_CODE = "BENCH-DESK"
STAFF_USERNAME = "desk-bench"


def floor_env(database_url: str, data_dir: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "thuvien.config.settings.base",
            "THUVIEN_DATABASE_URL": database_url,
            "THUVIEN_DATA_DIR": data_dir,
            "THUVIEN_DEBUG": "0",
            # One token serves every desk here; a real floor has one per desk, each throttled.
            "THUVIEN_API_USER_RATE": "1000000/min",
            "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)]),
        }
    )
    return env


def migrate(env: dict[str, str]) -> None:
    subprocess.run(
        [PYTHON, "-m", "thuvien.cli", "migrate", "-v0"], env=env, check=True, timeout=600
    )


def seed(env: dict[str, str], *, items: int, readers: int) -> dict[str, Any]:
    """Build the floor in a subprocess; returns token, barcodes and card numbers."""
    out = subprocess.run(
        [PYTHON, "-m", "tests.circulation_load.floor", "seed", str(items), str(readers)],
        env=env,
        check=True,
        timeout=1800,
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# Servers of this floor listen in the circulation team's range, so that load tests and the
# desk benchmark never take a port another team's server on the same machine expects.
PORT_RANGE = range(8300, 8400)


def free_port() -> int:
    """A port of ``PORT_RANGE`` nothing listens on (tried in a random order)."""
    import random

    for port in random.sample(PORT_RANGE, len(PORT_RANGE)):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORT_RANGE.start}-{PORT_RANGE.stop - 1}")


@dataclass
class WebServer:
    """gunicorn serving the project; the access log records each request's time in µs."""

    env: dict[str, str]
    workers: int = 2
    threads: int = 4
    worker_connections: int = 0  # 0: as ``thuvien serve`` (cli.default_worker_connections)
    worker_class: str = "gthread"  # or "sync": one request per process, no threads
    port: int = field(default_factory=free_port)
    log_path: str = ""
    process: subprocess.Popen | None = None

    def start(self, timeout: float = 30) -> WebServer:
        self.log_path = self.log_path or os.path.join(self.env["THUVIEN_DATA_DIR"], "access.log")
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "thuvien.config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                *self._threading(),
                "--timeout",
                "60",
                "--access-logfile",
                self.log_path,
                "--access-logformat",
                "%(m)s %(U)s %(s)s %(D)s",
            ],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.process.stderr.read().decode()[-2000:])
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/healthz")
                conn.getresponse().read()
                return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def _threading(self) -> list[str]:
        if self.worker_class == "sync":
            return ["--worker-class", "sync", "--threads", "1"]
        cap = self.worker_connections or default_worker_connections(self.threads)
        return ["--threads", str(self.threads), "--worker-connections", str(cap)]

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def server_times_ms(self, path_prefix: str = "/api/v1/circulation/") -> list[float]:
        """Server-side time of each API request, from gunicorn's access log (%(D)s, µs)."""
        return [ms for _, ms in self.server_times_by_path(path_prefix)]

    def server_times_by_path(
        self, path_prefix: str = "/api/v1/circulation/"
    ) -> list[tuple[str, float]]:
        """(path, server time in ms) of each API POST, in the order of the access log."""
        times = []
        with open(self.log_path, encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) == 4 and parts[0] == "POST" and parts[1].startswith(path_prefix):
                    times.append((parts[1], int(parts[3]) / 1000))
        return times


class DeskClient:
    """One circulation desk: a keep-alive HTTP connection with the desk's token."""

    def __init__(self, port: int, token: str, library_code: str = LIBRARY_CODE) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.headers = {
            "Authorization": f"Token {token}",
            "X-Library": library_code,
            "Content-Type": "application/json",
            "Accept": "application/json",
        }

    def post(self, path: str, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        body = json.dumps(payload)
        try:
            self.conn.request("POST", path, body=body, headers=self.headers)
            response = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            self.conn.close()  # one retry on a fresh connection (keep-alive closed by server)
            self.conn.request("POST", path, body=body, headers=self.headers)
            response = self.conn.getresponse()
        raw = response.read()
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            data = {"raw": raw[:200].decode(errors="replace")}
        return response.status, data

    def checkout(self, card_number: str, barcode: str) -> tuple[int, dict[str, Any]]:
        return self.post(
            "/api/v1/circulation/checkout/", {"card_number": card_number, "barcode": barcode}
        )

    def checkin(self, barcode: str) -> tuple[int, dict[str, Any]]:
        return self.post("/api/v1/circulation/checkin/", {"barcode": barcode})

    def close(self) -> None:
        self.conn.close()


class RawDeskClient:
    """The same desk (keep-alive connection, token, JSON POSTs) with a client that costs the
    machine little: the request is written as bytes and only the status line and
    Content-Length of the answer are parsed (``http.client`` parses every header with the
    ``email`` package). On two cores the load generator competes with the server for CPU;
    this keeps its share small without changing what the server is asked to do."""

    def __init__(self, port: int, token: str, library_code: str = LIBRARY_CODE) -> None:
        self.port = port
        self.head = (
            "POST {path} HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{port}\r\nAuthorization: Token {token}\r\n"
            f"X-Library: {library_code}\r\nContent-Type: application/json\r\n"
            "Accept: application/json\r\nContent-Length: {length}\r\n\r\n"
        )
        self.sock: socket.socket | None = None
        self.buffer = b""

    def _connect(self) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=60)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = b""
        return sock

    def post(self, path: str, payload: dict[str, Any]) -> tuple[int, bytes]:
        body = json.dumps(payload).encode()
        request = self.head.format(path=path, length=len(body)).encode() + body
        for attempt in (1, 2):  # one retry on a fresh connection (keep-alive closed by server)
            if self.sock is None:
                self.sock = self._connect()
            try:
                self.sock.sendall(request)
                return self._response()
            except (OSError, ConnectionError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _response(self) -> tuple[int, bytes]:
        assert self.sock is not None
        data = self.buffer
        while b"\r\n\r\n" not in data:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed by the server")
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        length = 0
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        while len(rest) < length:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed by the server")
            rest += chunk
        body, self.buffer = rest[:length], rest[length:]
        return status, body

    def checkout(self, card_number: str, barcode: str) -> tuple[int, bytes]:
        return self.post(
            "/api/v1/circulation/checkout/", {"card_number": card_number, "barcode": barcode}
        )

    def checkin(self, barcode: str) -> tuple[int, bytes]:
        return self.post("/api/v1/circulation/checkin/", {"barcode": barcode})

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None


# --- the seeding subprocess ---------------------------------------------------------------------


def _seed(items: int, readers: int) -> dict[str, Any]:
    import datetime as dt

    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone
    from django_scopes import scopes_disabled
    from rest_framework.authtoken.models import Token

    from thuvien.accounts.models import Membership, Role, User
    from thuvien.catalog.models import Record
    from thuvien.core.text import fold
    from thuvien.holdings.models import Item
    from thuvien.network.models import Library, LibraryType, Network
    from thuvien.patrons.models import Patron
    from thuvien.patrons.services import categories_ensure

    batch = 5000
    with scopes_disabled(), transaction.atomic():
        network, _ = Network.objects.get_or_create(
            code="bench", defaults={"name_vi": "Mạng lưới đo tải", "province": "Hưng Yên"}
        )
        library, _ = Library.objects.get_or_create(
            code=LIBRARY_CODE,
            defaults={
                "network": network,
                "name_vi": "Thư viện đo tải",
                "library_type": LibraryType.PROVINCIAL,
                "province": "Hưng Yên",
            },
        )
        user = User.objects.filter(username=STAFF_USERNAME).first()
        if user is None:
            user = User.objects.create_user(
                username=STAFF_USERNAME, password="mat-khau-do-tai-123", full_name="Quầy đo tải"
            )
            Membership.objects.create(
                user=user,
                network=network,
                library=library,
                role=Role.objects.get(code="circulation"),
            )
        token, _ = Token.objects.get_or_create(user=user)
        adult = categories_ensure(network=network)["adult"]
        have_items = Item.objects.filter(library=library).count()
        for start in range(have_items, items, batch):
            n = min(batch, items - start)
            records = Record.objects.bulk_create(
                [
                    Record(network=network, marc={"leader": "", "fields": []}, title=f"Sách số {i}")
                    for i in range(start, start + n)
                ]
            )
            Item.objects.bulk_create(
                [
                    Item(library=library, record=rec, barcode=f"B{start + i:07d}")
                    for i, rec in enumerate(records)
                ]
            )
        today = timezone.localdate()
        have_readers = Patron.all_objects.filter(library=library).count()
        for start in range(have_readers, readers, batch):
            n = min(batch, readers - start)
            Patron.all_objects.bulk_create(
                [
                    Patron(
                        library=library,
                        network=network,
                        card_number=f"R{start + i:07d}",
                        full_name=f"Bạn đọc {start + i}",
                        name_folded=fold(f"Bạn đọc {start + i}"),
                        category=adult,
                        registered_on=today,
                        expires_on=today + dt.timedelta(days=365),
                    )
                    for i in range(n)
                ]
            )
    return {
        "token": token.key,
        "library": LIBRARY_CODE,
        "barcodes": [f"B{i:07d}" for i in range(items)],
        "cards": [f"R{i:07d}" for i in range(readers)],
    }


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "seed":
        print(json.dumps(_seed(int(sys.argv[2]), int(sys.argv[3]))))  # noqa: T201
    else:
        sys.exit("usage: python -m tests.circulation_load.floor seed ITEMS READERS")
