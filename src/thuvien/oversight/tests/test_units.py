"""The 2025 reform: the real old→new commune table of Hưng Yên and Thái Bình imported by the
command, codes mapped both ways, libraries placed in their communes, figures over years
grouped by old or new units; a bad file names its line and writes nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from thuvien.demo.oversight import UNITS_CSV
from thuvien.network.models import Library
from thuvien.oversight.models import AdminUnit, AdminUnitLink, LibraryMonth, LibraryUnit
from thuvien.oversight.units import (
    library_unit_set,
    library_units_guess,
    units_new_for,
    units_old_for,
    units_report,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(world):
    call_command("admin_units", "import", str(UNITS_CSV), stdout=io.StringIO())
    return world


def test_the_real_table_is_imported_and_maps_both_ways(units):
    count = AdminUnit.objects.filter
    assert count(era="new", level="commune").count() == 104  # the new Hưng Yên's communes
    assert count(era="old", level="commune").count() == 381
    assert count(era="new", level="province").count() == 1
    assert count(era="old", level="district").exists()
    assert not count(era="new", level="district").exists()  # no district level any more
    # Phường An Tảo (old 11956) is now part of Phường Phố Hiến (11953), and back.
    assert [u.name for u in units_new_for(code="11956")] == ["Phường Phố Hiến"]
    olds = {u.code for u in units_old_for(code="11953")}
    assert {"11953", "11956", "11959", "11962"} <= olds
    # Thái Bình (34) went into Hưng Yên (33); Hưng Yên is made of both.
    assert [u.code for u in units_new_for(code="34", level="province")] == ["33"]
    assert [u.code for u in units_old_for(code="33", level="province")] == ["33", "34"]
    # Importing again changes nothing.
    links = AdminUnitLink.objects.count()
    out = io.StringIO()
    call_command("admin_units", "import", str(UNITS_CSV), stdout=out)
    assert AdminUnitLink.objects.count() == links and "0 liên kết mới" in out.getvalue()
    out = io.StringIO()
    call_command("admin_units", "map", "12370", stdout=out)
    assert out.getvalue().strip() == "12364\tXã Tiên Lữ"


def test_a_bad_file_names_its_line_and_writes_nothing(world, tmp_path):
    rows = UNITS_CSV.read_text("utf-8").splitlines()
    cells = rows[3].split(",")
    cells[4] = "11x56"  # old_commune_code of the fourth line
    broken = rows[:3] + [",".join(cells)] + rows[4:10]
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(broken), "utf-8")
    with pytest.raises(CommandError, match="Dòng 4"):
        call_command("admin_units", "import", str(path))
    assert not AdminUnit.objects.exists()
    path.write_text("code,name\n1,A\n", "utf-8")
    with pytest.raises(CommandError, match="Thiếu cột"):
        call_command("admin_units", "import", str(path))
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CommandError):
        call_command("admin_units", "import", str(path))
    with pytest.raises(CommandError):
        call_command("admin_units", "map", "99999")


def _month(library, year, loans):
    LibraryMonth.all_objects.create(library=library, month=dt.date(year, 3, 1), days=31,
                                    loans=loans)  # fmt: skip


def test_figures_over_years_by_old_or_new_units(units, staff_client):
    world = units
    # The libraries have stood since 2020 (a year counts the libraries that existed then).
    Library.objects.update(created_at=timezone.make_aware(dt.datetime(2020, 1, 1)))
    placed = library_units_guess(network=world.hung_yen, actor=None)
    # Tiên Lữ and Phố Hiến (the commune and ward libraries, and the school in Phố Hiến).
    assert placed == 3
    tien_lu = LibraryUnit.objects.get(library=world.commune_a, era="new").unit
    assert (tien_lu.code, tien_lu.name) == ("12364", "Xã Tiên Lữ")
    # Before the reform the Tiên Lữ library stood in the old commune of Thiện Phiến.
    library_unit_set(library=world.commune_a, era="old", code="12370", actor=None)
    _month(world.commune_a, 2024, 7)
    _month(world.commune_a, 2026, 11)
    _month(world.commune_b, 2024, 5)
    _month(world.provincial, 2026, 100)
    years = [2024, 2026]

    new = {r.key: r for r in units_report(network=world.hung_yen, years=years, era="new")}
    assert new["12364"].years[2024]["loans"] == 7 and new["12364"].years[2026]["loans"] == 11
    assert new["11953"].years[2024]["loans"] == 5  # Phố Hiến: the ward and the school
    assert len(new["11953"].libraries) == 2
    assert new[""].years[2026]["loans"] == 100  # the provincial library has no commune yet

    old = {r.key: r for r in units_report(network=world.hung_yen, years=years, era="old")}
    assert old["12370"].name == "Xã Thiện Phiến" and old["12370"].years[2026]["loans"] == 11
    # Phố Hiến's library was never placed in an old ward: it is counted under all of them.
    split = next(r for key, r in old.items() if "11953" in key and "+" in key)
    assert split.years[2024]["loans"] == 5
    by_district = {r.key: r for r in units_report(network=world.hung_yen, years=years,
                                                  era="old", level="district")}  # fmt: skip
    assert by_district["332"].name == "Huyện Tiên Lữ"
    province = {r.key: r for r in units_report(network=world.hung_yen, years=years,
                                               era="new", level="province")}  # fmt: skip
    assert province["33"].years[2024]["loans"] == 12

    inspector = staff_client(world.users["hy_oversight"], world.provincial)
    page = inspector.get("/staff/oversight/units/", {"era": "old", "from": "2024", "to": "2026"})
    html = page.content.decode()
    assert page.status_code == 200 and "Xã Thiện Phiến" in html
    assert '<td class="num" data-year="2026">11</td>' in html
    query = {"era": "new", "from": "2024", "to": "2026", "format": "csv"}
    response = inspector.get("/staff/oversight/units/", query)
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert ["12364", "Xã Tiên Lữ", "1", "7", "0", "11"] in table
    bad = inspector.get("/staff/oversight/units/", {"era": "new", "level": "district"})
    assert bad.status_code == 400 and "không còn cấp huyện" in bad.content.decode()
    lookup = inspector.get("/staff/oversight/units/", {"code": "11956"}).content.decode()
    assert "11953 Phường Phố Hiến" in lookup
    for junk in ("<script>", "9" * 40, "-1"):
        response = inspector.get("/staff/oversight/units/", {"from": junk, "code": junk})
        assert response.status_code == 200
    head = staff_client(world.users["tinh_library_admin"], world.provincial)
    assert head.get("/staff/oversight/units/").status_code == 403
