"""Settings shared by every mode.

Every value that differs between a laptop and a province's servers comes from the environment
(``THUVIEN_*``). In production mode (``THUVIEN_ENV=production``) a missing required value stops
start-up with a message that names it; in development sensible local defaults apply.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent  # src/thuvien
ENV = os.environ.get("THUVIEN_ENV", "development")
PRODUCTION = ENV == "production"


def env_required(name: str, *, dev_default: str | None = None) -> str:
    """Return ``$name``; in production refuse to start without it."""
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if PRODUCTION or dev_default is None:
        raise ImproperlyConfigured(
            f"Thiếu biến môi trường {name} (required setting {name} is missing)."
        )
    return dev_default


# Production refuses to start without these, and names every one that is missing at once.
PRODUCTION_REQUIRED = ("THUVIEN_SECRET_KEY", "THUVIEN_ALLOWED_HOSTS", "THUVIEN_DATABASE_URL")
if PRODUCTION:
    _missing = [n for n in PRODUCTION_REQUIRED if not os.environ.get(n, "").strip()]
    if _missing:
        raise ImproperlyConfigured(
            "Thiếu biến môi trường bắt buộc / missing required environment variables: "
            + ", ".join(_missing)
        )

DATA_DIR = Path(os.environ.get("THUVIEN_DATA_DIR", Path.cwd() / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env_required(
    "THUVIEN_SECRET_KEY", dev_default="dev-only-insecure-key-not-for-production-use-0123456789"
)
DEBUG = os.environ.get("THUVIEN_DEBUG", "0" if PRODUCTION else "1") == "1"
ALLOWED_HOSTS = [
    h.strip()
    for h in env_required(
        "THUVIEN_ALLOWED_HOSTS", dev_default="127.0.0.1,localhost,testserver"
    ).split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("THUVIEN_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

_default_db = f"sqlite:///{DATA_DIR / 'thuvien.sqlite3'}"
DATABASE_URL = env_required("THUVIEN_DATABASE_URL", dev_default=_default_db)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer commits; IMMEDIATE takes the write lock at BEGIN so
    # two desks never deadlock upgrading a read lock. See docs/architecture.md.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA busy_timeout=20000; PRAGMA cache_size=-64000;"
        ),
    }
    # Kept open like PostgreSQL's (conn_max_age above; one connection per gunicorn thread):
    # opening a connection per request ran the five PRAGMAs and closing it checkpointed the WAL,
    # about 2.3 ms of CPU on every result page (benchmarks/search_page.py).
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg prepares a statement after it has run this many times on a connection (psycopg's
    # own default; Django turns preparing off). Only statements sent with server-side binding
    # are ever prepared: the circulation desk's (core/db.py's prepared_cursor); the ORM's
    # client-binding queries are not affected. A pooler in transaction mode needs pgbouncer
    # >= 1.21 (max_prepared_statements) or THUVIEN_DB_PREPARE_THRESHOLD="" to turn this off.
    _prepare = os.environ.get("THUVIEN_DB_PREPARE_THRESHOLD", "5").strip()
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = (
        int(_prepare) if _prepare else None
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("THUVIEN_REDIS_URL", "").strip()
# Empty: the default name, translated ("Thư viện số", "Digital library"); see core.site.
THUVIEN_SITE_NAME = os.environ.get("THUVIEN_SITE_NAME", "").strip()

INSTALLED_APPS = [
    # domain apps (own models and rules)
    "thuvien.core",
    "thuvien.screening",
    "thuvien.network",
    "thuvien.accounts",
    "thuvien.catalog",
    "thuvien.holdings",
    "thuvien.patrons",
    "thuvien.circulation",
    "thuvien.payments",
    "thuvien.digital",
    "thuvien.search",
    "thuvien.oversight",
    "thuvien.harvest",
    "thuvien.ai",
    "thuvien.backup",
    # interface apps (own no models)
    "thuvien.staff",
    "thuvien.opac",
    "thuvien.api",
    "thuvien.sip2",
    "thuvien.oai",
    "thuvien.iiif",
    "thuvien.sru",
    "thuvien.opendata",
    "thuvien.ops",
    "thuvien.demo",  # demo data: above every app, imports them all
    # third party; the admin site is ours (open to network administrators only)
    "thuvien.accounts.apps.ThuvienAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",  # its templates: the portal's /sitemap.xml (opac.sitemaps)
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "huey.contrib.djhuey",
    "csp",
]

MIDDLEWARE = [
    "thuvien.ops.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "thuvien.core.middleware.CSPMiddleware",  # django-csp's, the usual header built once
    "thuvien.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thuvien.core.middleware.LanguageMiddleware",
    # before anything reads the body (the CSRF check): a too large upload is refused unread
    "thuvien.core.uploads.UploadLimitMiddleware",
    "thuvien.core.middleware.NulInQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "thuvien.accounts.middleware.TwoFactorMiddleware",
    "thuvien.accounts.middleware.LibraryScopeMiddleware",
    # innermost: sees a view's empty 405 before the headers above are added to it
    "thuvien.core.middleware.MethodNotAllowedPageMiddleware",
]

ROOT_URLCONF = "thuvien.config.urls"
WSGI_APPLICATION = "thuvien.config.wsgi.application"

# Interface apps keep one sub-package per domain (staff/catalog/, opac/search/ ...), each with its
# own templates/ and locale/ so that the teams working on them never edit the same file.
_SUBPACKAGE_TEMPLATES = sorted(str(p) for p in PACKAGE_DIR.glob("*/*/templates") if p.is_dir())
_SUBPACKAGE_LOCALES = sorted(str(p) for p in PACKAGE_DIR.glob("*/*/locale") if p.is_dir())

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [str(PACKAGE_DIR / "templates"), *_SUBPACKAGE_TEMPLATES],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thuvien.core.context_processors.thuvien",
            ],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
# ModelBackend first (usernames); other apps append theirs (patrons: card numbers). The lock-out
# lives in the login form, so it holds whatever backend accepts the credentials. The last one
# grants Django admin model permissions to network administrators; it authenticates nobody.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "thuvien.patrons.auth.CardNumberBackend",
    "thuvien.accounts.backends.NetworkAdminPermissionBackend",
]
# Lock-out: after this many failed logins in a row an account is locked for this long.
THUVIEN_LOGIN_MAX_FAILURES = int(os.environ.get("THUVIEN_LOGIN_MAX_FAILURES", "5"))
THUVIEN_LOGIN_LOCK_MINUTES = int(os.environ.get("THUVIEN_LOGIN_LOCK_MINUTES", "15"))
# Failed logins one address may make, whatever the names, before it is refused for the lock time.
THUVIEN_LOGIN_MAX_FAILURES_PER_ADDRESS = int(
    os.environ.get("THUVIEN_LOGIN_MAX_FAILURES_PER_ADDRESS", "20")
)
# Network administrators must enrol a TOTP second factor before using /staff/ or /admin/.
THUVIEN_REQUIRE_TOTP_FOR_NETWORK_ADMINS = (
    os.environ.get("THUVIEN_REQUIRE_TOTP_FOR_NETWORK_ADMINS", "1") == "1"
)
THUVIEN_TOTP_ISSUER = os.environ.get("THUVIEN_TOTP_ISSUER", "thuvien")
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Vietnamese first. Message ids in the code are Vietnamese; locale/en carries English.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "thuvien_language"
LOCALE_PATHS = [str(PACKAGE_DIR / "locale"), *_SUBPACKAGE_LOCALES]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = str(DATA_DIR / "static")
(DATA_DIR / "static").mkdir(exist_ok=True)  # WhiteNoise warns on start when it is missing
STATICFILES_DIRS = [str(PACKAGE_DIR / "static")]
MEDIA_URL = "/media/"
MEDIA_ROOT = str(DATA_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # The digital library's masters (thuvien.digital.storage): under MEDIA_ROOT by default; an
    # S3-compatible store in production through THUVIEN_MASTERS_STORAGE, a JSON object in
    # STORAGES' own shape ({"BACKEND": ..., "OPTIONS": {...}}; docs/operations.md).
    "masters": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
}
_masters_storage = os.environ.get("THUVIEN_MASTERS_STORAGE", "").strip()
if _masters_storage:
    import json as _json

    try:
        STORAGES["masters"] = _json.loads(_masters_storage)
    except ValueError as _exc:
        raise ImproperlyConfigured(
            f"THUVIEN_MASTERS_STORAGE không phải JSON hợp lệ (is not valid JSON): {_exc}"
        ) from None
    if not isinstance(STORAGES["masters"], dict) or not STORAGES["masters"].get("BACKEND"):
        raise ImproperlyConfigured(
            'THUVIEN_MASTERS_STORAGE phải có "BACKEND" (needs a "BACKEND": '
            '{"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {...}}).'
        )
WHITENOISE_USE_FINDERS = True

# The search backend (a name of thuvien.search.engine.BACKENDS; today only "tantivy").
SEARCH_BACKEND = os.environ.get("THUVIEN_SEARCH_BACKEND", "tantivy")
SEARCH_INDEX_DIR = Path(os.environ.get("THUVIEN_SEARCH_INDEX_DIR", DATA_DIR / "index"))
# Meaning-based search (thuvien.ai): the nearest-neighbour files, the embedding switch (the
# worker computes vectors only when on) and the CPU threads one embedding call may use (0: all).
AI_VECTOR_DIR = Path(os.environ.get("THUVIEN_AI_VECTOR_DIR", DATA_DIR / "vectors"))
AI_EMBEDDINGS = os.environ.get("THUVIEN_AI_EMBEDDINGS", "1") not in ("0", "false", "no")
AI_THREADS = int(os.environ.get("THUVIEN_AI_THREADS", "1"))
# OpenMP reads its thread count when its library loads, which may be before thuvien.ai asks:
# set it for the process here (the first thing Django imports). Measured: a query's embedding
# cost 10–12 ms of CPU with it, 23–1,059 ms without (threads spinning on a busy machine).
if AI_THREADS:
    os.environ.setdefault("OMP_NUM_THREADS", str(AI_THREADS))
# "Readers who borrowed this also borrowed" shows a pair only when at least this many distinct
# readers borrowed both (no single reader can be inferred from a suggestion).
AI_MIN_READERS = int(os.environ.get("THUVIEN_AI_MIN_READERS", "5"))
# How the portal and the search API search when the reader does not say: "hybrid", words
# first and meaning under them, labelled (ai.selectors.hybrid_page). On 5,000 demo records
# (benchmarks/ai_relevance.py, 2026-12-07) it beats the words on nDCG@10 (0.454 against 0.207)
# and loses on no kind of query (exact 0.647 / 0.595, without tone marks equal), and where the
# words answered it adds nothing that lacks the words asked for. It still shows something for
# 35% of queries whose subject the catalogue lacks (the words 7.5%), under "Kết quả gần
# nghĩa". With no vectors yet (a fresh install before the worker ran) it is the word search.
# "lexical" or "semantic" stay in the menu and the API's ``mode``.
AI_DEFAULT_MODE = os.environ.get("THUVIEN_AI_DEFAULT_MODE", "hybrid")
# "Ask the library": an OpenAI-compatible generation service the province hosts; without it
# the page shows the retrieved passages only (nothing generates text on this server).
AI_GENERATION_URL = os.environ.get("THUVIEN_AI_GENERATION_URL", "")
AI_GENERATION_MODEL = os.environ.get("THUVIEN_AI_GENERATION_MODEL", "")
AI_GENERATION_KEY = os.environ.get("THUVIEN_AI_GENERATION_KEY", "")
AI_GENERATION_TIMEOUT = float(os.environ.get("THUVIEN_AI_GENERATION_TIMEOUT", "20"))
# Above this many hits, facet counts are estimated from a fixed sample of about this many
# records (shown with "≈"): the facet work of a broad search is proportional to it.
SEARCH_FACET_SAMPLE = int(os.environ.get("THUVIEN_SEARCH_FACET_SAMPLE", "4000"))
# Up to about this many hits the total is counted exactly; above, it is estimated from the
# facet sample and shown as "about" (as Elasticsearch stops counting at 10,000): counting
# 280,000 hits of "văn học" cost more than ranking and facets together.
SEARCH_EXACT_TOTAL = int(os.environ.get("THUVIEN_SEARCH_EXACT_TOTAL", "20000"))
# Memory `thuvien reindex` may give tantivy's indexer (used as it fills): a rebuild that fits
# stays one segment, and every search then opens its term lists and columns once instead of
# per segment (about 12% faster on a million records, which take about 1.3 GB).
SEARCH_REINDEX_MEMORY_MB = int(os.environ.get("THUVIEN_SEARCH_REINDEX_MEMORY_MB", "2048"))

# Security: cookies are secure and HTTP-only in production; CSRF everywhere.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Pages carry the CSRF token themselves (forms, hx-headers); no script reads these cookies.
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy on every response (django-csp): scripts only from the project's own
# files (no inline <script>, no onclick=; templates bind behaviour with data- attributes and
# static/thuvien/js/app.js), no plugins, no framing, forms post only here. Style elements only
# from files; inline style ATTRIBUTES stay allowed (style-src-attr), because the Django admin
# and third-party widgets still write some and an attribute cannot load or select anything.
# The API documentation page (Swagger UI) also allows its own inline <style> (api/core/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-elem": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
    },
}
# Powerful browser features: the camera only for the project's own pages (the phone stocktake
# scans barcodes with it); everything else off.
THUVIEN_PERMISSIONS_POLICY = (
    "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), midi=(), "
    "display-capture=(), browsing-topics=()"
)
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("THUVIEN_HSTS_SECONDS", "31536000"))
    SECURE_SSL_REDIRECT = os.environ.get("THUVIEN_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("THUVIEN_HSTS_SUBDOMAINS", "0") == "1"
    SECURE_HSTS_PRELOAD = False  # preloading is a promise about the whole domain: opt in by hand
    LANGUAGE_COOKIE_SECURE = True
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True


def _env_switch(name: str, default: bool) -> bool:
    """A yes/no switch: "1" or "0"; anything else stops start-up with a message."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if value not in ("0", "1"):
        raise ImproperlyConfigured(f"{name} phải là 0 hoặc 1 ({name} must be 0 or 1): {value!r}")
    return value == "1"


