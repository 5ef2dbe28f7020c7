"""Vietnamese by default (even for a browser asking for English), English by choice."""

from __future__ import annotations

import pytest
from django.conf import settings


@pytest.mark.django_db
def test_vietnamese_by_default_even_with_an_english_browser(client):
    html = client.get("/offline/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in html
    assert "Bỏ qua, đến nội dung chính" in html


@pytest.mark.django_db
def test_the_switch_sets_english_and_back(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/offline/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get("/offline/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    client.post("/i18n/setlang/", {"language": "vi", "next": "/offline/"})
    assert '<html lang="vi">' in client.get("/offline/").content.decode()
