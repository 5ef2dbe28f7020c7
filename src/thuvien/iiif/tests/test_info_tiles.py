"""info.json describes the page's pyramid as it is, and every tile a client computes from it
the way the Image API 3.0 implementation notes do (and OpenSeadragon does) is answered with an
image of the size asked: one scale factor per pyramid level, one size per scale factor.

Pages of several shapes are ingested through the digital ingest: an A6 page at 300 dpi (1240 x
1754, the page a 1280 px viewer once asked negative widths of), a small one, a long strip."""

from __future__ import annotations

import math

import pytest
import pyvips
from django.test import Client
from django_scopes import scopes_disabled
from PIL import Image

from thuvien.digital import derivatives
from thuvien.digital.models import DigitalObject
from thuvien.digital.services import digital_ingest
from thuvien.digital.tests.booklet import page_image

pytestmark = pytest.mark.django_db


def _ingest(world, tmp_path, size):
    path = page_image("Phố Hiến xưa", tmp_path / "trang.png", size=size, font_size=24)
    with scopes_disabled():
        report = digital_ingest(paths=[path], library=world.provincial, publish=True)
        return DigitalObject.all_objects.get(pk=report.objects[0])


@pytest.mark.parametrize("size", [(1240, 1754), (300, 400), (2600, 180)],
                         ids=["a6-300dpi", "small", "strip"])
def test_every_tile_of_info_json_is_served(world, tmp_path, size):
    obj = _ingest(world, tmp_path, size)
    reader = Client()
    info = reader.get(f"/iiif/3/image/{obj.pk}-1/info.json").json()
    width, height = info["width"], info["height"]
    assert (width, height) == size
    tiles = info["tiles"][0]
    tw, th, factors = tiles["width"], tiles.get("height", tiles["width"]), tiles["scaleFactors"]

    # the scale factors are the pyramid's levels, each half the one before
    pyramid = derivatives.pyramid_path(library_id=obj.library_id, obj_id=obj.pk, seq=1)
    # through a Source: libvips' cache keys files by name, and an earlier test's page had it
    levels = pyvips.Image.new_from_source(pyvips.Source.new_from_file(str(pyramid)), "").get(
        "n-pages")
    assert factors == [2**k for k in range(levels)]
    # the last level fits in one tile: a client never needs a coarser one
    assert math.ceil(width / factors[-1]) <= tw and math.ceil(height / factors[-1]) <= th
    # one size per scale factor (OpenSeadragon takes them as its levels), smallest first
    assert info["sizes"] == [
        {"width": math.ceil(width / n), "height": math.ceil(height / n)}
        for n in reversed(factors)
    ]

    asked = 0
    for n in factors:
        for ty in range(math.ceil(height / (th * n))):
            for tx in range(math.ceil(width / (tw * n))):
                x, y = tx * tw * n, ty * th * n
                w, h = min(tw * n, width - x), min(th * n, height - y)
                sw, sh = math.ceil(w / n), math.ceil(h / n)
                region = "full" if (x, y, w, h) == (0, 0, width, height) else f"{x},{y},{w},{h}"
                url = f"/iiif/3/image/{obj.pk}-1/{region}/{sw},{sh}/0/default.jpg"
                answer = reader.get(url)
                assert answer.status_code == 200, (url, answer.content[:200])
                with Image.open(_bytes(answer)) as im:
                    assert im.size == (sw, sh), url
                asked += 1
    for s in info["sizes"]:
        url = f"/iiif/3/image/{obj.pk}-1/full/{s['width']},{s['height']}/0/default.jpg"
        assert reader.get(url).status_code == 200, url
    assert asked >= len(factors)


def _bytes(answer):
    import io

    return io.BytesIO(answer.content)


@pytest.mark.parametrize("size,expected", [
    # a box larger than the page: the page as it is (Image API 3.0, "!w,h": "as large as
    # possible but not larger than the extracted region"; our list thumbnails ask !200,200)
    ("!2000,2000", (300, 400)),
    ("!150,150", (112, 150)),
    ("^!600,600", (450, 600)),  # upscaling asked for
    ("pct:50", (150, 200)),
    ("^pct:200", (600, 800)),
    ("max", (300, 400)),
    ("^max", (300, 400)),
    ("150,", (150, 200)),
    (",200", (150, 200)),
])
def test_size_forms(world, tmp_path, size, expected):
    obj = _ingest(world, tmp_path, (300, 400))
    answer = Client().get(f"/iiif/3/image/{obj.pk}-1/full/{size}/0/default.jpg")
    assert answer.status_code == 200, answer.content[:200]
    with Image.open(_bytes(answer)) as im:
        assert im.size == expected


@pytest.mark.parametrize("region,size,expected", [
    ("pct:50,50,50,50", "max", (150, 200)),
    ("200,300,500,500", "max", (100, 100)),  # past the edge: cropped to the page
    ("square", "max", (300, 300)),
    ("0,0,300,400", "max", (300, 400)),
])
def test_region_forms(world, tmp_path, region, size, expected):
    obj = _ingest(world, tmp_path, (300, 400))
    answer = Client().get(f"/iiif/3/image/{obj.pk}-1/{region}/{size}/0/default.jpg")
    assert answer.status_code == 200, answer.content[:200]
    with Image.open(_bytes(answer)) as im:
        assert im.size == expected


@pytest.mark.parametrize("region,size", [
    ("0,2048,1240,-294", "512,365"),  # what OpenSeadragon asked of a 1240 px page
    ("400,0,10,10", "max"),  # starts past the edge
    ("full", "600,"),  # larger than the page without "^"
    ("full", ",600"),
    ("full", "600,800"),
    ("full", "pct:150"),
])
def test_impossible_requests_are_400(world, tmp_path, region, size):
    obj = _ingest(world, tmp_path, (300, 400))
    answer = Client().get(f"/iiif/3/image/{obj.pk}-1/{region}/{size}/0/default.jpg")
    assert answer.status_code == 400
