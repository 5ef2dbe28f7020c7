"""MARC files uploaded for an import: where they wait, and when they go.

An upload waits under the data directory for its preview and the cataloguer's go-ahead; the
import job removes it when it ends (done or failed), a new upload replaces the same person's
waiting ones, and an hourly sweep removes uploads nobody ran for a few hours (an abandoned
preview), so a library's MARC exports do not pile up on the server's disk.

Uploads are written through Django's storage API (``upload_save``): a ``FileSystemStorage``
on that folder, or the storage configured as ``STORAGES["catalog_uploads"]`` (a volume shared
by the web and worker machines). It must be a storage with local paths: the import's reader
processes read the file by offset, in parallel.
"""

from __future__ import annotations

import logging
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages

logger = logging.getLogger(__name__)

ABANDONED_AFTER = 6 * 3600  # seconds an upload may wait for its go-ahead


def upload_dir() -> Path:
    """The folder of waiting uploads (created on first use)."""
    path = Path(settings.DATA_DIR) / "uploads" / "catalog-import"
    path.mkdir(parents=True, exist_ok=True)
    return path


def upload_storage() -> Storage:
    """The storage waiting uploads are written to (see the module's docstring)."""
    if "catalog_uploads" in settings.STORAGES:
        return storages["catalog_uploads"]
    return FileSystemStorage(location=upload_dir())


def _folder() -> Path:
    """The folder of the upload storage (``upload_dir`` unless another storage is set)."""
    folder = Path(upload_storage().path(""))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def upload_save(upload: File, *, suffix: str) -> Path:
    """Store an uploaded file under a random name ending in ``suffix``; its local path (what
    the preview and the import job read, and ``upload_discard`` removes)."""
    storage = upload_storage()
    name = storage.save(f"{secrets.token_urlsafe(16)}{suffix}", upload)
    return Path(storage.path(name))


def upload_discard(path: str | Path) -> bool:
    """Remove ``path`` if it is an upload (never a file given on the command line)."""
    path = Path(path)
    try:
        if path.resolve().parent != _folder().resolve():
            return False
        path.unlink(missing_ok=True)
    except OSError as exc:
        logger.warning("could not remove an import upload: %s", type(exc).__name__)
        return False
    return True


def uploads_sweep(*, max_age: float = ABANDONED_AFTER, now: float | None = None) -> int:
    """Remove uploads older than ``max_age`` seconds; how many went."""
    cutoff = (time.time() if now is None else now) - max_age
    removed = 0
    for path in _folder().iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except OSError:
            continue  # a file taken by a running import or removed meanwhile
    return removed
