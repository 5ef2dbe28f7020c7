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

Cost: no query in the usual case. The copy's own visibility and its library's come with the
locked copy; the locations of a library that are not normal come from the desk cache (one small
query per library every few seconds); the setting is read only for a restricted copy.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from thuvien.core.errors import NotFound
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
