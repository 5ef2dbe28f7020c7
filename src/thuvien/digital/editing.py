"""Writes of the digitisation room after ingest: metadata, page order, a replaced page, the
thumbnail, chapters (ranges), collections, publication and access grants.

Each service validates, writes in one transaction, records an audit entry and queues the linked
record for the search index through the outbox. Derivatives are named by page number, so a
reorder renames them inside the transaction (and renames them back if it fails).
"""

from __future__ import annotations

import logging
import os
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.network.models import Library, Network

from . import derivatives
from .dublincore import dc_clean, licence_clean
from .errors import DigitalError, DigitalErrorCode
from .models import (
    AccessGrant,
    Collection,
    CollectionLeave,
    DigitalFile,
    DigitalObject,
    FileEvent,
    ObjectType,
    Page,
    Range,
    RightsStatus,
)
from .services import ALLOWED_KINDS, _outbox, object_update
from .storage import masters_storage

log = logging.getLogger(__name__)

OFFSET = 1_000_000  # page numbers are moved out of the way while a new order is written


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value or "").strip()


def _invalid(message: str) -> DigitalError:
    return DigitalError(DigitalErrorCode.METADATA_INVALID, message)


# --- metadata ---------------------------------------------------------------------------------


def object_metadata_update(
    *, obj: DigitalObject, actor: Any, title: str, object_type: str, language: str,
    dc: dict[str, list[str]], rights_status: str, licence: str,
) -> DigitalObject:
    """Title, type, language, Dublin Core terms, rights status and licence of ``obj``."""
    title = _nfc(title)
    if not title:
        raise _invalid(_("Nhan đề không được để trống."))
    if object_type not in ObjectType.values:
        raise _invalid(_("Loại tài liệu không hợp lệ."))
    if rights_status not in RightsStatus.values:
        raise _invalid(_("Tình trạng bản quyền không hợp lệ."))
    language = _nfc(language)[:8] or "vie"
    values = {"title": title[:500], "object_type": object_type, "language": language,
              "dc": dc_clean(dc), "rights_status": rights_status,
              "licence": licence_clean(licence)}
    changed = {k: v for k, v in values.items() if getattr(obj, k) != v}
    if changed:
        object_update(obj=obj, actor=actor, **changed)
    return obj


def object_publish(*, obj: DigitalObject, published: bool, actor: Any) -> DigitalObject:
    """Show ``obj`` to readers, or take it back; an unfinished ingest cannot be published."""
    if published and not obj.ingest_complete:
        raise _invalid(_("Tài liệu chưa tiếp nhận xong, chưa thể công bố."))
    if obj.published != published:
        object_update(obj=obj, actor=actor, published=published)
    return obj


# --- page order -------------------------------------------------------------------------------


def _derivative_files(library_id: int, obj_id: int, seq: int) -> list[Path]:
    files = [derivatives.pyramid_path(library_id=library_id, obj_id=obj_id, seq=seq)]
    files += [derivatives.thumb_path(library_id=library_id, obj_id=obj_id, seq=seq, size=s)
              for s in derivatives.THUMB_SIZES]
    return files


def _renumber_derivatives(obj: DigitalObject, mapping: dict[int, int]) -> None:
    """Rename each page's derivatives from its old number to its new one (two steps, so a swap
    never overwrites); on an error the renames done so far are undone."""
    done: list[tuple[Path, Path]] = []
    try:
        staged: list[tuple[Path, Path]] = []
        for old, new in mapping.items():
            for src, dst in zip(_derivative_files(obj.library_id, obj.pk, old),
                                _derivative_files(obj.library_id, obj.pk, new), strict=True):
                if src.exists():
                    tmp = src.with_name(f"{src.name}.move{new}")
                    os.replace(src, tmp)
                    done.append((src, tmp))
                    staged.append((tmp, dst))
        for tmp, dst in staged:
            os.replace(tmp, dst)
            done.append((tmp, dst))
    except OSError:
        for src, dst in reversed(done):
            if dst.exists():
                os.replace(dst, src)
        raise


