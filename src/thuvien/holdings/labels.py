"""Spine and barcode labels as a PDF, several per A4 sheet.

Vietnamese libraries print on sheets of self-adhesive labels (3 x 8 and 4 x 10 are the common
A4 layouts). The text is drawn with DejaVu Sans, which has every Vietnamese glyph; the barcode is
Code 128 (reportlab's barcode module), the symbology circulation desks' scanners read. ``skip``
leaves the first labels of the first sheet empty so a half-used sheet can go back in the printer.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from thuvien.catalog.titles import shown_title
from thuvien.core.pdf import FONT, FONT_BOLD, register_fonts


@dataclass(frozen=True)
class SheetLayout:
    columns: int
    rows: int
    margin_x: float = 0.0  # points
    margin_y: float = 0.0

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def label_size(self) -> tuple[float, float]:
        width, height = A4
        return (
            (width - 2 * self.margin_x) / self.columns,
            (height - 2 * self.margin_y) / self.rows,
        )


LAYOUTS: dict[str, SheetLayout] = {
    "3x8": SheetLayout(3, 8),
    "4x10": SheetLayout(4, 10, margin_x=0, margin_y=0),
}


@dataclass(frozen=True)
class LabelData:
    barcode: str
    call_number: str
    title: str
    library_name: str


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Cut ``text`` with an ellipsis so that it fits in ``width`` points."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _draw_spine(c: Canvas, label: LabelData, x: float, y: float, w: float, h: float) -> None:
    pad = 2 * mm
    c.setFont(FONT, 6)
    c.drawCentredString(x + w / 2, y + h - pad - 5, _fit(label.library_name, FONT, 6, w - 2 * pad))
    parts = label.call_number.split() or [label.barcode]
    size = min(14.0, (h - 4 * pad - 6) / max(len(parts), 1) / 1.2)
    line_height = size * 1.2
    top = y + h / 2 + line_height * len(parts) / 2 - size
    c.setFont(FONT_BOLD, size)
    for i, part in enumerate(parts):
        c.drawCentredString(
            x + w / 2, top - i * line_height, _fit(part, FONT_BOLD, size, w - 2 * pad)
        )
    c.setFont(FONT, 6)
    c.drawCentredString(x + w / 2, y + pad, label.barcode)


def _draw_barcode(c: Canvas, label: LabelData, x: float, y: float, w: float, h: float) -> None:
    pad = 2 * mm
    c.setFont(FONT, 6)
    c.drawString(x + pad, y + h - pad - 5, _fit(label.library_name, FONT, 6, w - 2 * pad))
    c.setFont(FONT, 7)
    c.drawString(x + pad, y + h - pad - 13, _fit(label.title, FONT, 7, w - 2 * pad))
    bar_height = max(h - 2 * pad - 26, 6 * mm)
    barcode = Code128(label.barcode, barHeight=bar_height, barWidth=0.33 * mm, quiet=False)
    if barcode.width > w - 2 * pad:  # long barcodes on narrow labels: thinner bars
        barcode = Code128(
            label.barcode,
            barHeight=bar_height,
            barWidth=0.33 * mm * (w - 2 * pad) / barcode.width,
            quiet=False,
        )
    barcode.drawOn(c, x + (w - barcode.width) / 2, y + pad + 9)
    c.setFont(FONT, 8)
    c.drawCentredString(x + w / 2, y + pad + 1, label.barcode)


def labels_pdf(
    labels: Iterable[LabelData], *, kind: str = "spine", layout: str = "3x8", skip: int = 0
) -> bytes:
    """A PDF with one label per item, filling sheets left to right, top to bottom."""
    register_fonts()
    sheet = LAYOUTS[layout]
    w, h = sheet.label_size
    page_h = A4[1]
    draw = _draw_barcode if kind == "barcode" else _draw_spine
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    c.setTitle("Nhãn bản sao")
    slot = max(0, min(skip, sheet.per_page - 1))
    drawn = 0
    for label in labels:
        if slot == sheet.per_page:
            c.showPage()
            slot = 0
        col, row = slot % sheet.columns, slot // sheet.columns
        x = sheet.margin_x + col * w
        y = page_h - sheet.margin_y - (row + 1) * h
        draw(c, label, x, y, w, h)
        slot += 1
        drawn += 1
    if not drawn:
        c.setFont(FONT, 10)
        c.drawString(20 * mm, page_h - 20 * mm, "Không có bản sao nào để in nhãn.")
    c.showPage()
    c.save()
    return buf.getvalue()


def labels_for_items(items: Iterable, *, library_name: str) -> list[LabelData]:
    return [
        LabelData(
            barcode=item.barcode,
            call_number=item.call_number or "",
            title=shown_title(item.record.title),
            library_name=library_name,
        )
        for item in items
    ]
