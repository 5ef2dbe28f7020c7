"""A small catalogue in two networks, indexed into a search index of the test's own."""

from __future__ import annotations

import pytest

from thuvien.catalog.services import record_create
from thuvien.catalog.tests.factories import vi_marc
from thuvien.core.outbox import outbox_drain

VI_TITLE = "Lịch sử tỉnh Hưng Yên"
VI_AUTHOR = "Nguyễn Văn Đức"
VI_ISBN = "9786041095113"


@pytest.fixture
def catalogue(world, settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    records = {
        "history": record_create(
            network=world.hung_yen,
            marc=vi_marc(title=VI_TITLE, author=VI_AUTHOR, isbn=VI_ISBN, year=2020),
        ),
        "gazetteer": record_create(
            network=world.hung_yen,
            marc=vi_marc(title="Địa chí Hưng Yên", author="Trần Thị Mai", isbn=None, year=2015),
        ),
        "folk": record_create(
            network=world.hung_yen,
            marc=vi_marc(title="Ca dao Việt Nam", author="Lê Văn An", isbn=None, year=2001),
        ),
        "quan_ho": record_create(
            network=world.bac_ninh,
            marc=vi_marc(title="Quan họ Bắc Ninh", author="Phạm Minh Đức", isbn=None, year=2010),
        ),
    }
    outbox_drain()
    return records


Z3950_PORTS = range(9104, 9110)  # this worktree's share of the machine's ports


def free_z3950_port() -> int:
    import socket

    for port in Z3950_PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free Z39.50 port in 9104-9109")


def start_simple2zoom(sru_url: str, tmp_path, *, patched: bool = True):
    """simple2zoom with our generated configuration on a free port; (process, port)."""
    import os
    import socket
    import subprocess
    import time

    from thuvien.sru import z3950

    config = z3950.write_config(
        tmp_path / f"s2z-{'patched' if patched else 'debian'}.xml",
        url=sru_url,
        database="thuvien",
        token=z3950.gateway_token(),
    )
    port = free_z3950_port()
    log = tmp_path / f"s2z-{port}.log"
    process = subprocess.Popen(  # noqa: S603 - our own command line
        z3950.command(config, port=port, host="127.0.0.1", log=log),
        env=z3950.environment(os.environ, patched=patched),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process, port
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    process.kill()
    raise AssertionError(f"simple2zoom did not start: {log.read_text() if log.exists() else ''}")


@pytest.fixture
def z3950(live_server, catalogue, tmp_path):
    from thuvien.sru import z3950 as module

    if not module.available():
        pytest.skip("simple2zoom is not installed (libnet-z3950-simple2zoom-perl)")
    process, port = start_simple2zoom(live_server.url + "/sru", tmp_path)
    yield port
    process.terminate()
    process.wait(timeout=10)
