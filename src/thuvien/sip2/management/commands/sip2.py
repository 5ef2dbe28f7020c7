"""``thuvien sip2 [--host 127.0.0.1] [--port 6001]``: run the SIP2 server for self-check kiosks."""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand

from thuvien.sip2.server import (
    DEFAULT_IDLE_TIMEOUT,
    DEFAULT_LOGIN_TIMEOUT,
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_MAX_PER_ADDRESS,
    make_server,
)


class Command(BaseCommand):
    help = "Chạy máy chủ SIP2 cho máy mượn trả tự động (3M SIP2 2.00 qua TCP)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=6001)
        parser.add_argument(
            "--idle-timeout",
            type=float,
            default=DEFAULT_IDLE_TIMEOUT,
            help="seconds a silent kiosk connection stays open",
        )
        parser.add_argument(
            "--max-connections",
            type=int,
            default=DEFAULT_MAX_CONNECTIONS,
            help="kiosk connections served at once (each holds a thread)",
        )
        parser.add_argument(
            "--login-timeout",
            type=float,
            default=DEFAULT_LOGIN_TIMEOUT,
            help="seconds a new connection has to log in (93) before it is closed",
        )
        parser.add_argument(
            "--max-per-address",
            type=int,
            default=DEFAULT_MAX_PER_ADDRESS,
            help="connections one address may hold at once",
        )

    def handle(self, *args: Any, host: str, port: int, idle_timeout: float, **opts: Any) -> None:
        server = make_server(
            host,
            port,
            idle_timeout=idle_timeout,
            max_connections=opts["max_connections"],
            login_timeout=opts["login_timeout"],
            max_per_address=opts["max_per_address"],
        )
        self.stdout.write(f"SIP2 server listening on {host}:{server.server_address[1]}")

        def stop(*_: object) -> None:
            threading.Thread(target=server.shutdown, daemon=True).start()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            server.serve_forever(poll_interval=0.5)
        finally:
            server.server_close()
