"""Derivatives made with libvips: a pyramidal tiled TIFF per page, thumbnails, a PDF.

They are a cache under ``DATA_DIR/digital`` that can be rebuilt from the masters; the masters
stay on the storage API. ``pyvips`` is imported here only, so the rest of the app does not need
libvips to load.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyvips
from django.conf import settings

from .storage import masters_storage

THUMB_SIZES = (150, 400, 1000)
PDF_LONG_SIDE = 1600
PDF_RENDER_DPI = 300
PYRAMID_TILE = 256  # tile side of the pyramidal TIFFs


def derivative_dir(*, library_id: int, obj_id: int) -> Path:
    path = Path(settings.DATA_DIR) / "digital" / str(library_id) / str(obj_id)
    path.mkdir(parents=True, exist_ok=True)
    return path


def pyramid_path(*, library_id: int, obj_id: int, seq: int) -> Path:
    return derivative_dir(library_id=library_id, obj_id=obj_id) / f"p{seq:05d}.tif"


def thumb_path(*, library_id: int, obj_id: int, seq: int, size: int) -> Path:
    return derivative_dir(library_id=library_id, obj_id=obj_id) / f"p{seq:05d}-t{size}.jpg"


@contextmanager
def master_local_path(storage_name: str) -> Iterator[Path]:
    """A local path to a master: the file itself on disk storage, a temporary copy otherwise
    (an object store)."""
    masters = masters_storage()
    try:
        local: Path | None = Path(masters.path(storage_name))
    except NotImplementedError:  # no local paths: an object store
        local = None
    if local is not None and local.is_file():
        yield local
        return
    fd, tmp = tempfile.mkstemp(suffix=Path(storage_name).suffix)
    try:
        with os.fdopen(fd, "wb") as out, masters.open(storage_name, "rb") as src:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                out.write(chunk)
        yield Path(tmp)
    finally:
        os.unlink(tmp)


def page_count(path: Path) -> int:
    """Pages of a master: PDF pages, TIFF pages, or 1."""
    image = pyvips.Image.new_from_file(str(path), access="sequential")
    try:
        return int(image.get("n-pages"))
    except pyvips.Error:
        return 1


def _load(path: Path, page: int, *, is_pdf: bool) -> pyvips.Image:
    if is_pdf:
        image = pyvips.Image.pdfload(str(path), page=page, dpi=PDF_RENDER_DPI)
    else:
        image = pyvips.Image.new_from_file(str(path), page=page) if page else (
            pyvips.Image.new_from_file(str(path))
        )
    return _to_srgb(image)


def _to_srgb(image: pyvips.Image) -> pyvips.Image:
    if image.hasalpha():
        image = image.flatten(background=[255, 255, 255])
    if image.interpretation not in ("srgb", "b-w"):
        image = image.colourspace("srgb")
    if image.format != "uchar":
        image = image.cast("uchar")
    return image


def make_page_derivatives(
    *, master: Path, file_page: int, is_pdf: bool, library_id: int, obj_id: int, seq: int
) -> tuple[int, int]:
    """Write the page's pyramid and thumbnails; return the full image's width and height."""
    image = _load(master, file_page, is_pdf=is_pdf)
    out = pyramid_path(library_id=library_id, obj_id=obj_id, seq=seq)
    tmp = out.with_suffix(".tmp.tif")
    image.tiffsave(
        str(tmp),
        tile=True,
        pyramid=True,
        compression="jpeg",
        Q=88,
        tile_width=PYRAMID_TILE,
        tile_height=PYRAMID_TILE,
    )
    os.replace(tmp, out)  # a reader never sees half a pyramid
    for size in THUMB_SIZES:
        # from a Source: by file name libvips may answer from its cache of the old pyramid
        thumb = pyvips.Image.thumbnail_source(pyvips.Source.new_from_file(str(out)), size,
                                              height=size)
        target = thumb_path(library_id=library_id, obj_id=obj_id, seq=seq, size=size)
        thumb.jpegsave(str(target), Q=85, strip=True)
    return image.width, image.height


def pyramid_scale_factors(width: int, height: int) -> list[int]:
    """The scale factors (1, 2, 4 ...) of the levels a page's pyramid holds, from the page's
    size alone: libvips halves the image (rounding down) until one tile holds it."""
    factors = [1]
    while max(width, height) > PYRAMID_TILE:
        width, height = width // 2, height // 2
        factors.append(factors[-1] * 2)
    return factors


def page_text_layer(master: Path, file_page: int) -> str:
    """The text layer of a PDF page (empty when it has none)."""
    import subprocess

    result = subprocess.run(
        ["pdftotext", "-f", str(file_page + 1), "-l", str(file_page + 1), "-enc", "UTF-8",
         str(master), "-"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    return result.stdout.decode("utf-8", "replace").strip() if result.returncode == 0 else ""


def ocr_input(*, library_id: int, obj_id: int, seq: int) -> Path:
    """The full-resolution page as a TIFF for Tesseract (the pyramid's first level)."""
    return pyramid_path(library_id=library_id, obj_id=obj_id, seq=seq)


# Pyramid levels kept open per process: opening a TIFF reads its directories (most of a small
# tile's cost after the JPEG work). Each use checks the file (inode, mtime, size) first, so a
# pyramid replaced with ``os.replace`` (a replaced or renumbered page) is opened again.
# Files are read through a ``Source``: libvips' own operation cache keys a load by file name
# and would go on answering with the old pixels of a replaced file (libvips 8.14 has no
# ``revalidate``).
OPEN_LEVELS = 64
_open_levels: OrderedDict[tuple[str, int], tuple[tuple[int, int, int], pyvips.Image]] = (
    OrderedDict())
_open_lock = threading.Lock()


def pyramid_level(path: Path, level: int) -> pyvips.Image:
    """Level ``level`` of the pyramid at ``path`` (0: full size), opened for random access."""
    st = os.stat(path)
    stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
    key = (str(path), level)
    with _open_lock:
        held = _open_levels.get(key)
        if held is not None and held[0] == stamp:
            _open_levels.move_to_end(key)
            return held[1]
    image = pyvips.Image.tiffload_source(pyvips.Source.new_from_file(str(path)), page=level,
                                         access="random")
    with _open_lock:
        _open_levels[key] = (stamp, image)
        _open_levels.move_to_end(key)
        while len(_open_levels) > OPEN_LEVELS:
            _open_levels.popitem(last=False)
    return image


def _levels(image: pyvips.Image) -> int:
    try:
        return max(1, int(image.get("n-pages")))
    except pyvips.Error:
        return 1


WATERMARK_FONT = "DejaVu Sans"
WATERMARK_COLOUR = (140, 25, 25)  # the PDF watermark's dark red
WATERMARK_OPACITY = 0.4


def _text_mask(text: str, *, size: int, width: int) -> pyvips.Image:
    """``text`` as a one-band mask (255 where the letters are), at most ``width`` wide."""
    mask = pyvips.Image.text(text, font=f"{WATERMARK_FONT} {size}", dpi=72)
    if mask.width > width:
        mask = mask.resize(width / mask.width)
    return mask


def _watermarked(image: pyvips.Image, text: str) -> pyvips.Image:
    """``image`` with ``text`` across its middle (at an angle, translucent) and along its foot,
    as the PDF download is marked. Pango draws it, so Vietnamese letters come out whole."""
    w, h = image.width, image.height
    size = max(10, min(w, h) // 28)
    middle = _text_mask(text, size=size, width=int(w * 0.9)).rotate(-30)
    if middle.width > w or middle.height > h:
        middle = middle.resize(min(w / middle.width, h / middle.height) * 0.95)
    foot = _text_mask(text, size=max(8, size * 3 // 5), width=w - 2 * size)
    alpha = middle.embed((w - middle.width) // 2, (h - middle.height) // 2, w, h) * (
        WATERMARK_OPACITY / 255)
    fx, fy = size, max(0, h - foot.height - size // 2)
    alpha = alpha + foot.embed(fx, fy, w, h) * (0.8 / 255)
    alpha = (alpha > 1).ifthenelse(1, alpha)
    colour = list(WATERMARK_COLOUR) if image.bands >= 3 else [sum(WATERMARK_COLOUR) // 3]
    if image.bands > len(colour):  # an alpha band stays as it was
        colour += [255] * (image.bands - len(colour))
    return (image * (1 - alpha) + alpha * colour).cast("uchar")


def render_region(
    *,
    path: Path,
    region: tuple[int, int, int, int],
    size: tuple[int, int],
    rotation: int = 0,
    mirror: bool = False,
    quality: str = "default",
    fmt: str = "jpg",
    watermark: str = "",
) -> bytes:
    """A region of a page's pyramid scaled to ``size``, as IIIF Image API asks for it, with
    ``watermark`` drawn on it when given (``_watermarked``).

    Reads from the smallest pyramid level that still has enough pixels, so a thumbnail of a
    whole 300 dpi page decodes a few tiles, not the full image.
    """
    x, y, w, h = region
    tw, th = size
    # The pyramid halves each level (libvips stops below one tile), so the level to read
    # follows from the request alone; opening it directly skips reading the full level.
    level = 0
    while w / (2 ** (level + 1)) >= tw and h / (2 ** (level + 1)) >= th and level < 12:
        level += 1
    full = pyramid_level(path, 0)
    levels = _levels(full)
    level = min(level, levels - 1)  # a smaller image has fewer levels
    image = full if level == 0 else pyramid_level(path, level)
    f = 2**level
    lx, ly = x // f, y // f
    lw = max(1, min(image.width - lx, round(w / f)))
    lh = max(1, min(image.height - ly, round(h / f)))
    image = image.crop(lx, ly, lw, lh)
    if (lw, lh) != (tw, th):
        image = image.resize(tw / lw, vscale=th / lh, kernel="lanczos3")
    if mirror:
        image = image.fliphor()
    if rotation:
        image = image.rotate(rotation) if rotation % 90 else {
            90: image.rot90, 180: image.rot180, 270: image.rot270
        }[rotation]()
    if watermark:
        image = _watermarked(image, watermark)
    if quality in ("gray", "bitonal") and image.bands >= 3:
        image = image.colourspace("b-w")
    if quality == "bitonal":
        image = (image > 128).ifthenelse(255, 0)
    if fmt == "png":
        return image.pngsave_buffer(compression=6)
    if fmt == "webp":
        return image.webpsave_buffer(Q=80)
    return image.jpegsave_buffer(Q=85, strip=True)
