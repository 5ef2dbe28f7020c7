"""Reads of the network domain: the tree, filtered lists, history, calendars and settings.

Networks, libraries, locations and groups are public facts (the portal shows them), so these
selectors need no library scope; "not found" and "not yours" both raise ``NotFound`` where a
library or network is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thuvien.core.errors import NotFound
from thuvien.core.text import fold, vi_sort_key

from .models import (
    ClosedDay,
    FeaturedCollection,
    Library,
    LibraryGroup,
    LibraryPlacement,
    Location,
    Network,
    OpeningHours,
    SettingValue,
)
from .settings_registry import SettingDef, setting_definitions, setting_get

# Library names change rarely and are few (thousands at most): folding and collation keys are
# pure functions of the text, so one process keeps them instead of recomputing per request.
_fold = lru_cache(maxsize=50_000)(fold)
_sort_key = lru_cache(maxsize=50_000)(vi_sort_key)

# --- networks -------------------------------------------------------------------------------


def network_list(*, include_merged: bool = False) -> QuerySet[Network]:
    qs = Network.objects.all()
    if not include_merged:
        qs = qs.filter(is_active=True, merged_into__isnull=True)
    return qs.order_by("name_vi")


def network_by_code(*, code: str) -> Network | None:
    """The network with this code, or None."""
    return Network.objects.filter(code=code).first()


def networks_by_code() -> QuerySet[Network]:
    """Every network, merged ones too (with their successor), by code: the API's listing."""
    return Network.objects.select_related("merged_into").order_by("code")


def networks_by_ids(*, ids: Iterable[int]) -> QuerySet[Network]:
    """The networks with these ids, by code."""
    return Network.objects.filter(pk__in=list(ids)).order_by("code")


def networks_absorbed_by(*, network: Network) -> QuerySet[Network]:
    """The networks merged into ``network``."""
    return Network.objects.filter(merged_into=network)


def networks_open(*, ids: Iterable[int], exclude: Network | None = None) -> QuerySet[Network]:
    """The networks with these ids still open (active, not merged), ``exclude`` left out."""
    qs = Network.objects.filter(pk__in=list(ids), is_active=True, merged_into__isnull=True)
    return qs.exclude(pk=exclude.pk) if exclude is not None else qs


def network_merge_preview(*, source: Network) -> dict[str, Any]:
    """What merging ``source`` would move: its libraries (Vietnamese order) and how many
    records, copies and readers they hold (None for an app that is not installed). Counted
    across libraries (base managers), which only the network admin's merge page does; the
    higher apps' models are looked up by label, not imported."""
    from django.apps import apps

    libraries = sorted_vi(Library.objects.filter(network=source))

    def count(label: str, **where: Any) -> int | None:
        try:
            model = apps.get_model(label)
        except LookupError:
            return None
        return int(model._base_manager.filter(**where).count())

    return {
        "source": source,
        "libraries": libraries,
        "records": count("catalog.Record", network=source),
        "items": count("holdings.Item", library__in=libraries),
        "patrons": count("patrons.Patron", library__in=libraries),
    }


def network_get(*, code: str) -> Network:
    network = Network.objects.filter(code=code).first()
    if network is None:
        raise NotFound("not_found", _("Không tìm thấy mạng lưới."))
    return network


# --- libraries ------------------------------------------------------------------------------


@dataclass
class TreeNode:
    library: Library
    depth: int
    children: list[TreeNode] = field(default_factory=list)


def library_tree(*, network: Network, include_inactive: bool = False) -> list[TreeNode]:
    """The libraries of ``network`` as a forest in Vietnamese name order (one query)."""
    qs = Library.objects.filter(network=network)
    if not include_inactive:
        qs = qs.filter(is_active=True)
    libraries = sorted(qs, key=lambda lib: _sort_key(lib.name_vi))
    ids = {lib.pk for lib in libraries}
    nodes = {lib.pk: TreeNode(lib, 0) for lib in libraries}
    roots: list[TreeNode] = []
    for lib in libraries:
        node = nodes[lib.pk]
        if lib.parent_id in ids:
            nodes[lib.parent_id].children.append(node)
        else:
            roots.append(node)  # top level, or a branch whose parent is closed

    def set_depth(node: TreeNode, depth: int) -> None:
        node.depth = depth
        for child in node.children:
            set_depth(child, depth + 1)

    for root in roots:
        set_depth(root, 0)
    return roots


