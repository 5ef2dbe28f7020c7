"""The one shape of a staff form that writes: a valid POST calls one service; a refusal of the
service is shown on the form (beside its field, or at the top) and the page is drawn again; a
success is said in a flash message and the browser is sent on (post/redirect/get).

    done = form_submit(
        request, form, lambda data: services.network_update(network=network, **data),
        success=_("Đã lưu thông tin mạng lưới."), then="network:index", errors=NetworkError,
    )
    if done is not None:
        return done
    return render(request, "...", {"form": form})

The view keeps what is its own: which form, which service with which arguments, the words and
where to go. What the service refuses is what ``errors`` names (the domain's exception family);
anything else is not a refusal and is not caught here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from thuvien.core.errors import ThuvienError

T = TypeVar("T")


def form_error(form: forms.BaseForm, exc: ThuvienError) -> None:
    """Show a service's refusal beside the field it names (when the form has that field),
    otherwise at the top of the form."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def form_submit(
    request: HttpRequest,
    form: forms.BaseForm,
    action: Callable[[dict[str, Any]], T],
    *,
    success: str | Callable[[T], str] | None,
    then: str | Callable[[T], HttpResponse],
    errors: type[Exception] | tuple[type[Exception], ...] = ThuvienError,
    on_error: Callable[[forms.BaseForm, Any], None] = form_error,
) -> HttpResponse | None:
    """Run ``action(form.cleaned_data)`` for a POST whose form is valid.

    Returns the redirect after a success (``then``: a URL or URL name, or a function of what
    the service returned that gives the response), with ``success`` (text, or a function of
    the result) as a flash message. Returns None when there is nothing to redirect to: not a
    POST, an invalid form, or a refusal in ``errors``, which ``on_error`` puts on the form
    (``form_error`` by default)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except errors as exc:
        on_error(form, exc)
        return None
    if success is not None:
        messages.success(request, success(result) if callable(success) else success)
    return then(result) if callable(then) else redirect(then)
