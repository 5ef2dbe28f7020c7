from __future__ import annotations

import threading

import pytest

from thuvien.sip2.server import make_server


@pytest.fixture
def sip2_server(db):
    """The real SIP2 server on an ephemeral port, in a thread; yields (host, port).

    Like Django's live server, its threads use the test's database connection, so the test
    transaction (rolled back afterwards) is visible and the suite stays fast on PostgreSQL.
    """
    from django.db import DEFAULT_DB_ALIAS, connections

    connection = connections[DEFAULT_DB_ALIAS]  # the wrapper itself, not the proxy
    server = make_server("127.0.0.1", 0, idle_timeout=15)
    connection.inc_thread_sharing()
    server.shared_connection = connection
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield server.server_address
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        connection.dec_thread_sharing()


def ensure_builtin_roles() -> None:
    """Transactional tests flush the tables, data migrations included: put the roles back."""
    from thuvien.accounts.capabilities import BUILTIN_ROLES
    from thuvien.accounts.models import Role

    for code, (name_vi, name_en, caps, network_wide) in BUILTIN_ROLES.items():
        Role.objects.get_or_create(
            code=code,
            defaults={
                "name_vi": name_vi,
                "name_en": name_en,
                "capabilities": sorted(caps),
                "network_wide": network_wide,
            },
        )


@pytest.fixture
def world_tx(sip2_server):
    """The named world (roles are re-created when a transactional test flushed them)."""
    from thuvien.conftest import build_world

    ensure_builtin_roles()
    return build_world()
