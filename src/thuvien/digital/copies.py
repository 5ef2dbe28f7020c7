"""Remote copying (sao chụp tài liệu từ xa).

A logged-in reader with a card asks for some pages of an object whose existence they may see
(typically one they may read only on site, or may not download), saying what for. The owning
library's staff approve or refuse it (with a reason) from a queue. An approved copy costs the
library's ``circulation.copy_fee_per_page`` per page: with a fee the reader pays through the
same payment flow as a paid object, without one it is ready at once. A ready copy is a PDF of
just those pages, watermarked for that reader, downloadable from their account only, for the
library's ``digital.copy_available_days``.

Only logged-in readers can make a request, so nobody can use it to send e-mail to a stranger
(DSpace's request-a-copy let anonymous visitors do that); a reader may send at most
``digital.copy_requests_per_day`` requests in 24 hours.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.network.settings_registry import setting_get
from thuvien.payments.models import Order, Purpose
from thuvien.payments.services import order_create

from . import derivatives
from .access import visible_in_listing
from .errors import DigitalError, DigitalErrorCode
from .models import CopyRequest, CopyStatus, DigitalObject, Page
from .paid import _usage_add, reader_patron
from .pdf import pages_pdf

E = DigitalErrorCode
PAGES_PATTERN = re.compile(r"^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$")


def pages_parse(text: str, *, page_count: int, max_pages: int) -> list[int]:
    """"1-3, 7" -> [1, 2, 3, 7]; refused when malformed, out of the object or too many."""
    text = unicodedata.normalize("NFC", text or "").replace("–", "-")
    if not PAGES_PATTERN.match(text):
        raise DigitalError(E.PAGES_INVALID, _("Hãy ghi các trang như 1-3, 7."), field="pages")
    seqs: set[int] = set()
    for part in text.split(","):
        first, _sep, last = part.strip().partition("-")
        a, b = int(first), int(last or first)
        if a < 1 or b < a or b > page_count:
            raise DigitalError(
                E.PAGES_INVALID,
                _("Tài liệu có %(n)d trang; hãy chọn các trang từ 1 đến %(n)d.")
                % {"n": page_count},
                field="pages",
            )
        if b - a >= max_pages:
            break
        seqs.update(range(a, b + 1))
    if len(seqs) > max_pages or not seqs:
        raise DigitalError(E.PAGES_INVALID,
                           _("Mỗi yêu cầu được sao chụp tối đa %(n)d trang.") % {"n": max_pages},
                           field="pages")
    return sorted(seqs)


def _mail(request: CopyRequest, subject: str, body: str) -> None:
    address = getattr(request.user, "email", "")
    if not address:
        return
    transaction.on_commit(lambda: send_mail(subject, body, None, [address], fail_silently=True))


def copy_request_create(*, obj: DigitalObject, user: Any, pages: str, purpose: str) -> CopyRequest:
    if not getattr(user, "is_authenticated", False):
        raise DigitalError(E.NO_CARD, _("Hãy đăng nhập để gửi yêu cầu sao chụp."))
    if not visible_in_listing(obj=obj, user=user):
        raise DigitalError(E.NOT_PAYABLE, _("Không tìm thấy tài liệu."))
    patron = reader_patron(user=user, obj=obj)
    if patron is None:
        raise DigitalError(E.NO_CARD, _("Bạn cần có thẻ bạn đọc của mạng lưới thư viện này để "
                                        "yêu cầu sao chụp."))
    purpose = unicodedata.normalize("NFC", purpose or "").strip()
    if not purpose:
        raise DigitalError(E.PURPOSE_REQUIRED, _("Hãy ghi mục đích sử dụng bản sao."),
                           field="purpose")
    page_count = Page.all_objects.filter(obj=obj).count()
    max_pages = int(setting_get("digital.copy_max_pages", library=obj.library))
    seqs = pages_parse(pages, page_count=page_count, max_pages=max_pages)
    per_day = int(setting_get("digital.copy_requests_per_day", library=obj.library))
    since = timezone.now() - timedelta(hours=24)
    with transaction.atomic():
        # one reader's requests are counted with their patron row locked: two at once cannot
        # both slip under the limit
        type(patron).all_objects.select_for_update().filter(pk=patron.pk).first()
        if CopyRequest.all_objects.filter(user=user, created_at__gte=since).count() >= per_day:
            raise DigitalError(
                E.TOO_MANY_REQUESTS,
                _("Bạn đã gửi %(n)d yêu cầu sao chụp trong 24 giờ qua, bằng giới hạn của thư "
                  "viện. Hãy gửi lại sau.") % {"n": per_day},
            )
        price = int(setting_get("circulation.copy_fee_per_page", library=obj.library) or 0)
        request = CopyRequest.all_objects.create(
            library=obj.library, obj=obj, user=user, patron=patron,
            pages=", ".join(p.strip() for p in pages.split(","))[:200], seqs=seqs,
            purpose=purpose[:500], fee=price * len(seqs), created_at=timezone.now(),
        )
        _usage_add(obj, "copy_requests")
        audit_record(actor=user, action="digital.copy.requested", obj=request,
                     library=obj.library, changes={"object": obj.pk, "pages": len(seqs)})
    return request


def copy_request_decide(*, request: CopyRequest, staff: Any, approve: bool,
                        reason: str = "") -> CopyRequest:
    reason = unicodedata.normalize("NFC", reason or "").strip()
    if not approve and not reason:
        raise DigitalError(E.REASON_REQUIRED, _("Hãy ghi lý do từ chối."), field="reason")
    with transaction.atomic():
        locked = CopyRequest.all_objects.select_for_update().select_related(
            "obj", "user", "library").get(pk=request.pk)
        if locked.status != CopyStatus.PENDING:
            raise DigitalError(E.COPY_STATE, _("Yêu cầu này đã được xử lý."))
        locked.decided_by = staff
        locked.decided_at = timezone.now()
        if not approve:
            locked.status = CopyStatus.REFUSED
            locked.reason = reason[:500]
            subject = _("Yêu cầu sao chụp bị từ chối")
            body = _("Thư viện %(lib)s không thể sao chụp “%(title)s”: %(reason)s") % {
                "lib": locked.library.name_vi, "title": locked.obj.title, "reason": reason}
        elif locked.fee > 0:
            locked.status = CopyStatus.AWAITING_PAYMENT
            subject = _("Yêu cầu sao chụp đã được duyệt")
            body = _("Thư viện %(lib)s đã duyệt yêu cầu sao chụp “%(title)s”. Hãy vào tài khoản "
                     "bạn đọc để thanh toán và tải bản sao.") % {
                "lib": locked.library.name_vi, "title": locked.obj.title}
        else:
            _ready(locked)
            subject = _("Bản sao chụp đã sẵn sàng")
            body = _("Bản sao “%(title)s” đã sẵn sàng trong tài khoản bạn đọc của bạn.") % {
                "title": locked.obj.title}
        locked.save(update_fields=["status", "reason", "decided_by", "decided_at",
                                   "available_until"])
        audit_record(actor=staff, action=f"digital.copy.{locked.status}", obj=locked,
                     library=locked.library, changes={"reason": reason[:500]})
        _mail(locked, subject, body)
    return locked


def _ready(request: CopyRequest) -> None:
    days = int(setting_get("digital.copy_available_days", library=request.library))
    request.status = CopyStatus.READY
    request.available_until = timezone.now() + timedelta(days=days)


def copy_pay_start(*, request: CopyRequest, user: Any) -> Order:
    if request.user_id != user.pk or request.status != CopyStatus.AWAITING_PAYMENT:
        raise DigitalError(E.COPY_STATE, _("Yêu cầu này không chờ thanh toán."))
    return order_create(
        user=user, patron=request.patron, library=request.library, purpose=Purpose.COPY,
        subject_id=request.pk, amount=request.fee,
        description=(_("Sao chụp %(n)d trang: %(title)s")
                     % {"n": len(request.seqs), "title": request.obj.title})[:255],
    )


def copy_on_paid(order: Order) -> None:
    if order.purpose != Purpose.COPY:
        return
    request = CopyRequest.all_objects.select_for_update().get(pk=order.subject_id)
    if request.status != CopyStatus.AWAITING_PAYMENT:
        return
    _ready(request)
    request.order = order
    request.save(update_fields=["status", "available_until", "order"])
    audit_record(actor=None, action="digital.copy.ready", obj=request, library=request.library,
                 changes={"order": order.txn_ref})


def copy_on_refunded(order: Order) -> None:
    if order.purpose != Purpose.COPY:
        return
    request = CopyRequest.all_objects.select_for_update().get(pk=order.subject_id)
    request.status = CopyStatus.WITHDRAWN
    request.save(update_fields=["status"])
    _copy_path(request).unlink(missing_ok=True)


def _copy_path(request: CopyRequest) -> Path:
    folder = derivatives.derivative_dir(library_id=request.library_id, obj_id=request.obj_id)
    stamp = int(request.created_at.timestamp() * 1000)
    pages = "-".join(str(n) for n in request.seqs)[:80]
    return folder / "copies" / f"copy-{request.pk}-{stamp}-{pages}.pdf"


def copy_file(*, request: CopyRequest, user: Any) -> bytes:
    """The watermarked PDF of a ready copy, for its reader only, until it expires."""
    from .downloads import watermark_pdf, watermark_text

    if request.user_id != getattr(user, "pk", None):
        raise DigitalError(E.COPY_UNAVAILABLE, _("Không tìm thấy bản sao."))
    if request.status != CopyStatus.READY or (
        request.available_until is not None and request.available_until < timezone.now()
    ):
        raise DigitalError(E.COPY_UNAVAILABLE, _("Bản sao này không còn được tải về."))
    path = _copy_path(request)
    if not path.exists():
        pages_pdf(request.obj, list(request.seqs), path)
    return watermark_pdf(path, watermark_text(obj=request.obj, user=user))
