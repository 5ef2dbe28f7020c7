"""Decision 206/QĐ-TTg targets of a network: stored with their deadlines, computed from live
data where the system knows the figure, entered by hand (and dated) where it does not.

What the system computes, and how (shown on the page beside the figure):
- public libraries using the software and linked to the provincial library: provincial and
  commune libraries of the network holding at least one copy in thuvien, over all of them;
- school and specialised libraries with software and online services: school, university and
  specialised libraries holding at least one copy (their catalogue is then in the portal).
- staff trained: once the network keeps its staff here (``oversight.training``), the people
  working now who completed a course since 2021 over all of them, by library type.
- special-value documents digitised (provincial libraries) and endogenous documents digitised
  (university, specialised, armed-forces libraries): titles held with a published digital object
  over titles held, by library type (``oversight.digitisation``); entered by hand only while
  no such library holds a title of the kind.
Staff training is entered while a network keeps no staff records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.core.scoping import scopes_disabled
from thuvien.holdings.models import Item
from thuvien.network.models import Library, LibraryType, Network

from .digitisation import ENDOGENOUS_LIBRARY_TYPES, SPECIAL_LIBRARY_TYPES
from .errors import OversightError, OversightErrorCode
from .models import Target
from .services import library_period_figures
from .training import network_training

M = Target.Measure
COMPUTED_TYPES: dict[str, tuple[str, ...]] = {
    M.PUBLIC_LINKED: (LibraryType.PROVINCIAL, LibraryType.COMMUNE),
    M.SCHOOL_SPECIALISED_ONLINE: (
        LibraryType.SCHOOL, LibraryType.UNIVERSITY, LibraryType.SPECIALISED,
    ),
}  # fmt: skip
# Decision 206/QĐ-TTg (2021): the programme's targets a network starts with; each can be
# changed to the provincial plan's figure.
DECISION_206 = (
    (M.PUBLIC_LINKED, 2025, Decimal("80")),
    (M.SCHOOL_SPECIALISED_ONLINE, 2025, Decimal("70")),
    (M.SPECIAL_DIGITISED, 2025, Decimal("70")),
    (M.SPECIAL_DIGITISED, 2030, Decimal("100")),
    (M.ENDOGENOUS_DIGITISED, 2025, Decimal("50")),
    (M.ENDOGENOUS_DIGITISED, 2030, Decimal("70")),
    (M.STAFF_TRAINED, 2025, Decimal("80")),
)
# The digitisation targets, counted from the digital library (``oversight.digitisation``):
# measure -> (library types, titles held, titles digitised).
DIGITISED: dict[str, tuple[tuple[str, ...], str, str]] = {
    M.SPECIAL_DIGITISED: (SPECIAL_LIBRARY_TYPES, "special_titles", "special_digitised"),
    M.ENDOGENOUS_DIGITISED: (
        ENDOGENOUS_LIBRARY_TYPES, "endogenous_titles", "endogenous_digitised",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Progress:
    target: Target
    percent: Decimal | None
    how: str  # "counted" | "entered" | "missing"
    counted: int = 0
    of: int = 0
    by_type: tuple[tuple[str, int, int], ...] = ()

    @property
    def reached(self) -> bool:
        return self.percent is not None and self.percent >= self.target.percent


def _share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part * 100) / Decimal(whole)).quantize(Decimal("0.1"))


def targets_progress(*, network: Network) -> list[Progress]:
    targets = list(Target.objects.filter(network=network))
    with scopes_disabled():
        holding = set(
            Item.objects.filter(library__network=network)
            .values_list("library_id", flat=True)
            .distinct()
        )
    libraries = list(Library.objects.filter(network=network, is_active=True))
    training = (
        network_training(network=network)
        if any(t.measure == M.STAFF_TRAINED for t in targets)
        else None
    )
    digital: dict[int, dict[str, int]] = {}
    if any(t.measure in DIGITISED for t in targets):
        today = timezone.localdate()
        kinds_needed = {k for kinds, _h, _d in DIGITISED.values() for k in kinds}
        digital = library_period_figures(
            start=today, end=today, with_use=False,
            library_ids=[lib.pk for lib in libraries if lib.library_type in kinds_needed],
        )  # fmt: skip
    out = []
    for target in targets:
        kinds = COMPUTED_TYPES.get(target.measure)
        if target.measure in DIGITISED:
            types, held_key, done_key = DIGITISED[target.measure]
            rows = []
            for kind in types:
                figures = [digital.get(lib.pk, {}) for lib in libraries
                           if lib.library_type == kind]  # fmt: skip
                rows.append((str(LibraryType(kind).label),
                             sum(f.get(done_key, 0) for f in figures),
                             sum(f.get(held_key, 0) for f in figures)))  # fmt: skip
            done, held = sum(r[1] for r in rows), sum(r[2] for r in rows)
            if held:
                out.append(Progress(target, _share(done, held), "counted", done, held,
                                    tuple(rows)))  # fmt: skip
            elif target.entered_percent is not None:
                out.append(Progress(target, target.entered_percent, "entered"))
            else:
                out.append(Progress(target, None, "missing", 0, 0, tuple(rows)))
        elif target.measure == M.STAFF_TRAINED and training is not None and training.kept:
            rows = [(label, f.trained, f.staff) for _code, label, f, _n in training.by_type]
            total = training.total
            out.append(Progress(target, total.trained_percent, "counted", total.trained,
                                total.staff, tuple(rows)))  # fmt: skip
        elif kinds is not None:
            rows = []
            for kind in kinds:
                of_kind = [lib for lib in libraries if lib.library_type == kind]
                linked = sum(lib.pk in holding for lib in of_kind)
                rows.append((str(LibraryType(kind).label), linked, len(of_kind)))
            counted, whole = sum(r[1] for r in rows), sum(r[2] for r in rows)
            out.append(Progress(target, _share(counted, whole), "counted", counted, whole,
                                tuple(rows)))  # fmt: skip
        elif target.entered_percent is not None:
            out.append(Progress(target, target.entered_percent, "entered"))
        else:
            out.append(Progress(target, None, "missing"))
    return out


def targets_ensure_decision_206(*, network: Network, actor: Any) -> int:
    """Add the programme's targets the network does not have yet; returns how many."""
    added = 0
    with transaction.atomic():
        for measure, year, percent in DECISION_206:
            _target, created = Target.objects.get_or_create(
                network=network, measure=measure, deadline=year,
                defaults={"percent": percent, "source": "Quyết định 206/QĐ-TTg"},
            )  # fmt: skip
            added += created
        if added:
            audit_record(actor=actor, action="oversight.targets.added", obj=network,
                         changes={"targets": [None, added]})  # fmt: skip
    return added


