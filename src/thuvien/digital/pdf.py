"""The downloadable PDF of an object: its pages at 1600 px on the long side, each page the size
of the scan at 300 dpi. Kept beside the other derivatives and rebuilt when the object changes."""

from __future__ import annotations

import io
import os
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from . import derivatives
from .models import DigitalObject, Page
from .rebuild import page_pyramid

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


def object_pdf(obj: DigitalObject) -> Path:
    pages = list(Page.all_objects.filter(obj=obj).order_by("seq").only("seq", "width", "height"))
    folder = derivatives.derivative_dir(library_id=obj.library_id, obj_id=obj.pk)
    stamp = int(obj.updated_at.timestamp())
    target = folder / f"object-{len(pages)}-{stamp}.pdf"
    if target.exists():
        return target
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