def pages_reorder(*, obj: DigitalObject, order: list[int], actor: Any) -> list[Page]:
    """Put the pages of ``obj`` in ``order`` (every page id of the object, once each).

    Page labels that were only the page number follow the new number; chapters keep their page
    numbers (a chapter is a span of positions).
    """
    with transaction.atomic():
        pages = {p.pk: p for p in Page.all_objects.select_for_update().filter(obj=obj)}
        if sorted(order) != sorted(pages) or len(set(order)) != len(order):
            raise _invalid(_("Thứ tự trang phải gồm mỗi trang của tài liệu đúng một lần."))
        mapping = {pages[pk].seq: n for n, pk in enumerate(order, start=1)
                   if pages[pk].seq != n}
        if not mapping:
            return [pages[pk] for pk in order]
        moved = [pages[pk] for pk in order if pages[pk].seq in mapping]
        for page in moved:
            page.seq += OFFSET
        Page.all_objects.bulk_update(moved, ["seq"])
        for page in moved:
            old = page.seq - OFFSET
            page.seq = mapping[old]
            if page.label == str(old):
                page.label = str(page.seq)
        Page.all_objects.bulk_update(moved, ["seq", "label"])
        audit_record(actor=actor, action="digital.page.reordered", obj=obj, library=obj.library,
                     changes={"order": [sorted(mapping), [mapping[k] for k in sorted(mapping)]]})
        _outbox(obj)
        DigitalObject.all_objects.filter(pk=obj.pk).update(updated_at=timezone.now())
        # last step: an error here rolls the new numbers back with the files as they were
        _renumber_derivatives(obj, mapping)
    return sorted(pages.values(), key=lambda p: p.seq)


def page_move(*, page: Page, direction: str, actor: Any) -> Page:
    """Move a page one place up (``up``) or down (``down``)."""
    obj = page.obj
    ids = list(Page.all_objects.filter(obj=obj).order_by("seq").values_list("pk", flat=True))
    index = ids.index(page.pk)
    target = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= target < len(ids):
        raise _invalid(_("Không thể chuyển trang này theo hướng đó."))
    ids[index], ids[target] = ids[target], ids[index]
    pages_reorder(obj=obj, order=ids, actor=actor)
    page.refresh_from_db()
    return page


# --- replacing a page -------------------------------------------------------------------------


