"""Hostile metadata never reaches a IIIF viewer as markup.

A cataloguer's CSV (or a hostile one) holds ``<img src=x onerror=…>``, ``<script>`` and ``<b>``
in the creator, title and subject; the library's name, a chapter, a collection and a page's
corrected text hold more. Ingested through the real ingest, the manifest, the collection and
both Content Search answers must carry that text so that every viewer shows it as written:

* where Presentation 3 allows HTML (``metadata`` values, ``summary``, ``requiredStatement``
  value) and where Mirador renders HTML whatever the value starts with (those, and search hits),
  a value read as HTML has no element but a bare ``<span>`` and its text is the original;
* a ``label`` (plain text by the specification) is the original text and never passes the
  specification's HTML test (``<`` first and ``>`` last).
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django_scopes import scopes_disabled
from iiif_prezi3 import Collection, Manifest

from thuvien.digital.models import Collection as DigitalCollection
from thuvien.digital.models import DigitalObject, Page, Range
from thuvien.digital.services import digital_ingest, page_text_correct
from thuvien.digital.tests.booklet import booklet_folder

IMG = "<img src=x onerror=alert(1)>"
TITLE = "<script>alert('xss-title')</script>Tài liệu thử XSS"
SUBJECT = "<b>chủ đề</b>"
DESCRIPTION = "<p onclick=alert(3)>Mô tả & ghi chú</p>"
LIBRARY = 'Thư viện <img src="y" onerror="alert(4)">'
CHAPTER = "<i onmouseover=alert(5)>Chương 1</i>"
PAGE_TEXT = "Đền Mẫu <img src=z onerror=alert(6)> Hưng Yên"


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def assert_shows_literally(value: str, original: str) -> None:
    """``value`` read as HTML (as Mirador reads it) makes no element but a bare ``span`` and
    shows ``original``; read by the specification's test it is HTML or holds no markup."""
    parser = _Markup()
    parser.feed(value)
    parser.close()
    assert all(tag == "span" and not attrs for tag, attrs in parser.tags), value
    assert "".join(parser.text) == original, value
    if not (value.startswith("<") and value.endswith(">")):
        assert value == original and not any(c in value for c in "<>&"), value


def assert_plain_label(value: str, original: str) -> None:
    assert value.rstrip(" ") == original, value
    assert not (value.startswith("<") and value.endswith(">")), value


@pytest.fixture
def hostile(world, tmp_path):
    folder = booklet_folder(
        tmp_path / "xss",
        pages=["Trang một", "Trang hai"],
        title=TITLE,
        csv_rows={"creator": IMG, "subject": f"{SUBJECT}|Hưng Yên", "description": DESCRIPTION},
    )
    with scopes_disabled():
        world.provincial.name_vi = LIBRARY
        world.provincial.save(update_fields=["name_vi"])
        coll = DigitalCollection.objects.create(
            network=world.hung_yen,
            library=world.provincial,
            code="xss",
            title_vi=SUBJECT,
            title_en=IMG,
        )
        report = digital_ingest(
            paths=[folder], library=world.provincial, publish=True, collection_code="xss"
        )
        obj = DigitalObject.all_objects.get(pk=report.objects[0])
        Range.all_objects.create(
            library=world.provincial, obj=obj, label=CHAPTER, first_seq=1, last_seq=2
        )
        page = Page.all_objects.get(obj=obj, seq=2)
        page.label = IMG
        page.save(update_fields=["label"])
        page_text_correct(page=page, actor=None, text=PAGE_TEXT)
    return obj, coll


def _values(lang_map: dict[str, list[str]]) -> list[str]:
    return [v for values in lang_map.values() for v in values]


@pytest.mark.django_db
def test_manifest_carries_hostile_metadata_as_text(hostile):
    obj, _coll = hostile
    assert obj.title == TITLE and obj.dc["dcterms:creator"] == [IMG]  # stored as typed
    response = Client().get(f"/iiif/3/{obj.pk}/manifest")
    assert response.status_code == 200
    data: dict[str, Any] = response.json()
    Manifest(**data)  # still valid Presentation 3

    assert_plain_label(data["label"]["vi"][0], TITLE)
    meta = {m["label"]["en"][0]: _values(m["value"]) for m in data["metadata"]}
    for value in meta["Creator"]:
        assert_shows_literally(value, IMG)
    subject, plain = meta["Subject"]
    assert_shows_literally(subject, SUBJECT)
    assert plain == "Hưng Yên"  # text without markup characters goes as it is
    assert_shows_literally(meta["Description"][0], DESCRIPTION)
    assert_shows_literally(data["summary"]["vi"][0], DESCRIPTION)
    held = data["requiredStatement"]["value"]
    assert_shows_literally(held["vi"][0], f"Tài liệu của {LIBRARY}")
    assert_shows_literally(held["en"][0], f"Held by {LIBRARY}")
    assert_plain_label(data["structures"][0]["label"]["vi"][0], CHAPTER)
    assert_plain_label(data["items"][1]["label"]["none"][0], IMG)
    for entry in data["metadata"]:
        for label in _values(entry["label"]):
            assert not (label.startswith("<") and label.endswith(">"))


@pytest.mark.django_db
def test_collection_and_search_answers_carry_text(hostile):
    obj, coll = hostile
    data = Client().get(f"/iiif/3/collection/{coll.pk}").json()
    Collection(**data)
    assert_plain_label(data["label"]["vi"][0], SUBJECT)
    assert_plain_label(data["label"]["en"][0], IMG)
    assert_plain_label(data["items"][0]["label"]["vi"][0], TITLE)

    found = Client().get(f"/iiif/3/{obj.pk}/search", {"q": "den mau"}).json()
    bodies = [a["body"] for a in found["items"]]
    assert bodies
    for body in bodies:
        assert body["format"] == "text/html"
        assert_shows_literally(body["value"], PAGE_TEXT)
    v1 = Client().get(f"/iiif/3/{obj.pk}/search1", {"q": "den mau"}).json()
    assert v1["within"]["total"] == 1
    assert_shows_literally(v1["hits"][0]["match"], PAGE_TEXT)
    for resource in v1["resources"]:
        chars = resource["resource"]["chars"]
        parser = _Markup()
        parser.feed(chars)
        assert all(tag == "span" and not attrs for tag, attrs in parser.tags), chars
