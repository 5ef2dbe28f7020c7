"""Registered hooks: how a lower app hears from a higher one without importing it.

Apps depend on each other in one order (docs/architecture.md). When a lower app must ask a
higher one something (holdings: "does circulation hold this copy?") or let it act inside its
own transaction (patrons: "a card was replaced, charge the fee"), it declares a ``Hook`` and
the higher app registers a function on it from its ``AppConfig.ready()``. The lower app then
calls whatever is registered, in registration order, and never names the higher app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

F = TypeVar("F", bound=Callable[..., object])


class Hook(Generic[F]):
    """An ordered set of functions registered by higher apps."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._functions: list[F] = []

    def register(self, function: F) -> F:
        """Add ``function`` once (a second ``ready()`` in tests does not add it twice)."""
        if function not in self._functions:
            self._functions.append(function)
        return function

    def __iter__(self) -> Iterator[F]:
        return iter(tuple(self._functions))

    def __repr__(self) -> str:
        return f"Hook({self.name!r}, {len(self._functions)} registered)"
