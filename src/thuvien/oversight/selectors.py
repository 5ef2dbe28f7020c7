"""Reading the recorded figures: a network at a glance, by library type, by library, by month.

Every figure comes from ``LibraryDay`` rows (a few per library and day), never from scanning
loans, so a province of a thousand libraries answers from an index range."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Sum

from thuvien.core.errors import NotFound
from thuvien.core.scoping import scopes_disabled
from thuvien.network.models import Library, LibraryType, Network

from .collection import Counts, recorded_collection
from .models import (
    EVENT_FIGURES,
    STATE_FIGURES,
    USE_FIGURES,
    AdminUnit,
    Course,
    Evaluation,
    KeptReport,
    LibraryDay,
    LibraryMonth,
    ReportSchedule,
    ScanOutcome,
    Stocktake,
    StocktakeScan,
    Target,
    Weeding,
)

FIGURES = STATE_FIGURES + EVENT_FIGURES
# The monthly figures published as open data (their columns are documented there).
OPEN_FIGURES = ("copies_added", "readers_new", "loans", "returns", "holds")


@dataclass
class Figures:
    """Sums of the recorded figures over some libraries (and days, for the events)."""

    libraries: int = 0
    values: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIGURES, 0))

    def add(self, row: dict[str, int]) -> None:
        for name in FIGURES:
            self.values[name] += int(row.get(name) or 0)


def _summed(rows: list[dict[str, int]]) -> Figures:
    return Figures(len(rows), {n: sum(row[n] for row in rows) for n in FIGURES})


@dataclass
class NetworkOverview:
    network: Network
    day: dt.date | None
    totals: Figures
    by_type: list[tuple[str, str, Figures]]
    libraries: list[tuple[Library, dict[str, int]]]
    year: int
    months: list[dict[str, int]]
    # The stock of the day by DDC class, language, material type, format (summed).
    collection: Counts = field(default_factory=dict)

    @property
    def month_max(self) -> int:
        return max([m["loans"] for m in self.months] + [1])

    @property
    def use(self) -> dict[str, int]:
        """Views and downloads of the network's digital documents in the year."""
        return {n: sum(m[n] for m in self.months) for n in USE_FIGURES}


def latest_day(*, network: Network, on_or_before: dt.date | None = None) -> dt.date | None:
    """The last day whose figures were recorded for the network."""
    with scopes_disabled():
        rows = LibraryDay.objects.filter(library__network=network)
        if on_or_before is not None:
            rows = rows.filter(day__lte=on_or_before)
        return rows.order_by("-day").values_list("day", flat=True).first()


def months_of(
    *, network: Network | None = None, library: Library | None = None, year: int
) -> list[dict[str, int]]:
    """The events of each month of ``year`` over the network (or one library: twelve rows,
    months with no recorded day at zero), from the monthly sums the recording keeps."""
    where = {"library__network": network} if library is None else {"library": library}
    with scopes_disabled():
        rows = (
            LibraryMonth.objects.filter(
                **where,
                month__gte=dt.date(year, 1, 1),
                month__lte=dt.date(year, 12, 1),
            )
            .values("month")
            .annotate(**{name: Sum(name) for name in EVENT_FIGURES + USE_FIGURES})
        )
        by_month: dict[int, Mapping[str, Any]] = {row["month"].month: row for row in rows}
    return [
        {"month": m,
         **{n: int(by_month.get(m, {}).get(n) or 0) for n in EVENT_FIGURES + USE_FIGURES}}
        for m in range(1, 13)
    ]  # fmt: skip


def library_rows(
    *, network: Network, day: dt.date | None = None
) -> tuple[dt.date | None, list[Library], dict[int, dict[str, int]]]:
    """The network's last recorded day (or ``day``), its libraries, and each one's recorded
    figures of that day (the day's rows of the network: one index range joined to the
    libraries; a list of a thousand ids as parameters cost psycopg more to bind than the
    query took)."""
    on = latest_day(network=network, on_or_before=day)
    libraries = list(Library.objects.filter(network=network).order_by("library_type", "name_vi"))
    rows: dict[int, dict[str, int]] = {}
    if on is not None:  # no day recorded: no rows (the day is never null)
        with scopes_disabled():
            rows = {
                r["library_id"]: r
                for r in LibraryDay.objects.filter(day=on, library__network=network).values(
                    "library_id", *FIGURES
                )
            }
    return on, libraries, rows


