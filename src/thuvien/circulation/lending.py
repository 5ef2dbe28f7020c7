"""Which copies a desk may lend for home use, by who may see them (issue 19).

Three rules, asked by every check-out (the staff desk, the REST desk and SIP2 all reach
``services.loans._checkout_locked``), none of which an override lifts:

- a copy the desk's own staff may not see (another library's copy that is not shown, or a
  copy of a library open to its own staff only) is answered as an unknown barcode
  (``item_not_found``), as SIP2 item information answers it;
- a copy in restricted reading (đọc hạn chế: the copy or its location) is read in the reading
  room by a permission recorded with its reason (``services.reading``), not lent home
  (``item_restricted_reading``), unless the library's setting
  ``circulation.lend_restricted_reading`` says otherwise;
- a copy hidden from the network's readers (the copy or its location not shown, or its
  library's holdings open to staff only) is lent to the owning library's own readers only
  (``item_own_readers_only``): a library that is not public still lends to its readers.

Holds ask the same of the copy they would bring (``hold_copy_check``, ``hold_title_check``): a
reader may not queue for a copy the desk would refuse him, and a returned copy in restricted
reading is not trapped for a reader's hold (``copy_lends_home``).

Cost: no query in the usual case. The copy's own visibility and its library's come with the
locked copy; the locations of a library that are not normal come from the desk cache (one small
query per library every few seconds); the setting is read only for a restricted copy.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from thuvien.core.errors import NotFound
from thuvien.holdings.selectors import record_copy_shelves
from thuvien.holdings.visibility import HIDDEN, RESTRICTED, library_tokens
from thuvien.network.settings_registry import setting_get

from .desk_cache import cached
from .errors import CirculationError, CirculationErrorCode

C = CirculationErrorCode


def location_visibilities(library_id: int) -> dict[int, str]:
    """{location id: visibility} of the library's locations that are not normal (cached for
    the desk; a location saved empties the cache)."""
    from thuvien.network.models import Location, ShelfVisibility

    def load() -> dict[int, str]:
        rows = Location.objects.filter(library_id=library_id).exclude(
            visibility=ShelfVisibility.NORMAL
        )
        return dict(rows.values_list("pk", "visibility"))

    return cached(("location-visibility", library_id), load)


def copy_shelf_visibility(item: Any) -> tuple[str, str]:
    """(the copy's visibility, its location's) of a copy read by the desk."""
    location = ""
    if item.location_id:
        location = location_visibilities(item.library_id).get(item.location_id, "")
    return str(item.visibility), location


def copy_lending_check(*, item: Any, library: Any, patron: Any) -> None:
    """Refuse to lend ``item`` at ``library``'s desk to ``patron`` for home use when who may
    see it says no (see the module). ``item.library`` is the copy's library (as the desk reads
    it); raises ``NotFound`` or ``CirculationError``."""
    own_vis, loc_vis = copy_shelf_visibility(item)
    holder = item.library
    tier = library_tokens(holder.network_id, holder.pk, str(holder.visibility))
    hidden = HIDDEN in (own_vis, loc_vis)
    if item.library_id != library.pk and (hidden or tier.startswith("l")):
        # the desk's staff may not see it: exactly as a barcode that does not exist
        raise NotFound("item_not_found", _("Không tìm thấy tài liệu có mã vạch này."))
    if RESTRICTED in (own_vis, loc_vis) and not setting_get(
        "circulation.lend_restricted_reading", library=holder
    ):
        raise CirculationError(C.ITEM_RESTRICTED_READING)
    seen_by_readers = not hidden and tier in ("pub", f"r{holder.network_id}")
    if not seen_by_readers and patron.library_id != item.library_id:
        raise CirculationError(C.ITEM_OWN_READERS_ONLY)


def copy_lends_home(item: Any) -> bool:
    """May this copy go home with a reader at all (it is not in restricted reading, or its
    library lends such copies)? Asked when a returned copy could fill a hold."""
    own_vis, loc_vis = copy_shelf_visibility(item)
    if RESTRICTED not in (own_vis, loc_vis):
        return True
    return bool(setting_get("circulation.lend_restricted_reading", library=item.library))


def _seen_by(patron: Any, *, network_id: int, library_id: int, library_vis: str, own_vis: str,
             loc_vis: str) -> bool:
    """Is a copy shown to the network's readers, or is ``patron`` one of its library's own?"""
    hidden = HIDDEN in (own_vis, loc_vis)
    tier = library_tokens(network_id, library_id, library_vis)
    return (not hidden and tier in ("pub", f"r{network_id}")) or patron.library_id == library_id


def hold_copy_check(*, item: Any, patron: Any) -> None:
    """Refuse a hold on one copy that no desk could lend ``patron`` for home use."""
    own_vis, loc_vis = copy_shelf_visibility(item)
    holder = item.library
    if not _seen_by(patron, network_id=holder.network_id, library_id=holder.pk,
                    library_vis=str(holder.visibility), own_vis=own_vis, loc_vis=loc_vis):
        raise CirculationError(C.ITEM_OWN_READERS_ONLY)
    if not copy_lends_home(item):
        raise CirculationError(C.ITEM_RESTRICTED_READING)


def hold_title_check(*, record: Any, patron: Any) -> None:
    """Refuse a hold on a title whose copies in the reader's network are all ones no desk could
    lend him (restricted reading, or hidden from readers of other libraries). A title with no
    copy yet (on order) may still be queued for, as before. One query, and one setting read per
    library holding a restricted copy."""
    from thuvien.network.models import Library

    rows = record_copy_shelves(record_id=record.pk, network_id=patron.network_id)
    if not rows:
        return
    lends: dict[int, bool] = {}
    restricted_only = True
    for library_id, library_vis, own_vis, loc_vis in rows:
        restricted = RESTRICTED in (own_vis, loc_vis)
        if not _seen_by(patron, network_id=patron.network_id, library_id=library_id,
                        library_vis=library_vis, own_vis=own_vis, loc_vis=loc_vis):
            restricted_only = False
            continue
        if not restricted:
            return
        if library_id not in lends:
            lends[library_id] = bool(setting_get(
                "circulation.lend_restricted_reading", library=Library.objects.get(pk=library_id)
            ))
        if lends[library_id]:
            return
    raise CirculationError(
        C.ITEM_RESTRICTED_READING if restricted_only else C.ITEM_OWN_READERS_ONLY
    )
