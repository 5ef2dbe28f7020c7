"""Shared set-up of the digital library benchmarks: a fresh data dir and A4 300 dpi pages."""

from __future__ import annotations

import random
from pathlib import Path

from catalog_common import network_and_library, setup_django  # noqa: F401

WORDS = ("Phố Hiến là thương cảng sầm uất bậc nhất Đàng Ngoài thế kỷ mười bảy với chùa "
         "Chuông đền Mẫu văn miếu Xích Đằng nhãn lồng Hưng Yên nổi tiếng khắp nơi").split()


def a4_page(path: Path, seed: int) -> Path:
    """An A4 page at 300 dpi (2480 x 3508) with 40 lines of Vietnamese text."""
    from PIL import Image, ImageDraw, ImageFont

    rng = random.Random(seed)
    image = Image.new("L", (2480, 3508), 245)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 44,
                              layout_engine=ImageFont.Layout.BASIC)
    for line in range(40):
        text = " ".join(rng.choice(WORDS) for _ in range(9))
        draw.text((200, 250 + line * 75), text, font=font, fill=20)
    image.save(path, dpi=(300, 300))
    return path