def network_overview(
    *, network: Network, day: dt.date | None = None, year: int | None = None
) -> NetworkOverview:
    """The network at a glance on its last recorded day (or ``day``): totals, each library
    type, each library, the stock by DDC class, language, material type and format; and the
    events month by month of ``year``."""
    on, libraries, rows = library_rows(network=network, day=day)
    of_type: dict[str, list[dict[str, int]]] = {}
    per_library: list[tuple[Library, dict[str, int]]] = []
    for library in libraries:
        row = rows.get(library.pk, {})
        values = {n: int(row.get(n) or 0) for n in FIGURES}
        per_library.append((library, values))
        of_type.setdefault(library.library_type, []).append(values)
    # Summed a figure at a time (a call a library and figure cost 15 ms at 1,100 libraries).
    totals = _summed([v for _lib, v in per_library])
    types = {kind: _summed(rows) for kind, rows in of_type.items()}
    by_type = [
        (value, str(label), types[value]) for value, label in LibraryType.choices if value in types
    ]
    year = year or (on or dt.date.today()).year
    return NetworkOverview(
        network=network,
        day=on,
        totals=totals,
        by_type=by_type,
        libraries=per_library,
        year=year,
        months=months_of(network=network, year=year),
        collection=recorded_collection(day=on, network=network)[0] if on else {},
    )


@dataclass
class LibraryOverview:
    """One library as the inspector drills down to it: its last recorded day, its months,
    its stock broken down, all from the recorded figures."""

    library: Library
    day: dt.date | None
    values: dict[str, int]
    year: int
    months: list[dict[str, int]]
    collection: Counts

    @property
    def use(self) -> dict[str, int]:
        return {n: sum(m[n] for m in self.months) for n in (*EVENT_FIGURES, *USE_FIGURES)}


def library_get_for(*, network: Network, pk: int) -> Library:
    """A library of the network; another network's answers as one that does not exist."""
    library = Library.objects.filter(network=network, pk=pk).first()
    if library is None:
        raise NotFound("oversight.library_not_found", "Không có thư viện này.")
    return library


def library_overview(*, library: Library, year: int | None = None) -> LibraryOverview:
    with scopes_disabled():
        row = (
            LibraryDay.objects.filter(library=library)
            .order_by("-day")
            .values("day", *FIGURES)
            .first()
        )
    on = row.pop("day") if row else None
    year = year or (on or dt.date.today()).year
    return LibraryOverview(
        library=library,
        day=on,
        values={n: int((row or {}).get(n) or 0) for n in FIGURES},
        year=year,
        months=months_of(library=library, year=year),
        collection=recorded_collection(day=on, library_ids=[library.pk])[0] if on else {},
    )


def stocktake_list(*, library: Library) -> list[Stocktake]:
    with scopes_disabled():
        return list(Stocktake.objects.filter(library=library).select_related("location")[:50])


def stocktake_get_for(*, library: Library, pk: int) -> Stocktake:
    """The library's stocktake; another library's answers as one that does not exist."""
    with scopes_disabled():
        stocktake = (
            Stocktake.objects.filter(library=library, pk=pk).select_related("location").first()
        )
    if stocktake is None:
        raise NotFound("oversight.stocktake_not_found", "Không có đợt kiểm kê này.")
    return stocktake


def stocktake_summary(*, stocktake: Stocktake) -> dict[str, object]:
    """Counts by outcome, the latest scans, and what is still missing."""
    from .stocktake import expected_items, stocktake_missing

    with scopes_disabled():
        scans = StocktakeScan.objects.filter(stocktake=stocktake)
        by_outcome = dict(
            scans.values_list("outcome").annotate(n=Count("pk")).values_list("outcome", "n")
        )
        return {
            "expected": expected_items(stocktake).count()
            if stocktake.status == Stocktake.Status.OPEN
            else stocktake.expected,
            "scanned": sum(by_outcome.values()),
            "outcomes": [
                (value, label, by_outcome.get(value, 0)) for value, label in ScanOutcome.choices
            ],
            "recent": list(scans.select_related("item__record").order_by("-scanned_at")[:20]),
            "problems": list(
                scans.exclude(outcome=ScanOutcome.ON_SHELF)
                .select_related("item__record")
                .order_by("outcome", "barcode")[:500]
            ),
            "missing": list(stocktake_missing(stocktake)[:500])
            if stocktake.status == Stocktake.Status.OPEN
            else [],
        }


def evaluations_of_network(
    *, network: Network, year: int
) -> list[tuple[Library, Evaluation | None]]:
    """Every library of the network with its evaluation for ``year`` (or none yet)."""
    libraries = list(Library.objects.filter(network=network).order_by("library_type", "name_vi"))
    with scopes_disabled():
        found = {
            e.library_id: e for e in Evaluation.objects.filter(library__network=network, year=year)
        }
    return [(library, found.get(library.pk)) for library in libraries]


