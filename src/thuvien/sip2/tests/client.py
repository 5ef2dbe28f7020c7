"""An independent SIP2 client for the tests: messages are built and read by ``pysip2``.

pysip2 (PyPI) is a typed SIP2 2.00 codec written by other people from the 3M spec; it checks
every fixed-field width, every required field and the AY/AZ trailer of our answers on its own.
Nothing here imports the server's serializer.
"""

from __future__ import annotations

import socket
from datetime import datetime
from typing import Any

from pysip2 import decode_message, encode_message


def sip_now() -> str:
    return datetime.now().strftime("%Y%m%d    %H%M%S")


class Sip2TestClient:
    def __init__(self, host: str, port: int, *, encoding: str = "utf-8", timeout: float = 10):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.encoding = encoding
        self.sequence = 0
        self.buffer = b""

    def close(self) -> None:
        self.sock.close()

    def __enter__(self) -> Sip2TestClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def send_raw(self, data: bytes) -> bytes:
        """Send bytes as they are and return the raw answer frame (up to and with its CR)."""
        self.sock.sendall(data)
        return self.read_frame()

    def read_frame(self) -> bytes:
        while b"\r" not in self.buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("server closed the connection")
            self.buffer += chunk
        cut = self.buffer.index(b"\r") + 1
        frame, self.buffer = self.buffer[:cut], self.buffer[cut:]
        return frame

    def request(self, message: Any) -> Any:
        """Send a pysip2 request with the next sequence number and error detection on."""
        self.sequence = (self.sequence + 1) % 10
        frame = encode_message(
            message, sequence_number=self.sequence, checksum=True, encoding=self.encoding
        )
        decoded = decode_message(self.send_raw(frame), encoding=self.encoding)
        assert decoded.sequence_number == self.sequence, "the answer must echo AY"
        assert decoded.checksum is not None, "the answer must carry AZ"
        return decoded.message


def spec_checksum(data: bytes) -> str:
    """The spec's checksum written out here again (not imported from the server)."""
    return format((-sum(data)) & 0xFFFF, "04X")
