"""Run a command on a real terminal (a pty) in tests: what a person at the console sees.

``run_in_pty(argv, env=..., answers=[(prompt, reply), ...])`` starts the process as the session
leader of a new pseudo-terminal (so ``isatty()`` is true and ``getpass`` reads from it), types
each reply once its prompt has appeared, and returns the exit code and everything shown.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Sequence


def run_in_pty(
    argv: Sequence[str],
    *,
    env: dict[str, str],
    answers: Sequence[tuple[str, str]] = (),
    timeout: float = 300,
    columns: int = 120,
) -> tuple[int, str]:
    pid, fd = pty.fork()
    if pid == 0:  # the child: its stdin, stdout, stderr and /dev/tty are the pty
        try:
            os.execve(argv[0], list(argv), env)  # noqa: S606 - the command under test
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    shown = b""
    seen = 0  # replies are matched against what was shown after the previous reply
    pending = list(answers)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:  # EIO: the child has gone and the pty is closed
                    break
                if not data:
                    break
                shown += data
            while pending:
                at = shown.find(pending[0][0].encode(), seen)
                if at < 0:
                    break
                time.sleep(0.05)  # let the prompt switch echo off (getpass) before typing
                os.write(fd, pending[0][1].encode() + b"\r")
                seen = at + len(pending[0][0].encode())
                pending.pop(0)
        else:
            os.kill(pid, signal.SIGKILL)
    finally:
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    text = shown.decode("utf-8", errors="replace")
    if pending:
        raise AssertionError(f"never asked {pending[0][0]!r}; the terminal showed:\n{text}")
    return os.waitstatus_to_exitcode(status), text