def evaluations_of_library(*, library: Library) -> list[Evaluation]:
    with scopes_disabled():
        return list(Evaluation.objects.filter(library=library).order_by("-year"))


def evaluation_get_for(
    *, pk: int, library: Library | None = None, network: Network | None = None
) -> Evaluation:
    """The evaluation, seen from its library or from its network; anything else is a 404."""
    with scopes_disabled():
        rows = Evaluation.objects.select_related("library__network").filter(pk=pk)
        if library is not None:
            rows = rows.filter(library=library)
        elif network is not None:
            rows = rows.filter(library__network=network)
        else:
            rows = rows.none()
        evaluation = rows.first()
    if evaluation is None:
        raise NotFound("oversight.evaluation_not_found", "Không có hồ sơ đánh giá này.")
    return evaluation


def library_months_public(
    *, exclude_library_ids: set[int] | None = None
) -> list[dict[str, object]]:
    """Every library's monthly sums of events (copies added, new readers, loans, returns,
    holds), oldest month first: aggregate figures with no person in them, for open data."""
    with scopes_disabled():
        rows = (
            LibraryMonth.objects.exclude(library_id__in=exclude_library_ids or set())
            .order_by("month", "library__code")
            .values("library__code", "library__network__code", "month", "days", *OPEN_FIGURES)
        )
        return [
            {
                "library": row.pop("library__code"),
                "network": row.pop("library__network__code"),
                **row,
            }
            for row in rows
        ]


def weeding_list(*, library: Library) -> list[Weeding]:
    with scopes_disabled():
        return list(Weeding.objects.filter(library=library).annotate(n=Count("copies"))[:100])


def report_schedule_get_for(*, network: Network, pk: int) -> ReportSchedule | None:
    """A running report schedule of the network; another network's is None, as a missing one."""
    return ReportSchedule.objects.filter(network=network, pk=pk, active=True).first()


def kept_report_get_for(*, network: Network, pk: int) -> KeptReport | None:
    """A report kept for the network; another network's is None, as a missing one."""
    return KeptReport.objects.filter(network=network, pk=pk).first()


def report_schedules_running(*, network: Network) -> list[ReportSchedule]:
    """The network's running report schedules with the library or group each covers: the
    reports page lists them for inspectors and network admins of that network only."""
    return list(
        ReportSchedule.objects.filter(network=network, active=True).select_related(
            "library", "group"
        )
    )


def kept_reports_recent(*, network: Network, limit: int = 100) -> list[KeptReport]:
    """The network's latest kept reports (newest first, the model's order), at most
    ``limit``: the reports page shows them to the network's overseers, no other network's."""
    return list(KeptReport.objects.filter(network=network)[:limit])


def target_get_for(*, network: Network, pk: int) -> Target | None:
    """A target of the network; another network's is None, as a missing one (a network admin
    changes only their own programme's goals)."""
    return Target.objects.filter(network=network, pk=pk).first()


def course_get_for(*, network: Network, pk: int) -> Course | None:
    """A training course of the network (courses are the network's, attended by people of its
    libraries); another network's is None, as a missing one."""
    return Course.objects.filter(network=network, pk=pk).first()


def admin_units_loaded() -> bool:
    """Whether the administrative units (old and new) were loaded at all: the units page
    says how to load them otherwise. Units are public geography, the same for everyone."""
    return AdminUnit.objects.exists()


def weeding_get_for(*, library: Library, pk: int) -> Weeding:
    """The library's weeding; another library's answers as one that does not exist."""
    with scopes_disabled():
        weeding = Weeding.objects.filter(library=library, pk=pk).first()
    if weeding is None:
        raise NotFound("oversight.weeding_not_found", "Không có đợt thanh lọc này.")
    return weeding


@dataclass
class MapPoint:
    library: Library
    x: float
    y: float
    shape: str
    commune: str
    copies: int
    loans: int
    approximate: bool  # placed at its commune's centre (the library has no coordinates)


@dataclass
class LibraryMap:
    width: int
    height: int
    points: list[MapPoint]
    communes: list[tuple[str, float, float, int]]  # name, x, y, libraries
    unplaced: list[Library]
    shapes: list[tuple[str, str]]  # shape, library type label


