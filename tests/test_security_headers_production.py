"""With production settings on (``THUVIEN_ENV=production``): HSTS on every page, and every
cookie Secure and HttpOnly (the session, CSRF and language cookies).

Settings are read once per process, so this runs in a child process started with the
production environment, on a fresh SQLite database of its own, and walks the same pages as
test_security_headers (every route of the URL conf), anonymously over HTTPS.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.utils.datastructures import CaseInsensitiveMapping

from .test_security_headers import MUST_REACH, assert_secure_headers

ROOT = Path(__file__).resolve().parents[1]
# Nothing here touches the suite's database: run once, in the SQLite pass of ``make test``.
pytestmark = pytest.mark.skipif(
    os.environ.get("THUVIEN_DATABASE_URL", "").startswith("postgres"),
    reason="database-independent; runs in the SQLite pass",
)

CHILD = textwrap.dedent(
    """
    import json, sys
    import django
    django.setup()
    from django.core.management import call_command
    call_command("migrate", verbosity=0, interactive=False)
    from django.test import Client
    from django.urls import get_resolver
    sys.path.insert(0, sys.argv[1])
    from tests.test_security_headers import _sample
    from tests.test_every_view_declares_access import _walk
    from thuvien.accounts.models import User

    out = {"pages": {}, "cookies": {}, "http": None}
    client = Client(HTTP_HOST="thuvien.example.org")
    paths = sorted({p for p in (_sample(r) for r, _ in _walk(get_resolver().url_patterns)) if p})
    for path in paths:
        response = client.get(path, secure=True)
        out["pages"][path] = [response.status_code,
                              response.headers.get("Strict-Transport-Security", ""),
                              dict(response.headers)]
    out["http"] = client.get("/", secure=False).status_code
    User.objects.create_user(username="kiem_tra", password="mat-khau-dai-123")
    client.get("/accounts/login/", secure=True)
    client.post("/accounts/login/", {"username": "kiem_tra", "password": "mat-khau-dai-123"},
                secure=True)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"}, secure=True)
    for name, morsel in client.cookies.items():
        out["cookies"][name] = {"secure": bool(morsel["secure"]),
                                "httponly": bool(morsel["httponly"]),
                                "samesite": morsel["samesite"]}
    print("RESULT" + json.dumps(out))
    """
)


def test_production_pages_send_hsts_and_cookies_are_secure(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "thuvien.config.settings.base",
        "THUVIEN_ENV": "production",
        "THUVIEN_SECRET_KEY": "a-production-like-secret-key-for-this-test-only-0123456789",
        "THUVIEN_ALLOWED_HOSTS": "thuvien.example.org",
        "THUVIEN_DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "THUVIEN_DATA_DIR": str(tmp_path),
        "THUVIEN_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "THUVIEN_CLAMAV_REQUIRED": "1",
    }
    env.pop("THUVIEN_REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT)],
        env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT"))
    result = json.loads(line.removeprefix("RESULT"))
    # Every route of the URL conf (regex routes of the API routers and IIIF included): the
    # walk is test_security_headers' own, checked there to reach every pattern.
    assert len(result["pages"]) > 200
    for prefix in MUST_REACH:
        if prefix != "/admin/":
            assert any(p.startswith(prefix) for p in result["pages"]), prefix
    missing = [p for p, (_status, hsts, _h) in result["pages"].items()
               if not hsts.startswith("max-age=31536000")]
    assert not missing, f"no HSTS on: {missing[:20]}"
    errors = [p for p, (status, _hsts, _h) in result["pages"].items() if status >= 500]
    assert not errors, errors
    # And the same policy as in development: CSP, frame-ancestors, referrer, permissions.
    for path, (status, _hsts, headers) in result["pages"].items():
        response = SimpleNamespace(status_code=status, headers=CaseInsensitiveMapping(headers))
        assert_secure_headers(response, path)
    assert result["http"] == 301  # plain HTTP goes to HTTPS
    cookies = result["cookies"]
    assert {"sessionid", "csrftoken", "thuvien_language"} <= set(cookies), cookies
    for name, flags in cookies.items():
        assert flags["secure"] and flags["httponly"], (name, flags)
        assert flags["samesite"] in ("Lax", "Strict"), (name, flags)
