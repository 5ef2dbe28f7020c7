"""Writes of the digital library: ingest, publication, page text, fixity, usage counts.

Ingest works object by object and file by file, each file in its own transaction: a job killed
in the middle leaves an object marked ``ingest_complete=False`` (invisible everywhere) whose
finished files are kept; a rerun finds it by its ingest key and continues with the rest.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import logging
import re
import shutil
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import F, TextChoices
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.core.outbox import outbox_add
from thuvien.network.models import Library

from . import derivatives, media
from .errors import (
    ALREADY_INGESTED,
    DUPLICATE_OF_DISCARDED_ROW,
    DUPLICATE_OF_ROW,
    DigitalError,
    DigitalErrorCode,
)
from .harvest_state import embargo_lifted_touch, harvest_open, harvest_state_follow
from .models import (
    AccessLevel,
    Collection,
    DigitalFile,
    DigitalObject,
    FileEvent,
    ObjectType,
    Page,
    RightsStatus,
    UsageCount,
)
from .storage import masters_storage

if TYPE_CHECKING:
    from thuvien.accounts.models import User
    from thuvien.screening.services import ScreeningResult

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = {".tif", ".tiff", ".jpg", ".jpeg", ".jp2", ".j2k", ".png"}
PDF_SUFFIXES = {".pdf"}
# recordings and EPUBs: see ``media`` (one time-based canvas, or a download with its cover)
ALLOWED_KINDS = frozenset({"image", "pdf", "audio", "video", "epub"})
OBJECT_TOPIC = "digital.object"
PAGES_TOPIC = "digital.pages"  # the search app's page index (search.fulltext)

# CSV columns (one row per object) and the Dublin Core terms they fill.
DC_COLUMNS = {
    "creator": "dcterms:creator",
    "contributor": "dcterms:contributor",
    "date": "dcterms:date",
    "subject": "dcterms:subject",
    "description": "dcterms:description",
    "publisher": "dcterms:publisher",
    "coverage": "dcterms:spatial",
    "source": "dcterms:source",
    "identifier": "dcterms:identifier",
    "type": "dcterms:type",
    "format": "dcterms:format",
    "relation": "dcterms:relation",
    "rights": "dcterms:rights",
}


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value or "").strip()


def _natural_key(path: Path) -> list[Any]:
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", path.name)]


@dataclass
class ObjectPlan:
    """What one object will be made of: its files in order and its metadata."""

    source: str
    files: list[Path]
    title: str = ""
    metadata: dict[str, str] = field(default_factory=dict)
    row: str = ""  # where it was described: "metadata.csv:3" (the sheet's line), or the source
    record_id: int | None = None  # the catalogue record it is linked to (``record_resolve``)

    @property
    def where(self) -> str:
        return self.row or self.source


@dataclass
class IngestReport:
    objects: list[int] = field(default_factory=list)
    pages: int = 0
    skipped: int = 0
    refused: list[dict[str, str]] = field(default_factory=list)
    # rows (objects) not ingested because their files are those of another object: the row,
    # the object that has them, and why, for people ("duplicates": the same files twice in the
    # batch, or files an earlier batch already made an object of)
    duplicates: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "objects": self.objects,
            "pages": self.pages,
            "skipped": self.skipped,
            "refused": self.refused,
            "duplicates": self.duplicates,
        }

    def summary(self) -> list[str]:
        """The report in sentences for people, in the active language."""
        lines = [_("Đã tiếp nhận %(objects)s tài liệu số, %(pages)s trang.")
                 % {"objects": len(self.objects) - self.skipped, "pages": self.pages}]
        lines += [duplicate_text(d) for d in self.duplicates]
        lines += [_("Tệp bị từ chối %(file)s: %(reason)s") % r for r in self.refused]
        return lines


def duplicate_text(entry: dict[str, Any]) -> str:
    """One skipped row in a sentence of the active language (``IngestReport.duplicates``)."""
    if entry["kind"] == "batch":
        msgid = DUPLICATE_OF_ROW if entry.get("object") else DUPLICATE_OF_DISCARDED_ROW
    else:
        msgid = ALREADY_INGESTED
    return _(msgid) % entry


# --- planning ---------------------------------------------------------------------------------


def _media_files(folder: Path) -> list[Path]:
    return sorted(
        (
            p
            for p in folder.iterdir()
            if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES | PDF_SUFFIXES | media.SUFFIXES
        ),
        key=_natural_key,
    )


def _extract_zip(path: Path, into: Path, report: IngestReport) -> Path | None:
    """Unpack a ZIP (no paths outside the folder, no links); None when it is not a ZIP."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        report.refused.append({"file": path.name, "reason": _("Tệp ZIP bị hỏng.")})
        return None
    target = into / path.stem
    target.mkdir(parents=True, exist_ok=True)
    with archive:
        for info in archive.infolist():
            name = info.filename
            parts = Path(name).parts
            if info.is_dir():
                continue
            if name.startswith("/") or ".." in parts or (info.external_attr >> 28) == 0xA:
                report.refused.append(
                    {"file": name, "reason": _("Đường dẫn trong tệp ZIP không an toàn.")}
                )
                continue
            dest = target.joinpath(*parts)
            dest.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as src, open(dest, "wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)
    # a ZIP holding one folder: use the folder
    entries = [p for p in target.iterdir() if not p.name.startswith((".", "__MACOSX"))]
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0]
    return target


