"""Manifests, collections and content search: loaded into iiif-prezi3's models (the
Presentation 3 schema) and checked for what viewers need."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from django.test import Client
from django_scopes import scopes_disabled
from iiif_prezi3 import Collection, Manifest

from thuvien.digital.models import Collection as DigitalCollection
from thuvien.digital.models import DigitalObject, Page, Range
from thuvien.digital.services import digital_ingest, page_text_correct
from thuvien.digital.tests.booklet import page_image
from thuvien.iiif.presentation import build_manifest


@pytest.fixture
def book(world, tmp_path):
    folder = tmp_path / "book"
    folder.mkdir()
    for n in range(1, 4):
        page_image(f"Trang {n}", folder / f"{n:03d}.png", size=(300, 400), font_size=24)
    with scopes_disabled():
        coll = DigitalCollection.objects.create(network=world.hung_yen, library=world.provincial,
                                                code="dia-chi", title_vi="Địa chí Hưng Yên",
                                                title_en="Hưng Yên local history")
        report = digital_ingest(paths=[folder], library=world.provincial, publish=True,
                                collection_code="dia-chi")
        obj = DigitalObject.all_objects.get(pk=report.objects[0])
        Range.all_objects.create(library=world.provincial, obj=obj, label="Chương 1",
                                 first_seq=1, last_seq=2)
        page_text_correct(page=Page.all_objects.get(obj=obj, seq=3), actor=None,
                          text="Đền Mẫu Hưng Yên")
    return obj, coll


@pytest.mark.django_db
def test_manifest_is_valid_presentation3(book):
    obj, _coll = book
    response = Client().get(f"/iiif/3/{obj.pk}/manifest")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    Manifest(**data)  # raises on anything the schema refuses
    assert data["@context"] == "http://iiif.io/api/presentation/3/context.json"
    assert len(data["items"]) == 3
    canvas = data["items"][0]
    body = canvas["items"][0]["items"][0]["body"]
    assert (canvas["width"], canvas["height"]) == (300, 400)
    assert body["service"][0]["type"] == "ImageService3"
    assert data["rights"].startswith("http://rightsstatements.org/")
    assert data["requiredStatement"]["value"]["vi"] == ["Tài liệu của Thư viện tỉnh Hưng Yên"]
    assert [len(r["items"]) for r in data["structures"]] == [2]
    assert data["thumbnail"][0]["id"].endswith("/full/!200,200/0/default.jpg")
    # the thumbnail answers with a sharp image of the size it announced
    thumb = Client().get(data["thumbnail"][0]["id"].split("testserver")[1])
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"


@pytest.mark.django_db
def test_collection_and_content_search(book):
    obj, coll = book
    data = Client().get(f"/iiif/3/collection/{coll.pk}").json()
    Collection(**data)
    assert [i["type"] for i in data["items"]] == ["Manifest"]
    found = Client().get(f"/iiif/3/{obj.pk}/search", {"q": "den mau"}).json()
    assert found["@context"] == "http://iiif.io/api/search/2/context.json"
    assert found["type"] == "AnnotationPage"
    targets = [a["target"] for a in found["items"]]
    assert targets and all(t.split("#")[0].endswith(f"/iiif/3/{obj.pk}/canvas/3") for t in targets)
    assert all(a["motivation"] == "highlighting" for a in found["items"])
    v1 = Client().get(f"/iiif/3/{obj.pk}/search1", {"q": "den mau"}).json()
    assert v1["within"]["total"] == 1 and v1["hits"][0]["match"] == "Đền Mẫu Hưng Yên"


def test_500_page_manifest_builds_from_plain_rows():
    obj = SimpleNamespace(pk=1, title="Sách 500 trang", dc={"dcterms:creator": ["A"]},
                          licence="", rights_status="public_domain", thumbnail_page_id=None)
    pages = [SimpleNamespace(pk=i, seq=i, label=str(i), width=2480, height=3508)
             for i in range(1, 501)]
    data = build_manifest(obj=obj, pages=pages, ranges=[], base="https://tv.example",
                          library_name="Thư viện")
    Manifest(**json.loads(json.dumps(data)))
    assert len(data["items"]) == 500
