"""After a restore: make again, from the masters, the derivatives a page needs and the restored
installation lacks (a snapshot taken before derivatives were backed up, or one that lost some),
and queue again the OCR of the pages that waited for it (the queue is not in a backup).

A page's pyramid and thumbnails are made exactly as ingest makes them
(``thuvien.digital.derivatives.make_page_derivatives``; the picture of a video or an EPUB by
``thuvien.digital.media.make_media_page``), from the master the page points to now (after a
page replacement, the new one). Cached PDFs are not made here: the PDF view makes them on the
first download, from the pyramids.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from thuvien.digital import derivatives, media
from thuvien.digital.models import Page

log = logging.getLogger(__name__)


def pages_missing_derivatives() -> list[Page]:
    """Pages with an image (not a recording without a picture) whose pyramid is not on disk."""
    pages = (
        Page.all_objects.filter(derivative_ready=True)
        .exclude(media="audio")
        .select_related("file", "obj")
        .order_by("obj_id", "seq")
    )
    return [
        p
        for p in pages.iterator(chunk_size=2000)
        if not derivatives.pyramid_path(
            library_id=p.library_id, obj_id=p.obj_id, seq=p.seq
        ).is_file()
    ]


def derivatives_rebuild(
    pages: list[Page], *, progress: Callable[[int, int], None] | None = None
) -> dict[str, Any]:
    """Make the pyramid and thumbnails of each page from its master. A page whose master cannot
    be read (missing from the storage, damaged) is listed, not fatal: the others are made."""
    done, failed = 0, []
    for n, page in enumerate(pages, 1):
        dfile = page.file
        try:
            with derivatives.master_local_path(dfile.storage_name) as local:
                if dfile.kind in media.MEDIA_KINDS:
                    media.make_media_page(
                        master=local, kind=dfile.kind, title=page.obj.title,
                        library_id=page.library_id, obj_id=page.obj_id, seq=page.seq,
                    )  # fmt: skip
                else:
                    derivatives.make_page_derivatives(
                        master=local, file_page=page.file_page, is_pdf=dfile.kind == "pdf",
                        library_id=page.library_id, obj_id=page.obj_id, seq=page.seq,
                    )  # fmt: skip
            done += 1
        except Exception as exc:  # libvips, ffmpeg and storage errors alike: report, go on
            log.warning("derivatives of page %s of object %s: %s", page.seq, page.obj_id, exc)
            failed.append(f"{page.obj_id}/{page.seq}: {type(exc).__name__}: {exc}"[:300])
        if progress is not None:
            progress(n, len(pages))
    return {"rebuilt": done, "failed": failed}


def ocr_requeue_pending() -> int:
    """Queue the OCR of every page still waiting for it: its task was in the queue of the
    installation the backup was taken from. Returns how many pages were queued."""
    from thuvien.digital.tasks import ocr_page_task

    pending = (
        Page.all_objects.filter(ocr_status=Page.OcrStatus.PENDING)
        .exclude(obj__ocr_language="")
        .values_list("pk", "obj__ocr_language")
        .order_by("pk")
    )
    count = 0
    for page_id, language in pending.iterator(chunk_size=2000):
        ocr_page_task(page_id, language)
        count += 1
    return count
