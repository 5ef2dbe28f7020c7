"""Who may see what: the ONE rule every path obeys (issue 19).

A library's holdings are public, visible to the logged-in readers of its network, to the staff
of its network, or to its own staff only (``Library.visibility``, armed-forces libraries start
hidden). A location or an item may be restricted reading (shown, lent only by permission) or
not shown at all (``ShelfVisibility``). A record is visible to a viewer when it has no copies
(a union-catalogue record) or when one of its copies is; a record held only by hidden
libraries is hidden whole (title, authors, subjects). A network's cataloguers still see it for
copy cataloguing when the owning library allows it (``Library.share_for_copy_cataloguing``).

The rule is written once, as *tokens*: a record carries the set of tokens it is visible
through (``record_tokens``, also stored in the search index so the engine filters on them) and
a viewer holds the tokens he may see through (``Viewer.tokens``). Visible = the two sets meet.

    pub      everyone
    r<N>     logged-in readers (and staff) of network N
    s<N>     staff of network N
    l<L>     staff of library L
    c<N>     cataloguers of network N doing copy cataloguing (only ``for_copy_cataloguing``)

Every path asks here: ``viewer_for(user)``, ``visible_library_ids``, ``library_visible``,
``record_visible``, ``record_visibility_q`` (querysets of records), ``item_shown`` /
``visible_items_q`` (copies), ``record_tokens`` (the index).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef, Q

from thuvien.network.models import Library, LibraryVisibility, ShelfVisibility

PUBLIC_TOKEN = "pub"  # noqa: S105 - a visibility token, not a secret
HIDDEN = str(ShelfVisibility.HIDDEN.value)
RESTRICTED = str(ShelfVisibility.RESTRICTED.value)
_TIER_PREFIX = {
    str(LibraryVisibility.PUBLIC.value): None,
    str(LibraryVisibility.NETWORK_READERS.value): "r",
    str(LibraryVisibility.NETWORK_STAFF.value): "s",
    str(LibraryVisibility.OWN_STAFF.value): "l",
}


@dataclass(frozen=True)
class Viewer:
    """Who asks. ``superuser`` sees everything (no filter); the rest see through tokens."""

    superuser: bool = False
    reader_networks: frozenset[int] = frozenset()
    staff_networks: frozenset[int] = frozenset()
    own_libraries: frozenset[int] = frozenset()
    catalogue_networks: frozenset[int] = frozenset()
    copy_cataloguing: bool = False  # the union catalogue's staff view (``for_copy_cataloguing``)
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def anonymous(self) -> bool:
        return not (self.superuser or self.reader_networks or self.staff_networks)

    @property
    def tokens(self) -> list[str] | None:
        """The tokens this viewer sees through; None: everything (no filter)."""
        if self.superuser:
            return None
        out = [PUBLIC_TOKEN]
        out += [f"r{n}" for n in sorted(self.reader_networks | self.staff_networks)]
        out += [f"s{n}" for n in sorted(self.staff_networks)]
        out += [f"l{lib}" for lib in sorted(self.own_libraries)]
        if self.copy_cataloguing:
            out += [f"c{n}" for n in sorted(self.catalogue_networks)]
        return out

    def for_copy_cataloguing(self) -> Viewer:
        """The same person in the union catalogue's staff view."""
        return Viewer(
            superuser=self.superuser,
            reader_networks=self.reader_networks,
            staff_networks=self.staff_networks,
            own_libraries=self.own_libraries,
            catalogue_networks=self.catalogue_networks,
            copy_cataloguing=True,
        )


ANONYMOUS = Viewer()
EVERYONE = Viewer(superuser=True)  # internal work (reindex, oversight figures): no filter


def viewer_for(user: Any) -> Viewer:
    """The viewer of a request's user (cached on the user object for the request)."""
    if user is None:
        return ANONYMOUS
    cached = getattr(user, "_thuvien_viewer", None)
    if cached is not None:
        return cached
    if not getattr(user, "is_authenticated", False):
        viewer = Viewer()  # anonymous, with a cache of its own for this request
        try:
            user._thuvien_viewer = viewer
        except AttributeError:  # pragma: no cover
            pass
        return viewer
    from thuvien.accounts.capabilities import Capability
    from thuvien.accounts.permissions import staff_access

    access = staff_access(user)
    if access.superuser:
        viewer = EVERYONE
    else:
        staff_networks = set(access.network_caps)
        catalogue = {n for n, caps in access.network_caps.items() if Capability.CATALOGUE in caps}
        for lib_id, caps in access.library_caps.items():
            net = access.library_network.get(lib_id)
            if net is None:
                net = Library.objects.filter(pk=lib_id).values_list("network_id", flat=True)[0]
            staff_networks.add(net)
            if Capability.CATALOGUE in caps:
                catalogue.add(net)
        readers: set[int] = set()
        patron = _patron_of(user)
        if patron is not None:
            readers.add(patron.network_id)
        viewer = Viewer(
            reader_networks=frozenset(readers),
            staff_networks=frozenset(staff_networks),
            own_libraries=frozenset(access.library_caps),
            catalogue_networks=frozenset(catalogue),
        )
    try:
        user._thuvien_viewer = viewer
    except AttributeError:  # pragma: no cover - a user object that takes no attributes
        pass
    return viewer


