"""Changing a copy's status goes through the holdings app's service when it exists.

The holdings app owns ``Item``; circulation never writes to it except through
``holdings.services.item_status_change``. Until that service is published this module falls
back to the narrowest possible write (two columns, ``update_fields``).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone


def item_set_status(*, item: Any, status: str, actor: Any) -> None:
    if item.status == status:
        return
    try:
        from thuvien.holdings.services import item_status_change
    except ImportError:
        item_status_change = None
    if item_status_change is not None:
        item_status_change(item=item, status=status, actor=actor)
        return
    item.status = status
    item.status_changed_at = timezone.now()
    item.save(update_fields=["status", "status_changed_at", "updated_at"])


def item_lock(*, pk: int) -> Any:
    """The copy's row, locked until the end of the transaction (works in any library scope)."""
    from thuvien.holdings.models import Item

    return Item._base_manager.select_for_update().select_related("library__network").get(pk=pk)