# One shape per library type, so the map reads without colour.
SHAPES: dict[str, str] = {
    LibraryType.PROVINCIAL: "star",
    LibraryType.COMMUNE: "circle",
    LibraryType.SCHOOL: "square",
    LibraryType.UNIVERSITY: "diamond",
    LibraryType.SPECIALISED: "triangle",
    LibraryType.ARMED_FORCES: "triangle-down",
    LibraryType.COMMUNITY: "ring",
}


def _spread(points: list[MapPoint], near: float = 14.0) -> None:
    """Libraries that stand (almost) on one spot are set around it in a small ring, so each
    shape and its number can be read."""
    import math

    # Each point joins the first group (in the order they were made) whose first point stands
    # nearer than ``near`` on both axes. Groups are found through a grid of ``near``-sized
    # cells (only the 3 × 3 cells around a point can hold such a first point): a province's
    # thousand points compared pairwise cost 50 ms.
    groups: list[list[MapPoint]] = []
    cells: dict[tuple[int, int], list[int]] = {}
    for point in points:
        cx, cy = int(point.x // near), int(point.y // near)
        found = min(
            (
                i
                for dx in (-1, 0, 1)
                for dy in (-1, 0, 1)
                for i in cells.get((cx + dx, cy + dy), ())
                if abs(groups[i][0].x - point.x) < near and abs(groups[i][0].y - point.y) < near
            ),
            default=None,
        )
        if found is None:
            cells.setdefault((cx, cy), []).append(len(groups))
            groups.append([point])
        else:
            groups[found].append(point)
    for group in groups:
        if len(group) < 2:
            continue
        gx, gy = group[0].x, group[0].y
        radius = 10 + 3 * len(group)
        for i, point in enumerate(group):
            angle = 2 * math.pi * i / len(group)
            point.x = round(gx + radius * math.cos(angle), 1)
            point.y = round(gy + radius * math.sin(angle), 1)


def library_map(*, overview: NetworkOverview, width: int = 640) -> LibraryMap:
    """Each library at its coordinates (or, without them, at the centre of the new commune it
    is placed in), projected onto a ``width``-wide picture; labelled by commune. No tiles: a
    scatter of the network's own points, drawn by the page as SVG."""
    from .models import LibraryUnit

    units = {
        lu.library_id: lu.unit
        for lu in LibraryUnit.objects.filter(
            era="new", library__network=overview.network
        ).select_related("unit")
    }
    placed: list[tuple[Library, float, float, bool, dict[str, int]]] = []
    unplaced = []
    for library, values in overview.libraries:
        lat, lon, approximate = library.latitude, library.longitude, False
        unit = units.get(library.pk)
        if (lat is None or lon is None) and unit is not None and unit.latitude is not None:
            lat, lon, approximate = unit.latitude, unit.longitude, True
        if lat is None or lon is None:
            unplaced.append(library)
            continue
        placed.append((library, float(lat), float(lon), approximate, values))
    if not placed:
        return LibraryMap(width, 0, [], [], unplaced, [])
    import math

    lats = [p[1] for p in placed]
    lons = [p[2] for p in placed]
    mid = math.cos(math.radians(sum(lats) / len(lats)))
    span_x = max((max(lons) - min(lons)) * mid, 0.01)
    span_y = max(max(lats) - min(lats), 0.01)
    margin = 40
    scale = (width - 2 * margin) / max(span_x, span_y)
    height = int(span_y * scale + 2 * margin)
    points = []
    communes: dict[str, list[tuple[float, float]]] = {}
    west, north = min(lons), max(lats)  # once: inside the loop they cost n² (40 ms at 1,100)
    for library, at_lat, at_lon, approximate, values in placed:
        x = margin + (at_lon - west) * mid * scale
        y = margin + (north - at_lat) * scale
        unit = units.get(library.pk)
        commune = unit.name if unit is not None else library.commune
        shape = SHAPES.get(library.library_type, "circle")
        copies, loans = values.get("copies", 0), values.get("loans", 0)
        points.append(
            MapPoint(library, round(x, 1), round(y, 1), shape, commune, copies, loans, approximate)
        )
        if commune:
            communes.setdefault(commune, []).append((x, y))
    _spread(points)
    labels = [
        (name, round(sum(x for x, _y in xy) / len(xy), 1),
         round(max(y for _x, y in xy) + 22, 1), len(xy))
        for name, xy in sorted(communes.items())
    ]  # fmt: skip
    shapes = [
        (SHAPES[value], str(label))
        for value, label in LibraryType.choices
        if value in SHAPES and any(p.library.library_type == value for p in points)
    ]
    return LibraryMap(width, height, points, labels, unplaced, shapes)
