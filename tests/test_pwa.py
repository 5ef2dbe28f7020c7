"""The PWA: manifest, service worker at the root, offline page, icons served by the project."""

from __future__ import annotations

import json

import pytest


@pytest.mark.django_db
def test_manifest(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    data = json.loads(response.content)
    assert data["start_url"] == "/" and data["display"] == "standalone"
    sizes = {i["sizes"] for i in data["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in data["icons"]:
        assert icon["src"].startswith("/static/")
        assert client.get(icon["src"]).status_code == 200


@pytest.mark.django_db
def test_service_worker(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    body = response.content.decode()
    assert '"/offline/"' in body and "/static/thuvien/css/app.css" in body
    assert "http" not in body.split("const SHELL", 1)[1].split(";", 1)[0]  # no foreign origin


@pytest.mark.django_db
def test_offline_page_and_pages_link_the_manifest(client):
    page = client.get("/offline/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'rel="manifest"' in html and "pwa.js" in html


@pytest.mark.django_db
def test_no_cdn_in_the_base_template(client):
    html = client.get("/offline/").content.decode()
    for marker in ("cdn.", "googleapis", "unpkg", "jsdelivr", "cloudflare"):
        assert marker not in html
