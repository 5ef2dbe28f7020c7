"""The same property through the web server: desks posting to the REST API at once.

A real ``gunicorn`` (2 workers x 4 threads) serves a fresh SQLite database (WAL, IMMEDIATE
transactions); eight desk threads post check-outs and check-ins with token auth. Afterwards the
database file is read directly: no copy lent twice, no check-in lost, no server error.
"""

from __future__ import annotations

import random
import sqlite3
import threading
from collections import Counter

import pytest

from .floor import DeskClient, WebServer, floor_env, migrate, seed

pytestmark = pytest.mark.slow

DESKS = 8
COPIES = 12
ROUNDS = 15


@pytest.fixture(scope="module")
def floor(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("floor")
    db_path = data_dir / "floor.sqlite3"
    env = floor_env(f"sqlite:///{db_path}", str(data_dir))
    migrate(env)
    info = seed(env, items=COPIES, readers=DESKS)
    server = WebServer(env, workers=2, threads=4).start()
    try:
        yield info, server, db_path
    finally:
        server.stop()


def _run(n, target):
    errors: list[BaseException] = []
    start = threading.Barrier(n)

    def wrapped(i):
        try:
            start.wait()
            target(i)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=wrapped, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a desk hung"
    assert not errors, errors


def _open_loans(db_path) -> Counter:
    with sqlite3.connect(db_path) as db:
        rows = db.execute(
            "SELECT i.barcode FROM circulation_loan l JOIN holdings_item i ON i.id = l.item_id"
            " WHERE l.returned_at IS NULL"
        ).fetchall()
    return Counter(r[0] for r in rows)


def test_desks_scanning_the_same_copies_over_http(floor):
    info, server, db_path = floor
    barcodes, cards = info["barcodes"], info["cards"]
    wins: Counter[str] = Counter()
    statuses: Counter[int] = Counter()
    codes: Counter[str] = Counter()
    lock = threading.Lock()

    def desk(i):
        client = DeskClient(server.port, info["token"])
        order = barcodes[:]
        random.Random(i).shuffle(order)
        for barcode in order:
            status, data = client.checkout(cards[i], barcode)
            with lock:
                statuses[status] += 1
                if status == 201:
                    wins[barcode] += 1
                else:
                    codes[data.get("code", "?")] += 1
        client.close()

    _run(DESKS, desk)
    assert set(statuses) <= {201, 409}, statuses
    assert set(codes) <= {"item_already_on_loan", "loan_limit_reached"}, codes
    assert len(wins) == COPIES and set(wins.values()) == {1}, wins
    assert set(_open_loans(db_path).values()) == {1}

    # Then every copy comes back at once from all desks: exactly one check-in each succeeds.
    returned: Counter[str] = Counter()

    def return_all(i):
        client = DeskClient(server.port, info["token"])
        for barcode in barcodes:
            status, _ = client.checkin(barcode)
            assert status in (200, 409), status
            if status == 200:
                with lock:
                    returned[barcode] += 1
        client.close()

    _run(DESKS, return_all)
    assert len(returned) == COPIES and set(returned.values()) == {1}, returned
    assert not _open_loans(db_path)


def test_mixed_traffic_loses_no_checkin(floor):
    info, server, db_path = floor
    hot = info["barcodes"][:4]
    outs: Counter[str] = Counter()
    ins: Counter[str] = Counter()
    lock = threading.Lock()
    with sqlite3.connect(db_path) as db:
        before = dict(
            db.execute(
                "SELECT i.barcode, COUNT(l.id) FROM holdings_item i LEFT JOIN circulation_loan l"
                " ON l.item_id = i.id GROUP BY i.barcode"
            ).fetchall()
        )

    def desk(i):
        rng = random.Random(100 + i)
        client = DeskClient(server.port, info["token"])
        for _ in range(ROUNDS):
            barcode = rng.choice(hot)
            if rng.random() < 0.5:
                status, _ = client.checkout(info["cards"][i], barcode)
                assert status in (201, 409), status
                if status == 201:
                    with lock:
                        outs[barcode] += 1
            else:
                status, _ = client.checkin(barcode)
                assert status in (200, 409), status
                if status == 200:
                    with lock:
                        ins[barcode] += 1
        client.close()

    _run(DESKS, desk)
    assert sum(outs.values()) and sum(ins.values())
    open_now = _open_loans(db_path)
    with sqlite3.connect(db_path) as db:
        for barcode in hot:
            total, closed = db.execute(
                "SELECT COUNT(*), COUNT(l.returned_at) FROM circulation_loan l"
                " JOIN holdings_item i ON i.id = l.item_id WHERE i.barcode = ?",
                (barcode,),
            ).fetchone()
            assert open_now[barcode] <= 1
            assert total - before[barcode] == outs[barcode]
            assert outs[barcode] - ins[barcode] == open_now[barcode]
            status = db.execute(
                "SELECT status FROM holdings_item WHERE barcode = ?", (barcode,)
            ).fetchone()[0]
            assert (status == "on_loan") == (open_now[barcode] == 1)
