"""Library scoping that cannot be forgotten (django-scopes).

Library-owned models declare ``objects = LibraryScopedManager()``. A query on them outside an
open scope raises ``ScopeError`` instead of showing another library's rows. The request
middleware opens the scope of the staff member's active library; workers, commands and public
pages open theirs with ``library_scope``. ``scopes_disabled`` is for the network-wide admin,
migrations and test fixtures only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import models
from django_scopes import ScopedManager, get_scope, scope, scopes_disabled

__all__ = [
    "LibraryScopedManager",
    "library_scope",
    "scopes_disabled",
    "current_library_ids",
]


def LibraryScopedManager(manager_class: type[models.Manager] = models.Manager):  # noqa: N802
    """A manager whose querysets are filtered to the libraries of the open scope."""
    return ScopedManager(_manager_class=manager_class, library="library")


def _ids(libraries: Any) -> list[int]:
    if libraries is None:
        raise ValueError("library_scope needs a library or a list of libraries, not None")
    if isinstance(libraries, models.Model | int):
        libraries = [libraries]
    if isinstance(libraries, models.QuerySet):
        return list(libraries.values_list("pk", flat=True))
    return [lib if isinstance(lib, int) else lib.pk for lib in libraries]


@contextmanager
def library_scope(libraries: Any) -> Iterator[None]:
    """Open a scope on one library, a list of them, or a queryset of them.

    An empty list is a valid scope that shows nothing; ``None`` is refused because django-scopes
    would read it as "no filter".
    """
    with scope(library=_ids(libraries)):
        yield


def current_library_ids() -> list[int] | None:
    """The library ids of the open scope, or None when scoping is disabled or none is open."""
    state = get_scope()
    if not state.get("_enabled", True):
        return None
    value = state.get("library")
    if value is None:
        return None
    return list(value) if isinstance(value, Iterable) else [value]
