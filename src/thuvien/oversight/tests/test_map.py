"""The map of libraries by commune on the inspector's page: an SVG drawn from the network's own
coordinates (no tile server), a shape per library type, the copies beside each point, and the
same numbers in the table under it."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from thuvien.holdings.models import Item, ItemStatus
from thuvien.network.models import Library
from thuvien.oversight.models import AdminUnit, LibraryUnit
from thuvien.oversight.services import library_days_record

pytestmark = pytest.mark.django_db


def test_the_map_places_libraries_by_commune_with_their_numbers(busy_world, staff_client):
    world = busy_world
    Library.objects.filter(pk=world.provincial.pk).update(
        latitude=Decimal("20.646"), longitude=Decimal("106.051")
    )
    Library.objects.filter(pk=world.commune_a.pk).update(
        latitude=Decimal("20.677"), longitude=Decimal("106.136")
    )
    # The ward library has no coordinates: it stands at the centre of its new ward.
    province = AdminUnit.objects.create(era="new", level="province", code="33",
                                        name="Tỉnh Hưng Yên")  # fmt: skip
    centre = {"latitude": Decimal("20.6634"), "longitude": Decimal("106.068")}
    ward = AdminUnit.objects.create(era="new", level="commune", code="11953",
                                    name="Phường Phố Hiến", parent=province, **centre)  # fmt: skip
    LibraryUnit.objects.create(library=world.commune_b, era="new", unit=ward)
    library_days_record()
    client = staff_client(world.users["hy_oversight"], world.provincial)
    html = client.get("/staff/oversight/").content.decode()
    svg = html[
        html.index('<svg id="library-map"') : html.index(
            "</svg>", html.index('<svg id="library-map"')
        )
    ]
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")  # no outside tiles
    with scopes_disabled():
        for library in (world.provincial, world.commune_a, world.commune_b):
            copies = (
                Item.objects.filter(library=library)
                .exclude(status__in=[ItemStatus.WITHDRAWN, ItemStatus.LOST])
                .count()
            )
            point = re.search(
                rf'data-library="{library.code}".*?<text [^>]*>(\d+)</text>', svg, re.S
            )
            assert point and int(point.group(1)) == copies, library.code
    assert svg.count('class="map-point"') == 3
    # Coordinates are numbers SVG reads (a localised "126,4" places each letter apart).
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", v) for v in re.findall(r' [xy]="([^"]*)"', svg))
    # A shape per type: the provincial library a star, the commune ones circles.
    assert 'data-library="HY-TINH"' in svg and "#shape-star" in svg and "#shape-circle" in svg
    assert "Phường Phố Hiến" in svg and "Tiên Lữ" in svg  # commune labels
    assert "trung tâm xã" in html  # the ward library's position is said to be approximate
    unplaced = html[html.index('id="map-unplaced"') :]
    assert world.school.name_vi in unplaced[:500]
    assert world.bn_provincial.code not in html


def test_a_network_that_has_digitised_nothing_shows_zeros_not_a_gap(busy_world, staff_client):
    """The digital library is deployed: nothing digitised is a count of 0 (with the shares
    unknown for want of titles), not "not yet available"."""
    library_days_record()
    client = staff_client(busy_world.users["hy_oversight"], busy_world.provincial)
    html = client.get("/staff/oversight/").content.decode()
    assert re.search(r'data-figure="digital-objects">0<', html)
    assert "chưa được triển khai" not in html and "chưa được nối" not in html
