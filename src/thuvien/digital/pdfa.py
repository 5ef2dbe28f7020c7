"""The downloadable PDF/A of an object, with its text layer, made by the worker.

The pages are drawn from the pyramids (as ``pdf.object_pdf`` does) with the object's own OCR
words laid over them as invisible text at their boxes, so what staff corrected is what a reader
copies and searches; a page whose words have no boxes gets its text as invisible lines. ocrmypdf
then makes it PDF/A-2b through Ghostscript (``skip_text``: pages that have text are not OCR'd
again; a page without any is OCR'd with the object's language). The result is cached beside the
other derivatives under a key of the object's state and checked before it is kept: the PDF/A
identification in its XMP metadata (pikepdf) and the text that ``pdftotext`` extracts.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from . import derivatives
from .models import DigitalObject, Page
from .rebuild import page_pyramid

log = logging.getLogger(__name__)

DPI = 300
FONT_NAME = "ThuvienDejaVuSans"
FONT_FILE = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
OCR_LANGUAGES = {"vie", "eng", "fra", "chi_tra"}
# ocrmypdf's own PDF/A writer (pikepdf): Debian 12's Ghostscript 10.0.0 is one ocrmypdf refuses
# with ``skip_text`` (it corrupts PDFs that already have text).
PDFA_BACKEND = "internal"


class PdfaError(Exception):
    """The PDF/A could not be made or did not pass its check."""


@dataclass(frozen=True)
class PdfaCheck:
    part: str
    conformance: str
    pages: int
    text: str

    @property
    def is_pdfa(self) -> bool:
        return self.part in {"1", "2", "3"} and self.conformance.upper() in {"A", "B", "U"}


def _pages(obj: DigitalObject) -> list[Page]:
    return list(Page.all_objects.filter(obj=obj).order_by("seq")
                .only("seq", "width", "height", "text", "words", "obj_id"))


def _key(obj: DigitalObject, pages: list[Page]) -> str:
    digest = hashlib.sha256(f"{obj.pk}:{obj.updated_at.isoformat()}".encode())
    for p in pages:
        digest.update(f"|{p.seq}:{p.width}x{p.height}:".encode())
        digest.update(p.text.encode())
    return digest.hexdigest()[:16]


def pdfa_path(obj: DigitalObject) -> Path:
    """Where the PDF/A of the object as it is now is (or will be) kept."""
    folder = derivatives.derivative_dir(library_id=obj.library_id, obj_id=obj.pk)
    return folder / f"pdfa-{_key(obj, _pages(obj))}.pdf"


def pdfa_ready(obj: DigitalObject) -> Path | None:
    path = pdfa_path(obj)
    return path if path.exists() else None


def _font() -> str:
    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_NAME, FONT_FILE))
    return FONT_NAME


def _text_layer(pdf: canvas.Canvas, page: Page, h_pt: float) -> None:
    scale = 72 / DPI
    font = _font()
    boxed = [w for w in (page.words or []) if len(w) >= 5 and str(w[0]).strip()]
    # corrected text may hold words that have no box: then the text goes in as lines
    if boxed and set((page.text or "").split()) <= {str(w[0]) for w in boxed}:
        for word, x, y, w, h in (b[:5] for b in boxed):
            size = max(1.0, float(h) * scale)
            text = pdf.beginText()
            text.setTextRenderMode(3)  # invisible: found, selected and copied, not drawn
            text.setFont(font, size)
            natural = pdfmetrics.stringWidth(str(word), font, size) or 1.0
            text.setHorizScale(100 * float(w) * scale / natural)
            text.setTextOrigin(float(x) * scale, h_pt - (float(y) + float(h)) * scale)
            text.textOut(str(word))
            pdf.drawText(text)
        return
    lines = [ln for ln in (page.text or "").splitlines() if ln.strip()]
    if not lines:
        return
    size = 10.0
    text = pdf.beginText()
    text.setTextRenderMode(3)
    text.setFont(font, size)
    text.setTextOrigin(18, h_pt - 24)
    for line in lines:
        text.textLine(line)
    pdf.drawText(text)


def _image_pdf(obj: DigitalObject, pages: list[Page], target: Path) -> None:
    # the initial font is the embedded one: reportlab's default Helvetica is not embedded
    pdf = canvas.Canvas(str(target), initialFontName=_font(), initialFontSize=10)
    pdf.setTitle(obj.title)
    pdf.setAuthor(obj.library.name_vi)
    pdf.setSubject(obj.title)
    for page in pages:
        w_pt, h_pt = page.width * 72 / DPI, page.height * 72 / DPI
        fit = min(1.0, derivatives.PDF_LONG_SIDE / max(page.width, page.height))
        size = (max(1, round(page.width * fit)), max(1, round(page.height * fit)))
        data = derivatives.render_region(
            path=page_pyramid(library_id=obj.library_id, obj_id=obj.pk, seq=page.seq),
            region=(0, 0, page.width, page.height), size=size)
        pdf.setPageSize((w_pt, h_pt))
        pdf.drawImage(ImageReader(io.BytesIO(data)), 0, 0, width=w_pt, height=h_pt)
        _text_layer(pdf, page, h_pt)
        pdf.showPage()
    pdf.save()
    _strip_transitions(target)


def _strip_transitions(path: Path) -> None:
    """reportlab writes an empty page transition (/Trans) on every page; PDF/A does not need
    it and ocrmypdf's PDF/A writer cannot vouch for it, so it goes."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            if "/Trans" in page.obj:
                del page.obj["/Trans"]
        pdf.save(path)


