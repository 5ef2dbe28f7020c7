"""Download control: a visible watermark on PDFs and whole-page images of works that are not
in the public domain (the library's name, a mark of the reader, the date) and a daily limit per
reader and object. The images are marked by libvips as they are rendered
(``derivatives.render_region``).

The watermark is stamped with pikepdf over the cached PDF (one overlay per page size, drawn by
ReportLab with DejaVu for the Vietnamese letters), so the pages are rendered once and each
download only adds a thin layer. The reader's mark is a short hash of their card number: the
library can tell whose copy it is, a stranger reading it cannot.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

import pikepdf
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.colors import Color
from reportlab.pdfgen import canvas

from thuvien.core.pdf import FONT, register_fonts
from thuvien.network.settings_registry import setting_get

from .access import is_library_staff
from .errors import DigitalError, DigitalErrorCode
from .models import DigitalObject, ReaderDownload, RightsStatus
from .paid import reader_patron


def needs_watermark(obj: DigitalObject) -> bool:
    return obj.rights_status != RightsStatus.PUBLIC_DOMAIN


def reader_mark(*, user: Any, obj: DigitalObject) -> str:
    """Who the copy was made for, as printed on it: never the card number itself."""
    if not getattr(user, "is_authenticated", False):
        return _("Khách")
    patron = reader_patron(user=user, obj=obj)
    key = patron.card_number if patron is not None else f"user:{user.pk}"
    return _("Bạn đọc %(mark)s") % {"mark": hashlib.sha256(key.encode()).hexdigest()[:10]}


def watermark_text(*, obj: DigitalObject, user: Any) -> str:
    today = timezone.localdate().strftime("%d/%m/%Y")
    return f"{obj.library.name_vi} · {reader_mark(user=user, obj=obj)} · {today}"


# An image answer of the whole page wider or taller than this (the largest thumbnail) is a copy
# of the page: it is marked like the PDF. The viewer's 512 px tiles and the thumbnails are not:
# they are the same for everyone and shared caches keep them.
WHOLE_IMAGE_MARK_ABOVE = 1000


def image_watermark(*, obj: DigitalObject, user: Any, whole_page: bool,
                    size: tuple[int, int]) -> str:
    """What to draw on an image answer of ``obj`` for ``user``: the watermark text, or ""."""
    if not whole_page or max(size) <= WHOLE_IMAGE_MARK_ABOVE or not needs_watermark(obj):
        return ""
    return watermark_text(obj=obj, user=user)


def _overlay(width: float, height: float, text: str) -> bytes:
    register_fonts()
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(width, height))
    size = max(8.0, min(width, height) / 28)
    pdf.setFont(FONT, size)
    pdf.setFillColor(Color(0.55, 0.1, 0.1, alpha=0.35))
    pdf.saveState()
    pdf.translate(width / 2, height / 2)
    pdf.rotate(35)
    pdf.drawCentredString(0, 0, text)
    pdf.restoreState()
    pdf.setFillColor(Color(0.2, 0.2, 0.2, alpha=0.8))
    pdf.setFont(FONT, max(6.0, size * 0.6))
    pdf.drawString(size, size * 0.8, text)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def watermark_pdf(source: Path, text: str) -> bytes:
    """``source`` with ``text`` stamped visibly on every page."""
    overlays: dict[tuple[float, float], pikepdf.Pdf] = {}
    with pikepdf.open(source) as pdf:
        for page in pdf.pages:
            box = page.mediabox
            width, height = float(box[2]) - float(box[0]), float(box[3]) - float(box[1])
            key = (round(width, 1), round(height, 1))
            if key not in overlays:
                overlays[key] = pikepdf.open(io.BytesIO(_overlay(width, height, text)))
            page.add_overlay(overlays[key].pages[0], pikepdf.Rectangle(*map(float, box)))
        pdf.docinfo["/Subject"] = text
        out = io.BytesIO()
        pdf.save(out)
    for overlay in overlays.values():
        overlay.close()
    return out.getvalue()


def download_limit(obj: DigitalObject) -> int:
    """Downloads a reader may make of ``obj`` a day; 0 when there is no limit."""
    if obj.download_limit is not None:
        return int(obj.download_limit)
    return int(setting_get("digital.download_limit_per_day", library=obj.library) or 0)


def download_count(*, obj: DigitalObject, user: Any) -> None:
    """Count one download of ``obj`` by ``user`` today, refusing one past the daily limit.

    Staff of the owning library are not limited. A visitor who is not logged in cannot be
    counted, so an object with a limit asks them to log in (the interface's 401)."""
    limit = download_limit(obj)
    if not limit or is_library_staff(user, obj):
        return
    if not getattr(user, "is_authenticated", False):
        raise DigitalError(DigitalErrorCode.DOWNLOAD_LIMIT,
                           _("Hãy đăng nhập để tải tài liệu này."), login=True)
    today = timezone.localdate()
    with transaction.atomic():
        ReaderDownload.all_objects.get_or_create(
            obj=obj, user=user, day=today, defaults={"library": obj.library})
        row = ReaderDownload.all_objects.select_for_update().get(obj=obj, user=user, day=today)
        if row.count >= limit:
            raise DigitalError(
                DigitalErrorCode.DOWNLOAD_LIMIT,
                _("Bạn đã tải tài liệu này %(n)d lần hôm nay, bằng giới hạn của thư viện. "
                  "Hãy tải lại vào ngày mai.") % {"n": row.count},
            )
        ReaderDownload.all_objects.filter(pk=row.pk).update(count=F("count") + 1)
