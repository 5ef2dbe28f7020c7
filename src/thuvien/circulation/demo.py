"""Demo data for circulation (filled in below)."""

from __future__ import annotations

from typing import Any


def demo_circulation(ctx: Any) -> None:
    return None