def page_replace(*, page: Page, path: Path, declared_name: str, actor: Any) -> Page:
    """Put a new scan in place of ``page``: screened, re-tiled, re-OCR'd. The old master is kept
    (marked replaced, with its checksum, still in the fixity audit) and a replacement event is
    recorded on it."""
    from thuvien.screening.services import screen_upload

    obj = page.obj
    library = obj.library
    result = screen_upload(path, purpose="digital_master", declared_name=declared_name,
                           allowed_kinds=frozenset({"image"}) & ALLOWED_KINDS,
                           library_id=library.pk, actor_id=getattr(actor, "pk", None))
    safe_name = Path(_nfc(declared_name)).name[:200] or "trang"
    masters = masters_storage()
    with open(path, "rb") as fh:  # screened above: now it may be kept
        storage_name = masters.save(
            f"digital/{library.pk}/{obj.pk}/masters/{result.sha256[:16]}-{safe_name}", File(fh))
    # the page's current derivatives step aside until the new ones are in and committed
    kept = [(f, f.with_name(f.name + ".old")) for f in
            _derivative_files(library.pk, obj.pk, page.seq) if f.exists()]
    try:
        for src, backup in kept:
            os.replace(src, backup)
        with derivatives.master_local_path(storage_name) as local:
            width, height = derivatives.make_page_derivatives(
                master=local, file_page=0, is_pdf=False, library_id=library.pk, obj_id=obj.pk,
                seq=page.seq)
        with transaction.atomic():
            old = DigitalFile.all_objects.select_for_update().get(pk=page.file_id)
            new = DigitalFile.all_objects.create(
                library=library, obj=obj, name=safe_name[:255], storage_name=storage_name,
                mime=result.mime, kind=result.kind, size=result.size, sha256=result.sha256,
                screening={"antivirus": str(result.antivirus),
                           "checks": [str(c) for c in (result.checks or [])]},
                screened_at=result.screened_at, fixity_checked_at=timezone.now())
            FileEvent.all_objects.bulk_create([
                FileEvent(library=library, file=new, kind=FileEvent.Kind.SCREENING,
                          detail={"mime": result.mime, "antivirus": str(result.antivirus)}),
                FileEvent(library=library, file=new, kind=FileEvent.Kind.INGEST,
                          detail={"sha256": result.sha256, "size": result.size,
                                  "replaces": old.pk, "page": page.seq}),
                FileEvent(library=library, file=new, kind=FileEvent.Kind.DERIVATIVE,
                          detail={"pages": 1}),
                FileEvent(library=library, file=old, kind=FileEvent.Kind.REPLACED,
                          detail={"by": new.pk, "sha256": result.sha256, "page": page.seq}),
            ])
            page.file = new
            page.file_page = 0
            page.width, page.height = width, height
            page.text, page.words = "", []
            page.ocr_confidence = None
            page.needs_review = False
            page.derivative_ready = True
            language = obj.ocr_language
            page.ocr_status = Page.OcrStatus.PENDING if language else Page.OcrStatus.NONE
            page.save(update_fields=["file", "file_page", "width", "height", "text", "words",
                                     "ocr_confidence", "needs_review", "derivative_ready",
                                     "ocr_status"])
            if not Page.all_objects.filter(file=old).exists():
                old.replaced = True
                old.replaced_by = new
                old.save(update_fields=["replaced", "replaced_by"])
            # the cached PDFs are keyed on it
            DigitalObject.all_objects.filter(pk=obj.pk).update(updated_at=timezone.now())
            audit_record(actor=actor, action="digital.page.replaced", obj=obj, library=library,
                         changes={"page": [page.seq, page.seq],
                                  "sha256": [old.sha256, result.sha256]})
            _outbox(obj)
            if language:
                page_id = page.pk
                transaction.on_commit(lambda: _queue_ocr(page_id, language))
    except BaseException:
        masters.delete(storage_name)
        for src, backup in kept:
            if backup.exists():
                os.replace(backup, src)
        raise
    for _src, backup in kept:
        backup.unlink(missing_ok=True)
    log.info("page %s of object %s replaced", page.seq, obj.pk)
    return page


def _queue_ocr(page_id: int, language: str) -> None:
    from .tasks import ocr_page_task

    ocr_page_task(page_id, language)


# --- thumbnail --------------------------------------------------------------------------------


def thumbnail_set(*, obj: DigitalObject, page: Page, actor: Any) -> DigitalObject:
    if page.obj_id != obj.pk:
        raise _invalid(_("Trang không thuộc tài liệu này."))
    with transaction.atomic():
        old = obj.thumbnail_page_id
        obj.thumbnail_page = page
        obj.save(update_fields=["thumbnail_page", "updated_at"])
        audit_record(actor=actor, action="digital.object.thumbnail_set", obj=obj,
                     library=obj.library, changes={"page": [old, page.seq]})
        _outbox(obj)
    return obj


# --- structure --------------------------------------------------------------------------------


def range_create(*, obj: DigitalObject, label: str, first_seq: int, last_seq: int,
                 actor: Any, parent: Range | None = None) -> Range:
    """A chapter over pages ``first_seq``..``last_seq`` (shown in the viewer's contents)."""
    label = _nfc(label)[:255]
    if not label:
        raise _invalid(_("Hãy nhập tên chương, phần."))
    count = Page.all_objects.filter(obj=obj).count()
    if not 1 <= first_seq <= last_seq <= count:
        raise _invalid(_("Trang đầu và trang cuối phải nằm trong khoảng 1–%(n)s, trang đầu "
                         "không sau trang cuối.") % {"n": count})
    if parent is not None and (parent.obj_id != obj.pk or not (
            parent.first_seq <= first_seq and last_seq <= parent.last_seq)):
        raise _invalid(_("Phần con phải nằm trong phần cha của cùng tài liệu."))
    with transaction.atomic():
        order = (Range.all_objects.filter(obj=obj).aggregate(m=Max("order"))["m"] or 0) + 1
        rng = Range.all_objects.create(library=obj.library, obj=obj, parent=parent, label=label,
                                       first_seq=first_seq, last_seq=last_seq, order=order)
        audit_record(actor=actor, action="digital.range.created", obj=obj, library=obj.library,
                     changes={"range": [None, f"{label} ({first_seq}–{last_seq})"]})
        _outbox(obj)
    return rng


