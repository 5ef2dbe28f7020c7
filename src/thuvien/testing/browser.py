"""What browser tests do the way staff do it: log in through the login page over a slow line,
and wait for something the page will show sooner or later."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

STAFF_PASSWORD = "mat-khau-dai-123"  # the test world's staff password (testing/world.py)


def slow_line(page: Any, latency_ms: int = 400) -> None:
    """Add ``latency_ms`` to every request of ``page`` (a rural line, Chrome's emulation)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": latency_ms, "downloadThroughput": -1, "uploadThroughput": -1},
    )


def staff_login(page: Any, path: str, username: str, *, latency_ms: int = 400) -> None:
    """Log ``username`` in through the login page at a desk's screen size, land on ``path``,
    and put the line to ``latency_ms`` for what follows."""
    page.set_viewport_size({"width": 1024, "height": 900})
    page.goto(f"{page.base_url}/accounts/login/?next={path}")
    page.fill("#id_username", username)
    page.fill("#id_password", STAFF_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"**{path}")
    slow_line(page, latency_ms)


def eventually(check: Callable[[], bool], timeout: float = 25.0) -> bool:
    """Whether ``check`` comes true within ``timeout`` seconds (asked every 0.2 s)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.2)
    return check()
