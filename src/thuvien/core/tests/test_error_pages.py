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
