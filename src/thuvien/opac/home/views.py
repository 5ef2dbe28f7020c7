"""The portal home page (search box, libraries, new items are added by their areas)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thuvien.accounts.permissions import public_view


@public_view
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "opac/home/home.html", {})