def library_tree_rows(*, network: Network, include_inactive: bool = False) -> list[TreeNode]:
    """The tree flattened depth-first, for a list with indentation."""
    out: list[TreeNode] = []

    def walk(node: TreeNode) -> None:
        out.append(node)
        for child in node.children:
            walk(child)

    for root in library_tree(network=network, include_inactive=include_inactive):
        walk(root)
    return out


def _matches(haystack: str, tokens: list[str]) -> bool:
    return all(token in haystack for token in tokens)


def library_list(
    *,
    network: Network | None = None,
    library_type: str | None = None,
    province: str | None = None,
    commune: str | None = None,
    group: LibraryGroup | None = None,
    q: str | None = None,
    active_only: bool = True,
) -> QuerySet[Library]:
    """Libraries filtered by type, area, group and a name search.

    Text filters compare folded text (no tone marks, đ→d), so "tien lu" finds "Tiên Lữ" and
    "Tiên Lữ" finds it too. A network has hundreds of libraries, not millions: the folded
    comparison runs over one narrow query and ends in a ``pk__in`` filter.
    """
    qs = Library.objects.select_related("network", "parent")
    if network is not None:
        qs = qs.filter(network=network)
    if active_only:
        qs = qs.filter(is_active=True)
    if library_type:
        qs = qs.filter(library_type=library_type)
    if group is not None:
        qs = qs.filter(groups=group)
    tokens = fold(q).split() if q else []
    province_f = fold(province).strip() if province else ""
    commune_f = fold(commune).strip() if commune else ""
    if tokens or province_f or commune_f:
        keep = []
        for pk, code, name_vi, name_en, prov, comm in qs.values_list(
            "pk", "code", "name_vi", "name_en", "province", "commune"
        ):
            if province_f and province_f not in _fold(prov):
                continue
            if commune_f and commune_f not in _fold(comm):
                continue
            if tokens and not _matches(_fold(f"{code} {name_vi} {name_en} {comm}"), tokens):
                continue
            keep.append(pk)
        qs = qs.filter(pk__in=keep)
    return qs


def sorted_vi(libraries: Any) -> list[Library]:
    """Libraries in Vietnamese dictionary order of their names."""
    return sorted(libraries, key=lambda lib: _sort_key(lib.name))


def libraries_by_type(*, network: Network) -> QuerySet[Library]:
    """The network's open libraries by library type, then Vietnamese name: what a network-wide
    page (a report's scope) offers to choose from; no other network's."""
    return Library.objects.filter(network=network, is_active=True).order_by(
        "library_type", "name_vi"
    )


def library_by_code(
    *, code: str, active_only: bool = False, ignore_case: bool = False, with_parent: bool = False
) -> Library | None:
    """The library with this code (any network; open or closed unless ``active_only``; in
    any case of letters with ``ignore_case``, as a kiosk or a command line types it) with its
    network (and its parent, ``with_parent``), or None."""
    related = ("network", "parent") if with_parent else ("network",)
    qs = Library.objects.select_related(*related)
    qs = qs.filter(code__iexact=code) if ignore_case else qs.filter(code=code)
    return (qs.filter(is_active=True) if active_only else qs).first()


def library_by_pk(*, pk: int) -> Library:
    """The library with this id, with its network and parent (``Library.DoesNotExist`` if
    none: callers pass ids they were given by the access rules)."""
    return Library.objects.select_related("network", "parent").get(pk=pk)


def libraries_exist() -> bool:
    """Whether any library is set up at all (a command explains how to start otherwise)."""
    return Library.objects.exists()


def libraries_by_ids(*, ids: Iterable[int], network: Network | None = None) -> QuerySet[Library]:
    """The libraries with these ids (of ``network`` when given) with their networks, by code."""
    qs = Library.objects.filter(pk__in=list(ids)).select_related("network")
    if network is not None:
        qs = qs.filter(network=network)
    return qs.order_by("code")


