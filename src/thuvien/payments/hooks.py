"""What happens when an order is paid or refunded belongs to the app that sold the service
(the digital library opens an object, delivers a copy). That app sits higher in the layers, so
it registers its handlers here at start-up (``AppConfig.ready``) instead of being imported."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Order


@dataclass(frozen=True)
class PurposeHooks:
    on_paid: Callable[[Order], None]
    on_refunded: Callable[[Order], None]


_HOOKS: dict[str, PurposeHooks] = {}


def purpose_register(purpose: str, *, on_paid: Callable[[Order], None],
                     on_refunded: Callable[[Order], None]) -> None:
    _HOOKS[purpose] = PurposeHooks(on_paid=on_paid, on_refunded=on_refunded)


def hooks_for(purpose: str) -> PurposeHooks | None:
    return _HOOKS.get(purpose)
