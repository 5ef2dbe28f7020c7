"""Fonts with Vietnamese glyphs for every PDF the system makes (labels, reports).

ReportLab's built-in fonts have no Vietnamese letters; DejaVu Sans (Debian's
fonts-dejavu-core, installed by scripts/install-system-packages.sh) has them all and is
embedded in each PDF, so a report prints the same on any machine."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"


def register_fonts() -> None:
    """Register the two fonts with ReportLab once per process."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_PATH)))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_BOLD_PATH)))
