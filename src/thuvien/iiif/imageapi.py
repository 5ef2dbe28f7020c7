"""IIIF Image API 3 request parsing (level 2 without arbitrary rotation): turns the URL's
region, size, rotation, quality and format into pixels, or raises ``ImageRequestError``."""

from __future__ import annotations

import re
from dataclasses import dataclass

FORMATS = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
QUALITIES = ("default", "color", "gray", "bitonal")
MAX_AREA = 40_000_000  # pixels of one answer (maxArea in info.json)
MAX_WIDTH = 10_000
MAX_HEIGHT = 10_000
TILE = 512  # tile side offered in info.json


def info_sizes(width: int, height: int, factors: list[int]) -> list[dict[str, int]]:
    """info.json's ``sizes``: the whole image at each of the tiles' scale factors (the size the
    spec gives a level, rounded up), smallest first, within ``maxWidth`` and ``maxArea``.

    One size per scale factor, because OpenSeadragon takes the list as its pyramid's levels when
    the counts agree and otherwise misplaces every level: a list that stopped at 64 px, beside
    scale factors up to 32, had it ask a 1240 px page for tiles at x=2048 with negative widths.
    """
    sizes = []
    for n in sorted(factors, reverse=True):
        w, h = -(-width // n), -(-height // n)
        if w <= MAX_WIDTH and h <= MAX_WIDTH and w * h <= MAX_AREA:
            sizes.append({"width": w, "height": h})
    return sizes


class ImageRequestError(ValueError):
    """Bad syntax or an impossible request: 400."""


@dataclass(frozen=True)
class ImageRequest:
    region: tuple[int, int, int, int]
    size: tuple[int, int]
    rotation: int
    mirror: bool
    quality: str
    fmt: str


def _region(text: str, width: int, height: int) -> tuple[int, int, int, int]:
    if text == "full":
        return 0, 0, width, height
    if text == "square":
        side = min(width, height)
        return (width - side) // 2, (height - side) // 2, side, side
    pct = text.startswith("pct:")
    parts = (text[4:] if pct else text).split(",")
    if len(parts) != 4:
        raise ImageRequestError("region")
    try:
        nums = [float(p) if pct else int(p) for p in parts]
    except ValueError as exc:
        raise ImageRequestError("region") from exc
    if pct:
        x, y = round(nums[0] * width / 100), round(nums[1] * height / 100)
        w, h = round(nums[2] * width / 100), round(nums[3] * height / 100)
    else:
        x, y, w, h = (int(n) for n in nums)
    if w <= 0 or h <= 0 or x < 0 or y < 0 or x >= width or y >= height:
        raise ImageRequestError("region")
    return x, y, min(w, width - x), min(h, height - y)


def _size(text: str, rw: int, rh: int) -> tuple[int, int]:
    upscale = text.startswith("^")
    if upscale:
        text = text[1:]
    if text == "max":
        w, h = rw, rh
        if w * h > MAX_AREA or w > MAX_WIDTH or h > MAX_HEIGHT:
            scale = min((MAX_AREA / (w * h)) ** 0.5, MAX_WIDTH / w, MAX_HEIGHT / h)
            w, h = max(1, int(w * scale)), max(1, int(h * scale))
        return w, h
    if text.startswith("pct:"):
        try:
            n = float(text[4:])
        except ValueError as exc:
            raise ImageRequestError("size") from exc
        if n <= 0 or (n > 100 and not upscale):
            raise ImageRequestError("size")
        w, h = max(1, round(rw * n / 100)), max(1, round(rh * n / 100))
    else:
        confined = text.startswith("!")
        m = re.fullmatch(r"(\d*),(\d*)", text[1:] if confined else text)
        if not m or not (m.group(1) or m.group(2)):
            raise ImageRequestError("size")
        bw = int(m.group(1)) if m.group(1) else None
        bh = int(m.group(2)) if m.group(2) else None
        if confined:
            if bw is None or bh is None:
                raise ImageRequestError("size")
            scale = min(bw / rw, bh / rh)
            if not upscale:  # "!w,h": as large as possible but not larger than the region
                scale = min(scale, 1.0)
            w, h = max(1, round(rw * scale)), max(1, round(rh * scale))
        elif bw is not None and bh is not None:
            w, h = bw, bh
        elif bw is not None:
            w, h = bw, max(1, round(rh * bw / rw))
        else:
            assert bh is not None
            w, h = max(1, round(rw * bh / rh)), bh
    if w <= 0 or h <= 0:
        raise ImageRequestError("size")
    if not upscale and (w > rw or h > rh):
        raise ImageRequestError("size")
    if w * h > MAX_AREA or w > MAX_WIDTH or h > MAX_HEIGHT:
        raise ImageRequestError("size")
    return w, h


def parse(
    *, region: str, size: str, rotation: str, quality: str, fmt: str, width: int, height: int
) -> ImageRequest:
    x, y, w, h = _region(region, width, height)
    tw, th = _size(size, w, h)
    mirror = rotation.startswith("!")
    try:
        degrees = float(rotation[1:] if mirror else rotation)
    except ValueError as exc:
        raise ImageRequestError("rotation") from exc
    if degrees not in (0, 90, 180, 270):
        raise ImageRequestError("rotation")
    if quality not in QUALITIES:
        raise ImageRequestError("quality")
    if fmt not in FORMATS:
        raise ImageRequestError("format")
    return ImageRequest((x, y, w, h), (tw, th), int(degrees), mirror, quality, fmt)
