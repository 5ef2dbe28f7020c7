"""Signal dispositions for processes forked from a long-running one (the queue worker).

A forked child inherits the parent's Python signal handlers. The Huey consumer's handlers for
SIGTERM and SIGINT only record the signal for its own shutdown loop, so a child forked from
``thuvien worker`` (index builders, import readers) survived ``Process.terminate``, and a
``multiprocessing.Pool`` that terminates its children while holding their task queue's lock
waited for them forever.
"""

from __future__ import annotations

import signal


def signals_default() -> None:
    """Call first thing in a forked child: SIGTERM ends it, SIGINT raises KeyboardInterrupt."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