def pdfa_check(path: Path) -> PdfaCheck:
    """PDF/A identification from the XMP metadata, page count, and the extracted text."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        part = str(meta.get("pdfaid:part", "") or "")
        conformance = str(meta.get("pdfaid:conformance", "") or "")
        pages = len(pdf.pages)
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                            capture_output=True, timeout=300, check=False)
    return PdfaCheck(part, conformance, pages, result.stdout.decode("utf-8", "replace"))


def pdfa_build(obj: DigitalObject) -> Path:
    """Make (or find) the PDF/A of ``obj``; the worker calls it. Raises ``PdfaError``."""
    import ocrmypdf

    pages = _pages(obj)
    if not pages:
        raise PdfaError("object has no pages")
    folder = derivatives.derivative_dir(library_id=obj.library_id, obj_id=obj.pk)
    target = folder / f"pdfa-{_key(obj, pages)}.pdf"
    if target.exists():
        return target
    language = [lang for lang in (obj.ocr_language or obj.language or "vie").split("+")
                if lang in OCR_LANGUAGES] or ["vie"]
    with tempfile.TemporaryDirectory(prefix="thuvien-pdfa-", dir=folder) as tmp:
        source = Path(tmp) / "pages.pdf"
        output = Path(tmp) / "pdfa.pdf"
        _image_pdf(obj, pages, source)
        env_threads = os.environ.get("OMP_THREAD_LIMIT")
        os.environ["OMP_THREAD_LIMIT"] = "1"
        try:
            code = ocrmypdf.ocr(
                source, output, language=language, skip_text=True, output_type="pdfa-2",
                pdfa_backend=PDFA_BACKEND,
                optimize=0, jobs=1, progress_bar=False, title=obj.title,
                author=obj.library.name_vi,
            )
        except Exception as exc:  # ocrmypdf's own exceptions: the message says what failed
            raise PdfaError(str(exc)) from exc
        finally:
            if env_threads is None:
                os.environ.pop("OMP_THREAD_LIMIT", None)
            else:
                os.environ["OMP_THREAD_LIMIT"] = env_threads
        if int(code) != 0:
            raise PdfaError(f"ocrmypdf exit code {int(code)}")
        check = pdfa_check(output)
        if not check.is_pdfa or check.pages != len(pages):
            raise PdfaError(f"not PDF/A: part={check.part!r} conformance={check.conformance!r}")
        os.replace(output, target)
    for old in folder.glob("pdfa-*.pdf"):
        if old != target:
            old.unlink(missing_ok=True)
    log.info("PDF/A of object %s made: %s pages", obj.pk, len(pages))
    return target