def _env_int(name: str, default: int, *, minimum: int = 1) -> int:
    """A whole number of at least ``minimum``; anything else stops start-up with a message."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = minimum - 1
    if number < minimum:
        raise ImproperlyConfigured(
            f"{name} phải là số nguyên >= {minimum} ({name} must be an integer >= {minimum}): "
            f"{value!r}"
        )
    return number


# Upload screening (thuvien.screening): every file that enters is checked by content and by
# ClamAV (clamd's socket). Production refuses uploads while clamd is down; development records
# "not_run" and goes on (THUVIEN_CLAMAV_REQUIRED=0). clamd's StreamMaxLength, MaxFileSize and
# MaxScanSize must be at least the largest upload (docs/operations.md).
THUVIEN_CLAMD_SOCKET = os.environ.get("THUVIEN_CLAMD_SOCKET", "/run/clamav/clamd.ctl").strip()
THUVIEN_CLAMAV_REQUIRED = _env_switch("THUVIEN_CLAMAV_REQUIRED", PRODUCTION)
THUVIEN_CLAMD_TIMEOUT = _env_int("THUVIEN_CLAMD_TIMEOUT", 120)
THUVIEN_SCREEN_MAX_PIXELS = _env_int("THUVIEN_SCREEN_MAX_PIXELS", 180_000_000)
THUVIEN_SCREEN_ZIP_MAX_ENTRIES = _env_int("THUVIEN_SCREEN_ZIP_MAX_ENTRIES", 10_000)
THUVIEN_SCREEN_ZIP_MAX_BYTES = _env_int("THUVIEN_SCREEN_ZIP_MAX_BYTES", 4 * 1024**3)
THUVIEN_SCREEN_ZIP_MAX_RATIO = _env_int("THUVIEN_SCREEN_ZIP_MAX_RATIO", 100)
# A refused file larger than this is recorded (name, size, SHA-256) but its bytes not kept.
THUVIEN_QUARANTINE_MAX_BYTES = _env_int("THUVIEN_QUARANTINE_MAX_BYTES", 64 * 1024**2)
# Security events (/staff/security/): a person refused this many pages within ten minutes is a
# burst worth an audit entry; the worker mails the network administrators when this many events
# come within the window (a failed backup or malware at once), at most once per quiet period.
THUVIEN_PERMISSION_DENIED_BURST = _env_int("THUVIEN_PERMISSION_DENIED_BURST", 10)
THUVIEN_SECURITY_ALERT_BURST = _env_int("THUVIEN_SECURITY_ALERT_BURST", 10)
THUVIEN_SECURITY_ALERT_WINDOW_MINUTES = _env_int("THUVIEN_SECURITY_ALERT_WINDOW_MINUTES", 15)
THUVIEN_SECURITY_ALERT_MINUTES = _env_int("THUVIEN_SECURITY_ALERT_MINUTES", 60)

EMAIL_BACKEND = os.environ.get(
    "THUVIEN_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = str(DATA_DIR / "mail")
EMAIL_HOST = os.environ.get("THUVIEN_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("THUVIEN_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("THUVIEN_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("THUVIEN_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("THUVIEN_EMAIL_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("THUVIEN_FROM_EMAIL", "thuvien@localhost")

# OAI-PMH provider at /oai. The namespace of the identifiers (oai:<namespace>:record/<id>) must
# be a domain name the repository controls; the admin address must have a dotted domain.
OAI_NAMESPACE = os.environ.get("THUVIEN_OAI_NAMESPACE", "thuvien.localhost")
OAI_REPOSITORY_NAME = os.environ.get("THUVIEN_OAI_NAME", "Thư viện số — mục lục liên hợp")
OAI_ADMIN_EMAIL = os.environ.get("THUVIEN_OAI_ADMIN_EMAIL", "thuvien@example.org")
OAI_PAGE_SIZE = int(os.environ.get("THUVIEN_OAI_PAGE_SIZE", "500"))
# The OAI-PMH harvester: each request to a partner times out after this many seconds and is
# retried this many times, waiting HARVEST_BACKOFF_SECONDS, then twice that, ... (and what a
# partner's Retry-After asks, up to HARVEST_MAX_RETRY_AFTER). A run that still fails stops with
# its resumption token saved; the next run resumes there.
HARVEST_TIMEOUT_SECONDS = float(os.environ.get("THUVIEN_HARVEST_TIMEOUT_SECONDS", "60"))
HARVEST_RETRIES = int(os.environ.get("THUVIEN_HARVEST_RETRIES", "4"))
HARVEST_BACKOFF_SECONDS = float(os.environ.get("THUVIEN_HARVEST_BACKOFF_SECONDS", "5"))
HARVEST_MAX_RETRY_AFTER = int(os.environ.get("THUVIEN_HARVEST_MAX_RETRY_AFTER", "300"))
# Open data: dumps are written on the storage API under this prefix, rebuilt by the worker
# at OPENDATA_REBUILD_HOUR (local time) every day.
OPENDATA_PREFIX = os.environ.get("THUVIEN_OPENDATA_PREFIX", "opendata")
OPENDATA_REBUILD_HOUR = int(os.environ.get("THUVIEN_OPENDATA_REBUILD_HOUR", "3"))
# The public address of the portal, for the URIs of linked data (BIBFRAME resources).
PUBLIC_URL = os.environ.get("THUVIEN_PUBLIC_URL", "http://localhost:8000").rstrip("/")

# SRU at /sru and the Z39.50 server that fronts it (simple2zoom, started by `thuvien serve`
# when THUVIEN_Z3950_PORT is set). SRU_RATE counts per client like the portal's searches;
# the Z39.50 server's requests count together under Z3950_RATE (they all come from it).
SRU_DEFAULT_RECORDS = int(os.environ.get("THUVIEN_SRU_DEFAULT_RECORDS", "10"))
SRU_MAX_RECORDS = int(os.environ.get("THUVIEN_SRU_MAX_RECORDS", "100"))
SRU_DATABASE_TITLE = os.environ.get("THUVIEN_SRU_TITLE", OAI_REPOSITORY_NAME)
THUVIEN_SRU_RATE = os.environ.get(
    "THUVIEN_SRU_RATE", os.environ.get("THUVIEN_SEARCH_RATE", "120/min")
)
THUVIEN_Z3950_RATE = os.environ.get("THUVIEN_Z3950_RATE", "1200/min")
_z3950_port = os.environ.get("THUVIEN_Z3950_PORT", "").strip()
if _z3950_port and not (_z3950_port.isdigit() and 0 < int(_z3950_port) < 65536):
    raise ImproperlyConfigured(f"THUVIEN_Z3950_PORT must be a port number, not {_z3950_port!r}")
Z3950_PORT = int(_z3950_port or 0)
Z3950_DATABASE = os.environ.get("THUVIEN_Z3950_DATABASE", "thuvien")
if Z3950_PORT and "127.0.0.1" not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append("127.0.0.1")  # the Z39.50 server asks our SRU on the loopback

# The queue: Huey, embedded on SQLite by default, on Redis when THUVIEN_REDIS_URL is set.
# ``utc: False``: periodic tasks' crontab hours are the library's (TIME_ZONE, which Django puts
# in the process's TZ), so the 02:00 backup runs at night in Vietnam, not at 09:00 (Huey's UTC).
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": os.environ.get("THUVIEN_QUEUE_NAME", "thuvien"),
        "url": REDIS_URL,
        "immediate": False,
        "utc": False,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "thuvien",
        "filename": str(DATA_DIR / "queue.sqlite3"),
        "immediate": False,
        "utc": False,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }

# The outbox drain holds a lease (core/leases.py) renewed while it runs: a worker killed in the
# middle of a drain frees it this many seconds later, and the next worker resumes.
OUTBOX_LEASE_SECONDS = float(os.environ.get("THUVIEN_OUTBOX_LEASE_SECONDS", "60"))

# Backups (docs/operations.md): restic repository (a path or any restic URL: sftp:, s3:, rest:),
# encrypted with a password the operator keeps outside the repository: a key file
# (THUVIEN_BACKUP_PASSWORD_FILE) or THUVIEN_BACKUP_PASSWORD in the service's environment.
BACKUP_REPOSITORY = os.environ.get("THUVIEN_BACKUP_REPOSITORY", str(DATA_DIR / "backups"))
BACKUP_PASSWORD_FILE = os.environ.get("THUVIEN_BACKUP_PASSWORD_FILE", "")
BACKUP_RESTIC = os.environ.get("THUVIEN_BACKUP_RESTIC", "restic")
BACKUP_PG_BIN_DIR = os.environ.get("THUVIEN_PG_BIN_DIR", "")
BACKUP_SCRATCH_DIR = os.environ.get("THUVIEN_BACKUP_SCRATCH_DIR", str(DATA_DIR / "backup-verify"))
# The worker's nightly backup (Huey's clock, UTC) and what it keeps.
BACKUP_SCHEDULED = os.environ.get("THUVIEN_BACKUP_SCHEDULED", "1") == "1"
BACKUP_HOUR = int(os.environ.get("THUVIEN_BACKUP_HOUR", "2"))  # local time (TIME_ZONE)
BACKUP_MINUTE = int(os.environ.get("THUVIEN_BACKUP_MINUTE", "0"))
BACKUP_KEEP_DAILY = int(os.environ.get("THUVIEN_BACKUP_KEEP_DAILY", "7"))
BACKUP_KEEP_WEEKLY = int(os.environ.get("THUVIEN_BACKUP_KEEP_WEEKLY", "5"))
BACKUP_KEEP_MONTHLY = int(os.environ.get("THUVIEN_BACKUP_KEEP_MONTHLY", "12"))

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["thuvien.api.permissions.DenyUnlessDeclared"],
    "DEFAULT_THROTTLE_CLASSES": [
        "thuvien.api.throttling.ClientAnonRateThrottle",
        "thuvien.api.throttling.ClientUserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("THUVIEN_API_ANON_RATE", "120/min"),
        "user": os.environ.get("THUVIEN_API_USER_RATE", "600/min"),
        "token": os.environ.get("THUVIEN_API_TOKEN_RATE", "10/min"),
        "search": os.environ.get("THUVIEN_SEARCH_RATE", "120/min"),
    },
    "DEFAULT_PAGINATION_CLASS": "thuvien.api.pagination.ThuvienPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "thuvien.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "thuvien API",
    "DESCRIPTION": "REST API của mạng lưới thư viện (union catalogue, libraries, circulation).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # Swagger UI from the project's own static files (no CDN).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "thuvien.api.schema.error_responses",
    ],
}

# Searches per client (the portal's and the API's), counted across every process.
THUVIEN_SEARCH_RATE = os.environ.get("THUVIEN_SEARCH_RATE", "120/min")
THUVIEN_PASSWORD_RESET_RATE = os.environ.get("THUVIEN_PASSWORD_RESET_RATE", "20/hour")
THUVIEN_PASSWORD_RESET_MAILS = os.environ.get("THUVIEN_PASSWORD_RESET_MAILS", "3/hour")

# One cache shared by every process (web workers, worker, SIP2): rate limits and login throttles
# count there. Redis when configured, else files in the data directory. Not the per-process
# memory cache: with 4 web workers it let 4 x 120 requests a minute through.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    )
}

# Monitoring (docs/operations.md): /metrics answers a bearer token or an allowed address only;
# /readyz fails below this much free disk in the data directory.
OPS_METRICS_TOKEN = os.environ.get("THUVIEN_METRICS_TOKEN", "")
OPS_METRICS_ALLOW = [
    a.strip()
    for a in os.environ.get("THUVIEN_METRICS_ALLOW", "127.0.0.1/32,::1/128").split(",")
    if a.strip()
]
OPS_MIN_FREE_DISK_MB = int(os.environ.get("THUVIEN_MIN_FREE_DISK_MB", "1024"))

# Logs: one JSON object a line in production (THUVIEN_LOG_FORMAT=json|plain), cleaned of
# personal data either way (ops/logging.py).
LOG_FORMAT = os.environ.get("THUVIEN_LOG_FORMAT", "json" if PRODUCTION else "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "no_personal_data": {"()": "thuvien.ops.logging.PersonalDataFilter"},
        "client_errors_without_traceback": {
            "()": "thuvien.ops.logging.ClientErrorsWithoutTraceback"
        },
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "thuvien.ops.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            # the traceback of a 4xx goes first, then what is left is cleaned of personal data
            "filters": ["client_errors_without_traceback", "no_personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("THUVIEN_LOG_LEVEL", "INFO")},
    # huey's run_huey adds a handler of its own to a "huey" logger that has none, and the line
    # then also reaches the root handler: give it ours and stop propagation (one line each).
    "loggers": {
        "huey": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "pyvips": {"level": "WARNING"},  # libvips logs every operation at INFO
        # pikepdf says "C++ to Python logger bridge initialized" at import: every command printed it
        "pikepdf": {"level": "WARNING"},
    },
}


# Online payment (fees for digitised documents, remote copying): VNPay's protocol. By default it
# points at the sandbox gateway this project ships under /sandbox/vnpay/ (on in development,
# demo and tests); production sets the merchant's terminal code, hash secret and VNPay's URL.
PAYMENTS_GATEWAY = "vnpay"
PAYMENTS_SANDBOX_ENABLED = _env_switch("THUVIEN_PAYMENTS_SANDBOX", not PRODUCTION)
PAYMENTS_VNPAY = {
    "tmn_code": os.environ.get("THUVIEN_VNPAY_TMN_CODE", "" if PRODUCTION else "THUVIEN1"),
    "hash_secret": os.environ.get(
        "THUVIEN_VNPAY_HASH_SECRET", "" if PRODUCTION else "sandbox-hash-secret-not-for-production"
    ),
    "pay_url": os.environ.get(
        "THUVIEN_VNPAY_PAY_URL", "" if PRODUCTION else "/sandbox/vnpay/paymentv2/vpcpay.html"
    ),
    # The merchant's IPN URL as registered with VNPay; the sandbox calls it when it is set.
    "ipn_url": os.environ.get("THUVIEN_VNPAY_IPN_URL", ""),
    # The merchant API the worker asks about pending orders (querydr), server to server. Empty:
    # VNPay's beside THUVIEN_VNPAY_PAY_URL (payments.vnpay.merchant_api_for): pay.vnpay.vn gives
    # https://merchant.vnpay.vn/merchant_webapi/api/transaction, sandbox.vnpayment.vn its own.
    "api_url": os.environ.get(
        "THUVIEN_VNPAY_API_URL",
        "" if PRODUCTION else f"{PUBLIC_URL}/sandbox/vnpay/merchant_webapi/api/transaction",
    ),
}
# The gateway's payment timeout: the payment URL expires this many minutes after the order is
# made (vnp_ExpireDate; VNPay's own default is 15). A pending order older than that is asked
# about (querydr) by the worker every 5 minutes: paid is recorded, failed or unknown to the
# gateway is closed so the reader can pay again; one the gateway still calls unfinished is
# closed as expired PAYMENTS_PENDING_GRACE_MINUTES later. A late success still credits it.
PAYMENTS_PENDING_TIMEOUT_MINUTES = _env_int("THUVIEN_PAYMENTS_TIMEOUT_MINUTES", 15)
PAYMENTS_PENDING_GRACE_MINUTES = _env_int("THUVIEN_PAYMENTS_GRACE_MINUTES", 15, minimum=0)
PAYMENTS_QUERY_TIMEOUT_SECONDS = _env_int("THUVIEN_PAYMENTS_QUERY_TIMEOUT", 10)
PAYMENTS_CHECK_BATCH = _env_int("THUVIEN_PAYMENTS_CHECK_BATCH", 200)
