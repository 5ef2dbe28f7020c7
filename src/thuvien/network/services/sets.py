"""Libraries changing the sets they give their holdings (OAI-PMH's ``type:<library type>`` and
``group:<network>:<group>``). Apps above network that follow a record's sets through its copies
(holdings, for the catalogue's harvest) register a watcher: called with the libraries before
the change, it returns what to run after it, both inside the change's transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from thuvien.core.hooks import Hook

library_sets_watchers: Hook[Callable[[list[int]], Callable[[], None]]] = Hook(
    "network.library_sets"
)


@contextmanager
def library_sets_changing(library_ids: Iterable[int]) -> Iterator[None]:
    """Around a write that changes these libraries' type or groups (inside its transaction)."""
    ids = sorted(set(library_ids))
    if not ids:
        yield
        return
    after = [watch(ids) for watch in library_sets_watchers]
    yield
    for finish in after:
        finish()
