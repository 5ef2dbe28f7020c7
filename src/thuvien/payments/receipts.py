"""A receipt (biên lai thu tiền) as a printable PDF with DejaVu's glyphs, in the reader's language
(Vietnamese by default; in English the Vietnamese title stays above, as the legal name).

WeasyPrint is not a dependency of the project; ReportLab (which is) draws it. The HTML page of
the same receipt prints as well from the browser."""

from __future__ import annotations

import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A5
from reportlab.pdfgen import canvas

from thuvien.core.pdf import FONT, FONT_BOLD, register_fonts

from .models import Receipt


def _vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " " + _("đồng")


def receipt_pdf(receipt: Receipt) -> bytes:
    register_fonts()
    out = io.BytesIO()
    width, height = A5
    pdf = canvas.Canvas(out, pagesize=A5)
    pdf.setTitle(_("Biên lai %(number)s") % {"number": receipt.number})
    order = receipt.order
    y = height - 50
    pdf.setFont(FONT_BOLD, 11)
    pdf.drawString(36, y, receipt.library.name_vi)  # the legal name, in every language
    y -= 30
    pdf.setFont(FONT_BOLD, 15)
    pdf.drawCentredString(width / 2, y, "BIÊN LAI THU TIỀN")
    if not (translation.get_language() or "vi").startswith("vi"):
        y -= 16
        pdf.setFont(FONT_BOLD, 11)
        pdf.drawCentredString(width / 2, y, _("BIÊN LAI THU TIỀN"))
    y -= 18
    pdf.setFont(FONT, 10)
    pdf.drawCentredString(width / 2, y, _("Số: %(number)s") % {"number": receipt.number})
    y -= 34
    issued = timezone.localtime(receipt.issued_at)
    rows = [
        (_("Ngày thu"), issued.strftime("%d/%m/%Y %H:%M")),
        (_("Bạn đọc (số thẻ)"), order.patron.card_number),
        (_("Nội dung"), order.description),
        (_("Số tiền"), _vnd(receipt.amount)),
        (_("Hình thức"), _("Thanh toán trực tuyến qua cổng VNPay")),
        (_("Mã giao dịch"), f"{order.txn_ref} / {order.gateway_txn_no}"),
    ]
    if order.status == "refunded":
        rows.append((_("Ghi chú"), _("Đã hoàn tiền")))
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
    pdf.drawString(36, 30, _("Biên lai điện tử do hệ thống thư viện lập; không cần chữ ký."))
    pdf.showPage()
    pdf.save()
    return out.getvalue()
