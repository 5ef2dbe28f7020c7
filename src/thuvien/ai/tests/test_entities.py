"""Names of places and people in a local-history text become proposals, then subjects and the
portal's "Địa danh" / "Nhân vật" facets once a cataloguer accepts them."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.urls import reverse

from thuvien.ai.models import EntityProposal, EntityStatus
from thuvien.ai.selectors import record_text
from thuvien.ai.services import entities_propose
from thuvien.catalog.marc.mij import to_pymarc
from thuvien.catalog.models import Authority, Record
from thuvien.core.outbox import outbox_drain
from thuvien.search.selectors import search_catalogue
from thuvien.search.tests.factories import make_item, make_record

TEXT = (
    "Phố Hiến thuộc tỉnh Hưng Yên, nằm bên bờ sông Hồng. Chùa Chuông ở Hưng Yên được xây "
    "dựng lại nhiều lần. Chu Văn An dạy học ở làng Huỳnh Cung, huyện Thanh Trì."
)


@pytest.fixture
def booklet(world):
    record = make_record(
        world.hung_yen, "Địa chí Phố Hiến", notes=[TEXT], subjects=["Địa chí"],
        place="Hưng Yên", publisher="Sở Văn hoá Hưng Yên", year=2005,
    )  # fmt: skip
    make_item(record, world.provincial)
    other = make_record(world.hung_yen, "Văn hoá dân gian vùng Kinh Bắc", subjects=["Văn hoá"])
    make_item(other, world.provincial)
    outbox_drain()
    return record


def names(record) -> dict[tuple[str, str], EntityProposal]:
    return {(p.kind, p.name): p for p in EntityProposal.objects.filter(record=record)}


def test_places_and_people_are_proposed_not_applied(booklet):
    assert entities_propose(record=booklet, text=record_text(record=booklet)) >= 3
    found = names(booklet)
    assert ("place", "Hưng Yên") in found
    assert ("place", "sông Hồng") in found
    assert ("person", "Chu Văn An") in found
    assert all(p.status == EntityStatus.PROPOSED for p in found.values())
    booklet.refresh_from_db()
    assert booklet.subjects == ["Địa chí"]  # nothing applied by itself
    assert entities_propose(record=booklet, text=record_text(record=booklet)) == 0  # once


def test_an_accepted_place_becomes_a_subject_and_a_facet(booklet, staff_client, world):
    client = staff_client(world.users["tinh_cataloguer"])
    response = client.post(reverse("catalog:entity-find", args=[booklet.pk]))
    assert response.status_code == 302
    page = client.get(reverse("catalog:record-detail", args=[booklet.pk])).content.decode()
    assert "Tên riêng trong văn bản" in page and "Chu Văn An" in page
    place = names(booklet)[("place", "Hưng Yên")]
    person = names(booklet)[("person", "Chu Văn An")]
    client.post(reverse("catalog:entity-accept", args=[booklet.pk, place.pk]))
    client.post(reverse("catalog:entity-accept", args=[booklet.pk, person.pk]))
    marc = to_pymarc(Record.objects.get(pk=booklet.pk).marc)
    assert [f.get_subfields("a") for f in marc.get_fields("651")] == [["Hưng Yên"]]
    assert [f.get_subfields("a") for f in marc.get_fields("600")] == [["Chu Văn An"]]
    outbox_drain()
    page = search_catalogue(params=QueryDict(urlencode({"q": ""})))
    facets = {g.name: [(v.value, v.count) for v in g.values] for g in page.facets}
    assert facets["place"] == [("Hưng Yên", 1)]
    assert facets["person"] == [("Chu Văn An", 1)]
    narrowed = search_catalogue(params=QueryDict(urlencode({"place": "Hưng Yên"})))
    assert [r.record.title for r in narrowed.rows] == ["Địa chí Phố Hiến"]
    html = client.get(reverse("opac_search:search") + "?q=").content.decode()
    assert "Địa danh" in html and "Nhân vật" in html


def test_a_rejected_name_is_not_proposed_again(booklet, staff_client, world):
    client = staff_client(world.users["tinh_cataloguer"])
    entities_propose(record=booklet, text=TEXT)
    wrong = names(booklet)[("place", "Thanh Trì")]
    client.post(reverse("catalog:entity-reject", args=[booklet.pk, wrong.pk]))
    assert EntityProposal.objects.get(pk=wrong.pk).status == EntityStatus.REJECTED
    assert entities_propose(record=booklet, text=TEXT) == 0
    assert to_pymarc(Record.objects.get(pk=booklet.pk).marc).get_fields("651") == []


def test_a_name_matching_an_authority_is_linked(booklet, world):
    from thuvien.search.analysis import fold

    authority = Authority.objects.create(
        network=world.hung_yen, kind="personal", heading="Chu Văn An", dates="1292-1370",
        heading_folded=fold("Chu Văn An"),
    )  # fmt: skip
    entities_propose(record=booklet, text=TEXT)
    assert names(booklet)[("person", "Chu Văn An")].authority == authority


def test_another_networks_record_is_a_404(booklet, staff_client, world):
    other = make_record(world.bac_ninh, "Sách Bắc Ninh", notes=[TEXT])
    client = staff_client(world.users["tinh_cataloguer"])
    response = client.post(reverse("catalog:entity-find", args=[other.pk]))
    assert response.status_code == 404
