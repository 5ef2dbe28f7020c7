"""A replaced page gets new image URLs. Tiles of a version never change, so they are sent as
cacheable for a year; a librarian who replaces a page must not leave readers (and the proxies
between them and us) looking at the old scan. The reader reloads the manifest: the image
service has a new id, its tiles are the new pixels, and the old id still answers (it redirects
to the page as it is now)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_scopes import scopes_disabled
from PIL import Image

from thuvien.digital.models import DigitalObject
from thuvien.digital.services import digital_ingest

pytestmark = pytest.mark.django_db

RED, BLUE = (200, 30, 30), (30, 40, 200)


def _solid(path, colour, size=(600, 400)):
    Image.new("RGB", size, colour).save(path)
    return path


@pytest.fixture
def book(world, tmp_path):
    folder = tmp_path / "book"
    folder.mkdir()
    _solid(folder / "001.png", RED)
    _solid(folder / "002.png", (240, 240, 240))
    with scopes_disabled():
        report = digital_ingest(paths=[folder], library=world.provincial, publish=True)
        return DigitalObject.all_objects.get(pk=report.objects[0])


def _path(url: str) -> str:
    return url.split("testserver", 1)[1]


def _image_service(reader: Client, obj) -> str:
    manifest = reader.get(f"/iiif/3/{obj.pk}/manifest").json()
    return manifest["items"][0]["items"][0]["items"][0]["body"]["service"][0]["id"]


def _colour(data: bytes) -> tuple[int, int, int]:
    image = Image.open(io.BytesIO(data)).convert("RGB")
    return image.getpixel((image.width // 2, image.height // 2))


def _close(a, b) -> bool:
    return all(abs(x - y) < 20 for x, y in zip(a, b, strict=True))


def test_replaced_page_gets_new_image_urls(book, digitiser, tmp_path):
    reader = Client()
    old_id = _image_service(reader, book)
    assert old_id.startswith(f"http://testserver/iiif/3/image/{book.pk}-1-")
    tile = reader.get(_path(old_id) + "/0,0,512,400/512,/0/default.jpg")
    assert tile.status_code == 200 and _close(_colour(tile.content), RED)
    # a version's tiles never change: a browser or proxy may keep them for good
    assert "immutable" in tile["Cache-Control"] and "public" in tile["Cache-Control"]
    info = reader.get(_path(old_id) + "/info.json").json()
    assert info["id"] == old_id

    staff = Client()
    staff.force_login(digitiser)
    with scopes_disabled():
        page = book.pages.get(seq=1)
    new_scan = _solid(tmp_path / "new.png", BLUE, size=(700, 500))
    response = staff.post(f"/staff/digital/{book.pk}/pages/{page.pk}/replace",
                          {"file": SimpleUploadedFile("new.png", new_scan.read_bytes(),
                                                      "image/png")})
    assert response.status_code == 302, response.content.decode()[:400]

    new_id = _image_service(reader, book)
    assert new_id != old_id
    assert new_id.startswith(f"http://testserver/iiif/3/image/{book.pk}-1-")
    tile = reader.get(_path(new_id) + "/0,0,512,500/512,/0/default.jpg")
    assert tile.status_code == 200 and _close(_colour(tile.content), BLUE)
    assert "immutable" in tile["Cache-Control"]
    info = reader.get(_path(new_id) + "/info.json").json()
    assert (info["id"], info["width"], info["height"]) == (new_id, 700, 500)

    # an old URL (a manifest the browser kept) is sent on to the page as it is now
    old = reader.get(_path(old_id) + "/0,0,512,400/512,/0/default.jpg")
    assert old.status_code in (301, 302)
    assert old["Location"].endswith(_path(new_id) + "/0,0,512,400/512,/0/default.jpg")
    assert "immutable" not in old.get("Cache-Control", "")
    followed = reader.get(old["Location"])
    assert followed.status_code == 200 and _close(_colour(followed.content), BLUE)
    assert reader.get(_path(old_id) + "/info.json")["Location"].endswith(
        _path(new_id) + "/info.json")
    # the plain "<object>-<page>" identifier keeps working, with a short cache life
    plain = reader.get(f"/iiif/3/image/{book.pk}-1/full/100,/0/default.jpg")
    assert plain.status_code == 200 and _close(_colour(plain.content), BLUE)
    assert "immutable" not in plain["Cache-Control"]
    # the staff pages show the new scan too (their thumbnails carry the version)
    pages = staff.get(f"/staff/digital/{book.pk}/pages/").content.decode()
    assert _path(new_id) in pages and _path(old_id) not in pages


def test_old_version_of_a_refused_object_is_still_refused(book, digitiser, tmp_path):
    """A redirect never tells a refused visitor anything: access is decided first."""
    from thuvien.digital.services import object_update

    reader = Client()
    old_id = _image_service(reader, book)
    with scopes_disabled():
        object_update(obj=book, actor=None, access="restricted")
    response = reader.get(_path(old_id) + "/full/100,/0/default.jpg")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    bogus = reader.get(f"/iiif/3/image/{book.pk}-1-000000000000/full/100,/0/default.jpg")
    assert bogus.status_code == 403
