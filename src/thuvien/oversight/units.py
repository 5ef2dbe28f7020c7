"""The 2025 reform of administrative units (Resolution 202/2025/QH15; unit codes of Decision
19/2025/QĐ-TTg): 34 provinces, communes, no district level.

- ``admin_units_import`` reads a CSV of old communes (with their district and province) and
  the new commune (and province) each went into; a commune split between several new ones has
  one line each. All or nothing: a bad line names itself and nothing is written.
- ``units_new_for`` / ``units_old_for`` map both ways.
- Each library is placed in its old and its new commune (``library_unit_set``, or
  ``library_units_guess`` from the commune name the library carries).
- ``units_report`` groups the figures of several years by old or new unit, each year's
  libraries taken from where they belonged at the end of that year (network placements and
  mergers) and each year's figures from the recorded months, so a past year stays with the
  unit the library belonged to then and a trend can be read in either set of units.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.core.scoping import scopes_disabled
from thuvien.network.models import Library, Network
from thuvien.network.selectors import libraries_at

from .errors import OversightError, OversightErrorCode
from .models import AdminUnit, AdminUnitLink, LibraryMonth, LibraryUnit

E = OversightErrorCode
Era, Level = AdminUnit.Era, AdminUnit.Level
REFORM = dt.date(2025, 7, 1)
COLUMNS = (
    "old_province_code", "old_province", "old_district_code", "old_district",
    "old_commune_code", "old_commune", "new_province_code", "new_province",
    "new_commune_code", "new_commune",
)  # fmt: skip
OPTIONAL = ("new_commune_lat", "new_commune_lon")
WIDTH = {Level.PROVINCE: 2, Level.DISTRICT: 3, Level.COMMUNE: 5}


@dataclass
class ImportResult:
    units: int = 0
    links: int = 0
    lines: int = 0


def _code(value: str, level: str, line: int, column: str) -> str:
    text = (value or "").strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdigit() or len(text) > WIDTH[level]:
        raise OversightError(
            E.BAD_NUMBER,
            _("Dòng %(line)d, cột %(column)s: mã “%(value)s” không hợp lệ.")
            % {"line": line, "column": column, "value": value[:20]},
        )
    return text.zfill(WIDTH[level])


def _name(value: str, line: int, column: str) -> str:
    text = unicodedata.normalize("NFC", " ".join((value or "").split()))
    if not text or len(text) > 120:
        raise OversightError(
            E.REQUIRED,
            _("Dòng %(line)d, cột %(column)s: thiếu tên hoặc tên quá dài.")
            % {"line": line, "column": column},
        )
    return text


def _coordinate(value: str | None) -> Decimal | None:
    try:
        number = Decimal((value or "").strip())
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) > 180:
        return None
    return number.quantize(Decimal("0.000001"))


def admin_units_import(*, data: bytes, actor: Any = None) -> ImportResult:
    """Read the CSV (UTF-8, with or without a byte-order mark); add or update every unit and
    link it names. Returns the counts; raises OversightError naming the first bad line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OversightError(E.BAD_FILE, _("Tệp không phải UTF-8.")) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise OversightError(
            E.BAD_FILE, _("Thiếu cột: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    result = ImportResult()
    units: dict[tuple[str, str, str], AdminUnit] = {}

    def unit(era: str, level: str, code: str, name: str, parent: AdminUnit | None,
             lat: Decimal | None = None, lon: Decimal | None = None) -> AdminUnit:  # fmt: skip
        key = (era, level, code)
        found = units.get(key)
        if found is None:
            found, created = AdminUnit.objects.update_or_create(
                era=era, level=level, code=code,
                defaults={"name": name, "parent": parent, "latitude": lat, "longitude": lon},
            )  # fmt: skip
            units[key] = found
            result.units += 1
        return found

    with transaction.atomic():
        for line, row in enumerate(reader, start=2):
            result.lines += 1
            old_p = unit(Era.OLD, Level.PROVINCE,
                         _code(row["old_province_code"], Level.PROVINCE, line, "old_province_code"),
                         _name(row["old_province"], line, "old_province"), None)  # fmt: skip
            old_d = unit(Era.OLD, Level.DISTRICT,
                         _code(row["old_district_code"], Level.DISTRICT, line, "old_district_code"),
                         _name(row["old_district"], line, "old_district"), old_p)  # fmt: skip
            old_c = unit(Era.OLD, Level.COMMUNE,
                         _code(row["old_commune_code"], Level.COMMUNE, line, "old_commune_code"),
                         _name(row["old_commune"], line, "old_commune"), old_d)  # fmt: skip
            new_p = unit(Era.NEW, Level.PROVINCE,
                         _code(row["new_province_code"], Level.PROVINCE, line, "new_province_code"),
                         _name(row["new_province"], line, "new_province"), None)  # fmt: skip
            new_c = unit(Era.NEW, Level.COMMUNE,
                         _code(row["new_commune_code"], Level.COMMUNE, line, "new_commune_code"),
                         _name(row["new_commune"], line, "new_commune"), new_p,
                         _coordinate(row.get("new_commune_lat")),
                         _coordinate(row.get("new_commune_lon")))  # fmt: skip
            _link, created = AdminUnitLink.objects.get_or_create(old=old_c, new=new_c)
            result.links += created
        if not result.lines:
            raise OversightError(E.BAD_FILE, _("Tệp không có dòng nào."))
        audit_record(actor=actor, action="oversight.admin_units.imported",
                     changes={"lines": [None, result.lines], "units": [None, result.units],
                              "links": [None, result.links]})  # fmt: skip
    return result


def units_new_for(*, code: str, level: str = Level.COMMUNE) -> list[AdminUnit]:
    """The new units an old one went into (a province: every new province its communes went to)."""
    old = AdminUnit.objects.filter(era=Era.OLD, level=level, code=code).first()
    if old is None:
        return []
    communes = _old_communes(old)
    news = AdminUnit.objects.filter(links_old__old__in=communes).distinct()
    if level == Level.COMMUNE:
        return list(news.order_by("code"))
    return list(AdminUnit.objects.filter(children__in=news).distinct().order_by("code"))


def units_old_for(*, code: str, level: str = Level.COMMUNE) -> list[AdminUnit]:
    """The old units a new one was made of (a province: the old provinces)."""
    new = AdminUnit.objects.filter(era=Era.NEW, level=level, code=code).first()
    if new is None:
        return []
    communes = [new] if level == Level.COMMUNE else list(new.children.all())
    olds = AdminUnit.objects.filter(links_new__new__in=communes).distinct()
    if level == Level.COMMUNE:
        return list(olds.order_by("code"))
    return list(
        AdminUnit.objects.filter(level=Level.PROVINCE, children__children__in=olds)
        .distinct()
        .order_by("code")
    )


def _old_communes(unit: AdminUnit) -> list[AdminUnit]:
    if unit.level == Level.COMMUNE:
        return [unit]
    if unit.level == Level.DISTRICT:
        return list(unit.children.all())
    return list(AdminUnit.objects.filter(parent__parent=unit, level=Level.COMMUNE))


def library_unit_set(*, library: Library, era: str, code: str, actor: Any) -> LibraryUnit:
    """Place a library in a commune of one era (the old one it belonged to before the reform,
    or the new one)."""
    if era not in Era.values:
        raise OversightError(E.REQUIRED, _("Chọn thời kỳ."), field="era")
    unit = AdminUnit.objects.filter(era=era, level=Level.COMMUNE, code=(code or "").strip()).first()
    if unit is None:
        raise OversightError(E.NOT_FOUND, _("Không có xã, phường mã này."), field="code")
    with transaction.atomic():
        placed, _created = LibraryUnit.objects.update_or_create(
            library=library, era=era, defaults={"unit": unit}
        )
        audit_record(actor=actor, action="oversight.library_unit.set", obj=library,
                     library=library, changes={era: [None, unit.code]})  # fmt: skip
    return placed


def _short(name: str) -> str:
    for prefix in ("Phường ", "Xã ", "Thị trấn ", "Đặc khu "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def library_units_guess(*, network: Network, actor: Any) -> int:
    """Place each library of the network that has no new commune yet in the one whose name
    its ``commune`` names, when exactly one commune of the network's province has that name;
    and in its old commune too when the new commune was made of exactly one. Returns how
    many libraries were placed."""
    provinces = AdminUnit.objects.filter(era=Era.NEW, level=Level.PROVINCE)
    wanted = unicodedata.normalize("NFC", network.province or "").strip()
    province = next((p for p in provinces if _short(p.name).endswith(wanted) and wanted), None)
    if province is None:
        return 0
    by_name: dict[str, list[AdminUnit]] = defaultdict(list)
    for commune in province.children.all():
        by_name[_short(commune.name)].append(commune)
    placed = 0
    already = set(LibraryUnit.objects.filter(era=Era.NEW).values_list("library_id", flat=True))
    for library in Library.objects.filter(network=network).exclude(pk__in=already):
        found = by_name.get(unicodedata.normalize("NFC", library.commune.strip()), [])
        if len(found) != 1:
            continue
        library_unit_set(library=library, era=Era.NEW, code=found[0].code, actor=actor)
        olds = units_old_for(code=found[0].code)
        if len(olds) == 1 and not LibraryUnit.objects.filter(library=library, era=Era.OLD).exists():
            library_unit_set(library=library, era=Era.OLD, code=olds[0].code, actor=actor)
        placed += 1
    return placed


# --- Figures over years by unit --------------------------------------------------------------

FIGURES = ("loans", "readers_new", "copies_added")


@dataclass
class UnitRow:
    key: str
    name: str
    years: dict[int, dict[str, int]] = field(default_factory=dict)
    libraries: set[int] = field(default_factory=set)


def _unit_of(
    library_id: int, era: str, level: str, placed: dict[tuple[int, str], AdminUnit]
) -> tuple[str, str]:
    """The (key, name) under which the library's year is counted when grouped by ``era``
    units of ``level``: its own unit of that era if known, else translated from its unit of
    the other era through the links (several: their names joined, said as such)."""
    unit = placed.get((library_id, era))
    if unit is None:
        other = placed.get((library_id, Era.NEW if era == Era.OLD else Era.OLD))
        if other is None:
            return "", _("Chưa gắn đơn vị hành chính")
        mapped = (
            units_new_for(code=other.code) if era == Era.NEW else units_old_for(code=other.code)
        )
        if len(mapped) == 1:
            unit = mapped[0]
        elif mapped:
            if level == Level.COMMUNE:
                return ("+".join(u.code for u in mapped),
                        " + ".join(u.name for u in mapped))  # fmt: skip
            unit = mapped[0]  # the same province or district, whichever commune it was
        else:
            return "", _("Chưa gắn đơn vị hành chính")
    if level == Level.COMMUNE:
        return unit.code, unit.name
    if level == Level.DISTRICT and unit.parent is not None:
        return unit.parent.code, unit.parent.name
    province = unit.parent
    while province is not None and province.level != Level.PROVINCE:
        province = province.parent
    return (province.code, province.name) if province else ("", "")


def units_report(
    *, network: Network, years: list[int], era: str = Era.NEW, level: str = Level.COMMUNE
) -> list[UnitRow]:
    """Loans, new readers and copies added per year, grouped by the ``era``'s units."""
    if era == Era.NEW and level == Level.DISTRICT:
        raise OversightError(E.REQUIRED, _("Từ 01/7/2025 không còn cấp huyện."), field="level")
    rows: dict[str, UnitRow] = {}
    placed = {
        (lu.library_id, lu.era): lu.unit
        for lu in LibraryUnit.objects.select_related("unit__parent__parent")
    }
    memo: dict[int, tuple[str, str]] = {}
    for year in years:
        ids = list(libraries_at(network=network, date=dt.date(year, 12, 31)).values_list(
            "pk", flat=True))  # fmt: skip
        with scopes_disabled():
            sums = {
                r["library_id"]: r
                for r in LibraryMonth.objects.filter(library_id__in=ids, month__year=year)
                .values("library_id")
                .annotate(**{n: Sum(n) for n in FIGURES})
            }
        for library_id in ids:
            if library_id not in memo:
                memo[library_id] = _unit_of(library_id, era, level, placed)
            key, name = memo[library_id]
            row = rows.setdefault(key, UnitRow(key, name))
            row.libraries.add(library_id)
            values = row.years.setdefault(year, dict.fromkeys(FIGURES, 0))
            for n in FIGURES:
                values[n] += int((sums.get(library_id) or {}).get(n) or 0)
    return sorted(rows.values(), key=lambda r: (r.key == "", r.key))


def units_report_csv(rows: list[UnitRow], years: list[int]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Mã"), _("Đơn vị hành chính"), _("Số thư viện"),
                     *[_("Lượt mượn %(year)d") % {"year": y} for y in years]])  # fmt: skip
    for row in rows:
        writer.writerow([row.key, row.name, len(row.libraries),
                         *[row.years.get(y, {}).get("loans", 0) for y in years]])  # fmt: skip
    return ("\ufeff" + out.getvalue()).encode("utf-8")
