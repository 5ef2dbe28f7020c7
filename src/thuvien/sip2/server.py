"""The SIP2 TCP server: one thread per kiosk connection, messages ended by CR.

Each connection keeps a ``Session`` (who logged in, in which library, the last answer for
``97``). The socket has an idle timeout so a kiosk that vanished does not hold a thread for
ever, a message longer than ``MAX_MESSAGE_BYTES`` without a CR closes the connection, and the
thread's database connection is closed when the kiosk goes.

Against a flood of connections that never log in (200 of them took every slot for the idle
timeout): a connection must log in within ``login_timeout`` seconds from its opening, whatever it
sends meanwhile, and one address holds at most ``max_per_address`` connections at once.
"""

from __future__ import annotations

import logging
import socket
import socketserver
import threading
import time
from collections import Counter, OrderedDict
from typing import Any

from django.db import DEFAULT_DB_ALIAS, close_old_connections, connection, connections

from .session import Session

logger = logging.getLogger("thuvien.sip2")

MAX_MESSAGE_BYTES = 16 * 1024
DEFAULT_IDLE_TIMEOUT = 300.0
DEFAULT_MAX_CONNECTIONS = 200
DEFAULT_LOGIN_TIMEOUT = 15.0
DEFAULT_MAX_PER_ADDRESS = 20


class Sip2Handler(socketserver.BaseRequestHandler):
    """Reads CR-terminated messages, answers each in order, never lets an error kill the loop."""

    server: Sip2Server

    def setup(self) -> None:
        self.request.settimeout(self.server.idle_timeout)
        if self.server.shared_connection is not None:
            connections[DEFAULT_DB_ALIAS] = self.server.shared_connection

    def handle(self) -> None:
        session = Session(peer=f"{self.client_address[0]}:{self.client_address[1]}")
        buffer = b""
        login_by = time.monotonic() + self.server.login_timeout
        try:
            while not self.server.stopping.is_set():
                if not session.logged_in:
                    left = login_by - time.monotonic()
                    if left <= 0:
                        logger.info("sip2: %s did not log in in time, closed", session.peer)
                        return
                    self.request.settimeout(min(self.server.idle_timeout, left))
                else:
                    self.request.settimeout(self.server.idle_timeout)
                cut = buffer.find(b"\r")
                if cut < 0:
                    if len(buffer) > MAX_MESSAGE_BYTES:
                        logger.warning("sip2: message without terminator from %s", session.peer)
                        return
                    chunk = self.request.recv(4096)
                    if not chunk:
                        return
                    buffer += chunk
                    continue
                raw, buffer = buffer[: cut + 1], buffer[cut + 1 :]
                if not raw.strip(b"\r\n\x00 "):
                    continue  # a stray CR or LF between messages
                if self.server.shared_connection is None:
                    close_old_connections()
                try:
                    reply = session.handle(raw)
                except Exception:  # the session answers everything; this is the last guard
                    logger.exception("sip2: unexpected failure answering %s", session.peer)
                    reply = b"96\r"
                if session.logged_in:
                    # before the answer goes out: a kiosk that has read "941" must already
                    # be safe from a newcomer closing the oldest not-yet-logged-in connection
                    self.server.logged_in(self.request)
                if reply:
                    self.request.sendall(reply)
        except TimeoutError:
            logger.info("sip2: idle connection %s closed", session.peer)
        except OSError as exc:
            logger.info("sip2: connection %s ended: %s", session.peer, exc)
        finally:
            session.close()

    def finish(self) -> None:
        # The thread ends here; its database connection must not linger until garbage time.
        if self.server.shared_connection is None:
            connection.close()


class Sip2Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(
        self,
        address: tuple[str, int],
        *,
        idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        login_timeout: float = DEFAULT_LOGIN_TIMEOUT,
        max_per_address: int = DEFAULT_MAX_PER_ADDRESS,
        **kwargs: Any,
    ) -> None:
        self.idle_timeout = idle_timeout
        self.login_timeout = login_timeout
        self.max_per_address = max_per_address
        self.per_address: Counter[str] = Counter()
        self.per_address_lock = threading.Lock()
        # Each kiosk holds a thread; past this many, a new connection is closed at once.
        self.slots = threading.BoundedSemaphore(max_connections)
        # Connections that have not logged in yet, oldest first: when every slot is taken, a new
        # connection closes the oldest of them (idle strangers cannot keep the kiosks out).
        self.waiting: OrderedDict[int, Any] = OrderedDict()
        self.waiting_lock = threading.Lock()
        # Tests only, as Django's LiveServerThread does: answer on the test's own connection so
        # that data written inside the test transaction is seen (requests are sequential).
        self.shared_connection: Any = None
        self.stopping = threading.Event()
        super().__init__(address, Sip2Handler, **kwargs)

    def process_request(self, request: Any, client_address: Any) -> None:
        address = client_address[0]
        with self.per_address_lock:
            if self.per_address[address] >= self.max_per_address:
                refused = True
            else:
                refused = False
                self.per_address[address] += 1
        if refused:
            logger.warning("sip2: too many connections from %s, refusing one", address)
            self.shutdown_request(request)
            return
        if not self.slots.acquire(blocking=False) and not self._make_room():
            logger.warning("sip2: too many connections, refusing %s", address)
            self._address_done(address)
            self.shutdown_request(request)
            return
        with self.waiting_lock:
            self.waiting[id(request)] = request
        super().process_request(request, client_address)

    def _make_room(self) -> bool:
        """Close the oldest connection that has not logged in, and take its slot."""
        with self.waiting_lock:
            if not self.waiting:
                return False
            _key, oldest = self.waiting.popitem(last=False)
        logger.warning("sip2: server full, closing a connection that has not logged in")
        try:
            oldest.shutdown(socket.SHUT_RDWR)  # its thread's recv returns; the slot comes back
        except OSError:
            pass
        return self.slots.acquire(timeout=5)

    def logged_in(self, request: Any) -> None:
        with self.waiting_lock:
            self.waiting.pop(id(request), None)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.logged_in(request)  # gone from the waiting list, logged in or not
            self.slots.release()
            self._address_done(client_address[0])

    def _address_done(self, address: str) -> None:
        with self.per_address_lock:
            self.per_address[address] -= 1
            if self.per_address[address] <= 0:
                del self.per_address[address]

    def shutdown(self) -> None:
        self.stopping.set()
        super().shutdown()


def make_server(host: str = "127.0.0.1", port: int = 6001, **kwargs: Any) -> Sip2Server:
    """A bound server; call ``serve_forever()`` (a thread in tests, the command in production)."""
    return Sip2Server((host, port), **kwargs)
