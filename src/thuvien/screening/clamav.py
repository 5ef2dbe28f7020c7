"""A client of clamd's INSTREAM command (clamd(8), "INSTREAM"): the file is streamed over the
Unix socket in length-prefixed chunks, so clamd needs no read access to our temporary files.

``zINSTREAM\\0``, then chunks ``<uint32 big-endian length><bytes>``, then a zero length;
clamd answers ``stream: OK``, ``stream: <name> FOUND`` or ``... ERROR`` (for example when the
stream passes clamd's ``StreamMaxLength``). The few lines here replace a client library: the
ones on PyPI are unmaintained since 2014-2017.
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass
from pathlib import Path

CHUNK = 256 * 1024


class ClamdUnavailable(Exception):
    """clamd could not be reached, or gave no verdict (an ERROR answer, a time-out)."""


@dataclass(frozen=True)
class Verdict:
    clean: bool
    signature: str = ""


def _connect(socket_path: str, timeout: float) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(socket_path)
    except OSError as exc:
        sock.close()
        raise ClamdUnavailable(f"cannot connect to clamd at {socket_path}: {exc}") from exc
    return sock


def _read_reply(sock: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\0"):
        part = sock.recv(4096)
        if not part:
            break
        data += part
        if len(data) > 65536:
            break
    return data.rstrip(b"\0").decode("utf-8", "replace").strip()


def ping(*, socket_path: str, timeout: float = 5.0) -> bool:
    try:
        sock = _connect(socket_path, timeout)
    except ClamdUnavailable:
        return False
    try:
        sock.sendall(b"zPING\0")
        return _read_reply(sock) == "PONG"
    except OSError:
        return False
    finally:
        sock.close()


def scan_file(path: Path, *, socket_path: str, timeout: float = 120.0) -> Verdict:
    """Stream ``path`` to clamd; ``Verdict(clean=False, signature=name)`` when it finds one."""
    sock = _connect(socket_path, timeout)
    try:
        sock.sendall(b"zINSTREAM\0")
        with path.open("rb") as stream:
            while chunk := stream.read(CHUNK):
                sock.sendall(struct.pack(">I", len(chunk)) + chunk)
        sock.sendall(struct.pack(">I", 0))
        reply = _read_reply(sock)
    except OSError as exc:  # includes the time-out and clamd closing on a too long stream
        raise ClamdUnavailable(f"clamd did not finish the scan: {exc}") from exc
    finally:
        sock.close()
    if reply.endswith("FOUND"):
        body = reply.split(":", 1)[1] if ":" in reply else reply
        return Verdict(clean=False, signature=body.removesuffix("FOUND").strip())
    if reply.endswith(" OK") or reply == "stream: OK":
        return Verdict(clean=True)
    raise ClamdUnavailable(f"clamd answered: {reply or 'nothing'}")
