"""A reader reads a scanned page in Mirador, in Chromium, on a 1280 px desktop and on a 360 px
phone: every image Mirador's OpenSeadragon asks the IIIF Image server for is answered with an
image (no 4xx/5xx tile leaves a hole in the page), at the first view and after zooming in.

The booklet's pages are 1240 x 1754 (A6 at 300 dpi), ingested through the digital ingest; a
viewer wider than the page once made OpenSeadragon ask for tiles with negative widths (the
info.json's scale factors went past the pyramid) and the server answered 400. The page also logs
no console error or warning: the vendored Mirador bundle is React's production build."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from thuvien.digital.models import DigitalObject
from thuvien.digital.services import digital_ingest
from thuvien.digital.tests.booklet import booklet_folder
from thuvien.testing.browser import eventually
from thuvien.testing.fixtures import wait_for_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def booklet(world, tmp_path):
    folder = booklet_folder(tmp_path / "booklet", title="Phố Hiến xưa")
    with scopes_disabled():
        report = digital_ingest(paths=[folder], library=world.provincial, publish=True)
        obj = DigitalObject.all_objects.get(pk=report.objects[0])
        assert obj.pages.get(seq=1).width == 1240
    return obj


def _tile(url: str) -> bool:
    return "/iiif/3/image/" in url and not url.endswith("/info.json")


def _read(page, obj, *, width: int, height: int) -> tuple[list[tuple[int, str]], list[str]]:
    """Open the booklet's viewer at ``width`` px, let the page's tiles load, zoom in twice;
    return every IIIF image answer (status, URL) and the console's errors and warnings."""
    context = page.context.browser.new_context(viewport={"width": width, "height": height},
                                               locale="vi-VN")
    tab = context.new_page()
    asked: list[str] = []
    answers: list[tuple[int, str]] = []
    console: list[str] = []
    tab.on("request", lambda r: asked.append(r.url) if _tile(r.url) else None)
    tab.on("requestfinished", lambda r: answers.append((r.response().status, r.url))
           if _tile(r.url) else None)
    tab.on("requestfailed", lambda r: answers.append((0, r.url)) if _tile(r.url) else None)
    # what our page and the scripts it serves log; Chromium's own notices about its software
    # GL ("[.WebGL-...] GL Driver Message ... GPU stall") are the browser's, not ours
    tab.on("console", lambda m: console.append(f"{m.type}: {m.text} ({m.location['url']})")
           if m.type in ("error", "warning") and not m.text.startswith("[.WebGL-")
           and m.location.get("url", "").startswith(page.base_url) else None)
    tab.on("pageerror", lambda e: console.append(f"pageerror: {e}"))

    def settled() -> bool:  # every image asked for has its answer, and none is coming
        before = len(asked)
        tab.wait_for_timeout(500)
        return bool(asked) and len(answers) >= len(asked) == before

    try:
        tab.goto(f"{page.base_url}/digital/{obj.pk}/")
        wait_for_js(tab, "document.querySelector('#viewer[data-ready]') !== null")
        wait_for_js(tab, "document.querySelectorAll('.openseadragon-canvas canvas').length > 0",
                    timeout=30000)
        for _ in range(2):  # zoom in twice at the middle of the page, as a reader does
            assert eventually(settled, 30), (asked, answers)
            box = tab.locator(".openseadragon-canvas").first.bounding_box()
            assert box is not None
            tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            tab.mouse.wheel(0, -500)
        assert eventually(settled, 30), (asked, answers)
    finally:
        context.close()
    return answers, console


@pytest.mark.parametrize("width,height", [(1280, 900), (360, 740)], ids=["desktop", "phone"])
def test_every_tile_of_the_page_loads(booklet, page, width, height):
    answers, console = _read(page, booklet, width=width, height=height)
    assert answers, "the viewer asked for no image"
    bad = [(status, url) for status, url in answers if not 200 <= status < 400]
    assert not bad, "\n".join(f"{s} {u}" for s, u in answers)
    assert not console, console
