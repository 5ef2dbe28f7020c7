"""The server over real TCP: login, status, resend, sequence numbers, bad input."""

from __future__ import annotations

import pytest
from pysip2 import (
    ACSStatusResponse,
    CheckoutRequest,
    CheckoutResponse,
    LoginRequest,
    LoginResponse,
    RequestACSResend,
    SCStatusRequest,
    decode_message,
    encode_message,
)

from .client import Sip2TestClient, sip_now, spec_checksum

PASSWORD = "mat-khau-dai-123"


def login(client, username="tienlu_circulation", password=PASSWORD, location=None):
    return client.request(
        LoginRequest(
            uid_algorithm="0",
            pwd_algorithm="0",
            login_user_id=username,
            login_password=password,
            location_code=location,
        )
    )


def status(client):
    return client.request(
        SCStatusRequest(status_code="0", max_print_width="080", protocol_version="2.00")
    )


def test_login_ok_then_status_names_the_library(sip2_server, world_tx):
    with Sip2TestClient(*sip2_server) as client:
        answer = login(client)
        assert isinstance(answer, LoginResponse) and answer.ok == "1"
        acs = status(client)
        assert isinstance(acs, ACSStatusResponse)
        assert acs.online_status == "Y" and acs.checkout_ok == "Y" and acs.checkin_ok == "Y"
        assert acs.institution_id == "HY-TIENLU"
        assert acs.library_name == "Thư viện xã Tiên Lữ"
        assert acs.protocol_version == "2.00"
        assert acs.supported_messages[1] == "Y"  # checkout


def test_login_failed_wrong_password_and_no_circulation_role(sip2_server, world_tx):
    with Sip2TestClient(*sip2_server) as client:
        assert login(client, password="sai-mat-khau").ok == "0"
        assert login(client, username="tienlu_cataloguer").ok == "0"  # no CIRCULATE
        acs = status(client)
        assert acs.online_status == "N" and acs.checkout_ok == "N"


def test_network_admin_must_name_the_library_with_cp(sip2_server, world_tx):
    with Sip2TestClient(*sip2_server) as client:
        assert login(client, username="hy_admin").ok == "0"
        assert login(client, username="hy_admin", location="HY-PHOHIEN").ok == "1"
        assert status(client).institution_id == "HY-PHOHIEN"
        # A library of another network is refused even when named.
        assert login(client, username="hy_admin", location="BN-TINH").ok == "0"


def test_repeated_failed_logins_lock_the_account(sip2_server, world_tx, settings):
    settings.THUVIEN_LOGIN_MAX_FAILURES = 3
    with Sip2TestClient(*sip2_server) as client:
        for _ in range(3):
            assert login(client, password="sai").ok == "0"
        assert login(client).ok == "0"  # locked now, even with the right password


def test_transactions_before_login_get_a_negative_answer(sip2_server, world_tx):
    with Sip2TestClient(*sip2_server) as client:
        answer = client.request(
            CheckoutRequest(
                sc_renewal_policy="N",
                no_block="N",
                transaction_date=sip_now(),
                nb_due_date=sip_now(),
                institution_id="HY-TIENLU",
                patron_identifier="X1",
                item_identifier="B1",
                terminal_password="",
            )
        )
        assert isinstance(answer, CheckoutResponse)
        assert answer.ok == "0"
        assert answer.screen_message == ("Máy tự phục vụ chưa đăng nhập.",)


def test_bad_checksum_gets_96_and_the_connection_goes_on(sip2_server, world_tx):
    with Sip2TestClient(*sip2_server) as client:
        frame = encode_message(
            LoginRequest(
                uid_algorithm="0",
                pwd_algorithm="0",
                login_user_id="tienlu_circulation",
                login_password=PASSWORD,
            ),
            sequence_number=4,
            checksum=True,
            encoding="utf-8",
        )
        damaged = frame[:-5] + (b"0000" if frame[-5:-1] != b"0000" else b"0001") + b"\r"
        answer = client.send_raw(damaged)
        assert answer.startswith(b"96")
        body, digits = answer[:-5], answer[-5:-1]
        assert body.endswith(b"AZ") and digits.decode() == spec_checksum(body)
        # The kiosk resends the same message and is answered with its sequence number.
        decoded = decode_message(client.send_raw(frame), encoding="utf-8")
        assert decoded.message.ok == "1" and decoded.sequence_number == 4


def test_sequence_numbers_echo_and_97_repeats_the_last_answer(sip2_server, world_tx):
    with Sip2TestClient(*sip2_server) as client:
        for _ in range(12):  # wraps 9 -> 0; the client asserts each AY echo
            status(client)
        last = client.send_raw(
            encode_message(
                SCStatusRequest(status_code="0", max_print_width="080", protocol_version="2.00"),
                sequence_number=5,
                checksum=True,
                encoding="utf-8",
            )
        )
        again = client.send_raw(encode_message(RequestACSResend(), checksum=True))
        assert again == last


def test_without_error_detection_answers_have_no_trailer(sip2_server, world_tx):
    with Sip2TestClient(*sip2_server) as client:
        answer = client.send_raw(b"9300CNtienlu_circulation|COmat-khau-dai-123|\r")
        assert answer == b"941\r"


@pytest.mark.parametrize(
    "garbage",
    [b"XYZ\r", b"11\r", b"\xff\xfe\r", b"63001\r", b"9\r", b"17" + b"9" * 40 + b"|AB\xff|\r"],
)
def test_garbage_never_kills_the_connection(sip2_server, world_tx, garbage):
    with Sip2TestClient(*sip2_server) as client:
        answer = client.send_raw(garbage)
        assert answer.endswith(b"\r")
        assert answer[:2] in {b"96", b"12", b"64", b"18", b"98"}
        assert login(client).ok == "1"  # still talking


def test_truncated_checkout_gets_a_well_formed_refusal(sip2_server, world_tx):
    with Sip2TestClient(*sip2_server) as client:
        login(client)
        answer = decode_message(client.send_raw(b"11NN2026\r"), encoding="utf-8").message
        assert isinstance(answer, CheckoutResponse) and answer.ok == "0"


def test_connections_beyond_the_limit_are_closed(world_tx):
    import socket
    import threading
    import time

    from django.db import DEFAULT_DB_ALIAS, connections

    from thuvien.sip2.server import make_server

    server = make_server("127.0.0.1", 0, idle_timeout=5, max_connections=1)
    connection = connections[DEFAULT_DB_ALIAS]  # the world is in the test's transaction
    connection.inc_thread_sharing()
    server.shared_connection = connection
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        with Sip2TestClient(*server.server_address) as first:
            # the first kiosk, logged in, holds the only slot (one that has not logged in
            # yet would give it up to a newcomer: test_attacks)
            assert login(first).ok == "1"
            with socket.create_connection(server.server_address, timeout=5) as second:
                second.sendall(b"XYZ\r")
                assert second.recv(10) == b""  # closed without an answer
        for _ in range(50):  # the slot is freed once the first kiosk's thread has ended
            with Sip2TestClient(*server.server_address) as third:
                try:
                    answer = third.send_raw(b"XYZ\r")
                    break
                except OSError:
                    time.sleep(0.1)
        assert answer == b"96\r"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        connection.dec_thread_sharing()
