"""Error pages speak Vietnamese first (English on request), say what to do next, and never
show Django's bare English "Not Found" / "CSRF verification failed" pages to a reader."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import permission_denied, server_error

pytestmark = pytest.mark.django_db


def test_a_missing_page_offers_the_search_box(client):
    response = client.get("/search/record/999999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html and 'action="/search/"' in html
    assert 'lang="vi"' in html


def test_the_missing_page_in_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the header's language switch
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_an_expired_form_is_explained():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Biểu mẫu đã hết hạn" in html and "CSRF verification failed" not in html


def test_the_server_error_page_renders_on_its_own():
    """Django renders 500.html without the request's context: nothing in it may need one."""
    request = RequestFactory().get("/")
    with translation.override("vi"):
        response = server_error(request)
    assert response.status_code == 500
    assert "Lỗi máy chủ" in response.content.decode()
    with translation.override("en"):
        assert "Server error" in server_error(request).content.decode()


def test_access_denied_offers_the_login_to_a_visitor():
    request = RequestFactory().get("/staff/catalog/")
    request.user = AnonymousUser()
    response = permission_denied(request, PermissionDenied())
    html = response.content.decode()
    assert response.status_code == 403 and "Không có quyền truy cập" in html
    assert "/accounts/login/?next=/staff/catalog/" in html


def _plain_paths():
    """Every address of the site that takes no parameter (``/staff/switch-library/``)."""
    from django.urls import URLResolver, get_resolver

    def walk(resolver, prefix=""):
        for pattern in resolver.url_patterns:
            path = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern, path)
            elif "<" not in path and "^" not in path and "(?P" not in path:
                yield "/" + path

    return sorted(set(walk(get_resolver())))


def test_opening_a_form_only_address_explains_itself(staff_client, world, settings):
    """A person who opens an address that only takes a form (the reader's "hide suggestions",
    the library switcher; a login's ?next= can lead there) got an empty 405 page. Every such
    address, opened as a network admin, answers with a page that says so, in the person's
    language, and offers the way back."""
    client = staff_client(world.users["hy_admin"], world.provincial)
    client.raise_request_exception = False
    refused = {}
    for path in _plain_paths():
        if path.startswith("/api/"):
            continue  # the API answers in JSON, with its own 405 body
        response = client.get(path)
        if response.status_code == 405:
            refused[path] = response.content.decode()
    assert {"/account/suggestions/", "/staff/switch-library/"} <= set(refused)
    for path, html in refused.items():
        assert "Địa chỉ này chỉ nhận dữ liệu gửi từ một biểu mẫu" in html, path
        back = 'href="/staff/"' if path.startswith("/staff/") else 'href="/account/"'
        if not path.startswith(("/staff/", "/account/")):
            back = 'href="/"'
        assert back in html, path
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/staff/switch-library/").content.decode()
    assert "only takes what a form sends" in html and 'lang="en"' in html
