"""Copies (items) of the active library under a record: add many at once, edit, change status.

Only the active library's items are reachable: another library's item answers 404, the same as
one that does not exist. Every write goes through ``holdings.services``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import requires
from thuvien.core.errors import NotFound, ThuvienError
from thuvien.holdings.models import Item
from thuvien.holdings.selectors import item_get_among, item_get_for, item_move_targets
from thuvien.staff.forms_flow import form_submit

from ..forms import ItemBatchForm, ItemEditForm, ItemMoveForm, ItemStatusForm
from .common import get_record


def get_item(request: StaffRequest, pk: int) -> Item:
    try:
        return item_get_for(library=request.library, pk=pk)
    except NotFound:
        raise Http404 from None


def move_targets(request: StaffRequest, item: Item) -> list[Any]:
    """The libraries this person may move ``item`` to, of those the request already read
    (``staff_libraries``); the rule is holdings' (``item_move_allowed``)."""
    return item_move_targets(user=request.user, item=item, libraries=request.staff_libraries)


def _form_error(form, exc: ThuvienError) -> None:
    field = exc.field
    if field == "barcode" and "first_barcode" in form.fields:  # the batch form's one barcode
        field = "first_barcode"
    form.add_error(field if field in form.fields else None, exc.message)


def _suggest_call_number(record) -> str:
    try:
        from thuvien.holdings.callnumber import propose_call_number
    except ImportError:
        return ""
    return propose_call_number(ddc=record.ddc, authors=record.authors, title=record.title)


@requires(Capability.CATALOGUE, for_writing=True)
def item_add(request: StaffRequest, record_pk: int) -> HttpResponse:
    from thuvien.holdings.services import items_create_batch

    record = get_record(request, record_pk)
    library = request.library
    if request.method == "POST":
        form = ItemBatchForm(request.POST, library=library)
        done = form_submit(
            request,
            form,
            lambda data: items_create_batch(
                record=record,
                library=library,
                first_barcode=data["first_barcode"],
                count=data["count"],
                actor=request.user,
                location=data["location"],
                call_number=data["call_number"],
                item_type=data["item_type"],
                price=data["price"],
                acquired_on=data["acquired_on"],
                acquisition_source=data["acquisition_source"],
            ),
            success=lambda items: _("Đã thêm %(n)d bản sao (%(first)s – %(last)s).")
            % {"n": len(items), "first": items[0].barcode, "last": items[-1].barcode},
            then=reverse("catalog:record-detail", args=[record.pk]),
            on_error=_form_error,
        )
        if done is not None:
            return done
    else:
        form = ItemBatchForm(
            library=library,
            initial={
                "count": 1,
                "call_number": _suggest_call_number(record),
                "acquired_on": timezone.localdate(),
            },
        )
    return render(
        request,
        "staff/catalog/item_add.html",
        {"form": form, "record": record},
        status=400 if form.errors else 200,
    )


@requires(Capability.CATALOGUE, for_writing=True)
def item_edit(request: StaffRequest, pk: int) -> HttpResponse:
    from thuvien.holdings.services import (
        CIRCULATION_STATUSES,
        item_status_set,
        item_update,
        item_visibility_set,
        item_withdraw,
    )

    item = get_item(request, pk)
    library = request.library
    form = ItemEditForm(
        library=library,
        initial={
            "barcode": item.barcode,
            "call_number": item.call_number,
            "location": item.location,
            "item_type": item.item_type,
            "price": item.price,
            "acquired_on": item.acquired_on,
            "acquisition_source": item.acquisition_source,
            "notes": item.notes,
            "visibility": item.visibility,
        },
    )
    status_form = ItemStatusForm(initial={"status": item.status})
    action = request.POST.get("action") if request.method == "POST" else None
    try:
        if action == "edit":
            form = ItemEditForm(request.POST, library=library)

            def update(cleaned: dict[str, Any]) -> None:
                data = dict(cleaned)
                visibility = data.pop("visibility") or item.visibility
                item_update(item=item, actor=request.user, **data)
                item_visibility_set(item=item, visibility=visibility, actor=request.user)

            done = form_submit(
                request,
                form,
                update,
                success=lambda _none: _("Đã lưu bản sao %(b)s.") % {"b": item.barcode},
                then=reverse("catalog:item-edit", args=[item.pk]),
                on_error=_form_error,
            )
            if done is not None:
                return done
        elif action == "status":
            status_form = ItemStatusForm(request.POST)
            done = form_submit(
                request,
                status_form,
                lambda data: item_status_set(
                    item=item, status=data["status"], actor=request.user, note=data["note"]
                ),
                success=lambda _result: _("Đã đổi trạng thái bản sao %(b)s.") % {"b": item.barcode},
                then=reverse("catalog:item-edit", args=[item.pk]),
                on_error=_form_error,
            )
            if done is not None:
                return done
        elif action == "withdraw":
            item_withdraw(item=item, actor=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("Đã thanh lý bản sao %(b)s.") % {"b": item.barcode})
            return redirect(reverse("catalog:item-edit", args=[item.pk]))
    except ThuvienError as exc:
        messages.error(request, exc.message)
    item.refresh_from_db()
    bad = form.errors or status_form.errors
    return render(
        request,
        "staff/catalog/item_edit.html",
        {
            "item": item,
            "form": form,
            "status_form": status_form,
            "in_circulation": item.status in CIRCULATION_STATUSES,
            "may_move": bool(move_targets(request, item)),
        },
        status=400 if bad else 200,
    )


def _moved_already(request: StaffRequest, pk: int) -> HttpResponse:
    """The copy left the active library (another tab or a colleague moved it): if it is in
    another library this person works in, the record says where; else the usual 404."""
    try:
        item = item_get_among(libraries=list(request.staff_libraries), pk=pk)
    except NotFound:
        raise Http404 from None
    wanted = request.POST.get("library", "")
    if wanted.isdigit() and int(wanted) == item.library_id:
        text = _("Bản sao %(b)s đã ở %(lib)s: không cần chuyển nữa.")
    else:
        text = _("Bản sao %(b)s không còn ở %(here)s: nó đã được chuyển sang %(lib)s.")
    messages.warning(
        request,
        text % {"b": item.barcode, "lib": item.library.name, "here": request.library.name},
    )
    return redirect("catalog:record-detail", item.record_id)


@requires(Capability.CATALOGUE, for_writing=True)
def item_move(request: StaffRequest, pk: int) -> HttpResponse:
    """Move a copy to another library of the network (``item_update(library=...)``, audited
    there; a lent copy is refused). The copy leaves the active library: on success the
    browser goes back to its record."""
    from thuvien.holdings.services import CIRCULATION_STATUSES, item_update

    try:
        item = item_get_for(library=request.library, pk=pk)
    except NotFound:
        return _moved_already(request, pk)
    targets = move_targets(request, item)
    by_id = {lib.pk: lib for lib in targets}
    form = ItemMoveForm(request.POST or None, libraries=targets)
    done = form_submit(
        request,
        form,
        lambda data: item_update(item=item, library=by_id[data["library"]], actor=request.user),
        success=lambda moved: _("Đã chuyển bản sao %(b)s sang %(lib)s.")
        % {"b": moved.barcode, "lib": by_id[moved.library_id].name},
        then=reverse("catalog:record-detail", args=[item.record_id]),
    )
    if done is not None:
        return done
    return render(
        request,
        "staff/catalog/item_move.html",
        {
            "item": item,
            "form": form,
            "targets": targets,
            "in_circulation": item.status in CIRCULATION_STATUSES,
        },
        status=400 if form.errors else 200,
    )
