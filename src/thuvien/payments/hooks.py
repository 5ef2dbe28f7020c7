"""What happens when an order is paid or refunded belongs to the app that sold the service
(the digital library opens an object, delivers a copy). That app sits higher in the layers, so
it registers on these hooks from its ``AppConfig.ready()`` (``core.hooks``) instead of being
imported. Each function is called with every order and acts on the purposes it sold; it runs
inside the payment's transaction, so the service is given with the payment or not at all."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from thuvien.core.hooks import Hook

if TYPE_CHECKING:
    from .models import Order

OrderHook = Callable[["Order"], None]

order_paid_hooks: Hook[OrderHook] = Hook("payments.order_paid")
order_refunded_hooks: Hook[OrderHook] = Hook("payments.order_refunded")
