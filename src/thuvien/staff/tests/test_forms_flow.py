"""The staff form helper: a valid POST runs the service once; a refusal lands on the form beside
its field (or at the top) and nothing redirects; a success flashes and redirects; a GET or an
invalid form runs nothing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.shortcuts import redirect
from django.test import RequestFactory

from thuvien.core.errors import ThuvienError
from thuvien.staff.forms_flow import form_submit


class NameForm(forms.Form):
    name = forms.CharField(max_length=20)


def _request(method: str, data: dict[str, str] | None = None) -> Any:
    factory = RequestFactory()
    request = factory.post("/x", data or {}) if method == "POST" else factory.get("/x")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_a_valid_post_runs_the_service_flashes_and_redirects():
    calls: list[dict[str, Any]] = []
    request = _request("POST", {"name": "Thư viện xã"})
    form = NameForm(request.POST)
    done = form_submit(
        request,
        form,
        lambda data: calls.append(dict(data)) or "HY-01",
        success=lambda code: f"Đã lưu {code}.",
        then=lambda code: redirect(f"/libraries/{code}/"),
    )
    assert calls == [{"name": "Thư viện xã"}]
    assert done is not None and done.status_code == 302 and done["Location"] == "/libraries/HY-01/"
    assert [str(m) for m in get_messages(request)] == ["Đã lưu HY-01."]


def test_a_refusal_goes_beside_its_field_or_to_the_top_and_nothing_redirects():
    def refuse(field: str | None) -> Any:
        def action(data: dict[str, Any]) -> None:
            raise ThuvienError("taken", "Mã đã có.", field=field)

        return action

    for field, where in (("name", "name"), ("code", "__all__"), (None, "__all__")):
        request = _request("POST", {"name": "x"})
        form = NameForm(request.POST)
        done = form_submit(request, form, refuse(field), success="Đã lưu.", then="/next/")
        assert done is None
        assert form.errors[where] == ["Mã đã có."]
        assert list(get_messages(request)) == []


def test_a_get_or_an_invalid_form_runs_nothing():
    calls: list[Any] = []
    for request, form in (
        (_request("GET"), NameForm()),
        (_request("POST", {"name": ""}), None),
    ):
        form = form or NameForm(request.POST)
        assert form_submit(request, form, calls.append, success="x", then="/next/") is None
    assert calls == []


def test_only_the_named_refusals_are_caught():
    class OtherError(Exception):
        pass

    request = _request("POST", {"name": "x"})
    form = NameForm(request.POST)

    def fail(data: dict[str, Any]) -> None:
        raise OtherError

    try:
        form_submit(request, form, fail, success="x", then="/next/", errors=ThuvienError)
    except OtherError:
        pass
    else:
        raise AssertionError("an error the view did not name was swallowed")
