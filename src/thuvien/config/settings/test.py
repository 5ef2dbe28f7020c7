"""Settings for the test suite: the same as base, with a fast hasher and a private data dir.

``THUVIEN_DATABASE_URL`` picks SQLite (default) or PostgreSQL, so the whole suite runs on both.
"""

import os
import tempfile

# Each test process keeps its files to itself, whatever THUVIEN_DATA_DIR the shell exported (the
# Makefile exports ``var/`` for the demo): pytest-xdist workers number their rows alike, so two
# workers wrote and deleted the same ``digital/1/1/object-*.pdf`` and a download test lost its file.
# A subprocess a test starts inherits its worker's variable and so shares that worker's dir.
_OWN_DIR = f"THUVIEN_TEST_DATA_DIR_{os.environ.get('PYTEST_XDIST_WORKER', 'main').upper()}"
if not os.environ.get(_OWN_DIR):
    os.environ[_OWN_DIR] = tempfile.mkdtemp(prefix="thuvien-test-")
os.environ["THUVIEN_DATA_DIR"] = os.environ[_OWN_DIR]

from .base import *  # noqa: E402,F403
from .base import DATA_DIR, DATABASES, HUEY  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
HUEY = {**HUEY, "immediate": True}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, as in production, not Django's default in-memory database: that one runs in
    # SQLite's shared-cache mode, where a reader in one thread makes another thread's write fail
    # at once with "database table is locked" instead of waiting out busy_timeout. Tests with a
    # real worker thread then failed at random (test_outbox_kicks); WAL and the busy timeout
    # behave here as they do for the desks. pytest-django adds the xdist worker to the name.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
SEARCH_INDEX_DIR = DATA_DIR / "index"
REST_FRAMEWORK = {**REST_FRAMEWORK}  # noqa: F405
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {"anon": "10000/min", "user": "10000/min"}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "masters": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
}
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["token"] = "10000/min"  # noqa: S105
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["search"] = "10000/min"
THUVIEN_SEARCH_RATE = "10000/min"
# Each test process counts alone (pytest-xdist workers must not share login throttles); the
# production choice, shared by processes, is tested in core/tests/test_shared_rate_limits.py.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Circulation's per-process desk cache off: on SQLite a rolled-back test's primary keys are
# reused by the next test, so a cached row could outlive its test (circulation.desk_cache).
THUVIEN_DESK_CACHE_SECONDS = 0

# Tests log people in with ``client.force_login``, which uses the FIRST backend listed. This
# test-only backend authenticates nobody; a session it created counts as having passed the
# second factor, so tests of network administrators need no TOTP dance. It exists only here: in
# production such a session would not even load (Django drops sessions whose backend is not in
# AUTHENTICATION_BACKENDS). See thuvien.accounts.backends.
AUTHENTICATION_BACKENDS = [
    "thuvien.accounts.backends.ForceLoginTestBackend",
    *AUTHENTICATION_BACKENDS,  # noqa: F405
]
(DATA_DIR / "static").mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing dir
# clamd is started by the tests that need it (thuvien.testing.clamav); elsewhere an upload is
# screened without it ("not_run"), as in development, never against the machine's own clamd.
THUVIEN_CLAMD_SOCKET = str(DATA_DIR / "no-clamd.sock")
THUVIEN_CLAMAV_REQUIRED = False
