"""The frame of ``thuvien demo-data``: each domain app contributes a step.

A step is ``fn(ctx: DemoContext) -> None`` registered with an order number from the app's
``ready()``. The network step runs first (order 10) and puts the networks, libraries and staff
into ``ctx``; cataloguing (20) adds records and items; circulation (30) adds readers and loans.
Steps must stream and batch their writes so that ``--records 1000000`` is practical.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .progress import Progress, progress_bar


@dataclass
class DemoContext:
    records: int = 1000
    seed: int = 2026
    password: str = "thuvien-demo-2026"  # noqa: S105 - the published demo password
    verbosity: int = 1
    rng: random.Random = field(init=False)
    networks: list[Any] = field(default_factory=list)
    libraries: list[Any] = field(default_factory=list)
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (username, role, library)
    data: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def say(self, message: str) -> None:
        if self.verbosity:
            print(message, flush=True)  # noqa: T201 - a command's own output

    def progress(self, *, total: int, desc: str, unit: str = " biểu ghi") -> Progress:
        """A progress bar on a terminal (nothing in a pipe or at verbosity 0)."""
        return progress_bar(
            total=total, desc=desc, unit=unit, enabled=None if self.verbosity else False
        )


DemoStep = Callable[[DemoContext], None]
_STEPS: list[tuple[int, str, DemoStep]] = []


def register_demo_step(order: int, name: str, step: DemoStep) -> None:
    if any(n == name for _, n, _ in _STEPS):
        return
    _STEPS.append((order, name, step))
    _STEPS.sort(key=lambda t: t[0])


def demo_steps() -> list[tuple[int, str, DemoStep]]:
    return list(_STEPS)
