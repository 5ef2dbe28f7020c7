"""What circulation registers with the apps below it (``core.hooks``), from ``ready()``.

Holdings asks whether circulation holds a copy before a hand change or a deletion; patrons
lets circulation charge the card replacement fee and covers circulation's data in a reader's
export and erasure. Each lower app declares the hook; only this module names both sides.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from thuvien.core.scoping import scopes_disabled
from thuvien.holdings.models import Item
from thuvien.holdings.services import item_in_use_checks
from thuvien.network.settings_registry import setting_get
from thuvien.patrons.models import Patron
from thuvien.patrons.privacy import (
    patron_data_exporters,
    patron_erasers,
    patron_erasure_checks,
)
from thuvien.patrons.services import card_replaced_hooks

from .models import ACTIVE_HOLD_STATUSES, FeeKind
from .privacy import patron_circulation_erase, patron_circulation_export, patron_erasure_check
from .services.fees import fee_create


def item_held_by_circulation(item: Item) -> bool:
    """An open loan, an active hold on this very copy or an open transit holds the copy
    (read from the database, whatever the copy's status column says)."""
    with scopes_disabled():
        return (
            item.loans.filter(returned_at__isnull=True).exists()
            or item.holds.filter(status__in=ACTIVE_HOLD_STATUSES).exists()
            or item.transits.filter(received_at__isnull=True).exists()
        )


def card_replacement_fee(*, patron: Patron, library: Any, actor: Any, charge: bool) -> None:
    """Charge the library's card replacement fee, in the replacement's transaction."""
    amount = int(setting_get("circulation.card_replacement_fee", library=library))
    if charge and amount > 0:
        fee_create(
            patron=patron,
            library=library,
            kind=FeeKind.CARD,
            amount=amount,
            staff=actor,
            description=_("Cấp lại thẻ %(card)s") % {"card": patron.card_number},
        )


def register() -> None:
    item_in_use_checks.register(item_held_by_circulation)
    card_replaced_hooks.register(card_replacement_fee)
    patron_data_exporters.register(patron_circulation_export)
    patron_erasure_checks.register(patron_erasure_check)
    patron_erasers.register(patron_circulation_erase)