def _patron_of(user: Any) -> Any | None:
    try:
        patron = user.patron  # the reverse one-to-one of patrons.Patron (no import upwards)
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist: not a reader
        return None
    return patron if getattr(patron, "is_active", True) else None


# --- libraries -------------------------------------------------------------------------------


def _library_rows() -> list[tuple[int, int, str, bool]]:
    return list(
        Library.objects.values_list("pk", "network_id", "visibility", "share_for_copy_cataloguing")
    )


def library_tokens(network_id: int, library_id: int, visibility: str) -> str:
    """The token a library's (shown) holdings are visible through."""
    prefix = _TIER_PREFIX.get(visibility, "l")
    if prefix is None:
        return PUBLIC_TOKEN
    return f"l{library_id}" if prefix == "l" else f"{prefix}{network_id}"


def visible_library_ids(
    viewer: Viewer, rows: Iterable[tuple[int, int, str]] | None = None
) -> set[int] | None:
    """Ids of the libraries whose holdings ``viewer`` may see; None: every library.

    ``rows``: (id, network id, visibility) of every library when the caller has read them
    already (the portal's page reads every library once); computed once per viewer."""
    tokens = viewer.tokens
    if tokens is None:
        return None
    cached = viewer._cache.get("libraries")
    if cached is not None:
        return cached
    wanted = set(tokens)
    if rows is None:
        rows = ((pk, net, vis) for pk, net, vis, _share in _library_rows())
    out = {
        pk
        for pk, net, vis in rows
        if library_tokens(net, pk, vis) in wanted or f"l{pk}" in wanted
    }
    if viewer is not ANONYMOUS:  # the shared anonymous viewer caches nothing (changes apply)
        viewer._cache["libraries"] = out
    return out


def library_visible(viewer: Viewer, library: Any) -> bool:
    """May ``viewer`` see this library and its holdings (its portal page, its items)?"""
    if library is None:
        return False
    tokens = viewer.tokens
    if tokens is None:
        return True
    cached = viewer._cache.get("libraries")
    if cached is not None:
        return library.pk in cached
    # the library in hand decides by its own row, as ``visible_library_ids`` decides each row:
    # no read of every library (an IIIF tile asked this for every 512 px of a page)
    wanted = set(tokens)
    return (library_tokens(library.network_id, library.pk, library.visibility) in wanted
            or f"l{library.pk}" in wanted)


def library_visibility_q(viewer: Viewer, prefix: str = "") -> Q:
    """A filter of Library (or of a model through ``prefix``, e.g. ``library__``): the same
    rule as ``visible_library_ids``, written as a condition (no query of its own)."""
    if viewer.superuser:
        return Q()
    vis = f"{prefix}visibility"
    q = Q(**{vis: LibraryVisibility.PUBLIC})
    readers = viewer.reader_networks | viewer.staff_networks
    if readers:
        q |= Q(**{vis: LibraryVisibility.NETWORK_READERS, f"{prefix}network_id__in": readers})
    if viewer.staff_networks:
        staff = viewer.staff_networks
        q |= Q(**{vis: LibraryVisibility.NETWORK_STAFF, f"{prefix}network_id__in": staff})
    if viewer.own_libraries:
        q |= Q(**{f"{prefix}pk__in": sorted(viewer.own_libraries)})
    return q


# --- items -----------------------------------------------------------------------------------


def item_shown(
    viewer: Viewer, *, library_id: int, visibility: str, location_visibility: str = ""
) -> bool:
    """Is one copy shown to ``viewer`` (its library visible and the copy not hidden, or the
    viewer is staff of its library)?"""
    if viewer.superuser or library_id in viewer.own_libraries:
        return True
    if HIDDEN in (visibility, location_visibility):
        return False
    ids = visible_library_ids(viewer)
    return ids is None or library_id in ids


def item_restricted(*, visibility: str, location_visibility: str = "") -> bool:
    """Restricted reading (đọc hạn chế): on request, in the reading room, by permission."""
    return RESTRICTED in (visibility, location_visibility)


def visible_items_q(viewer: Viewer, prefix: str = "") -> Q:
    """A filter of Item (or through ``prefix``, e.g. ``items__``) keeping the copies shown."""
    if viewer.superuser:
        return Q()
    ids = sorted(visible_library_ids(viewer) or ())
    shown = (
        Q(**{f"{prefix}library_id__in": ids})
        & ~Q(**{f"{prefix}visibility": HIDDEN})
        & ~Q(**{f"{prefix}location__visibility": HIDDEN})
    )
    if viewer.own_libraries:
        shown |= Q(**{f"{prefix}library_id__in": sorted(viewer.own_libraries)})
    return shown


# --- records ---------------------------------------------------------------------------------