def library_choices(
    *,
    network: Network | None = None,
    networks: QuerySet[Network] | None = None,
    exclude: Library | None = None,
) -> QuerySet[Library]:
    """Active libraries to choose from in a form: of ``network`` (by code) or of ``networks``
    (by network, then code; with their networks), ``exclude`` left out; none when neither is
    given (a form field's placeholder until the view knows the network)."""
    if network is not None:
        qs = Library.objects.filter(network=network, is_active=True).order_by("code")
    elif networks is None:
        return Library.objects.none()
    else:
        qs = (
            Library.objects.filter(network__in=networks, is_active=True)
            .select_related("network")
            .order_by("network_id", "code")
        )
    return qs.exclude(pk=exclude.pk) if exclude is not None else qs


def library_get(*, code: str, network: Network | None = None) -> Library:
    qs = Library.objects.select_related("network", "parent").filter(code=code)
    if network is not None:
        qs = qs.filter(network=network)
    library = qs.first()
    if library is None:
        raise NotFound("not_found", _("Không tìm thấy thư viện."))
    return library


def library_branches(*, library: Library) -> list[Library]:
    return sorted_vi(library.children.filter(is_active=True))


def area_choices(*, network: Network | None = None) -> tuple[list[str], list[str]]:
    """The provinces and communes that active libraries name, for filter menus."""
    qs = Library.objects.filter(is_active=True)
    if network is not None:
        qs = qs.filter(network=network)
    provinces = {p for p in qs.values_list("province", flat=True) if p}
    communes = {c for c in qs.values_list("commune", flat=True) if c}
    return sorted(provinces, key=vi_sort_key), sorted(communes, key=vi_sort_key)


def libraries_at(*, network: Network, date: dt.date) -> QuerySet[Library]:
    """The libraries that belonged to ``network`` at the end of ``date`` (from placements).

    Libraries that have no placement history (made before it was kept) count where they are
    now if they existed then.
    """
    end = timezone.make_aware(dt.datetime.combine(date + dt.timedelta(days=1), dt.time.min))
    placed = LibraryPlacement.objects.filter(network=network, valid_from__lt=end).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=end)
    )
    with_history = LibraryPlacement.objects.values("library_id")
    return Library.objects.filter(
        Q(pk__in=placed.values("library_id"))
        | (Q(network=network, created_at__lt=end) & ~Q(pk__in=with_history))
    )


def placement_history(*, library: Library) -> QuerySet[LibraryPlacement]:
    return library.placements.select_related("network", "parent").order_by("valid_from")


# --- locations and groups -------------------------------------------------------------------


def location_list(
    *, library: Library, public_only: bool = False, by_name: bool = False
) -> QuerySet[Location]:
    """The library's locations (the public ones with ``public_only``), by code, or by
    Vietnamese name with ``by_name`` (as a page offers them to choose from)."""
    qs = Location.objects.filter(library=library)
    if public_only:
        qs = qs.filter(is_public=True)
    return qs.order_by("name_vi" if by_name else "code")


def location_get(*, library: Library, pk: Any) -> Location:
    try:
        return Location.objects.get(library=library, pk=int(pk))
    except (Location.DoesNotExist, TypeError, ValueError):
        raise NotFound("not_found", _("Không tìm thấy vị trí.")) from None


def group_list(*, network: Network) -> QuerySet[LibraryGroup]:
    return LibraryGroup.objects.filter(network=network).prefetch_related("libraries")


def groups_by_network_code(*, network_code: str | None = None) -> QuerySet[LibraryGroup]:
    """Every group with its libraries (of the network with this code, when given), by network
    and code: the API's listing."""
    qs = LibraryGroup.objects.select_related("network").prefetch_related("libraries")
    if network_code:
        qs = qs.filter(network__code=network_code)
    return qs.order_by("network_id", "code")


def group_by_pk(*, pk: int) -> LibraryGroup | None:
    """The group with this id, or None."""
    return LibraryGroup.objects.filter(pk=pk).first()


def group_get(*, network: Network, pk: Any) -> LibraryGroup:
    try:
        return LibraryGroup.objects.get(network=network, pk=int(pk))
    except (LibraryGroup.DoesNotExist, TypeError, ValueError):
        raise NotFound("not_found", _("Không tìm thấy nhóm thư viện.")) from None


# --- calendar -------------------------------------------------------------------------------

