"""A receipt (biên lai thu tiền) as a printable PDF, in Vietnamese, with DejaVu's glyphs.

WeasyPrint is not a dependency of the project; ReportLab (which is) draws it. The HTML page of
the same receipt prints as well from the browser."""

from __future__ import annotations

import io

from django.utils import timezone
from reportlab.lib.pagesizes import A5
from reportlab.pdfgen import canvas

from thuvien.core.pdf import FONT, FONT_BOLD, register_fonts

from .models import Receipt


def _vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def receipt_pdf(receipt: Receipt) -> bytes:
    register_fonts()
    out = io.BytesIO()
    width, height = A5
    pdf = canvas.Canvas(out, pagesize=A5)
    pdf.setTitle(f"Biên lai {receipt.number}")
    order = receipt.order
    y = height - 50
    pdf.setFont(FONT_BOLD, 11)
    pdf.drawString(36, y, receipt.library.name_vi)
    y -= 30
    pdf.setFont(FONT_BOLD, 15)
    pdf.drawCentredString(width / 2, y, "BIÊN LAI THU TIỀN")
    y -= 18
    pdf.setFont(FONT, 10)
    pdf.drawCentredString(width / 2, y, f"Số: {receipt.number}")
    y -= 34
    issued = timezone.localtime(receipt.issued_at)
    rows = [
        ("Ngày thu", issued.strftime("%d/%m/%Y %H:%M")),
        ("Bạn đọc (số thẻ)", order.patron.card_number),
        ("Nội dung", order.description),
        ("Số tiền", _vnd(receipt.amount)),
        ("Hình thức", "Thanh toán trực tuyến qua cổng VNPay"),
        ("Mã giao dịch", f"{order.txn_ref} / {order.gateway_txn_no}"),
    ]
    if order.status == "refunded":
        rows.append(("Ghi chú", "Đã hoàn tiền"))
    for label, value in rows:
        pdf.setFont(FONT_BOLD, 10)
        pdf.drawString(36, y, f"{label}:")
        pdf.setFont(FONT, 10)
        text = pdf.beginText(150, y)
        line = ""
        for word in str(value).split():
            if pdf.stringWidth(f"{line} {word}", FONT, 10) > width - 190:
                text.textLine(line)
                line = word
                y -= 14
            else:
                line = f"{line} {word}".strip()
        text.textLine(line)
        pdf.drawText(text)
        y -= 22
    pdf.setFont(FONT, 8)
    pdf.drawString(36, 30, "Biên lai điện tử do hệ thống thư viện lập; không cần chữ ký.")
    pdf.showPage()
    pdf.save()
    return out.getvalue()