def range_delete(*, rng: Range, actor: Any) -> None:
    obj = rng.obj
    with transaction.atomic():
        audit_record(actor=actor, action="digital.range.deleted", obj=obj, library=obj.library,
                     changes={"range": [rng.label, None]})
        rng.delete()
        _outbox(obj)


# --- collections ------------------------------------------------------------------------------


def _collection_parent_ok(*, library: Library | None, parent: Collection | None,
                          network: Network) -> None:
    if parent is None:
        return
    if parent.network_id != network.pk:
        raise _invalid(_("Bộ sưu tập cha không thuộc mạng lưới này."))
    if parent.library_id is not None and parent.library_id != getattr(library, "pk", None):
        raise _invalid(_("Bộ sưu tập cha thuộc thư viện khác."))


def collection_create(
    *, network: Network, library: Library | None, code: str, title_vi: str, actor: Any,
    title_en: str = "", description: str = "", parent: Collection | None = None,
) -> Collection:
    """A collection of ``library``, or of the whole network when ``library`` is None; under
    ``parent`` it is a sub-collection (a library's may sit under a network-wide one)."""
    code = _nfc(code).lower()
    title_vi = _nfc(title_vi)
    if not code or not title_vi:
        raise _invalid(_("Hãy nhập mã và tên bộ sưu tập."))
    _collection_parent_ok(library=library, parent=parent, network=network)
    try:
        with transaction.atomic():
            coll = Collection.objects.create(
                network=network, library=library, parent=parent, code=code[:64],
                title_vi=title_vi[:255], title_en=_nfc(title_en)[:255],
                description=_nfc(description))
            audit_record(actor=actor, action="digital.collection.created", obj=coll,
                         library=library, network=network,
                         changes={"code": [None, coll.code]})
    except IntegrityError as exc:
        raise _invalid(_("Mã bộ sưu tập “%(c)s” đã có.") % {"c": code}) from exc
    return coll


def collection_update(*, collection: Collection, actor: Any, title_vi: str, title_en: str = "",
                      description: str = "", parent: Collection | None = None) -> Collection:
    title_vi = _nfc(title_vi)
    if not title_vi:
        raise _invalid(_("Hãy nhập tên bộ sưu tập."))
    _collection_parent_ok(library=collection.library, parent=parent,
                          network=collection.network)
    walk = parent
    while walk is not None:  # no collection inside itself
        if walk.pk == collection.pk:
            raise _invalid(_("Một bộ sưu tập không thể nằm trong chính nó."))
        walk = walk.parent
    values = {"title_vi": title_vi[:255], "title_en": _nfc(title_en)[:255],
              "description": _nfc(description), "parent": parent}
    with transaction.atomic():
        changes = {k: [str(getattr(collection, k)), str(v)] for k, v in values.items()
                   if getattr(collection, k) != v}
        for key, value in values.items():
            setattr(collection, key, value)
        collection.save(update_fields=list(values))
        audit_record(actor=actor, action="digital.collection.updated", obj=collection,
                     library=collection.library, network=collection.network, changes=changes)
    return collection


def collection_membership(*, collection: Collection, obj: DigitalObject, add: bool,
                          actor: Any) -> None:
    """Add ``obj`` to ``collection`` (its own library's, or a network-wide one) or remove it."""
    if collection.network_id != obj.network_id or collection.library_id not in (
            None, obj.library_id):
        raise DigitalError(DigitalErrorCode.COLLECTION_UNKNOWN,
                           _("Không thể xếp tài liệu vào bộ sưu tập của thư viện khác."))
    from .harvest_state import harvest_open

    with transaction.atomic():
        filed = obj.collections.filter(pk=collection.pk).exists()
        now = timezone.now()
        if add:
            obj.collections.add(collection)
            CollectionLeave.objects.filter(object_id=obj.pk, collection=collection).delete()
        else:
            obj.collections.remove(collection)
            if filed and harvest_open(obj):  # harvesters saw it there: deleted from that set
                CollectionLeave.objects.update_or_create(
                    object_id=obj.pk, collection=collection,
                    defaults={"datestamp": now, "network_id": obj.network_id,
                              "library_id": obj.library_id},
                )  # fmt: skip
        if filed != add:  # its sets changed: a new datestamp, for incremental harvests
            DigitalObject.all_objects.filter(pk=obj.pk).update(updated_at=now)
            obj.updated_at = now
        audit_record(actor=actor,
                     action="digital.collection.added" if add else "digital.collection.removed",
                     obj=obj, library=obj.library,
                     changes={"collection": [None, collection.code] if add
                              else [collection.code, None]})
        _outbox(obj)