class LibraryTiers:
    """Each library's network, visibility and copy-cataloguing consent, read once per batch."""

    def __init__(self) -> None:
        self.libs = {pk: (net, vis, share) for pk, net, vis, share in _library_rows()}
        self.location_vis: dict[int, str] = {}
        from thuvien.network.models import Location

        for pk, vis in Location.objects.exclude(visibility=ShelfVisibility.NORMAL).values_list(
            "pk", "visibility"
        ):
            self.location_vis[pk] = vis


def record_tokens(
    copies: Iterable[tuple[int, str, int | None]],
    tiers: LibraryTiers,
    cataloguing_library: int | None = None,
) -> list[str]:
    """The tokens a record is visible through, from its copies (library id, copy visibility,
    location id). A record without copies is seen as the library that catalogued it is (a
    title a hidden library catalogues is not public before its first copy); a record without
    copies or cataloguing library is a union-catalogue record: public."""
    out: set[str] = set()
    any_copy = False
    for lib, vis, loc in copies:
        any_copy = True
        facts = tiers.libs.get(lib)
        if facts is None:
            continue
        net, lib_vis, share = facts
        out.add(f"l{lib}")  # its own staff always see it
        if HIDDEN in (vis, tiers.location_vis.get(loc or 0, "")):
            continue
        out.add(library_tokens(net, lib, lib_vis))
        if lib_vis != LibraryVisibility.PUBLIC and share:
            out.add(f"c{net}")
    if not any_copy:
        if cataloguing_library is not None and cataloguing_library in tiers.libs:
            return record_tokens([(cataloguing_library, "", None)], tiers)
        return [PUBLIC_TOKEN]
    return sorted(out)


def record_cataloguing_libraries(record_ids: list[int]) -> dict[int, int | None]:
    """The library that catalogued each of ``record_ids`` (None: a union-catalogue record)."""
    from thuvien.catalog.models import Record

    if not record_ids:
        return {}
    return dict(
        Record.objects.filter(pk__in=record_ids).values_list("pk", "cataloguing_library_id")
    )


def record_copies(record_ids: list[int]) -> dict[int, list[tuple[int, str, int | None]]]:
    """(library id, visibility, location id) of every copy of ``record_ids`` (every library:
    visibility is decided over all holders, in plain SQL as the index reads them)."""
    from .models import Item

    out: dict[int, list[tuple[int, str, int | None]]] = {r: [] for r in record_ids}
    if not record_ids:
        return out
    qn = connection.ops.quote_name
    for start in range(0, len(record_ids), 900):
        ids = record_ids[start : start + 900]
        marks = ", ".join(["%s"] * len(ids))
        sql = (
            f"SELECT record_id, library_id, {qn('visibility')}, location_id "  # noqa: S608
            f"FROM {qn(Item._meta.db_table)} WHERE record_id IN ({marks})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, ids)
            for rid, lib, vis, loc in cursor.fetchall():
                out[rid].append((lib, vis, loc))
    return out


def visible_record_ids(viewer: Viewer, record_ids: Iterable[int]) -> set[int]:
    """Which of ``record_ids`` ``viewer`` may see (deletion is not looked at here)."""
    ids = list(dict.fromkeys(record_ids))
    tokens = viewer.tokens
    if tokens is None:
        return set(ids)
    wanted = set(tokens)
    tiers = LibraryTiers()
    copies_of = record_copies(ids)
    catalogued_at = record_cataloguing_libraries([r for r, c in copies_of.items() if not c])
    return {
        rid
        for rid, copies in copies_of.items()
        if wanted.intersection(record_tokens(copies, tiers, catalogued_at.get(rid)))
    }


def record_visible(viewer: Viewer, record: Any) -> bool:
    """Is this record visible to ``viewer``? (A record page answers 404 when not.)"""
    if record is None:
        return False
    pk = record if isinstance(record, int) else record.pk
    return pk in visible_record_ids(viewer, [pk])


def record_visibility_q(viewer: Viewer) -> Q:
    """A filter of Record keeping those ``viewer`` may see (lists: OAI-PMH, the REST API):
    no copy at all, or a copy shown to the viewer (through copy cataloguing too)."""
    if viewer.superuser:
        return Q()
    from .models import Item

    every = Item.objects.model._base_manager.filter(record_id=OuterRef("pk"))
    shown = every.filter(visible_items_q(viewer))
    # Without copies: as the library that catalogued it is seen, or public (record_tokens).
    catalogued_seen = Q(cataloguing_library__isnull=True) | library_visibility_q(
        viewer, prefix="cataloguing_library__"
    )
    q = (~Exists(every) & catalogued_seen) | Exists(shown)
    if viewer.copy_cataloguing and viewer.catalogue_networks:
        shared = (
            every.filter(
                library__network_id__in=sorted(viewer.catalogue_networks),
                library__share_for_copy_cataloguing=True,
            )
            .exclude(visibility=HIDDEN)
            .exclude(location__visibility=HIDDEN)
        )
        q |= Exists(shared)
        # Without copies, shared as the library that catalogued it shares (record_tokens).
        q |= ~Exists(every) & Q(
            cataloguing_library__network_id__in=sorted(viewer.catalogue_networks),
            cataloguing_library__share_for_copy_cataloguing=True,
        )
    return q
