"""BagIt export and import of objects and collections (the ``bagit`` package, RFC 8493).

A bag holds, per object, ``data/<id>/masters/<files>`` and ``data/<id>/object.json`` (Dublin
Core, rights, access, pages with their text), SHA-256 and SHA-512 manifests, and bag-info with
the library. Import validates the bag, then ingests each object's masters through the usual
screened ingest with its metadata, so an imported object is checked like any other.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import bagit
from django.db import transaction
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record

from .errors import DigitalError, DigitalErrorCode
from .models import Collection, DigitalFile, DigitalObject, Page
from .storage import masters_storage


def _object_metadata(obj: DigitalObject) -> dict[str, Any]:
    pages = Page.all_objects.filter(obj=obj).order_by("seq")
    files = {f.pk: f for f in DigitalFile.all_objects.filter(obj=obj, replaced=False)}
    return {
        "id": obj.pk,
        "title": obj.title,
        "object_type": obj.object_type,
        "dc": obj.dc,
        "language": obj.language,
        "rights_status": obj.rights_status,
        "licence": obj.licence,
        "access": obj.access,
        "embargo_until": obj.embargo_until.isoformat() if obj.embargo_until else None,
        "record_id": obj.record_id,
        "files": [{"name": f.name, "sha256": f.sha256, "mime": f.mime} for f in files.values()],
        "pages": [
            {"seq": p.seq, "label": p.label, "file": files[p.file_id].name if p.file_id in files
             else "", "file_page": p.file_page, "text": p.text,
             "ocr_confidence": p.ocr_confidence}
            for p in pages
        ],
    }


def bag_export(*, objects: list[DigitalObject], target: Path, actor: Any = None,
               collection: Collection | None = None) -> Path:
    """Write a bag of ``objects`` into the empty folder ``target`` and return it."""
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise DigitalError(DigitalErrorCode.BAG_INVALID, _("Thư mục đích phải trống."))
    for obj in objects:
        folder = target / str(obj.pk) / "masters"
        folder.mkdir(parents=True)
        for dfile in DigitalFile.all_objects.filter(obj=obj, replaced=False).order_by("id"):
            with masters_storage().open(dfile.storage_name, "rb") as src, open(
                folder / dfile.name, "wb"
            ) as out:
                shutil.copyfileobj(src, out, 1 << 20)
        (target / str(obj.pk) / "object.json").write_text(
            json.dumps(_object_metadata(obj), ensure_ascii=False, indent=2), encoding="utf-8"
        )
    first = objects[0] if objects else None
    info = {
        "Source-Organization": first.library.name_vi if first else "",
        "External-Description": (
            collection.title_vi if collection else (first.title if first else "")
        ),
        "Bag-Group-Identifier": collection.code if collection else "",
        "Internal-Sender-Identifier": ",".join(str(o.pk) for o in objects),
    }
    bagit.make_bag(str(target), {k: v for k, v in info.items() if v},
                   checksums=["sha256", "sha512"])
    with transaction.atomic():
        for obj in objects:
            audit_record(actor=actor, action="digital.object.exported", obj=obj,
                         library=obj.library)
    return target


def bag_import(*, path: Path, library: Any, actor: Any = None, publish: bool = False) -> Any:
    """Validate a bag and ingest its objects into ``library``; returns the ingest report."""
    from .services import IngestReport, digital_ingest

    try:
        bag = bagit.Bag(str(path))
        bag.validate()
    except (bagit.BagError, bagit.BagValidationError) as exc:
        raise DigitalError(DigitalErrorCode.BAG_INVALID,
                           _("Gói BagIt không hợp lệ: %(e)s") % {"e": str(exc)[:300]}) from exc
    data = Path(path) / "data"
    total = IngestReport()
    with tempfile.TemporaryDirectory(prefix="thuvien-bag-") as tmp:
        for meta_path in sorted(data.glob("*/object.json")):
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            masters = meta_path.parent / "masters"
            staging = Path(tmp) / meta_path.parent.name
            staging.mkdir()
            order = [p["file"] for p in meta.get("pages", []) if p.get("file")]
            names = list(dict.fromkeys(order)) or sorted(p.name for p in masters.iterdir())
            rows = {"folder": "files", "title": meta.get("title", ""),
                    "object_type": meta.get("object_type", ""),
                    "rights_status": meta.get("rights_status", ""),
                    "licence": meta.get("licence", ""), "access": meta.get("access", ""),
                    "embargo_until": meta.get("embargo_until") or ""}
            (staging / "files").mkdir()
            for n, name in enumerate(names, start=1):
                shutil.copyfile(masters / name, staging / "files" / f"{n:05d}-{name}")
            import csv

            with open(staging / "metadata.csv", "w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=list(rows))
                writer.writeheader()
                writer.writerow(rows)
            report = digital_ingest(paths=[staging], library=library, actor=actor,
                                    publish=publish)
            for obj_id in report.objects:
                _restore(obj_id=obj_id, meta=meta)
            total.objects += report.objects
            total.pages += report.pages
            total.skipped += report.skipped
            total.refused += report.refused
    return total


def _restore(*, obj_id: int, meta: dict[str, Any]) -> None:
    """Give the imported object its Dublin Core and its pages their text back."""
    with transaction.atomic():
        obj = DigitalObject.all_objects.get(pk=obj_id)
        obj.dc = meta.get("dc") or {}
        obj.language = meta.get("language") or obj.language
        obj.save(update_fields=["dc", "language", "updated_at"])
        texts = {p["seq"]: p for p in meta.get("pages", [])}
        for page in Page.all_objects.filter(obj=obj):
            src = texts.get(page.seq)
            if src and src.get("text") and not page.text:
                page.text = src["text"]
                page.ocr_confidence = src.get("ocr_confidence")
                page.ocr_status = Page.OcrStatus.DONE
                page.save(update_fields=["text", "ocr_confidence", "ocr_status"])
        from .services import _outbox

        _outbox(obj)  # the restored text goes to the search index like an OCR result
