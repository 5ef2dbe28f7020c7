"""Featured collections of a library (its administrator, the network admin) and of the whole
network (the network admin); oversight officers read them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import requires
from thuvien.core.errors import NotFound
from thuvien.network import selectors, services
from thuvien.network.errors import NetworkError
from thuvien.network.models import FeaturedCollection
from thuvien.staff.forms_flow import form_submit

from ..forms import FeaturedForm
from ._access import (
    can_admin_network,
    library_for,
    may_edit,
    network_of,
    render_page,
    require_network_reader,
)

FIELDS = (
    "title_vi",
    "title_en",
    "description",
    "description_en",
    "query",
    "filters",
    "is_active",
)


def _owner(request: HttpRequest, code: str | None) -> tuple[dict[str, Any], bool, str, tuple]:
    """(service owner kwargs, may edit, page title, redirect args) for a library or network."""
    if code is not None:
        library = library_for(request, code)
        return (
            {"library": library},
            may_edit(request, library),
            _("Bộ sưu tập nổi bật: %(name)s") % {"name": library.name_vi},
            ("network:library-featured", library.code),
        )
    network = require_network_reader(request)
    return (
        {"network": network},
        can_admin_network(request, network),
        _("Bộ sưu tập nổi bật của mạng lưới"),
        ("network:featured",),
    )


def _get(owner: dict[str, Any], pk: int) -> FeaturedCollection:
    try:
        return selectors.featured_get(pk=pk, **owner)
    except NotFound:
        raise Http404 from None


def _list(request: HttpRequest, code: str | None) -> HttpResponse:
    owner, can_edit, title, back = _owner(request, code)
    form = FeaturedForm(request.POST or None, initial={"is_active": True})
    done = form_submit(
        request,
        form,
        lambda data: services.featured_collection_create(actor=request.user, **owner, **data),
        success=_("Đã thêm bộ sưu tập."),
        then=lambda _collection: redirect(*back),
        errors=NetworkError,
    )
    if done is not None:
        return done
    return render_page(
        request,
        "staff/network/featured.html",
        {
            "form": form,
            "title": title,
            "library": owner.get("library"),
            "collections": selectors.featured_list(**owner, active_only=False),
            "can_edit": can_edit,
        },
        status=400 if form.errors else 200,
    )


def _edit(request: HttpRequest, code: str | None, pk: int) -> HttpResponse:
    owner, _can_edit, _title, back = _owner(request, code)
    collection = _get(owner, pk)
    form = FeaturedForm(request.POST or None, initial={n: getattr(collection, n) for n in FIELDS})
    done = form_submit(
        request,
        form,
        lambda data: services.featured_collection_update(
            collection=collection, actor=request.user, **data
        ),
        success=_("Đã lưu bộ sưu tập."),
        then=lambda _collection: redirect(*back),
        errors=NetworkError,
    )
    if done is not None:
        return done
    return render_page(
        request,
        "staff/network/form.html",
        {
            "form": form,
            "title": _("Sửa bộ sưu tập: %(title)s") % {"title": collection.title_vi},
            "library": owner.get("library"),
            "cancel": None if code else "network:featured",
        },
        status=400 if form.errors else 200,
    )


def _delete(request: HttpRequest, code: str | None, pk: int) -> HttpResponse:
    """GET asks to confirm; POST deletes."""
    owner, _can_edit, _title, back = _owner(request, code)
    collection = _get(owner, pk)
    if request.method != "POST":
        return render_page(
            request,
            "staff/confirm_delete.html",
            {
                "confirm_title": _("Xóa bộ sưu tập nổi bật?"),
                "confirm_object": collection.title,
                "confirm_text": _(
                    "Bộ sưu tập không còn hiện trên cổng tra cứu; các biểu ghi không bị ảnh hưởng."
                ),
                "confirm_button": _("Xóa bộ sưu tập"),
                "confirm_back": reverse(*back[:1], args=back[1:]),
            },
        )
    services.featured_collection_delete(collection=collection, actor=request.user)
    messages.success(request, _("Đã xóa bộ sưu tập."))
    return redirect(*back)


def _move(request: HttpRequest, code: str | None, pk: int) -> HttpResponse:
    owner, _can_edit, _title, back = _owner(request, code)
    collection = _get(owner, pk)
    step = -1 if request.POST.get("direction") == "up" else 1
    try:
        services.featured_collection_move(collection=collection, step=step, actor=request.user)
    except NetworkError as exc:
        messages.error(request, exc.message)
    return redirect(*back)


# --- a library's collections ----------------------------------------------------------------


@requires(Capability.ADMINISTER_LIBRARY)
def library_featured(request: HttpRequest, code: str) -> HttpResponse:
    return _list(request, code)


@requires(Capability.ADMINISTER_LIBRARY)
def library_featured_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    library_for(request, code, write=True)
    return _edit(request, code, pk)


@requires(Capability.ADMINISTER_LIBRARY)
def library_featured_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    return _delete(request, code, pk)


@requires(Capability.ADMINISTER_LIBRARY)
@require_POST
def library_featured_move(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    return _move(request, code, pk)


# --- the network's collections --------------------------------------------------------------


@requires(Capability.ADMINISTER_LIBRARY)
def network_featured(request: HttpRequest) -> HttpResponse:
    return _list(request, None)


@requires(Capability.ADMINISTER_NETWORK, network_wide=True)
def network_featured_edit(request: HttpRequest, pk: int) -> HttpResponse:
    network_of(request)
    return _edit(request, None, pk)


@requires(Capability.ADMINISTER_NETWORK, network_wide=True)
def network_featured_delete(request: HttpRequest, pk: int) -> HttpResponse:
    return _delete(request, None, pk)


@requires(Capability.ADMINISTER_NETWORK, network_wide=True)
@require_POST
def network_featured_move(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, None, pk)
