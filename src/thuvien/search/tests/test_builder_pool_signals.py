"""The drain's builder pool must stop when forked from the queue worker (``thuvien worker``),
whose Huey consumer handles SIGTERM by recording it; before the fix the first large drain in the
worker hung in ``Pool.terminate`` (seen in benchmarks/catalog_import.py --overlap)."""

from __future__ import annotations

import os
import signal
import threading
import time

from thuvien.search import reindex_parallel as rp


def test_builder_pool_stops_under_a_handler_that_only_records_sigterm():
    received: list[int] = []
    old = signal.signal(signal.SIGTERM, lambda signum, frame: received.append(signum))
    stopped = threading.Event()
    try:
        pool = rp._pool(2)
        assert pool.apply_async(os.getpid).get(timeout=60) != os.getpid()
        for _ in range(6):  # stopped while building, as when the index writer fails mid-drain
            pool.apply_async(time.sleep, (0.3,))
        time.sleep(0.1)

        def stop() -> None:
            pool.terminate()
            pool.join()
            stopped.set()

        threading.Thread(target=stop, daemon=True).start()
        assert stopped.wait(60), "the builders ignored SIGTERM and the pool never stopped"
    finally:
        signal.signal(signal.SIGTERM, old)
        if not stopped.is_set():  # the failure must not leave hung builders behind
            for process in pool._pool:
                process.kill()
    assert received == []  # the signal went to the builders, not to this process
