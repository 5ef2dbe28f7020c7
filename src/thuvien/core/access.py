"""The mark every view carries to say who may reach it.

Core knows only the mark and the one declaration that needs no account (``public_view``);
``accounts.permissions`` builds the capability checks on it. Core's own views (health check,
the PWA shell) declare themselves with this module, so core does not reach up into accounts.
A test walks every URL and fails on a view that carries no mark.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

ACCESS_ATTR = "thuvien_access"

V = TypeVar("V", bound=Callable[..., object])


def mark_access(view: V, access: str) -> V:
    """Record on ``view`` what it requires (``public``, ``authenticated``, a capability...)."""
    setattr(view, ACCESS_ATTR, access)
    return view


def public_view(view: V) -> V:
    """Declare a view open to everyone."""
    return mark_access(view, "public")
