"""Where the digital library keeps files.

Masters (what was received, screened and checksummed) are written and read only through
``masters_storage()``, the storage named ``"masters"`` in ``STORAGES``: a ``FileSystemStorage``
under ``MEDIA_ROOT`` by default, an S3-compatible object store in production
(``THUVIEN_MASTERS_STORAGE``, docs/operations.md). Nothing here assumes a local path: code that
needs one (libvips, pdftotext) asks ``derivatives.master_local_path``, which copies an object
store's file to a temporary file.

Uploads waiting for their ingest job are another matter: they are not screened yet, so they
never go to the masters' storage. ``upload_storage()`` keeps them in a folder the web and
worker processes share (``STORAGES["digital_uploads"]`` when set, a volume every machine
mounts; it must have local paths, the screening and the planning read them as files), with
their names as sent (a metadata sheet names its files).
"""

from __future__ import annotations

import logging
import secrets
import shutil
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages

log = logging.getLogger(__name__)


def masters_storage() -> Storage:
    """The storage of masters (``STORAGES["masters"]``)."""
    return storages["masters"]


class _NamesAsSent(FileSystemStorage):
    """Keeps a file's name as the person sent it (NFC, no folders): the sheet of a batch names
    its files, and their order is the pages' order."""

    def get_valid_name(self, name: str) -> str:
        return Path(unicodedata.normalize("NFC", name)).name[:200] or "tep"


def upload_storage() -> FileSystemStorage:
    """The storage of uploads waiting for their ingest (see the module's docstring)."""
    if "digital_uploads" in settings.STORAGES:
        configured = storages["digital_uploads"]
        if not isinstance(configured, FileSystemStorage):
            raise TypeError("STORAGES['digital_uploads'] must be a FileSystemStorage")
        location = configured.location
    else:
        location = str(Path(settings.DATA_DIR) / "uploads" / "digital")
    return _NamesAsSent(location=location)


def upload_batch_save(files: Iterable[File]) -> Path:
    """Keep uploaded files together in a new folder of the upload storage; its local path."""
    storage = upload_storage()
    batch = secrets.token_hex(8)
    for upload in files:
        name = storage.get_valid_name(upload.name or "tep")
        storage.save(f"{batch}/{name}", upload)
    folder = Path(storage.path(batch))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def upload_batch_discard(folder: str | Path) -> bool:
    """Remove a folder ``upload_batch_save`` made (never a path given on the command line)."""
    folder = Path(folder)
    root = Path(upload_storage().path("")).resolve()
    try:
        if folder.resolve().parent != root:
            return False
        shutil.rmtree(folder)
    except OSError as exc:
        log.warning("could not remove a digital upload: %s", type(exc).__name__)
        return False
    return True
