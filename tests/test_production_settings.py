"""Production mode refuses to start without its required settings and says which are missing;
cookies are secure there. Each case imports the settings in a fresh process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
REQUIRED = ("THUVIEN_SECRET_KEY", "THUVIEN_ALLOWED_HOSTS", "THUVIEN_DATABASE_URL")
GOOD = {
    "THUVIEN_SECRET_KEY": "x" * 60,
    "THUVIEN_ALLOWED_HOSTS": "thuvien.example.vn",
    "THUVIEN_DATABASE_URL": "postgres://thuvien@127.0.0.1:5432/thuvien",
}
PRINT = (
    "from thuvien.config.settings import base as s; "
    "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DEBUG, s.SECURE_SSL_REDIRECT, "
    "s.DATABASES['default']['ENGINE'])"
)


def _run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("THUVIEN_", "DJANGO_"))}
    clean.update(THUVIEN_ENV="production", THUVIEN_DATA_DIR=str(tmp_path), PYTHONPATH=str(SRC))
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", PRINT], env=clean, capture_output=True, text=True, timeout=120
    )


def test_all_missing_are_named_at_once(tmp_path):
    result = _run(tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    for name in REQUIRED:
        assert name in result.stderr


@pytest.mark.parametrize("missing", REQUIRED)
def test_each_missing_value_is_named(tmp_path, missing):
    env = {k: v for k, v in GOOD.items() if k != missing}
    result = _run(tmp_path, **env)
    assert result.returncode != 0
    assert missing in result.stderr
    for other in set(REQUIRED) - {missing}:
        assert other not in result.stderr.split("ImproperlyConfigured", 1)[-1]


def test_complete_production_settings_have_secure_cookies(tmp_path):
    result = _run(tmp_path, **GOOD)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "True",
        "False",
        "True",
        "django.db.backends.postgresql",
    ]


def test_thuvien_serve_refuses_to_start_and_names_the_variable(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("THUVIEN_", "DJANGO_"))}
    env.update(
        THUVIEN_ENV="production",
        THUVIEN_DATA_DIR=str(tmp_path),
        PYTHONPATH=str(SRC),
        THUVIEN_SECRET_KEY="x" * 60,
        THUVIEN_ALLOWED_HOSTS="thuvien.example.vn",
    )
    result = subprocess.run(
        [sys.executable, "-m", "thuvien.cli", "serve"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "THUVIEN_DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_sends_hsts_and_upgrades_requests(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("THUVIEN_", "DJANGO_"))}
    clean.update(GOOD, THUVIEN_ENV="production", THUVIEN_DATA_DIR=str(tmp_path),
                 PYTHONPATH=str(SRC))
    code = (
        "from thuvien.config.settings import base as s; "
        "print(s.SECURE_HSTS_SECONDS, s.LANGUAGE_COOKIE_SECURE, "
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES'].get('upgrade-insecure-requests'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["31536000", "True", "True"]


def test_masters_storage_comes_from_the_environment(tmp_path):
    """THUVIEN_MASTERS_STORAGE gives the digital library's masters their storage (an S3 bucket
    through django-storages in production, docs/operations.md); a value that is not JSON or
    names no backend stops start-up and says so."""
    shape = '{"BACKEND": "django.core.files.storage.FileSystemStorage", ' \
            '"OPTIONS": {"location": "/srv/masters"}}'
    show = "from thuvien.config.settings import base as s; print(s.STORAGES['masters'])"
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("THUVIEN_", "DJANGO_"))}
    clean.update(THUVIEN_ENV="production", THUVIEN_DATA_DIR=str(tmp_path), PYTHONPATH=str(SRC),
                 **GOOD)
    run = [sys.executable, "-c", show]
    result = subprocess.run(run, env={**clean, "THUVIEN_MASTERS_STORAGE": shape},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    assert "'location': '/srv/masters'" in result.stdout
    default = subprocess.run(run, env=clean, capture_output=True, text=True, timeout=120)
    assert "FileSystemStorage" in default.stdout
    for bad in ("{bucket: masters}", '{"OPTIONS": {}}'):
        result = subprocess.run(run, env={**clean, "THUVIEN_MASTERS_STORAGE": bad},
                                capture_output=True, text=True, timeout=120)
        assert result.returncode != 0
        assert "THUVIEN_MASTERS_STORAGE" in result.stderr and "ImproperlyConfigured" in \
            result.stderr
