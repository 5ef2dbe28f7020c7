"""The desk: built for a barcode scanner and the keyboard. Each screen has one field with
autofocus; Enter submits; htmx swaps the result panel; refusals are big plain sentences and an
overridable one offers a field for the reason (recorded in the audit log)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import requires
from thuvien.circulation.errors import CirculationError
from thuvien.circulation.selectors import (
    open_loan_for_item,
    patron_balance,
    patron_holds,
    patron_loans,
)
from thuvien.circulation.services import loan_checkin, loan_checkout, loan_renew
from thuvien.core.errors import NotFound
from thuvien.patrons.selectors import patron_get_by_card

from .common import is_htmx, item_by_barcode


def _render(request: HttpRequest, name: str, ctx: dict[str, Any]) -> HttpResponse:
    template = f"staff/circulation/desk/{name}.html"
    if is_htmx(request):
        template = f"staff/circulation/desk/_{name}_panel.html"
    return render(request, template, ctx)


@requires(Capability.CIRCULATE)
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "staff/circulation/home.html", {})


@requires(Capability.CIRCULATE)
def checkout(request: HttpRequest) -> HttpResponse:
    """Scan the card, then the copies one after another."""
    library = request.library
    data = request.POST if request.method == "POST" else request.GET
    card = (data.get("card_number") or "").strip()
    ctx: dict[str, Any] = {"card_number": card, "patron": None, "done": [], "error": None}
    if not card:
        return _render(request, "checkout", ctx)
    try:
        patron = patron_get_by_card(network=library.network, card_number=card)
    except NotFound:
        ctx["error"] = {"message": _("Không tìm thấy bạn đọc có số thẻ này.")}
        ctx["card_number"] = ""
        return _render(request, "checkout", ctx)
    ctx["patron"] = patron
    barcode = (data.get("barcode") or "").strip()
    if request.method == "POST" and barcode:
        try:
            with transaction.atomic():  # the copy is read once, locked, for the service
                item = item_by_barcode(library=library, barcode=barcode, lock=True)
                loan = loan_checkout(
                    item=item,
                    patron=patron,
                    library=library,
                    staff=request.user,
                    override_reason=data.get("override_reason") or None,
                )
            ctx["success"] = _("Đã cho mượn «%(title)s». Hạn trả: %(due)s.") % {
                "title": item.record.title[:80],
                "due": loan.due_on.strftime("%d/%m/%Y"),
            }
        except CirculationError as exc:
            ctx["error"] = {
                "message": exc.message,
                "code": exc.code,
                "overridable": exc.overridable,
                "barcode": barcode,
            }
        except NotFound as exc:
            ctx["error"] = {"message": exc.message}
    ctx["loans"] = list(patron_loans(patron=patron))
    ctx["balance"] = patron_balance(patron=patron)
    ctx["ready_holds"] = [
        h for h in patron_holds(patron=patron) if h.status == "ready" and h.library_id == library.pk
    ]
    return _render(request, "checkout", ctx)


@requires(Capability.CIRCULATE)
def checkin(request: HttpRequest) -> HttpResponse:
    ctx: dict[str, Any] = {"result": None, "error": None}
    barcode = (request.POST.get("barcode") or "").strip() if request.method == "POST" else ""
    if barcode:
        try:
            with transaction.atomic():  # the copy is read once, locked, for the service
                item = item_by_barcode(library=request.library, barcode=barcode, lock=True)
                ctx["result"] = loan_checkin(item=item, library=request.library, staff=request.user)
            ctx["item"] = item
        except (CirculationError, NotFound) as exc:
            ctx["error"] = {"message": exc.message, "barcode": barcode}
    return _render(request, "checkin", ctx)


@requires(Capability.CIRCULATE)
def renew(request: HttpRequest) -> HttpResponse:
    ctx: dict[str, Any] = {"loan": None, "error": None}
    barcode = (request.POST.get("barcode") or "").strip() if request.method == "POST" else ""
    if barcode:
        try:
            item = item_by_barcode(library=request.library, barcode=barcode)
            loan = open_loan_for_item(item=item)
            if loan is None:
                raise NotFound("not_on_loan", _("Tài liệu này không có trong danh sách đang mượn."))
            ctx["loan"] = loan_renew(
                loan=loan,
                actor=request.user,
                library=request.library,
                override_reason=request.POST.get("override_reason") or None,
            )
            ctx["item"] = item
        except CirculationError as exc:
            ctx["error"] = {
                "message": exc.message,
                "overridable": exc.overridable,
                "barcode": barcode,
            }
        except NotFound as exc:
            ctx["error"] = {"message": exc.message, "barcode": barcode}
    return _render(request, "renew", ctx)
