"""Audio, video and EPUB masters: what they hold (ffprobe) and the image that stands for them.

A recording is one time-based canvas (IIIF ``Sound`` or ``Video`` with its duration); a video's
poster frame (ffmpeg, at a tenth of its length) gets the same pyramid and thumbnails as a page
image, so lists, thumbnails and the IIIF Image API work unchanged. An EPUB is offered as a
download; its cover (the image its package names, or the first image in it) stands for it, or a
card with its title when it has none. ffmpeg and ffprobe come from Debian's ``ffmpeg``.
"""

from __future__ import annotations

import json
import posixpath
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, ElementTree

from . import derivatives

MEDIA_KINDS = frozenset({"audio", "video", "epub"})
AUDIO_SUFFIXES = {".mp3", ".ogg", ".oga", ".opus", ".wav", ".flac", ".m4a", ".aac"}
VIDEO_SUFFIXES = {".mp4", ".m4v", ".webm", ".ogv", ".mov", ".mkv"}
EPUB_SUFFIXES = {".epub"}
SUFFIXES = AUDIO_SUFFIXES | VIDEO_SUFFIXES | EPUB_SUFFIXES
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


class MediaError(Exception):
    """The recording or book could not be read."""


@dataclass(frozen=True)
class MediaPage:
    """What the one canvas of a media master is: its size (0 for sound), duration, kind."""

    width: int
    height: int
    duration: float | None
    media: str  # "audio", "video", or "" (an EPUB's cover is a plain image)


def probe(path: Path) -> tuple[float, int, int]:
    """(duration in seconds, width, height) of a recording; width/height 0 without video."""
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
         str(path)], capture_output=True, timeout=120, check=False)
    if result.returncode != 0:
        raise MediaError(result.stderr.decode("utf-8", "replace")[:200] or "ffprobe failed")
    info = json.loads(result.stdout or b"{}")
    duration = float((info.get("format") or {}).get("duration") or 0)
    video = next((s for s in info.get("streams", []) if s.get("codec_type") == "video"
                  and not (s.get("disposition") or {}).get("attached_pic")), None)
    if duration <= 0:
        raise MediaError("no duration")
    if video is None:
        return duration, 0, 0
    return duration, int(video.get("width") or 0), int(video.get("height") or 0)


def _poster(path: Path, duration: float, out: Path) -> None:
    at = f"{max(0.0, duration / 10):.3f}"
    result = subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-ss", at, "-i", str(path), "-frames:v", "1",
         "-q:v", "2", str(out)], capture_output=True, timeout=300, check=False)
    if result.returncode != 0 or not out.exists():
        raise MediaError(result.stderr.decode("utf-8", "replace")[:200] or "no poster frame")


def _title_card(title: str, out: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1200, 1600), (245, 242, 232))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 64, layout_engine=ImageFont.Layout.BASIC)
    words, lines, line = (title or "EPUB").split(), [], ""
    for word in words:
        if len(line) + len(word) > 22 and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    for n, text in enumerate(lines[:12]):
        draw.text((100, 300 + n * 100), text, font=font, fill=(30, 30, 30))
    image.save(out, quality=90)


def epub_cover(path: Path) -> tuple[bytes, str] | None:
    """The cover image an EPUB names (EPUB 3 ``cover-image`` or EPUB 2 ``meta name=cover``),
    else its first image; None when it has none. Reads the ZIP without unpacking it."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise MediaError("not a ZIP") from exc
    with archive:
        names = set(archive.namelist())
        try:
            container = ElementTree.fromstring(archive.read("META-INF/container.xml"))
        except (KeyError, ParseError, DefusedXmlException) as exc:
            raise MediaError("no container.xml") from exc
        rootfile = next((e.get("full-path") for e in container.iter()
                         if e.tag.endswith("rootfile")), None)
        images: list[str] = []
        if rootfile and rootfile in names:
            try:
                opf = ElementTree.fromstring(archive.read(rootfile))
            except (ParseError, DefusedXmlException) as exc:
                raise MediaError("unreadable package document") from exc
            base = posixpath.dirname(rootfile)
            items = {e.get("id"): e for e in opf.iter() if e.tag.endswith("}item")}
            cover_id = next((e.get("content") for e in opf.iter() if e.tag.endswith("}meta")
                             and e.get("name") == "cover"), None)
            chosen = next((e for e in items.values()
                           if "cover-image" in (e.get("properties") or "").split()), None)
            chosen = chosen or items.get(cover_id)
            for e in ([chosen] if chosen is not None else []) + list(items.values()):
                if (e.get("media-type") or "").startswith("image/"):
                    images.append(posixpath.normpath(posixpath.join(base, e.get("href") or "")))
        images += sorted(n for n in names if n.lower().endswith((".jpg", ".jpeg", ".png")))
        for name in images:
            if name in names:
                return archive.read(name), Path(name).suffix or ".jpg"
    return None


def make_media_page(*, master: Path, kind: str, title: str, library_id: int, obj_id: int,
                    seq: int) -> MediaPage:
    """The canvas of a recording or an EPUB, with the image that stands for it as page
    ``seq``'s pyramid and thumbnails (none for sound)."""
    with tempfile.TemporaryDirectory(prefix="thuvien-media-") as tmp:
        if kind in ("audio", "video"):
            duration, width, height = probe(master)
            if kind == "audio" or not (width and height):
                return MediaPage(0, 0, duration, "audio")
            poster = Path(tmp) / "poster.jpg"
            _poster(master, duration, poster)
            w, h = derivatives.make_page_derivatives(
                master=poster, file_page=0, is_pdf=False, library_id=library_id,
                obj_id=obj_id, seq=seq)
            return MediaPage(w, h, duration, "video")
        cover = epub_cover(master)
        image = Path(tmp) / ("cover" + (cover[1] if cover else ".jpg"))
        if cover:
            image.write_bytes(cover[0])
        else:
            _title_card(title, image)
        w, h = derivatives.make_page_derivatives(
            master=image, file_page=0, is_pdf=False, library_id=library_id, obj_id=obj_id,
            seq=seq)
        return MediaPage(w, h, None, "")
