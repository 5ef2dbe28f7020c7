"""Small helpers shared by the circulation staff views."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from thuvien.circulation.selectors import item_for_desk
from thuvien.core.errors import NotFound


def item_by_barcode(*, library: Any, barcode: str) -> Any:
    return item_for_desk(library=library, barcode=barcode)


def get_or_404(fn: Any, **kwargs: Any) -> Any:
    try:
        return fn(**kwargs)
    except NotFound as exc:
        raise Http404 from exc


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))
