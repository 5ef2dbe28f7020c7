"""Every page carries the security headers, whoever asks: a Content-Security-Policy without
inline script, Referrer-Policy, Permissions-Policy, frame-ancestors and nosniff.

The pages are every route of the URL conf (the walk of test_every_view_declares_access), with
any id in the path replaced by one that does not exist (a 404 page is a page too), fetched
anonymously and as each kind of staff member.
"""

from __future__ import annotations

import re

import pytest
from django.urls import get_resolver

from .test_every_view_declares_access import _walk

pytestmark = pytest.mark.django_db

ROLES = [None, "hy_admin", "hy_oversight", "tinh_library_admin", "tinh_cataloguer",
         "tinh_circulation"]
_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


# Values tried for a regex route's named group, in order: the first the group accepts.
_REGEX_SAMPLES = {
    "app_label": ["core"],
    "path": ["khong-co.png"],
    "region": ["full"],
    "size": ["max"],
    "rotation": ["0"],
    "quality": ["default"],
    "fmt": ["jpg"],
    "seq": ["1"],
    "ver": ["0123456789ab"],
}
_GROUP = re.compile(r"\(\?P<(\w+)>((?:[^()]|\([^()]*\))*)\)")


def _sample(route: str) -> str | None:
    """A concrete path for a route (an id that does not exist, a value each regex group
    accepts), or None if no value fits."""
    if "^" in route or "$" in route or "(?P" in route:
        failed = False

        def group(match: re.Match) -> str:
            nonlocal failed
            name, pattern = match.group(1), match.group(2)
            for value in [*_REGEX_SAMPLES.get(name, []), "999999", "KHONG-CO", "khong-co"]:
                if re.fullmatch(pattern, value):
                    return value
            failed = True
            return ""

        path = _GROUP.sub(group, route)
        path = path.replace("^", "").replace("$", "").replace("\\", "")
        return None if failed else "/" + path

    def fill(match: re.Match) -> str:
        kind = match.group(1) or "str"
        return "999999" if kind == "int" else "khong-co"

    return "/" + _CONVERTER.sub(fill, route)


def _paths() -> list[str]:
    paths = {_sample(route) for route, _view in _walk(get_resolver().url_patterns)}
    return sorted(p for p in paths if p)


# Apps whose pages the walk must reach (a prefix of at least one path it fetches).
MUST_REACH = [
    "/staff/digital/", "/digital/", "/iiif/3/", "/iiif/3/image/", "/sru", "/oai",
    "/opendata/", "/staff/harvest/", "/staff/oversight/", "/staff/security/",
    "/staff/catalog/records/999999/entities/", "/staff/jobs/", "/healthz", "/readyz",
    "/metrics", "/api/v1/networks/", "/api/v1/libraries/", "/api/v1/groups/", "/admin/",
]  # fmt: skip


def test_the_walk_reaches_every_route():
    """Every pattern of the URL conf (regex routes of routers, IIIF and media included) gives a
    path that resolves to that pattern's own view, so the page tests below fetch it."""
    from django.urls import Resolver404, resolve

    unreached = []
    for route, view in _walk(get_resolver().url_patterns):
        path = _sample(route)
        try:
            if path is None or resolve(path).func is not view:
                unreached.append(f"{route} -> {path}")
        except Resolver404:
            unreached.append(f"{route} -> {path} (404)")
    assert not unreached, unreached
    paths = _paths()
    assert all(any(p.startswith(prefix) for p in paths) for prefix in MUST_REACH), [
        prefix for prefix in MUST_REACH if not any(p.startswith(prefix) for p in paths)
    ]


def csp_directives(header: str) -> dict[str, list[str]]:
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def assert_secure_headers(response, path: str) -> None:
    where = f"{path} ({response.status_code})"
    csp = response.headers.get("Content-Security-Policy")
    assert csp, f"no Content-Security-Policy on {where}"
    d = csp_directives(csp)
    assert d.get("script-src") == ["'self'"], where
    assert d.get("default-src") == ["'self'"], where
    assert d.get("object-src") == ["'none'"], where
    assert d.get("base-uri") == ["'self'"], where
    assert d.get("form-action") == ["'self'"], where
    assert d.get("frame-ancestors") == ["'none'"], where
    assert "'unsafe-inline'" not in d.get("style-src", []), where
    referrer = response.headers.get("Referrer-Policy")
    assert referrer in ("same-origin", "strict-origin-when-cross-origin"), where
    assert response.headers.get("X-Content-Type-Options") == "nosniff", where
    policy = response.headers.get("Permissions-Policy", "")
    assert "camera=(self)" in policy and "microphone=()" in policy, where
    assert "geolocation=()" in policy, where


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_every_page_sends_the_security_headers(client, world, staff_client, role):
    if role is not None:
        staff_client(world.users[role], library=world.provincial)
    paths = _paths()
    assert len(paths) > 50  # the walk found the URL conf
    for path in paths:
        response = client.get(path)
        assert_secure_headers(response, path)


def test_static_files_and_the_api_carry_the_headers_too(client, world):
    for path in ("/static/thuvien/js/app.js", "/api/v1/records/", "/api/v1/docs/",
                 "/sw.js", "/no-such-page/"):
        assert_secure_headers(client.get(path), path)


def test_no_template_has_inline_script_or_event_handler():
    """The policy refuses them, so a template that had one would be broken in the browser."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "src" / "thuvien"
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>",
                               re.I)
    handler = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
    found = []
    for path in root.rglob("*.html"):
        if "/tests/" in str(path):
            continue
        text = path.read_text()
        for regex in (inline_script, handler, re.compile(r"<style", re.I),
                      re.compile(r"javascript:", re.I)):
            for m in regex.finditer(text):
                found.append(f"{path.relative_to(root)}: {m.group(0)[:80]}")
    assert not found, "\n".join(found)
