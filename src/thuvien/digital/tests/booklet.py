"""Scanned-looking page images with Vietnamese text (Pillow, DejaVu fonts, 300 dpi)."""

from __future__ import annotations

import csv
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"

PAGES = [
    "Địa chí Hưng Yên\nPhố Hiến xưa\nTài liệu địa phương",
    "Phố Hiến là thương cảng\nsầm uất bậc nhất\nĐàng Ngoài thế kỷ XVII.",
    "Chùa Chuông nổi tiếng\nvới kiến trúc cổ kính\nvà lễ hội mùa xuân.",
]


def page_image(text: str, path: Path, *, size: tuple[int, int] = (1240, 1754),
               font_size: int = 64) -> Path:
    """One page (A6 at 300 dpi by default), black serif text on off-white paper."""
    image = Image.new("RGB", size, (250, 248, 240))
    draw = ImageDraw.Draw(image)
    # BASIC layout: with libvips loaded (its system HarfBuzz), Raqm measured lines wrongly.
    font = ImageFont.truetype(FONT, font_size, layout_engine=ImageFont.Layout.BASIC)
    y = 180
    for line in text.splitlines():
        draw.text((110, y), line, font=font, fill=(20, 20, 20))
        y += int(font_size * 1.6)
    image.save(path, dpi=(300, 300))
    return path


def booklet_folder(folder: Path, *, pages: list[str] | None = None, title: str = "Phố Hiến xưa",
                   fmt: str = "png", csv_rows: dict[str, str] | None = None) -> Path:
    """A folder of page images plus a metadata CSV (one row for the object)."""
    folder.mkdir(parents=True, exist_ok=True)
    scans = folder / "scans"
    scans.mkdir(exist_ok=True)
    for n, text in enumerate(pages or PAGES, start=1):
        page_image(text, scans / f"trang-{n:03d}.{fmt}")
    row = {"folder": "scans", "title": title, "creator": "Sở Văn hóa Hưng Yên",
           "date": "1998", "subject": "Hưng Yên|Phố Hiến", "rights_status": "public_domain",
           **(csv_rows or {})}
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    return folder