# --- access grants ----------------------------------------------------------------------------


@dataclass(frozen=True)
class GrantResult:
    grant: AccessGrant
    created: bool


def grant_add(*, obj: DigitalObject, card_number: str, until: date | None,
              actor: Any) -> GrantResult:
    """Let the reader holding ``card_number`` (a reader of the object's network who has an
    account) see a restricted object, until ``until`` if given."""
    from thuvien.patrons.models import Patron

    card = _nfc(card_number)
    patron = Patron.all_objects.filter(
        Q(card_number=card), network_id=obj.network_id, is_anonymised=False
    ).select_related("user").first()
    if patron is None:
        raise _invalid(_("Không có bạn đọc mang số thẻ “%(c)s” trong mạng lưới.") % {"c": card})
    if patron.user_id is None:
        raise _invalid(_("Bạn đọc này chưa có tài khoản đăng nhập, chưa thể cấp quyền."))
    if until is not None and until < timezone.localdate():
        raise _invalid(_("Ngày hết hạn đã qua."))
    with transaction.atomic():
        grant, created = AccessGrant.all_objects.update_or_create(
            obj=obj, user=patron.user, defaults={"library": obj.library, "until": until})
        audit_record(actor=actor, action="digital.grant.added", obj=obj, library=obj.library,
                     changes={"reader": [None, str(patron)],
                              "until": [None, until.isoformat() if until else None]})
    return GrantResult(grant, created)


def grant_remove(*, grant: AccessGrant, actor: Any) -> None:
    from thuvien.patrons.models import Patron

    obj = grant.obj
    patron = Patron.all_objects.filter(user_id=grant.user_id).first()
    with transaction.atomic():
        audit_record(actor=actor, action="digital.grant.removed", obj=obj, library=obj.library,
                     changes={"reader": [str(patron) if patron else grant.user_id, None]})
        grant.delete()


# --- catalogue record crosswalk ---------------------------------------------------------------


def object_dc_from_record(*, obj: DigitalObject, actor: Any) -> DigitalObject:
    """Fill the object's empty Dublin Core terms from its linked record (MARC → DC)."""
    from .dublincore import dc_prefill

    if obj.record_id is None:
        raise _invalid(_("Tài liệu chưa liên kết với biểu ghi thư mục."))
    merged = dc_prefill(current=obj.dc or {}, marc=obj.record.marc if obj.record else {})
    if merged != obj.dc:
        object_update(obj=obj, actor=actor, dc=merged)
    return obj


def object_record_create(*, obj: DigitalObject, actor: Any, url: str = "") -> DigitalObject:
    """Make a catalogue record from the object's Dublin Core (DC → MARC, checked by the
    catalogue's services) and link the object to it."""
    from thuvien.catalog.errors import CatalogError
    from thuvien.catalog.services.records import record_create

    from .dublincore import dc_to_marc

    if obj.record_id is not None:
        raise _invalid(_("Tài liệu đã liên kết với một biểu ghi thư mục."))
    marc = dc_to_marc(title=obj.title, dc=obj.dc or {}, language=obj.language,
                      object_type=obj.object_type, url=url)
    with transaction.atomic():
        try:
            record = record_create(network=obj.network, marc=marc, actor=actor,
                                   library=obj.library, confirm_warnings=True)
        except CatalogError as exc:
            raise _invalid(_("Biểu ghi tạo từ Dublin Core không hợp lệ: %(m)s")
                           % {"m": exc.message}) from exc
        object_update(obj=obj, actor=actor, record_id=record.pk)
    return obj
