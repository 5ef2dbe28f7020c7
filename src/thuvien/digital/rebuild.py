"""A page's pyramid made again from its master when it is missing.

The pyramids and thumbnails under ``DATA_DIR/digital`` are a cache of the masters (which are on
the storage API): a restore without them, a lost or cleaned cache disk, leaves pages whose
tiles and PDF cannot be drawn. Whoever draws a page asks here for its pyramid; a missing one is
rebuilt from the master on the spot (about a second for a 300 dpi page) and the event logged.
Only when the master itself is gone (or the page is a recording, which has no pyramid) is the
answer ``DerivativeMissing``, which interfaces turn into a clear message, never a 500.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from django.utils.translation import gettext as _

from . import derivatives
from .errors import DigitalError, DigitalErrorCode
from .models import DigitalObject, Page
from .storage import masters_storage

log = logging.getLogger(__name__)

_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


class DerivativeMissing(DigitalError):
    """The page's image cannot be drawn: no pyramid and no master to make it from."""

    http_status = 404


def _lock(path: Path) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(str(path), threading.Lock())


def _missing(seq: int) -> DerivativeMissing:
    return DerivativeMissing(
        DigitalErrorCode.DERIVATIVE_MISSING,
        _("Ảnh của trang %(seq)s chưa có trên máy chủ và không có tệp gốc để tạo lại.")
        % {"seq": seq},
        seq=seq,
    )


def pyramids_missing(*, obj: DigitalObject) -> list[int]:
    """The pages of ``obj`` (image pages, in order) whose pyramid is missing but can be made
    again from their master: a file check per page, no image work. ``DerivativeMissing`` when
    one of them has no master either."""
    missing = []
    pages = (
        Page.all_objects.filter(obj=obj, media="").select_related("file").order_by("seq")
        .only("seq", "file__storage_name")
    )
    masters = masters_storage()
    for page in pages:
        path = derivatives.pyramid_path(library_id=obj.library_id, obj_id=obj.pk, seq=page.seq)
        if path.exists():
            continue
        if page.file is None or not masters.exists(page.file.storage_name):
            raise _missing(page.seq)
        missing.append(page.seq)
    return missing


def page_pyramid(*, library_id: int, obj_id: int, seq: int) -> Path:
    """The pyramid of page ``seq`` of object ``obj_id``, rebuilt from its master if missing."""
    path = derivatives.pyramid_path(library_id=library_id, obj_id=obj_id, seq=seq)
    if path.exists():
        return path
    with _lock(path):  # tiles of one page come in together: one rebuild in this process
        if path.exists():
            return path
        page = (
            Page.all_objects.filter(obj_id=obj_id, seq=seq)
            .select_related("file")
            .only("seq", "file_page", "media", "file__storage_name", "file__kind")
            .first()
        )
        missing = _missing(seq)
        if page is None or page.file is None or page.media:
            raise missing
        try:
            with derivatives.master_local_path(page.file.storage_name) as local:
                derivatives.make_page_derivatives(
                    master=local,
                    file_page=page.file_page,
                    is_pdf=page.file.kind == "pdf",
                    library_id=library_id,
                    obj_id=obj_id,
                    seq=seq,
                )
        except (OSError, derivatives.pyvips.Error) as exc:
            log.error(
                "digital: page %s of object %s has no pyramid and its master %s cannot be read: %s",
                seq,
                obj_id,
                page.file.storage_name,
                exc,
            )
            raise missing from exc
    log.warning(
        "digital: the pyramid of page %s of object %s was missing; rebuilt from %s",
        seq,
        obj_id,
        page.file.storage_name,
    )
    return path