WEEKDAY_NAMES = (
    gettext_lazy("Thứ Hai"),
    gettext_lazy("Thứ Ba"),
    gettext_lazy("Thứ Tư"),
    gettext_lazy("Thứ Năm"),
    gettext_lazy("Thứ Sáu"),
    gettext_lazy("Thứ Bảy"),
    gettext_lazy("Chủ nhật"),
)


@dataclass
class DayHours:
    weekday: int
    label: str
    shifts: list[tuple[dt.time, dt.time]]


def opening_hours_week(*, library: Library) -> list[DayHours]:
    """Seven days, Monday first, each with its shifts (empty: closed); no days at all when the
    library has not entered its hours (then it is not "closed every day")."""
    days = [DayHours(i, str(WEEKDAY_NAMES[i]), []) for i in range(7)]
    for weekday, opens, closes in OpeningHours.objects.filter(library=library).values_list(
        "weekday", "opens", "closes"
    ):
        if 0 <= weekday < 7:
            days[weekday].shifts.append((opens, closes))
    return days if any(day.shifts for day in days) else []


def closed_day_list(
    *,
    network: Network,
    library: Library | None = None,
    start: dt.date | None = None,
    include_network: bool = True,
) -> QuerySet[ClosedDay]:
    """Closed days of ``library`` (with the network's own if ``include_network``), or, without a
    library, the network-wide ones."""
    qs = ClosedDay.objects.filter(network=network).select_related("library")
    if library is None:
        qs = qs.filter(library__isnull=True)
    elif include_network:
        qs = qs.filter(Q(library=library) | Q(library__isnull=True))
    else:
        qs = qs.filter(library=library)
    if start is not None:
        qs = qs.filter(date__gte=start)
    return qs.order_by("date")


def closed_day_get(*, network: Network, library: Library | None, pk: Any) -> ClosedDay:
    try:
        return ClosedDay.objects.get(network=network, library=library, pk=int(pk))
    except (ClosedDay.DoesNotExist, TypeError, ValueError):
        raise NotFound("not_found", _("Không tìm thấy ngày nghỉ.")) from None


# --- featured collections -------------------------------------------------------------------


def featured_list(
    *,
    library: Library | None = None,
    network: Network | None = None,
    active_only: bool = True,
) -> QuerySet[FeaturedCollection]:
    """A library's own collections, or (``network`` only) the network-wide ones, in order."""
    if (library is None) == (network is None):
        raise ValueError("featured_list needs a library or a network")
    qs = FeaturedCollection.objects.select_related("network", "library")
    if library is not None:
        qs = qs.filter(library=library)
    else:
        qs = qs.filter(network=network, library__isnull=True)
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.order_by("position", "id")


def featured_by_network(*, networks: Any) -> dict[int, list[FeaturedCollection]]:
    """The active network-wide collections of several networks in one query, by network id."""
    out: dict[int, list[FeaturedCollection]] = {n.pk: [] for n in networks}
    qs = FeaturedCollection.objects.select_related("network").filter(
        network__in=list(out), library__isnull=True, is_active=True
    )
    for collection in qs.order_by("position", "id"):
        out[collection.network_id].append(collection)
    return out


def featured_get(
    *, pk: Any, library: Library | None = None, network: Network | None = None
) -> FeaturedCollection:
    """One collection of that owner; another owner's answers NotFound like a missing one."""
    try:
        return featured_list(library=library, network=network, active_only=False).get(pk=int(pk))
    except (FeaturedCollection.DoesNotExist, TypeError, ValueError):
        raise NotFound("not_found", _("Không tìm thấy bộ sưu tập.")) from None


# --- settings -------------------------------------------------------------------------------


@dataclass
class SettingRow:
    definition: SettingDef
    stored: Any  # the value stored at this level, or None
    has_stored: bool
    effective: Any  # what applies here after the fallback


def setting_rows(
    *, library: Library | None = None, network: Network | None = None
) -> list[SettingRow]:
    """Every registered setting with what is stored at this level and what applies."""
    if library is not None:
        network = library.network
    stored = dict(
        SettingValue.objects.filter(network=network, library=library).values_list("key", "value")
    )
    rows = []
    for key, definition in setting_definitions().items():
        rows.append(
            SettingRow(
                definition=definition,
                stored=stored.get(key),
                has_stored=key in stored,
                effective=setting_get(key, library=library, network=network),
            )
        )
    return rows
