"""``screen_upload``: the one door every file goes through before it is kept or read.

Call it on a file already on local disk (the temporary upload) and BEFORE opening the
transaction that keeps the file: a refusal writes its quarantine row and audit entry in a
transaction of its own, which an enclosing ``atomic`` block would roll back with the caller's
work.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thuvien.core.audit import audit_record

from . import checks
from .clamav import ClamdUnavailable, scan_file
from .errors import ScreeningErrorCode as E
from .errors import ScreeningRefused
from .models import QuarantinedFile

log = logging.getLogger(__name__)

QUARANTINE_PREFIX = "quarantine"


@dataclass(frozen=True)
class ScreeningResult:
    mime: str
    kind: str
    size: int
    sha256: str
    antivirus: str  # "clean", or "not_run" (the reason is in ``checks``)
    checks: tuple[str, ...]
    screened_at: datetime


def _limits() -> checks.Limits:
    return checks.Limits(
        max_pixels=settings.THUVIEN_SCREEN_MAX_PIXELS,
        zip_max_entries=settings.THUVIEN_SCREEN_ZIP_MAX_ENTRIES,
        zip_max_total=settings.THUVIEN_SCREEN_ZIP_MAX_BYTES,
        zip_max_ratio=settings.THUVIEN_SCREEN_ZIP_MAX_RATIO,
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


KIND_LABELS = {
    "image": gettext_lazy("ảnh"),
    "pdf": "PDF",
    "audio": gettext_lazy("âm thanh"),
    "video": "video",
    "epub": "EPUB",
    "zip": "ZIP",
    "marc": "MARC (ISO 2709)",
    "xml": "XML",
    "json": "JSON",
    "csv": "CSV",
    "text": gettext_lazy("văn bản"),
    "office": gettext_lazy("tài liệu văn phòng"),
}


def _antivirus(path: Path, found_checks: list[str]) -> str:
    socket_path = settings.THUVIEN_CLAMD_SOCKET
    try:
        verdict = scan_file(path, socket_path=socket_path, timeout=settings.THUVIEN_CLAMD_TIMEOUT)
    except ClamdUnavailable as exc:
        if settings.THUVIEN_CLAMAV_REQUIRED:
            log.error("screening: clamd unavailable, upload refused: %s", exc)
            raise ScreeningRefused(
                E.ANTIVIRUS_UNAVAILABLE,
                _(
                    "Chưa kiểm tra được virus vì dịch vụ quét virus đang không chạy; tệp chưa "
                    "được nhận. Hãy thử lại sau hoặc báo quản trị hệ thống."
                ),
                details={"error": str(exc)[:300]},
            ) from exc
        log.warning("screening: clamd unavailable, antivirus not run: %s", exc)
        found_checks.append("antivirus_not_run:clamd_unavailable")
        return "not_run"
    if not verdict.clean:
        raise ScreeningRefused(
            E.MALWARE,
            _("Tệp có mã độc (%(name)s), không được nhận.") % {"name": verdict.signature},
            details={"signature": verdict.signature},
        )
    found_checks.append("antivirus")
    return "clean"


def _screen(
    path: Path, *, allowed_kinds: frozenset[str], max_bytes: int | None, facts: dict[str, Any]
) -> ScreeningResult:
    size = path.stat().st_size
    facts["size"] = size
    if size == 0:
        raise ScreeningRefused(E.EMPTY, _("Tệp rỗng."))
    if max_bytes is not None and size > max_bytes:
        raise ScreeningRefused(
            E.TOO_LARGE,
            _("Tệp quá lớn: %(size)s MB, tối đa %(max)s MB.")
            % {"size": _mb(size), "max": _mb(max_bytes)},
            details={"size": size, "max_bytes": max_bytes},
        )
    facts["sha256"] = _sha256(path)
    mime = checks.detect_mime(path)
    facts["mime"] = mime
    found: list[str] = ["size", "type"]
    antivirus = _antivirus(path, found)
    kind = checks.kind_of(path, mime)
    if kind not in allowed_kinds:
        allowed = ", ".join(sorted(str(KIND_LABELS.get(k, k)) for k in allowed_kinds))
        raise ScreeningRefused(
            E.TYPE_NOT_ALLOWED,
            _("Nội dung tệp là %(found)s, không phải loại được nhận ở đây (%(allowed)s).")
            % {"found": str(KIND_LABELS.get(kind, mime)) if kind else mime, "allowed": allowed},
            details={"mime": mime, "kind": kind, "allowed": sorted(allowed_kinds)},
        )
    limits = _limits()
    if kind == "image":
        found += checks.check_image(path, limits)
    elif kind == "pdf":
        found += checks.check_pdf(path)
    elif kind == "office":
        found += checks.check_office(path, mime, limits)
    elif kind in ("zip", "epub"):
        found += checks.check_zip(path, limits)
    return ScreeningResult(
        mime=mime,
        kind=kind,
        size=size,
        sha256=facts["sha256"],
        antivirus=antivirus,
        checks=tuple(found),
        screened_at=timezone.now(),
    )


def _mb(value: int) -> str:
    return f"{value / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def screen_upload(
    path: Path,
    *,
    purpose: str,
    declared_name: str,
    allowed_kinds: frozenset[str],
    max_bytes: int | None = None,
    library_id: int | None = None,
    actor_id: int | None = None,
) -> ScreeningResult:
    """Screen ``path`` (never modified); raise ``ScreeningRefused`` after quarantining it.

    The type is decided by the content; ``declared_name`` is only reported. ``antivirus`` is
    "clean", or "not_run" when clamd is down and ``THUVIEN_CLAMAV_REQUIRED`` is off.
    """
    path = Path(path)
    unknown = set(allowed_kinds) - checks.KINDS
    if unknown:
        raise ValueError(f"unknown kinds: {sorted(unknown)}")
    facts: dict[str, Any] = {}
    try:
        return _screen(path, allowed_kinds=allowed_kinds, max_bytes=max_bytes, facts=facts)
    except ScreeningRefused as refusal:
        quarantine_add(
            path=path,
            refusal=refusal,
            purpose=purpose,
            declared_name=declared_name,
            facts=facts,
            library_id=library_id,
            actor_id=actor_id,
        )
        raise


def quarantine_add(
    *,
    path: Path,
    refusal: ScreeningRefused,
    purpose: str,
    declared_name: str,
    facts: dict[str, Any],
    library_id: int | None,
    actor_id: int | None,
) -> QuarantinedFile:
    """Keep a refused file aside (storage API, ``quarantine/``), with its row and audit entry."""
    size = facts.get("size")
    if size is None:
        size = path.stat().st_size
    sha256 = facts.get("sha256") or (
        _sha256(path) if size <= settings.THUVIEN_QUARANTINE_MAX_BYTES else ""
    )
    stored_name = ""
    if 0 < size <= settings.THUVIEN_QUARANTINE_MAX_BYTES:
        now = timezone.now()
        name = f"{QUARANTINE_PREFIX}/{now:%Y/%m}/{sha256[:16]}-{uuid.uuid4().hex[:8]}.bin"
        with path.open("rb") as stream:
            stored_name = default_storage.save(name, File(stream))
    try:
        with transaction.atomic():
            row = QuarantinedFile.objects.create(
                purpose=purpose[:40],
                declared_name=declared_name[:255],
                mime=str(facts.get("mime", ""))[:120],
                size=size,
                sha256=sha256,
                code=refusal.code,
                reason=refusal.message,
                details=_jsonable(refusal.details),
                stored_name=stored_name,
                library_id=library_id,
                actor_id=actor_id,
            )
            audit_record(
                actor=row.actor,
                action="screening.upload.refused",
                obj=row,
                library=row.library,
                changes={
                    "code": refusal.code,
                    "purpose": purpose,
                    "sha256": sha256,
                    "details": _jsonable(refusal.details),
                },
            )
    except Exception:
        if stored_name:
            default_storage.delete(stored_name)
        raise
    log.warning(
        "screening: refused %s upload sha256=%s code=%s quarantine=%s",
        purpose,
        sha256,
        refusal.code,
        row.pk,
    )
    return row


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def quarantine_copy_to(*, row: QuarantinedFile, out: Path) -> None:
    """Copy a quarantined file out (for the person investigating), from the storage API."""
    with default_storage.open(row.stored_name, "rb") as src, out.open("wb") as dst:
        shutil.copyfileobj(src, dst)
