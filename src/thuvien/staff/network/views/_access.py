"""Who sees which network page. The view decorator is the gate (some library administration in
the active library); these helpers decide per object: a library the person may not administer
answers 404, the same as one that does not exist."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import SAFE_METHODS, can, can_in_network
from thuvien.network.models import Library, Network
from thuvien.network.selectors import library_by_code


def is_write(request: HttpRequest) -> bool:
    return request.method not in SAFE_METHODS


def network_of(request: HttpRequest) -> Network:
    network = getattr(request, "network", None)
    if network is None:
        raise PermissionDenied
    return network


def can_read_network(request: HttpRequest, network: Network | None = None) -> bool:
    """Network admin or oversight officer (read-only) of the network."""
    network = network or network_of(request)
    return can_in_network(request.user, Capability.ADMINISTER_LIBRARY, network.pk, write=False)


def can_admin_network(request: HttpRequest, network: Network | None = None) -> bool:
    network = network or network_of(request)
    return can_in_network(request.user, Capability.ADMINISTER_NETWORK, network.pk, write=True)


def require_network_reader(request: HttpRequest) -> Network:
    network = network_of(request)
    if not can_read_network(request, network):
        raise PermissionDenied
    if is_write(request) and not can_admin_network(request, network):
        raise PermissionDenied
    return network


def library_for(request: HttpRequest, code: str, *, write: bool | None = None) -> Library:
    """The library ``code`` if the person administers it (or reads it, for a GET); else 404."""
    write = is_write(request) if write is None else write
    library = library_by_code(code=code, with_parent=True)
    if library is None or not can(
        request.user, Capability.ADMINISTER_LIBRARY, library, write=write
    ):
        raise Http404
    return library


def may_edit(request: HttpRequest, library: Library) -> bool:
    return can(request.user, Capability.ADMINISTER_LIBRARY, library, write=True)


def render_page(request: HttpRequest, template: str, context: dict[str, Any], **kw: Any):
    context.setdefault("is_network_admin", can_admin_network(request))
    context.setdefault("is_network_reader", can_read_network(request))
    return render(request, template, context, **kw)


def closed_day_confirm(request: HttpRequest, day: Any, back: str) -> HttpResponse:
    """The confirmation step before a closed day is removed (the date opens again)."""
    from django.utils.translation import gettext as _

    return render_page(
        request,
        "staff/confirm_delete.html",
        {
            "confirm_title": _("Bỏ ngày nghỉ?"),
            "confirm_object": f"{day.date:%d/%m/%Y} · {day.reason}"
            if day.reason
            else f"{day.date:%d/%m/%Y}",
            "confirm_text": _(
                "Thư viện sẽ được tính là mở cửa ngày này: hạn trả và tiền phạt tính lại theo đó."
            ),
            "confirm_button": _("Bỏ ngày nghỉ"),
            "confirm_back": back,
        },
    )
