"""A reader who takes the whole page image of a work that is not in the public domain gets it
with the library's name, a mark of the reader and the date drawn on it (as the PDF download
is marked); the 512 px tiles the viewer shows stay plain (they are shared cache), and so do
public-domain works. Checked on the pixels: the answer differs from the master where the mark
is, and only there."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django_scopes import scopes_disabled
from PIL import Image, ImageChops

from thuvien.digital.services import digital_ingest, object_update

pytestmark = pytest.mark.django_db

GREY = (235, 235, 235)
SIZE = (1600, 1200)


def _object(world, tmp_path, name, rights):
    folder = tmp_path / name
    folder.mkdir()
    Image.new("RGB", SIZE, GREY).save(folder / "001.png")
    with scopes_disabled():
        obj_id = digital_ingest(paths=[folder], library=world.provincial, publish=True,
                                title=name).objects[0]
        from thuvien.digital.models import DigitalObject

        obj = DigitalObject.all_objects.get(pk=obj_id)
        object_update(obj=obj, actor=None, rights_status=rights)
    return obj


def _service(client, obj):
    manifest = client.get(f"/iiif/3/{obj.pk}/manifest").json()
    body = manifest["items"][0]["items"][0]["items"][0]["body"]
    return body["id"].split("testserver")[1], body["service"][0]["id"].split("testserver")[1]


def _image(response):
    assert response.status_code == 200, response.content[:200]
    return Image.open(io.BytesIO(response.content)).convert("RGB")


def _marked_pixels(image) -> int:
    """Pixels clearly off the master's flat grey (JPEG noise stays within a few levels)."""
    diff = ImageChops.difference(image, Image.new("RGB", image.size, GREY)).convert("L")
    return sum(1 for v in diff.getdata() if v > 40)


@pytest.fixture
def reader(world):
    from thuvien.accounts.models import User
    from thuvien.circulation.tests.factories import make_patron

    with scopes_disabled():
        patron = make_patron(world.provincial)
        user = User.objects.create_user(username="ban_doc_wm", password="mat-khau-dai-123",
                                        full_name="Bạn đọc")
        patron.user = user
        patron.save(update_fields=["user"])
    client = Client()
    client.force_login(user)
    return client


def test_full_image_of_an_in_copyright_work_is_watermarked(world, tmp_path, reader):
    obj = _object(world, tmp_path, "con-ban-quyen", "in_copyright")
    anonymous = Client()
    full, service = _service(anonymous, obj)
    assert full.endswith("/full/max/0/default.jpg")
    response = anonymous.get(full)
    marked = _image(response)
    assert marked.size == SIZE
    # the mark is visible across the middle of the page and along its foot
    assert _marked_pixels(marked.crop((400, 450, 1200, 750))) > 2000
    assert _marked_pixels(marked.crop((0, 1100, 1600, 1200))) > 300
    # a copy made for one person: never kept by a shared cache
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "immutable" not in response["Cache-Control"]
    # another size of the whole page, as a download, is marked too
    assert _marked_pixels(_image(anonymous.get(service + "/full/1200,/0/default.png"))) > 1000

    # a logged-in reader's copy carries his mark: it differs from the anonymous one
    mine = _image(reader.get(full))
    assert ImageChops.difference(mine, marked).getbbox() is not None

    # the viewer's tiles and the thumbnails stay plain (and cacheable)
    tile = anonymous.get(service + "/0,0,1024,1024/512,/0/default.jpg")
    assert _marked_pixels(_image(tile)) == 0
    assert "immutable" in tile["Cache-Control"]
    assert _marked_pixels(_image(anonymous.get(service + "/full/!400,400/0/default.jpg"))) == 0


def test_public_domain_work_is_not_watermarked(world, tmp_path):
    obj = _object(world, tmp_path, "pham-vi-cong-cong", "public_domain")
    anonymous = Client()
    full, _service_id = _service(anonymous, obj)
    response = anonymous.get(full)
    assert _marked_pixels(_image(response)) == 0
    assert "public" in response["Cache-Control"]
