"""Dublin Core of digital objects: the DCMI terms a form offers, licences, and the crosswalks
MARC21 → DC (prefill from a linked record) and DC → MARC21 (a record made for an object that
has none, through the catalogue's services, which check the MARC)."""

from __future__ import annotations

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from thuvien.catalog.crosswalk import marc_to_dc
from thuvien.catalog.models import Record
from thuvien.digital.dublincore import DC_TERMS, dc_clean, dc_to_marc, licence_clean
from thuvien.digital.errors import DigitalError
from thuvien.digital.models import DigitalObject
from thuvien.digital.services import digital_ingest
from thuvien.digital.tests.booklet import page_image
from thuvien.search.tests.factories import make_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def obj(world, tmp_path):
    path = page_image("Trang", tmp_path / "p.png", size=(200, 150), font_size=16)
    with scopes_disabled():
        report = digital_ingest(paths=[path], library=world.provincial, title="Phố Hiến xưa")
        return DigitalObject.all_objects.get(pk=report.objects[0])


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_terms_have_both_labels_and_clean_refuses_unknown_terms():
    assert DC_TERMS["dcterms:creator"] == ("Tác giả", "Creator")
    assert all(vi and en for vi, en in DC_TERMS.values())
    assert dc_clean({"dcterms:subject": ["Hu\u031bng Yên", " ", "Hưng Yên"]}) == {
        "dcterms:subject": ["Hưng Yên"]}  # NFC, no blanks, no repeats
    with pytest.raises(DigitalError):
        dc_clean({"dc:evil": ["x"]})


def test_licences_are_from_the_list():
    assert licence_clean("https://creativecommons.org/licenses/by/4.0") == (
        "http://creativecommons.org/licenses/by/4.0/")
    assert licence_clean("http://rightsstatements.org/vocab/InC/1.0/")
    for bad in ("javascript:alert(1)", "data:text/html,x", "https://example.org/"):
        with pytest.raises(DigitalError):
            licence_clean(bad)


def test_prefill_from_the_linked_record(world, digitiser, obj):
    record = make_record(world.hung_yen, "Phố Hiến xưa", authors=["Nguyễn Văn Huyên"],
                         subjects=["Hưng Yên -- Lịch sử"], publisher="Văn hoá", year=1925)
    obj.record = record
    obj.save(update_fields=["record"])
    obj.dc = {"dcterms:description": ["Bản chép tay"]}
    obj.save(update_fields=["dc"])
    client = _client(digitiser)
    response = client.post(f"/staff/digital/{obj.pk}/crosswalk", {"op": "from_record"})
    assert response.status_code == 302
    obj.refresh_from_db()
    assert obj.dc["dcterms:creator"] == ["Nguyễn Văn Huyên"]
    assert obj.dc["dcterms:subject"] == ["Hưng Yên -- Lịch sử"]
    assert obj.dc["dcterms:date"] == ["1925"]
    assert obj.dc["dcterms:description"] == ["Bản chép tay"]  # what staff wrote stays


def test_a_record_is_made_from_dublin_core(world, digitiser, obj):
    obj.dc = {"dcterms:creator": ["Trần Văn Giáp", "Lê Thị B"],
              "dcterms:subject": ["Hán Nôm"], "dcterms:date": ["1938"],
              "dcterms:publisher": ["Nhà in Lê Văn Tân"],
              "dcterms:description": ["Sách địa chí chép tay."]}
    obj.save(update_fields=["dc"])
    client = _client(digitiser)
    response = client.post(f"/staff/digital/{obj.pk}/crosswalk", {"op": "to_record"})
    assert response.status_code == 302
    obj.refresh_from_db()
    assert obj.record_id is not None
    record = Record.objects.get(pk=obj.record_id)
    assert record.title.startswith("Phố Hiến xưa")
    # the round trip: what the MARC record says in DC is what the object said
    back = marc_to_dc(record.marc)
    assert back["creator"] == ["Trần Văn Giáp", "Lê Thị B"]
    assert "1938" in back["date"][0]
    assert back["subject"] == ["Hán Nôm"]
    assert any("/digital/" in f["856"]["subfields"][0]["u"] for f in record.marc["fields"]
               if "856" in f)
    # a second time: the object already has a record, a message and no new record
    count = Record.objects.count()
    client.post(f"/staff/digital/{obj.pk}/crosswalk", {"op": "to_record"})
    assert Record.objects.count() == count


def test_dc_to_marc_leader_follows_the_kind():
    marc = dc_to_marc(title="Dân ca", dc={}, object_type="audio")
    assert marc["leader"][6] == "i"
    assert next(f for f in marc["fields"] if "245" in f)["245"]["subfields"] == [{"a": "Dân ca"}]
