"""A real Zebra server (Debian ``idzebra-2.0``) for tests: Z39.50 and SRU on one local port.

``zebra_server(records, tmpdir)`` indexes the given MARC (ISO 2709, UTF-8) files with
``zebraidx`` and runs ``zebrasrv`` on a free localhost port with a YAZ front-end configuration
that answers SRU with MARCXML (``recordSchema=marcxml``) and Z39.50 with USMARC. Used by the
copycat tests and the staff page tests; nothing here talks to the network.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ZEBRA_TAB = Path("/usr/share/idzebra-2.0/tab")
ZEBRA_MODULES = Path("/usr/lib/x86_64-linux-gnu/idzebra-2.0/modules")
PQF_PROPERTIES = Path("/usr/share/yaz/etc/pqf.properties")
DATABASE = "Default"


@dataclass(frozen=True)
class ZebraServer:
    host: str
    port: int
    database: str = DATABASE

    def target_dict(self, protocol: str, *, code: str = "", version: str = "1.2") -> dict:
        return {
            "code": code or f"zebra-{protocol}",
            "name": f"Zebra ({protocol})",
            "protocol": protocol,
            "host": self.host,
            "port": self.port,
            "database": self.database,
            "version": version,
            "timeout": 10,
        }


def zebra_available() -> bool:
    return all(shutil.which(p) for p in ("zebraidx", "zebrasrv", "yaz-client")) and (
        ZEBRA_TAB.exists()
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_config(tmp: Path, port: int) -> Path:
    tab = tmp / "tab"
    tab.mkdir()
    # The stock MARC21 indexing rules, plus ISBN (Bib-1 use 7) and ISSN (8).
    abs_rules = (ZEBRA_TAB / "marc21.abs").read_text(encoding="utf-8")
    abs_rules = abs_rules.replace(
        "melm 100\t", "melm 020$a\t\tISBN\nmelm 022$a\t\tISSN\nmelm 100\t", 1
    )
    # Records are UTF-8: without this Zebra reads them as ISO-8859-1 when it builds MARCXML.
    abs_rules = abs_rules.replace("name marc21\n", "name marc21\nencoding utf-8\n", 1)
    (tab / "marc21.abs").write_text(abs_rules, encoding="utf-8")
    reg = tmp / "reg"
    reg.mkdir()
    (tmp / "zebra.cfg").write_text(
        f"profilePath: {tab}:{ZEBRA_TAB}\n"
        f"modulePath: {ZEBRA_MODULES}\n"
        "recordType: grs.marcxml.marc21\nencoding: utf-8\n"
        "attset: bib1.att\nattset: explain.att\n"
        f"register: {reg}:100M\nlockDir: {reg}\nkeyTmpDir: {reg}\n",
        encoding="utf-8",
    )
    gfs = tmp / "yazgfs.xml"
    gfs.write_text(
        f"""<yazgfs>
  <listen id="public">tcp:127.0.0.1:{port}</listen>
  <server id="zebra" listenref="public">
    <config>{tmp / "zebra.cfg"}</config>
    <cql2rpn>{PQF_PROPERTIES}</cql2rpn>
    <retrievalinfo>
      <retrieval syntax="usmarc" name="F"/>
      <retrieval syntax="usmarc" name="B"/>
      <retrieval syntax="usmarc"/>
      <retrieval syntax="xml" name="marcxml" identifier="info:srw/schema/1/marcxml-v1.1">
        <backend syntax="usmarc" name="F">
          <marc inputformat="marc" outputformat="marcxml" inputcharset="utf-8"/>
        </backend>
      </retrieval>
    </retrievalinfo>
  </server>
</yazgfs>
""",
        encoding="utf-8",
    )
    return gfs


@contextlib.contextmanager
def zebra_server(records: list[Path], tmp: Path) -> Iterator[ZebraServer]:
    """Index ``records`` and serve them until the block ends."""
    port = free_port()
    gfs = _write_config(tmp, port)
    for path in records:
        subprocess.run(
            ["zebraidx", "-c", str(tmp / "zebra.cfg"), "update", str(path)],
            cwd=tmp,
            check=True,
            capture_output=True,
        )
    proc = subprocess.Popen(  # noqa: S603
        ["zebrasrv", "-f", str(gfs), "-l", str(tmp / "zebrasrv.log")],
        cwd=tmp,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("zebrasrv did not start")
            time.sleep(0.05)
        yield ZebraServer("127.0.0.1", port)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextlib.contextmanager
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never answers: for timeout tests."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()