def _plans_from_folder(
    folder: Path, report: IngestReport, skip: set[Path] | frozenset[Path] = frozenset()
) -> list[ObjectPlan]:
    sheets = [s for s in sorted(folder.glob("*.csv")) if s.resolve() not in skip]
    if not sheets:
        media = _media_files(folder)
        return [ObjectPlan(source=folder.name, files=media, title=folder.name)] if media else []
    plans = []
    with open(sheets[0], encoding="utf-8-sig", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            row = {(k or "").strip().lower(): _nfc(v or "") for k, v in row.items()}
            where = row.get("folder") or row.get("file") or ""
            if not where:
                report.refused.append(
                    {"file": f"{sheets[0].name}:{n}", "reason": _("Dòng không có cột folder/file.")}
                )
                continue
            files: list[Path] = []
            for part in where.split(";"):
                candidate = (folder / part.strip()).resolve()
                if not candidate.is_relative_to(folder.resolve()) or not candidate.exists():
                    report.refused.append(
                        {"file": f"{sheets[0].name}:{n}", "reason": _("Không tìm thấy %(p)s.")
                         % {"p": part.strip()}}
                    )
                    continue
                files += _media_files(candidate) if candidate.is_dir() else [candidate]
            if files:
                plans.append(ObjectPlan(source=where, files=files, title=row.get("title", ""),
                                        metadata=row, row=f"{sheets[0].name}:{n}"))
    return plans


def ingest_plan(
    paths: list[Path],
    *,
    workdir: Path,
    report: IngestReport,
    skip: set[Path] | frozenset[Path] = frozenset(),
) -> list[ObjectPlan]:
    """The objects the given folders, ZIPs, PDFs and images make (``skip``: refused files)."""
    plans: list[ObjectPlan] = []
    loose: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.resolve() in skip:
            continue
        if path.is_dir():
            plans += _plans_from_folder(path, report, skip)
        elif path.suffix.lower() == ".zip":
            folder = _extract_zip(path, workdir, report)
            if folder is not None:
                plans += _plans_from_folder(folder, report)
        elif path.suffix.lower() in PDF_SUFFIXES | media.SUFFIXES:
            plans.append(ObjectPlan(source=path.name, files=[path], title=path.stem))
        elif path.is_file():
            loose.append(path)
        else:
            report.refused.append({"file": str(path), "reason": _("Không có tệp này.")})
    if loose:
        plans.append(ObjectPlan(source=loose[0].name, files=sorted(loose, key=_natural_key),
                                title=loose[0].stem))
    return plans


# --- ingest -----------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _dc_from(metadata: dict[str, str]) -> dict[str, list[str]]:
    dc: dict[str, list[str]] = {}
    for column, term in DC_COLUMNS.items():
        value = metadata.get(column, "")
        if value:
            dc[term] = [v.strip() for v in value.split("|") if v.strip()]
    return dc


def _choice(value: str, choices: type[TextChoices], default: str) -> str:
    value = (value or "").strip().lower()
    if not value:
        return default
    if value not in choices.values:
        raise DigitalError(
            DigitalErrorCode.METADATA_INVALID,
            _("Giá trị “%(v)s” không hợp lệ; chọn một trong: %(c)s.")
            % {"v": value, "c": ", ".join(choices.values)},
        )
    return value


def _object_for(
    *, plan: ObjectPlan, key: str, library: Library, collection: Collection | None,
    title: str | None, access: str | None, ocr_language: str, publish: bool, actor: User | None,
) -> tuple[DigitalObject, bool]:
    """The object of ``plan``: the unfinished one of an earlier run, or a new one."""
    existing = DigitalObject.all_objects.filter(library=library, ingest_key=key).first()
    if existing is not None:
        return existing, existing.ingest_complete
    md = plan.metadata
    embargo = md.get("embargo_until") or ""
    try:
        embargo_date = date.fromisoformat(embargo) if embargo else None
    except ValueError as exc:
        raise DigitalError(DigitalErrorCode.METADATA_INVALID,
                           _("Ngày hết cấm truy cập không hợp lệ: %(v)s") % {"v": embargo}) from exc
    with transaction.atomic():
        obj = DigitalObject.all_objects.create(
            library=library,
            network=library.network,
            title=_nfc(title or md.get("title") or plan.title or plan.source)[:500],
            object_type=_choice(md.get("object_type", ""), ObjectType, ObjectType.BOOK),
            dc=_dc_from(md),
            language=md.get("language") or (ocr_language.split("+")[0] if ocr_language
                                            else "vie"),
            rights_status=_choice(md.get("rights_status", ""), RightsStatus,
                                  RightsStatus.UNKNOWN),
            licence=md.get("licence", ""),
            access=_choice(access or md.get("access", ""), AccessLevel, AccessLevel.OPEN),
            embargo_until=embargo_date,
            published=publish,
            ingest_key=key,
            ocr_language=ocr_language,
            record_id=plan.record_id,
        )
        if collection is not None:
            obj.collections.add(collection)
        audit_record(actor=actor, action="digital.object.created", obj=obj, library=library)
    return obj, False


def record_resolve(value: str, library: Library) -> int | None:
    """The catalogue record of ``library``'s network that ``value`` names: its number in
    thuvien, an ISBN (with or without hyphens, ISBN-10 or 13) or its control number (001);
    ``id:``, ``isbn:`` or ``001:`` in front says which. None for an empty value; an unknown or
    ambiguous one is a ``DigitalError`` that names it."""
    from thuvien.catalog.marc.isbn import normalize_isbn
    from thuvien.catalog.models import Record, RecordIdentifier

    value = _nfc(value)
    if not value:
        return None
    kind, sep, rest = value.partition(":")
    kind = kind.strip().lower() if sep else ""
    if kind in ("id", "isbn", "001"):
        value = rest.strip()
    else:
        kind = ""
    records = Record.objects.filter(network=library.network, is_deleted=False)
    found: list[int] = []
    if kind in ("", "id") and value.isdigit() and len(value) < 12:
        found = list(records.filter(pk=int(value)).values_list("pk", flat=True))
    isbn = normalize_isbn(value) if kind in ("", "isbn") else None
    if not found and isbn:
        found = sorted(set(RecordIdentifier.objects.filter(
            network=library.network, kind="isbn", value=isbn, record__is_deleted=False,
        ).values_list("record_id", flat=True)))  # fmt: skip
    if not found and kind in ("", "001"):
        found = list(records.filter(control_number=value).values_list("pk", flat=True)[:2])
    if len(found) == 1:
        return found[0]
    if found:
        raise DigitalError(
            DigitalErrorCode.RECORD_UNKNOWN,
            _("“%(v)s” ứng với nhiều biểu ghi thư mục (số %(ids)s); hãy ghi số biểu ghi.")
            % {"v": value, "ids": ", ".join(str(i) for i in found[:5])},
        )
    raise DigitalError(
        DigitalErrorCode.RECORD_UNKNOWN,
        _("Không có biểu ghi thư mục “%(v)s” trong mạng lưới của thư viện (ghi số biểu ghi, "
          "ISBN hoặc số kiểm soát 001).") % {"v": value},
    )


def _plans_link_records(plans: list[ObjectPlan], library: Library, record: str | None) -> None:
    """Find the record of every object before anything is written (``record``: the one for
    every object; else each CSV row's ``record`` column): a wrong one stops the whole ingest
    with its message and the row it came from."""
    if record:
        record_id = record_resolve(record, library)
        for plan in plans:
            plan.record_id = record_id
        return
    for plan in plans:
        value = plan.metadata.get("record", "")
        try:
            plan.record_id = record_resolve(value, library)
        except DigitalError as exc:
            raise DigitalError(
                DigitalErrorCode.RECORD_UNKNOWN,
                _("%(where)s: %(problem)s") % {"where": plan.source, "problem": exc.message},
            ) from exc


def _screen_the_rest(
    paths: list[Path], *, library: Library, actor: User | None, report: IngestReport
) -> set[Path]:
    """Every file that came in and will not be screened as a page (ZIPs, metadata sheets,
    files of other names) goes through the screening service too; a refused one is
    quarantined there and reported, and the planning leaves it unread (the set returned)."""
    from thuvien.screening.errors import ScreeningRefused
    from thuvien.screening.services import screen_upload

    refused: set[Path] = set()
    given = [Path(p) for p in paths]
    files = [f for p in given for f in (sorted(p.rglob("*")) if p.is_dir() else [p])]
    for path in files:
        suffix = path.suffix.lower()
        if not path.is_file() or path.is_symlink() or suffix in IMAGE_SUFFIXES | PDF_SUFFIXES:
            continue
        kinds = {".zip": {"zip"}, ".csv": {"csv", "text"}}.get(suffix, ALLOWED_KINDS)
        try:
            screen_upload(path, purpose="digital_master", declared_name=path.name,
                          allowed_kinds=frozenset(kinds), library_id=library.pk,
                          actor_id=getattr(actor, "pk", None))  # fmt: skip
        except ScreeningRefused as exc:
            report.refused.append(
                {"file": path.name, "reason": str(exc.message), "code": str(exc.code)}
            )
            refused.add(path.resolve())
    return refused


def _screen(path: Path, *, library: Library, actor: User | None) -> ScreeningResult:
    from thuvien.screening.services import screen_upload

    return screen_upload(
        path,
        purpose="digital_master",
        declared_name=path.name,
        allowed_kinds=ALLOWED_KINDS,
        library_id=library.pk,
        actor_id=getattr(actor, "pk", None),
    )


def _ingest_file(
    *, obj: DigitalObject, path: Path, result: ScreeningResult, actor: User | None,
    report: IngestReport,
) -> list[Page]:
    """Keep one screened master and make its pages; one transaction."""
    is_pdf = result.kind == "pdf"
    library = obj.library
    masters = masters_storage()
    with open(path, "rb") as fh:  # the screened file, kept on the masters' storage
        storage_name = masters.save(
            f"digital/{library.pk}/{obj.pk}/masters/{result.sha256[:16]}-{path.name}", File(fh)
        )
    try:
        with derivatives.master_local_path(storage_name) as local:
            is_media = result.kind in media.MEDIA_KINDS
            count = derivatives.page_count(local) if is_pdf else 1
            first = (Page.all_objects.filter(obj=obj).order_by("-seq")
                     .values_list("seq", flat=True).first() or 0) + 1
            made = []
            timed = media.MediaPage(0, 0, None, "")
            if is_media:
                timed = media.make_media_page(master=local, kind=result.kind, title=obj.title,
                                              library_id=library.pk, obj_id=obj.pk, seq=first)
                made.append((0, timed.width, timed.height, ""))
            for n in range(0 if is_media else count):
                w, h = derivatives.make_page_derivatives(
                    master=local, file_page=n, is_pdf=is_pdf, library_id=library.pk,
                    obj_id=obj.pk, seq=first + n,
                )
                text = derivatives.page_text_layer(local, n) if is_pdf else ""
                made.append((n, w, h, text))
        with transaction.atomic():
            dfile = DigitalFile.all_objects.create(
                library=library, obj=obj, name=path.name[:255], storage_name=storage_name,
                mime=result.mime, kind=result.kind, size=result.size, sha256=result.sha256,
                screening={"antivirus": str(result.antivirus),
                           "checks": [str(c) for c in (result.checks or [])]},
                screened_at=result.screened_at, fixity_checked_at=timezone.now(),
            )
            FileEvent.all_objects.bulk_create([
                FileEvent(library=library, file=dfile, kind=FileEvent.Kind.SCREENING,
                          detail={"mime": result.mime, "antivirus": str(result.antivirus)}),
                FileEvent(library=library, file=dfile, kind=FileEvent.Kind.INGEST,
                          detail={"sha256": result.sha256, "size": result.size}),
                FileEvent(library=library, file=dfile, kind=FileEvent.Kind.DERIVATIVE,
                          detail={"pages": len(made)}),
            ])
            pages = Page.all_objects.bulk_create([
                Page(library=library, obj=obj, file=dfile, file_page=n, seq=first + i,
                     label=str(first + i), width=w, height=h, derivative_ready=True,
                     text=text, ocr_status=Page.OcrStatus.DONE if text else Page.OcrStatus.NONE,
                     media=timed.media, duration=timed.duration)
                for i, (n, w, h, text) in enumerate(made)
            ])
            audit_record(actor=actor, action="digital.file.ingested", obj=dfile,
                         library=library, changes={"sha256": [None, result.sha256]})
    except BaseException:
        masters.delete(storage_name)
        raise
    report.pages += len(pages)
    return list(Page.all_objects.filter(obj=obj, file=dfile))


def digital_ingest(
    *,
    paths: list[Path],
    library: Library,
    actor: User | None = None,
    collection_code: str | None = None,
    title: str | None = None,
    access: str | None = None,
    ocr_language: str = "",
    publish: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
    record: str | None = None,
) -> IngestReport:
    """Ingest folders, ZIPs, PDFs and page images as digital objects of ``library``.

    Every file is screened before it is kept; a refused file is reported with the reason and
    the rest go on. Pages get their pyramid and thumbnails at once; OCR is queued one page per
    task after the commit when ``ocr_language`` is given (``vie``, ``eng``, ``vie+eng``...).
    ``record`` links every object to that catalogue record (``record_resolve``); without it a
    CSV's ``record`` column links each row's object. An unknown record stops the ingest before
    anything is kept.
    """
    from thuvien.screening.errors import ScreeningRefused

    report = IngestReport()
    collection = None
    if collection_code:
        collection = Collection.objects.filter(
            network=library.network, code=collection_code
        ).first()
        if collection is None:
            raise DigitalError(DigitalErrorCode.COLLECTION_UNKNOWN,
                               _("Không có bộ sưu tập “%(c)s”.") % {"c": collection_code})
    if access:
        _choice(access, AccessLevel, AccessLevel.OPEN)
    if record:
        record_resolve(record, library)
    refused = _screen_the_rest(paths, library=library, actor=actor, report=report)
    with tempfile.TemporaryDirectory(prefix="thuvien-ingest-") as tmp:
        plans = ingest_plan(paths, workdir=Path(tmp), report=report, skip=refused)
        total = sum(len(p.files) for p in plans)
        if not plans:
            if report.refused:
                return report
            raise DigitalError(DigitalErrorCode.NOTHING_TO_INGEST,
                               _("Không có tệp nào để tiếp nhận."))
        _plans_link_records(plans, library, record)
        done = 0
        seen: dict[str, tuple[str, int | None]] = {}  # key -> (row, object) in this batch
        for plan in plans:
            hashes = [_sha256(f) for f in plan.files]
            key = hashlib.sha256(("\n".join(hashes)).encode()).hexdigest()
            if key in seen:  # the same files as an earlier row of this batch: said, not merged
                first, first_obj = seen[key]
                report.duplicates.append({"row": plan.where, "first": first,
                                          "object": first_obj, "kind": "batch"})
                done += len(plan.files)
                continue
            obj, complete = _object_for(
                plan=plan, key=key, library=library, collection=collection, title=title,
                access=access, ocr_language=ocr_language, publish=publish, actor=actor,
            )
            seen[key] = (plan.where, obj.pk)
            if complete:
                report.skipped += 1
                report.objects.append(obj.pk)
                report.duplicates.append({"row": plan.where, "first": "", "object": obj.pk,
                                          "kind": "earlier"})
                done += len(plan.files)
                continue
            kept = set(DigitalFile.all_objects.filter(obj=obj).values_list("sha256", flat=True))
            new_pages: list[Page] = []
            for path, digest in zip(plan.files, hashes, strict=True):
                done += 1
                if digest in kept:
                    continue
                try:
                    result = _screen(path, library=library, actor=actor)
                except ScreeningRefused as exc:
                    report.refused.append({"file": path.name, "reason": str(exc.message),
                                           "code": str(exc.code)})
                    continue
                try:
                    new_pages += _ingest_file(obj=obj, path=path, result=result, actor=actor,
                                              report=report)
                except Exception as exc:  # libvips could not read it: refuse, keep going
                    import pyvips

                    if not isinstance(exc, pyvips.Error | media.MediaError):
                        raise
                    first_line = (str(exc).splitlines() or [""])[0][:200]
                    reason = _("Không đọc được ảnh: %(e)s") if isinstance(exc, pyvips.Error) \
                        else _("Không đọc được tệp ghi âm, ghi hình hoặc sách điện tử: %(e)s")
                    report.refused.append({"file": path.name, "reason": reason % {
                        "e": first_line}})
                if progress:
                    progress(done, total, path.name)
            _object_finish(obj=obj, actor=actor, report=report, ocr_language=ocr_language)
            if obj.pk is None:  # nothing of it could be kept: discarded
                seen[key] = (plan.where, None)
    return report


def _object_finish(*, obj: DigitalObject, actor: User | None, report: IngestReport,
                   ocr_language: str) -> None:
    pages = list(Page.all_objects.filter(obj=obj).order_by("seq"))
    if not pages:
        with transaction.atomic():
            audit_record(actor=actor, action="digital.object.discarded", obj=obj,
                         library=obj.library)
            obj.delete()
        return
    with transaction.atomic():
        obj.ingest_complete = True
        obj.thumbnail_page = obj.thumbnail_page or pages[0]
        obj.save(update_fields=["ingest_complete", "thumbnail_page", "updated_at"])
        audit_record(actor=actor, action="digital.object.ingested", obj=obj,
                     library=obj.library, changes={"pages": [None, len(pages)]})
        _outbox(obj)
        if ocr_language:
            ids = [p.pk for p in pages if p.ocr_status in (Page.OcrStatus.NONE,
                                                           Page.OcrStatus.FAILED)
                   and not p.media]  # a recording has no text to read
            Page.all_objects.filter(pk__in=ids).update(ocr_status=Page.OcrStatus.PENDING)
            transaction.on_commit(lambda: _queue_ocr(ids, ocr_language))
    report.objects.append(obj.pk)


def _queue_ocr(page_ids: list[int], language: str) -> None:
    from .tasks import ocr_page_task

    for pk in page_ids:
        ocr_page_task(pk, language)


def _outbox(obj: DigitalObject) -> None:
    """The record the object is linked to shows it (and its full text) in the search index;
    ``digital.pages`` has the search app's page index read the pages again (where a word is,
    under a search result); ``digital.object`` tells who reads the text (the AI services'
    passages and names)."""
    outbox_add("digital.object", obj.pk)
    outbox_add(PAGES_TOPIC, obj.pk)
    if obj.record_id:
        outbox_add("catalog.record", obj.record_id)


# --- publication and editing ------------------------------------------------------------------


def object_update(*, obj: DigitalObject, actor: User | None, **values: Any) -> DigitalObject:
    """Change an object's fields (title, access, embargo, published, record...), audited."""
    from thuvien.core.audit import diff_fields

    allowed = {"title", "access", "embargo_until", "published", "record_id", "rights_status",
               "licence", "object_type", "dc", "language"}
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        old_record = obj.record_id
        was_open = harvest_open(obj)
        changes = diff_fields(obj, values)
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save(update_fields=[*values, "updated_at"])
        action = "digital.object.updated"
        if set(values) == {"published"}:
            action = "digital.object.published" if obj.published else "digital.object.unpublished"
        audit_record(actor=actor, action=action, obj=obj, library=obj.library, changes=changes)
        harvest_state_follow(obj=obj, was_open=was_open)
        _outbox(obj)
        if old_record and old_record != obj.record_id:
            outbox_add("catalog.record", old_record)
    return obj


def page_text_correct(*, page: Page, text: str, actor: User | None) -> Page:
    """Staff correct a page's text; the word boxes of words that stayed are kept."""
    text = _nfc(text)
    if len(text) > 200_000:
        raise DigitalError(DigitalErrorCode.TEXT_INVALID, _("Văn bản quá dài."))
    with transaction.atomic():
        kept = set(text.split())
        page.words = [w for w in page.words if w[0] in kept]
        page.text = text
        page.ocr_status = Page.OcrStatus.CORRECTED
        page.needs_review = False
        page.save(update_fields=["text", "words", "ocr_status", "needs_review"])
        audit_record(actor=actor, action="digital.page.text_corrected", obj=page.obj,
                     library=page.library, changes={"page": [None, page.seq]})
        _outbox(page.obj)
    return page


def page_ocr_store(*, page: Page, text: str, words: list[list[Any]], confidence: float,
                   review_below: float) -> Page:
    """Keep a page's OCR result (the worker calls it)."""
    with transaction.atomic():
        page.text = _nfc(text)
        page.words = words
        page.ocr_confidence = confidence
        page.ocr_status = Page.OcrStatus.DONE
        page.needs_review = confidence < review_below
        page.save(update_fields=["text", "words", "ocr_confidence", "ocr_status",
                                 "needs_review"])
        _outbox(page.obj)
    return page


# --- fixity -----------------------------------------------------------------------------------


@dataclass
class FixityReport:
    checked: int = 0
    changed: list[dict[str, Any]] = field(default_factory=list)


def fixity_check(*, files: list[DigitalFile]) -> FixityReport:
    """Re-read masters, compare their SHA-256 with the one taken at ingest, record the event."""
    report = FixityReport()
    for dfile in files:
        try:
            digest = hashlib.sha256()
            with masters_storage().open(dfile.storage_name, "rb") as fh:
                for chunk in iter(functools.partial(fh.read, 1 << 20), b""):
                    digest.update(chunk)
            found, outcome = digest.hexdigest(), "success"
            if found != dfile.sha256:
                outcome = "changed"
        except FileNotFoundError:
            found, outcome = "", "missing"
        report.checked += 1
        with transaction.atomic():
            dfile.fixity_checked_at = timezone.now()
            dfile.fixity_ok = outcome == "success"
            dfile.save(update_fields=["fixity_checked_at", "fixity_ok"])
            FileEvent.all_objects.create(
                library_id=dfile.library_id, file=dfile, kind=FileEvent.Kind.FIXITY,
                outcome=outcome, detail={"expected": dfile.sha256, "found": found},
            )
            if outcome != "success":
                audit_record(actor=None, action="digital.file.fixity_failed", obj=dfile,
                             library=dfile.library, changes={"outcome": [None, outcome]})
                report.changed.append({"file_id": dfile.pk, "object_id": dfile.obj_id,
                                       "name": dfile.name, "outcome": outcome,
                                       "library_id": dfile.library_id})
    return report


# --- usage counts -----------------------------------------------------------------------------


def usage_count(*, obj: DigitalObject, views: int = 0, downloads: int = 0) -> None:
    """Add to the object's views/downloads of this month (one UPSERT-like update)."""
    month = timezone.localdate().replace(day=1)
    updated = UsageCount.all_objects.filter(obj=obj, month=month).update(
        views=F("views") + views, downloads=F("downloads") + downloads
    )
    if not updated:
        try:
            with transaction.atomic():
                UsageCount.all_objects.create(library_id=obj.library_id, obj=obj, month=month,
                                              views=views, downloads=downloads)
        except IntegrityError:  # a concurrent first count: add to it
            UsageCount.all_objects.filter(obj=obj, month=month).update(
                views=F("views") + views, downloads=F("downloads") + downloads
            )



def embargo_lifted_reindex(*, today: date) -> int:
    """Queue the records of objects whose embargo ended yesterday or today for the index."""
    from datetime import timedelta

    ids = list(
        DigitalObject.all_objects.filter(
            embargo_until__gt=today - timedelta(days=2), embargo_until__lte=today,
            record__isnull=False,
        ).values_list("record_id", flat=True).distinct()
    )
    with transaction.atomic():
        outbox_add("catalog.record", ids)
        embargo_lifted_touch(today=today)
    return len(ids)
