"""Attacks on the SIP2 server (found by attacking main).

- 200 idle TCP connections that never log in took every slot and locked every kiosk out for the
  idle timeout (5 minutes): now a cap per address and a short time to log in;
- ``97`` followed by bytes that are not a message raised a KeyError in the refusal path.
"""

from __future__ import annotations

import random
import socket
import threading
import time

import pytest
from pysip2 import LoginRequest, LoginResponse, SCStatusRequest, encode_message

from thuvien.sip2.server import make_server
from thuvien.sip2.session import Session

from .client import Sip2TestClient

PASSWORD = "mat-khau-dai-123"
WAIT_SECONDS = 60  # an upper bound for a busy machine, never an expectation


@pytest.fixture
def guarded_server(db):
    """The real server with the production defaults except a 2-second time to log in."""
    yield from _serve(login_timeout=2)


@pytest.fixture
def patient_server(db):
    """The real server with a time to log in longer than any test waits."""
    yield from _serve(login_timeout=120)


def _serve(**options):
    from django.db import DEFAULT_DB_ALIAS, connections

    connection = connections[DEFAULT_DB_ALIAS]
    server = make_server("127.0.0.1", 0, **options)
    connection.inc_thread_sharing()
    server.shared_connection = connection
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield server.server_address
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        connection.dec_thread_sharing()


def _login(client: Sip2TestClient):
    return client.request(
        LoginRequest(
            uid_algorithm="0",
            pwd_algorithm="0",
            login_user_id="tienlu_circulation",
            login_password=PASSWORD,
        )
    )


def _idle(address, source: str, count: int) -> list[socket.socket]:
    socks = []
    for _ in range(count):
        try:
            socks.append(socket.create_connection(address, timeout=5, source_address=(source, 0)))
        except OSError:
            break
    return socks


def _closed_by_server(sock: socket.socket) -> bool:
    sock.settimeout(WAIT_SECONDS)
    try:
        return sock.recv(16) == b""
    except ConnectionResetError:
        return True


def test_200_idle_connections_from_one_address_leave_the_kiosks_served(guarded_server, world):
    idle = _idle(guarded_server, "127.0.0.2", 200)
    try:
        assert len(idle) == 200  # accepted by TCP; the server closes most of them at once
        with Sip2TestClient(*guarded_server) as kiosk:
            answer = _login(kiosk)
            assert isinstance(answer, LoginResponse) and answer.ok == "1"
    finally:
        for sock in idle:
            sock.close()


def test_idle_connections_from_many_addresses_are_closed_if_they_do_not_log_in(
    guarded_server, world
):
    idle = []
    for i in range(200):  # 200 addresses: the per-address cap does not help here
        idle += _idle(guarded_server, f"127.0.{1 + i // 250}.{2 + i % 250}", 1)
    try:
        assert len(idle) == 200
        # Every connection that does not log in is closed after the time to log in ...
        assert all(_closed_by_server(sock) for sock in idle)
        # ... and then the kiosk is served.
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            try:
                with Sip2TestClient(*guarded_server) as kiosk:
                    assert _login(kiosk).ok == "1"
                    break
            except (ConnectionError, OSError):
                assert time.monotonic() < deadline
                time.sleep(0.2)
    finally:
        for sock in idle:
            sock.close()


def test_a_kiosk_is_served_at_once_while_every_slot_holds_an_idle_stranger(patient_server, world):
    """Found by audit: 20 idle connections from each of 10 addresses took all 200 slots and the
    kiosk was refused until they timed out, again and again as the stranger reconnects. A new
    connection when the server is full closes the oldest one that has not logged in."""
    idle = []
    for a in range(10):
        idle += _idle(patient_server, f"127.0.20.{a + 1}", 20)
    try:
        assert len(idle) == 200
        time.sleep(0.5)  # every one of them holds a slot
        started = time.monotonic()
        with Sip2TestClient(*patient_server) as kiosk:
            assert _login(kiosk).ok == "1"
        assert time.monotonic() - started < 10  # not the 120 s time to log in
    finally:
        for sock in idle:
            sock.close()


def test_a_logged_in_kiosk_is_not_closed_at_the_login_timeout(guarded_server, world):
    with Sip2TestClient(*guarded_server) as kiosk:
        assert _login(kiosk).ok == "1"
        time.sleep(2.5)  # past the time to log in, well within the idle timeout
        status = kiosk.request(
            SCStatusRequest(status_code="0", max_print_width="080", protocol_version="2.00")
        )
        assert status.online_status == "Y"


RESEND_GARBAGE = [
    b"97\xff\xfe\r",
    b"97\xc3(\r",
    b"97\x00\x01\x02|AY1AZ\r",
    b"97" + bytes(range(128, 256)) + b"\r",
    b"97AY|\r",
    b"97|||AO\xff|\r",
]


@pytest.mark.parametrize("raw", RESEND_GARBAGE)
def test_97_followed_by_bytes_that_are_not_a_message(raw, db):
    session = Session(peer="127.0.0.1:1")
    answer = session.handle(raw)
    assert answer.endswith(b"\r") and answer[:2] == b"96"  # nothing to resend yet
    session.last_reply = b"941AY1AZFDFB\r"
    assert session.handle(raw) == b"941AY1AZFDFB\r"  # a resend request resends


def _seeds() -> list[bytes]:
    login = LoginRequest(
        uid_algorithm="0", pwd_algorithm="0", login_user_id="tienlu_circulation",
        login_password=PASSWORD,
    )  # fmt: skip
    status = SCStatusRequest(status_code="0", max_print_width="080", protocol_version="2.00")
    return [
        encode_message(login, sequence_number=1, checksum=True),
        encode_message(status, sequence_number=2, checksum=True),
        encode_message(status),
        b"97\r",
        b"97AY3AZFDFC\r",
        b"2300120261207    120000AOHY-TIENLU|AAX1|AC|AD|\r",
        b"1100120261207    12000020261207    120000AOHY-TIENLU|AAX1|ABB1|AC|\r",
    ]


def _mutate(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(5)
        pos = rng.randrange(len(data) + 1)
        if op == 0 and data:  # flip a byte
            data[min(pos, len(data) - 1)] = rng.randrange(256)
        elif op == 1:  # insert bytes
            data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == 2:  # cut
            del data[pos : pos + rng.randint(1, 10)]
        elif op == 3:  # a field separator or command prefix from elsewhere
            data[pos:pos] = rng.choice([b"|", b"AY", b"AZ", b"97", b"|AO", b"\x00"])
        else:  # keep the command, replace the rest
            data[2:] = bytes(rng.randrange(256) for _ in range(rng.randint(0, 30)))
    return bytes(data)


@pytest.mark.django_db
def test_mutated_messages_are_always_answered(world):
    rng = random.Random(20261207)
    seeds = _seeds()
    anonymous, kiosk = Session(peer="127.0.0.1:2"), Session(peer="127.0.0.1:3")
    assert kiosk.handle(seeds[0])[:3] == b"941"
    for i in range(1500):
        raw = _mutate(rng, rng.choice(seeds))
        for session in (anonymous, kiosk):
            answer = session.handle(raw)  # never raises
            assert isinstance(answer, bytes) and answer.endswith(b"\r"), (i, raw, answer)