def _percent(value: Any, field: str, *, required: bool) -> Decimal | None:
    text = str(value if value is not None else "").strip().replace(",", ".")
    if not text:
        if required:
            raise OversightError(OversightErrorCode.REQUIRED, _("Cần nhập số phần trăm."),
                                 field=field)  # fmt: skip
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = Decimal(-1)
    if not number.is_finite() or not Decimal(0) <= number <= Decimal(100):
        raise OversightError(
            OversightErrorCode.SCORE_RANGE, _("Một số phần trăm từ 0 đến 100."), field=field
        )
    return number.quantize(Decimal("0.1"))


def target_save(
    *, target: Target, actor: Any, percent: Any, deadline: Any, entered_percent: Any = None
) -> Target:
    """Change a target's goal and deadline, and the figure entered by hand (measures the
    system cannot count only)."""
    goal = _percent(percent, "percent", required=True)
    try:
        year = int(str(deadline).strip())
    except ValueError:
        year = 0
    if not 2020 <= year <= 2050:
        raise OversightError(OversightErrorCode.YEAR_RANGE, _("Năm đạt từ 2020 đến 2050."),
                             field="deadline")  # fmt: skip
    entered = None
    if target.measure not in COMPUTED_TYPES:
        entered = _percent(entered_percent, "entered_percent", required=False)
    with transaction.atomic():
        old = (target.percent, target.deadline, target.entered_percent)
        target.percent, target.deadline = goal, year
        if entered != target.entered_percent:
            target.entered_percent = entered
            target.entered_on = timezone.localdate() if entered is not None else None
        target.save()
        audit_record(actor=actor, action="oversight.target.changed", obj=target, changes={
            "percent": [str(old[0]), str(goal)], "deadline": [old[1], year],
            "entered_percent": [str(old[2]), str(entered)],
        })  # fmt: skip
    return target


def target_deadline_passed(target: Target) -> bool:
    return dt.date(target.deadline, 12, 31) < timezone.localdate()
