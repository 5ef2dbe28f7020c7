"""The desk: built for a barcode scanner and the keyboard, on a slow line.

Each screen has one scan field that the answers never replace. With JavaScript (``desk.js``)
every scan is queued in the page and sent one after the other; each answer (JSON carrying
rendered fragments, asked for with the ``X-Desk-Scan`` header) becomes one line of the session
list. Without JavaScript the same forms post and the page answers in full. A refusal is a big
plain sentence; an overridable one offers, to staff who may override, a separate form with its
own button and a reason typed by a person (the rule is checked by the circulation service)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import can, requires
from thuvien.catalog.titles import shown_title
from thuvien.circulation.errors import CirculationError, CirculationErrorCode
from thuvien.circulation.selectors import (
    hold_slip_get,
    patron_balance,
    patron_holds,
    patron_loans,
    transit_slip_get,
)
from thuvien.circulation.services import (
    desk_checkin,
    desk_checkout,
    desk_renew,
    patron_checkout_blocks,
)
from thuvien.core.errors import NotFound
from thuvien.core.text import clean
from thuvien.patrons.selectors import patron_get_by_card, patron_search

from .common import get_or_404, is_htmx

CODE_MAX = 100  # longer than any barcode, card number, name or phone typed at a desk
SESSION_KEY = "desk.checkins"  # the check-ins of this session, today, newest first
SESSION_KEEP = 200
OFFERS_SHOWN = 20  # a reader's loans offered for renewal when their card is scanned
CARD_IN_ITEM_BOX = CirculationErrorCode.BARCODE_IS_PATRON_CARD


def _render(request: StaffRequest, name: str, ctx: dict[str, Any]) -> HttpResponse:
    template = f"staff/circulation/desk/{name}.html"
    if is_htmx(request):
        template = f"staff/circulation/desk/_{name}_panel.html"
    return render(request, template, ctx)


def _code(value: str | None) -> str:
    """A scanned or typed code: NFC, no control characters (a NUL breaks PostgreSQL), trimmed,
    at most ``CODE_MAX`` characters (a pasted page is refused as "not found", not stored)."""
    text = "".join(ch for ch in clean(value or "") if ch.isprintable())
    return text.strip()[:CODE_MAX]


def _is_scan(request: StaffRequest) -> bool:
    """A scan sent by the page's queue (desk.js): answered with JSON fragments."""
    return request.headers.get("X-Desk-Scan") == "1"


def _entry_html(request: StaffRequest, entry: dict[str, Any] | None) -> str:
    if entry is None:
        return ""
    # One line alone heads itself; the page's list shows the heading at the top of each run
    # of one reader's lines (desk.js), as ``_headed`` does for a list the server renders.
    return render_to_string(
        "staff/circulation/desk/_entry.html", {"entry": {**entry, "head": True}}, request=request
    )


def _reader(patron: Any) -> dict[str, str]:
    """Whose line it is, for the heading of each reader's run in the session list."""
    if patron is None or not getattr(patron, "card_number", ""):
        return {}
    return {"reader_card": patron.card_number, "reader_name": patron.full_name or ""}


