"""Pytest fixtures shared by every suite (loaded from the root conftest.py as a plugin).

Defined once here so that tests under ``src/`` and ``tests/`` share one session-scoped browser:
two live Playwright instances in one process cannot coexist.
"""

from __future__ import annotations

import pytest

from .world import World, build_world


@pytest.fixture(autouse=True)
def default_language(settings):
    """Each test starts in the default language (Vietnamese). A request in English activates
    English for the whole thread and Django does not switch back, so a later test in the same
    worker wrote its stored texts in English ('3 days overdue') and failed at random."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Login throttles and rate limits count in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def staff_client(client):
    """Log a named user of the world in: ``staff_client(world.users['tinh_cataloguer'])``."""

    def login(user, library=None):
        from thuvien.accounts.middleware import ACTIVE_LIBRARY_SESSION_KEY

        client.force_login(user)
        if library is not None:
            session = client.session
            session[ACTIVE_LIBRARY_SESSION_KEY] = library.pk
            session.save()
        return client

    return login


# --- A real browser: Debian's Chromium driven by Playwright -------------------------------

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session (skipped only if Chromium is not installed)."""
    import os

    if not os.path.exists(CHROMIUM_PATH):
        pytest.skip("Debian's chromium is not installed (make install-system-packages)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser page (own cookies) with ``page.base_url`` set to the live server."""
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    pg = context.new_page()
    pg.base_url = live_server.url
    yield pg
    context.close()


def wait_for_js(page, expression: str, *, timeout: float = 30000, interval: float = 50) -> object:
    """Wait until ``expression`` (or ``() => ...``) is truthy in the page.

    Playwright's ``wait_for_function`` evaluates its predicate with ``eval`` inside the page,
    which our Content-Security-Policy (no 'unsafe-eval') refuses; ``page.evaluate`` goes
    through the DevTools protocol, which the policy does not govern. Times in milliseconds.
    """
    import time

    deadline = time.monotonic() + timeout / 1000
    while True:
        value = page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"still false after {timeout:.0f} ms: {expression}")
        page.wait_for_timeout(interval)


@pytest.fixture(scope="session")
def clamd_daemon(tmp_path_factory):
    """A real clamd (Debian's clamav-daemon) with a local EICAR signature, one per process."""
    from .clamav import clamd_start

    daemon = clamd_start(tmp_path_factory.mktemp("clamd"))
    yield daemon
    daemon.stop()


@pytest.fixture
def clamav(clamd_daemon, settings):
    """Screening talks to the test clamd, and refuses uploads when it is down (production)."""
    settings.THUVIEN_CLAMD_SOCKET = clamd_daemon.socket_path
    settings.THUVIEN_CLAMAV_REQUIRED = True
    return clamd_daemon
