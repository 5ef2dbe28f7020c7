"""What to buy next: titles this library's readers asked for that it does not hold."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import requires
from thuvien.ai.selectors import purchase_suggestions


@requires(Capability.CATALOGUE)
def buy_next(request: HttpRequest) -> HttpResponse:
    library = request.library  # type: ignore[attr-defined]
    return render(
        request,
        "staff/catalog/buy_next.html",
        {"suggestions": purchase_suggestions(library=library), "library": library},
    )