def _headed(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The session list (newest first) with ``head`` on the first line of each run of one
    reader's lines: the heading "Bạn đọc: name · card" stands above that reader's books."""
    out, above = [], None
    for entry in entries:
        card = entry.get("reader_card") or None
        out.append({**entry, "head": card is not None and card != above})
        above = card
    return out


def _override_wanted(request: StaffRequest) -> str | None:
    """The reason, only when the override form's own button sent it (a scan never does)."""
    if request.POST.get("action") != "override":
        return None
    return (request.POST.get("override_reason") or "").strip() or None


def _refusal(request: StaffRequest, exc: CirculationError, barcode: str, **extra: Any) -> dict:
    message = exc.message
    if exc.code == CirculationErrorCode.ITEM_ALREADY_ON_LOAN and exc.params.get("due_on"):
        message = _("Tài liệu này đang được mượn: thẻ %(card)s, hạn trả %(due)s.") % {
            "card": exc.params.get("card_number") or "-",
            "due": exc.params["due_on"].strftime("%d/%m/%Y"),
        }
    override_label = ""
    if exc.code == CirculationErrorCode.ITEM_WANTED_BY_OTHER:
        if exc.params.get("card_number"):
            message = _(
                "Bạn đọc thẻ %(card)s đang chờ mượn tài liệu này (đã đặt trước, thứ tự chờ"
                " %(position)s). Không cho mượn."
            ) % {"card": exc.params["card_number"], "position": exc.params["queue_position"]}
        override_label = _("Vẫn cho mượn")
    return {
        "status": "refused",
        "barcode": barcode,
        "message": message,
        "code": exc.code,
        "override_label": override_label,
        "overridable": exc.overridable
        and can(request.user, Capability.OVERRIDE_CIRCULATION, request.library),
        **extra,
    }


def _now() -> str:
    return timezone.localtime().strftime("%H:%M:%S")


@requires(Capability.CIRCULATE)
def home(request: StaffRequest) -> HttpResponse:
    return render(request, "staff/circulation/home.html", {})


def _find_patron(library: Any, query: str) -> tuple[Any, list[Any]]:
    """The reader by card number anywhere in the network, else by name or phone among the
    library's own readers: (the one found or None, the readers to choose from)."""
    try:
        return patron_get_by_card(network=library.network, card_number=query), []
    except NotFound:
        pass
    if len(query) < 3:
        return None, []
    found = list(patron_search(library=library, query=query, limit=21))
    if len(found) == 1:
        return found[0], []
    return None, found


@requires(Capability.CIRCULATE)
def checkout(request: StaffRequest) -> HttpResponse:
    """Scan the card (or type a name or phone), then the copies one after another."""
    library = request.library
    data = request.POST if request.method == "POST" else request.GET
    card = _code(data.get("card_number"))
    ctx: dict[str, Any] = {"card_number": card, "patron": None, "entry": None, "choices": []}
    if card:
        patron, ctx["choices"] = _find_patron(library, card)
        if patron is None:
            ctx["card_number"] = ""
            if not ctx["choices"]:
                ctx["entry"] = {
                    "status": "refused",
                    "barcode": card,
                    "message": _("Không tìm thấy bạn đọc có số thẻ, tên hoặc số điện thoại này."),
                }
        else:
            ctx["patron"] = patron
            ctx["card_number"] = patron.card_number
    patron = ctx["patron"]
    barcode = _code(data.get("barcode"))
    if patron is not None and request.method == "POST" and barcode:
        ctx["entry"] = _checkout_one(request, patron, barcode)
    if patron is not None:
        ctx["balance"] = patron_balance(patron=patron)
        blocks = patron_checkout_blocks(patron=patron, library=library, owed=ctx["balance"])
        ctx["blocks"] = [e.message for e in blocks]
        ctx["loans"] = list(patron_loans(patron=patron))
        ctx["ready_holds"] = [
            h
            for h in patron_holds(patron=patron)
            if h.status == "ready" and h.library_id == library.pk
        ]
    if _is_scan(request):
        patron_html = render_to_string("staff/circulation/desk/_patron.html", ctx, request=request)
        return JsonResponse(
            {
                "card_number": ctx["card_number"],
                "patron_html": patron_html,
                "entry_html": _entry_html(request, ctx["entry"]),
            }
        )
    ctx["entries"] = _headed([ctx["entry"]] if ctx["entry"] else [])
    return _render(request, "checkout", ctx)


def _checkout_one(request: StaffRequest, patron: Any, barcode: str) -> dict[str, Any]:
    library = request.library
    try:
        loan = desk_checkout(
            library=library,
            barcode=barcode,
            patron=patron,
            staff=request.user,
            override_reason=_override_wanted(request),
        )
    except CirculationError as exc:
        if exc.code == CARD_IN_ITEM_BOX:
            return {
                **_card_scanned(exc.params["patron"], barcode, current=patron),
                **_reader(patron),
            }
        return {
            **_refusal(request, exc, barcode, card_number=patron.card_number),
            **_reader(patron),
        }
    except NotFound as exc:
        return {"status": "refused", "barcode": barcode, "message": exc.message, **_reader(patron)}
    item = loan.item
    return {
        "status": "ok",
        "barcode": item.barcode,
        "title": shown_title(item.record.title),
        "message": _("Đã cho mượn. Hạn trả: %(due)s.") % {"due": loan.due_on.strftime("%d/%m/%Y")},
        "override": bool(loan.override_reason),
        **_reader(patron),
    }


def _card_scanned(reader: Any, barcode: str, *, current: Any) -> dict[str, Any]:
    """A reader's card scanned where a copy was expected: nothing is lent; the line says whose
    card it is and offers to finish this reader and open that card."""
    if reader.pk == current.pk:
        message = _(
            "Mã này là thẻ của bạn đọc đang mượn (%(card)s — %(name)s), không phải tài "
            "liệu. Không cho mượn gì."
        )
    else:
        message = _(
            "Mã này là thẻ bạn đọc %(card)s — %(name)s, không phải tài liệu. Không cho mượn gì."
        )
    return {
        "status": "refused",
        "barcode": barcode,
        "message": message % {"card": reader.card_number, "name": reader.full_name},
        "switch_card": reader.card_number if reader.pk != current.pk else "",
    }


def _checkins_today(request: StaffRequest) -> list[dict[str, Any]]:
    kept = request.session.get(SESSION_KEY) or {}
    if kept.get("day") != timezone.localdate().isoformat():
        return []
    return list(kept.get("entries") or [])


@requires(Capability.CIRCULATE)
def checkin(request: StaffRequest) -> HttpResponse:
    entry = None
    barcode = _code(request.POST.get("barcode")) if request.method == "POST" else ""
    if barcode:
        entry = _checkin_one(request, barcode)
        entries = [entry, *_checkins_today(request)][:SESSION_KEEP]
        request.session[SESSION_KEY] = {
            "day": timezone.localdate().isoformat(),
            "entries": entries,
        }
    if _is_scan(request):
        return JsonResponse({"entry_html": _entry_html(request, entry)})
    # The result of this scan first, then the rest of today's session (htmx: this one only).
    entries = _checkins_today(request) if not is_htmx(request) else ([entry] if entry else [])
    return _render(request, "checkin", {"entry": entry, "entries": _headed(entries)})


def _checkin_one(request: StaffRequest, barcode: str) -> dict[str, Any]:
    library = request.library
    try:
        result = desk_checkin(library=library, barcode=barcode, staff=request.user)
    except CirculationError as exc:
        if exc.code == CARD_IN_ITEM_BOX:
            reader = exc.params["patron"]
            message = _(
                "Mã này là thẻ bạn đọc %(card)s — %(name)s, không phải tài liệu. Không nhận trả gì."
            ) % {"card": reader.card_number, "name": reader.full_name}
            return {
                "status": "refused",
                "barcode": barcode,
                "message": message,
                "open_card": reader.card_number,
                "time": _now(),
            }
        return {"status": "refused", "barcode": barcode, "message": exc.message, "time": _now()}
    except NotFound as exc:
        return {"status": "refused", "barcode": barcode, "message": exc.message, "time": _now()}
    item = result.item
    slips = []
    if result.hold is not None and result.transit is None:
        slips.append(
            (_("In phiếu giữ chỗ"), reverse("circulation:slip-hold", args=[result.hold.pk]))
        )
    if result.transit is not None:
        slips.append(
            (
                _("In phiếu luân chuyển"),
                reverse("circulation:slip-transit", args=[result.transit.pk]),
            )
        )
    return {
        "status": "info" if slips else "ok",
        "barcode": item.barcode,
        "title": shown_title(item.record.title),
        "message": result.message,
        "slips": slips,
        "time": _now(),
        **_reader(result.loan.patron if result.loan is not None else None),
    }


@requires(Capability.CIRCULATE)
def renew(request: StaffRequest) -> HttpResponse:
    entry = None
    barcode = _code(request.POST.get("barcode")) if request.method == "POST" else ""
    if barcode:
        entry = _renew_one(request, barcode)
    if _is_scan(request):
        return JsonResponse({"entry_html": _entry_html(request, entry)})
    return _render(request, "renew", {"entry": entry, "entries": _headed([entry] if entry else [])})


def _renew_one(request: StaffRequest, barcode: str) -> dict[str, Any]:
    library = request.library
    try:
        loan = desk_renew(
            library=library,
            barcode=barcode,
            staff=request.user,
            override_reason=_override_wanted(request),
        )
    except CirculationError as exc:
        if exc.code == CARD_IN_ITEM_BOX:
            return _card_scanned_at_renewal(exc.params["patron"], barcode)
        return _refusal(request, exc, barcode)
    except NotFound as exc:
        return {"status": "refused", "barcode": barcode, "message": exc.message}
    item = loan.item
    return {
        "status": "ok",
        "barcode": item.barcode,
        "title": shown_title(item.record.title),
        "message": _("Đã gia hạn. Hạn trả mới: %(due)s.")
        % {"due": loan.due_on.strftime("%d/%m/%Y")},
        "override": bool(loan.override_reason),
        **_reader(loan.patron),
    }


def _card_scanned_at_renewal(reader: Any, barcode: str) -> dict[str, Any]:
    """A reader's card scanned at the renewal desk: nothing is renewed; the line says whose
    card it is and offers that reader's loans, each renewed by its own button (a scan of that
    copy, through the same queue)."""
    loans = list(patron_loans(patron=reader)[: OFFERS_SHOWN + 1])
    if loans:
        message = _(
            "Mã này là thẻ bạn đọc %(card)s — %(name)s, không phải tài liệu. Không gia hạn gì. "
            "Bạn đọc này đang mượn:"
        )
    else:
        message = _(
            "Mã này là thẻ bạn đọc %(card)s — %(name)s, không phải tài liệu. Không gia hạn gì. "
            "Bạn đọc này không mượn tài liệu nào."
        )
    return {
        "status": "refused",
        "barcode": barcode,
        "message": message % {"card": reader.card_number, "name": reader.full_name},
        "renew_offers": [
            [
                loan.item.barcode,
                shown_title(loan.item.record.title),
                loan.due_on.strftime("%d/%m/%Y"),
            ]
            for loan in loans[:OFFERS_SHOWN]
        ],
        "more_loans": len(loans) > OFFERS_SHOWN,
        **_reader(reader),  # the renewals that follow are this reader's: one heading
    }


@requires(Capability.CIRCULATE)
def slip_hold(request: StaffRequest, pk: int) -> HttpResponse:
    """The slip put in a copy set on the hold shelf: for whom, until when."""
    hold = get_or_404(hold_slip_get, library=request.library, pk=pk)
    return render(request, "staff/circulation/desk/slip.html", {"hold": hold, "kind": "hold"})


@requires(Capability.CIRCULATE)
def slip_transit(request: StaffRequest, pk: int) -> HttpResponse:
    """The slip put in a copy sent to another library: where to, from where, for whom."""
    transit = get_or_404(transit_slip_get, library=request.library, pk=pk)
    return render(
        request,
        "staff/circulation/desk/slip.html",
        {"transit": transit, "hold": transit.hold, "kind": "transit"},
    )
