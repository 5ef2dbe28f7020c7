"""Changing a copy's status through the holdings app's service.

The holdings app owns ``Item``; circulation never writes to it except through
``holdings.services.item_status_change``, and reads and locks a scanned copy through
``holdings.item_sql`` (``desk_item_for_update``, ``item_lock``).
"""

from __future__ import annotations

from typing import Any

from thuvien.holdings.models import Item


def item_set_status(*, item: Item, status: str, actor: Any) -> None:
    if item.status == status:
        return
    from thuvien.holdings.services import item_status_change

    item_status_change(item=item, status=status, actor=actor)
