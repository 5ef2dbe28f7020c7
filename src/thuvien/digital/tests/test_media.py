"""Audio, video and born-digital books: real files made here with ffmpeg (a tone, a test
pattern) and zipfile (an EPUB with its cover) are screened and ingested; the manifest has a
``Sound``/``Video`` canvas with its duration; the portal plays them in the page (with byte
ranges, as players seek) and offers the EPUB as a download; access is checked on each path."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from thuvien.digital.models import DigitalFile, DigitalObject, Page
from thuvien.digital.services import digital_ingest, object_update
from thuvien.digital.tests.booklet import page_image

pytestmark = pytest.mark.django_db


def _ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-y", *args], check=True, timeout=120)


@pytest.fixture
def tone(tmp_path) -> Path:
    path = tmp_path / "dan-ca.ogg"  # 3 s of 440 Hz
    _ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-c:a", "libvorbis", str(path))
    return path


@pytest.fixture
def clip(tmp_path) -> Path:
    path = tmp_path / "le-hoi.webm"  # 2 s, 320×240
    _ffmpeg("-f", "lavfi", "-i", "testsrc=duration=2:size=320x240:rate=10", "-c:v", "libvpx",
            "-b:v", "200k", str(path))
    return path


def make_epub(path: Path, tmp_path: Path, *, title: str = "Sách điện tử") -> Path:
    cover = page_image("Bìa sách", tmp_path / "cover.png", size=(300, 420), font_size=24)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")  # stored, first
        z.writestr("META-INF/container.xml", (
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" '
            'media-type="application/oebps-package+xml"/></rootfiles></container>'),
            compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("OEBPS/content.opf", (
            '<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf"'
            ' version="3.0" unique-identifier="id"><metadata '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">x</dc:identifier>'
            f'<dc:title>{title}</dc:title><dc:language>vi</dc:language></metadata><manifest>'
            '<item id="c" href="images/cover.png" media-type="image/png" '
            'properties="cover-image"/><item id="t" href="text.xhtml" '
            'media-type="application/xhtml+xml"/></manifest><spine><itemref idref="t"/></spine>'
            '</package>'), compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("OEBPS/text.xhtml", (
            '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
            '<head><title>t</title></head><body><p>Phố Hiến</p></body></html>'),
            compress_type=zipfile.ZIP_DEFLATED)
        z.write(cover, "OEBPS/images/cover.png")
    return path


def _ingest(world, path, title):
    with scopes_disabled():
        report = digital_ingest(paths=[path], library=world.provincial, title=title,
                                ocr_language="vie")
        assert not report.refused, report.refused
        obj = DigitalObject.all_objects.get(pk=report.objects[0])
        object_update(obj=obj, actor=None, published=True)
    return obj


def test_audio_is_a_sound_canvas_played_in_the_page(world, tone):
    obj = _ingest(world, tone, "Dân ca quan họ")
    with scopes_disabled():
        page = Page.all_objects.get(obj=obj)
        assert DigitalFile.all_objects.get(obj=obj).kind == "audio"
    assert page.media == "audio" and abs(page.duration - 3.0) < 0.2
    assert page.ocr_status == "none"  # nothing to read
    client = Client()
    manifest = client.get(f"/iiif/3/{obj.pk}/manifest").json()
    canvas = manifest["items"][0]
    assert abs(canvas["duration"] - 3.0) < 0.2 and "width" not in canvas
    body = canvas["items"][0]["items"][0]["body"]
    assert body["type"] == "Sound" and body["format"] == "audio/ogg"
    html = client.get(f"/digital/{obj.pk}/").content.decode()
    assert f'<audio controls preload="metadata" src="/digital/{obj.pk}/media/1"' in html
    full = client.get(f"/digital/{obj.pk}/media/1")
    assert full.status_code == 200 and full["Accept-Ranges"] == "bytes"
    data = b"".join(full.streaming_content)
    assert data == tone.read_bytes()
    part = client.get(f"/digital/{obj.pk}/media/1", HTTP_RANGE="bytes=10-19")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 10-19/{len(data)}"
    assert b"".join(part.streaming_content) == data[10:20]
    assert client.get(f"/digital/{obj.pk}/media/1",
                      HTTP_RANGE=f"bytes={len(data) + 5}-").status_code == 416
    # restricted: the recording is refused like a tile
    object_update(obj=obj, actor=None, access="restricted")
    assert client.get(f"/digital/{obj.pk}/media/1").status_code == 403


def test_video_is_a_video_canvas_with_a_poster(world, clip):
    obj = _ingest(world, clip, "Lễ hội Phố Hiến")
    with scopes_disabled():
        page = Page.all_objects.get(obj=obj)
    assert (page.media, page.width, page.height) == ("video", 320, 240)
    client = Client()
    canvas = client.get(f"/iiif/3/{obj.pk}/manifest").json()["items"][0]
    body = canvas["items"][0]["items"][0]["body"]
    assert body["type"] == "Video" and abs(canvas["duration"] - 2.0) < 0.2
    assert (canvas["width"], canvas["height"]) == (320, 240)
    # the poster frame is an IIIF image like a page
    poster = client.get(f"/iiif/3/image/{obj.pk}-1/full/160,/0/default.jpg")
    assert poster.status_code == 200 and poster["Content-Type"] == "image/jpeg"
    html = client.get(f"/digital/{obj.pk}/").content.decode()
    assert "<video controls" in html


def test_epub_is_offered_as_a_download_with_its_cover(world, tmp_path):
    path = make_epub(tmp_path / "sach.epub", tmp_path)
    obj = _ingest(world, path, "Sách điện tử Phố Hiến")
    with scopes_disabled():
        page = Page.all_objects.get(obj=obj)
        assert DigitalFile.all_objects.get(obj=obj).kind == "epub"
    assert (page.width, page.height) == (300, 420)  # the cover the package names
    client = Client()
    html = client.get(f"/digital/{obj.pk}/").content.decode()
    assert f"/digital/{obj.pk}/epub" in html
    download = client.get(f"/digital/{obj.pk}/epub")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == path.read_bytes()
    assert "attachment" in download["Content-Disposition"]


def test_a_broken_recording_is_refused_and_reported(world, tmp_path):
    path = tmp_path / "hong.ogg"
    path.write_bytes(b"OggS" + b"\0" * 200)
    with scopes_disabled():
        report = digital_ingest(paths=[path], library=world.provincial, title="Hỏng")
    assert report.refused and not report.objects
