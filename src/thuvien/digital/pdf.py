"""The downloadable PDF of an object: its pages at 1600 px on the long side, each page the size
of the scan at 300 dpi. Kept beside the other derivatives and rebuilt when the object changes.

Drawn from the pages' pyramids. When pyramids are missing (a restore without the derivative
cache) making them again takes about half a second a page from the masters: that is the
worker's job (``object_pdf_task``), never a reader's request (``object_pdf_prepare``)."""

from __future__ import annotations

import io
import os
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from . import derivatives
from .models import DigitalObject, Page
from .rebuild import page_pyramid, pyramids_missing

DPI = 300


def _render(obj: DigitalObject, pages: list[Page], target: Path) -> None:
    tmp = target.with_suffix(".tmp")
    pdf = canvas.Canvas(str(tmp))
    pdf.setTitle(obj.title)
    pdf.setAuthor(obj.library.name_vi)
    for page in pages:
        w_pt, h_pt = page.width * 72 / DPI, page.height * 72 / DPI
        scale = min(1.0, derivatives.PDF_LONG_SIDE / max(page.width, page.height))
        size = (max(1, round(page.width * scale)), max(1, round(page.height * scale)))
        data = derivatives.render_region(
            path=page_pyramid(library_id=obj.library_id, obj_id=obj.pk, seq=page.seq),
            region=(0, 0, page.width, page.height), size=size,
        )
        pdf.setPageSize((w_pt, h_pt))
        pdf.drawImage(ImageReader(io.BytesIO(data)), 0, 0, width=w_pt, height=h_pt)
        pdf.showPage()
    pdf.save()
    os.replace(tmp, target)


def _target(obj: DigitalObject, pages: int) -> Path:
    folder = derivatives.derivative_dir(library_id=obj.library_id, obj_id=obj.pk)
    return folder / f"object-{pages}-{int(obj.updated_at.timestamp())}.pdf"


def object_pdf(obj: DigitalObject) -> Path:
    pages = list(Page.all_objects.filter(obj=obj).order_by("seq").only("seq", "width", "height"))
    target = _target(obj, len(pages))
    if target.exists():
        return target
    folder = target.parent
    _render(obj, pages, target)
    for old in folder.glob("object-*.pdf"):
        if old != target:
            old.unlink(missing_ok=True)
    return target


def pages_pdf(obj: DigitalObject, seqs: list[int], target: Path) -> Path:
    """Only the pages ``seqs`` of ``obj`` (a remote copy), written to ``target``."""
    pages = list(Page.all_objects.filter(obj=obj, seq__in=seqs).order_by("seq")
                 .only("seq", "width", "height"))
    target.parent.mkdir(parents=True, exist_ok=True)
    _render(obj, pages, target)
    return target


# Seconds a reader is asked to wait per page to be made again (Retry-After), and at least.
REBUILD_SECONDS_PER_PAGE = 1
RETRY_AFTER_MIN = 10


def object_pdf_pending(obj: DigitalObject) -> int:
    """0 when the object's PDF can be given now (made, or drawn from pyramids that are all
    there); else the seconds a reader is asked to wait: the missing pyramids and the PDF are
    queued on the worker. ``DerivativeMissing`` when a missing pyramid has no master either."""
    if _target(obj, Page.all_objects.filter(obj=obj).count()).exists():
        return 0
    missing = pyramids_missing(obj=obj)
    if not missing:
        return 0
    from .tasks import object_pdf_task

    object_pdf_task(obj.pk)
    return max(RETRY_AFTER_MIN, len(missing) * REBUILD_SECONDS_PER_PAGE)
