"""A cursor whose statements PostgreSQL can prepare, for the few statements run on every scan.

Django binds parameters on the client by default (the values are spliced into the SQL text), so
every statement is parsed and planned again by the server. A statement of fixed text sent
through ``prepared_cursor`` has its parameters bound on the server; psycopg prepares it on a
connection once it has run ``prepare_threshold`` times (DATABASES OPTIONS, see
config/settings/base.py). Used by the circulation desk (``circulation/desk_sql.py``) and the
audit batch; the ORM's own queries are unchanged.
"""

from __future__ import annotations

from typing import Any

from django.db import connection


def prepared_cursor() -> Any:
    """A Django cursor wrapper (query logging, ``assertNumQueries``, execute wrappers, error
    translation) around a server-binding psycopg cursor on PostgreSQL; elsewhere Django's
    ordinary cursor. Built as ``BaseDatabaseWrapper._cursor`` builds Django's own, with the
    backend's server-binding cursor class in place of the client-binding one."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        return connection._prepare_cursor(ServerBindingCursor(connection.connection))
