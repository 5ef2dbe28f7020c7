"""The printable reader card: a PDF the size of a bank card (85.6 x 54 mm) with a Code 128
barcode of the card number and a QR code, in DejaVu Sans so that Vietnamese prints right."""

from __future__ import annotations

import io
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode import createBarcodeDrawing
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from thuvien.core.pdf import FONT, FONT_BOLD, register_fonts

CARD_SIZE = (85.6 * mm, 54 * mm)


def card_pdf(*, patron: Any) -> bytes:
    """One card per page; the library prints it on card stock or a PVC printer."""
    register_fonts()
    regular, bold = FONT, FONT_BOLD
    buf = io.BytesIO()
    width, height = CARD_SIZE
    pdf = canvas.Canvas(buf, pagesize=CARD_SIZE)
    pdf.setTitle(f"The ban doc {patron.card_number}")
    pdf.setFont(bold, 8)
    pdf.drawString(4 * mm, height - 6 * mm, patron.library.name_vi[:48])
    pdf.setFont(regular, 6.5)
    pdf.drawString(4 * mm, height - 10 * mm, "THẺ BẠN ĐỌC · LIBRARY CARD")
    pdf.setFont(bold, 10)
    pdf.drawString(4 * mm, height - 17 * mm, patron.full_name[:34])
    pdf.setFont(regular, 7)
    pdf.drawString(4 * mm, height - 22 * mm, f"{patron.category.name_vi}")
    pdf.drawString(4 * mm, height - 26 * mm, f"Hạn thẻ / Expires: {patron.expires_on:%d/%m/%Y}")
    barcode = createBarcodeDrawing(
        "Code128", value=patron.card_number, barHeight=10 * mm, barWidth=0.8, humanReadable=True
    )
    renderPDF.draw(barcode, pdf, 3 * mm, 4 * mm)
    qr = createBarcodeDrawing("QR", value=patron.card_number, width=20 * mm, height=20 * mm)
    renderPDF.draw(qr, pdf, width - 23 * mm, height - 30 * mm)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()
