"""Settings for Gongkai, driven by environment variables (see docs/configuration.md).

Embedded default: SQLite under var/, file cache, local media. Production: set
GONGKAI_DATABASE_URL (PostgreSQL), GONGKAI_REDIS_URL, GONGKAI_SECRET_KEY and GONGKAI_ALLOWED_HOSTS.
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from gongkai.jobs.config import rq_queues, tasks_settings

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", BASE_DIR / "var"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_bool("GONGKAI_DEBUG", False)
_secret = os.environ.get("GONGKAI_SECRET_KEY")
if not _secret:
    # Without a configured key we derive a per-installation key kept under var/, so a demo
    # works out of the box and no secret is ever committed.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        import secrets

        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    _secret = key_file.read_text().strip()
SECRET_KEY = _secret

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("GONGKAI_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
SITE_URL = os.environ.get("GONGKAI_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Site identity per host name (portal/identity.py): JSON {"host": {...}, "*": {...}} in GONGKAI_SITES.
# The default is the demo county's, with numbers marked as examples; a real deployment sets its own.
GONGKAI_SITES = json.loads(os.environ.get("GONGKAI_SITES") or "{}") or {
    "*": {
        "name": "沂水县人民政府政务公开",
        "org_code": "yishui",
        "sponsor": "沂水县人民政府办公室",
        "organizer": "沂水县大数据中心",
        "site_code": "3713230001",
        "icp": "鲁ICP备00000000号（示例）",
        "psb": "鲁公网安备 37132302000000号（示例）",
        "psb_code": "37132302000000",
        "conac_url": "https://bszs.conac.cn/",
        "phone": "0539-2200001",
        "email": "gongkai@yishui.example.cn",
        "address": "山东省临沂市沂水县正阳路 1 号（示例地址）",
    }
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "ninja",  # the API documentation page from local static files, not a CDN (CSP)
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "gongkai.core",
    "gongkai.audit",
    "gongkai.jobs",
    "gongkai.orgs",
    "gongkai.workdays",
    "gongkai.catalog",
    "gongkai.documents",
    "gongkai.review",
    "gongkai.pii",
    "gongkai.search",
    "gongkai.foi",
    "gongkai.reports",
    "gongkai.interpretation",
    "gongkai.interaction",
    "gongkai.publishing",
    "gongkai.normative",
    "gongkai.gazette",
    "gongkai.powers",
    "gongkai.guides",
    "gongkai.decisions",
    "gongkai.proposals",
    "gongkai.backoffice",
    "gongkai.portal",
    "gongkai.api",
    "gongkai.demo",
    "gongkai.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "gongkai.core.auth.NoStoreMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gongkai.orgs.permissions.PermissionScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "gongkai.core.auth.IdleSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gongkai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.portal.context.site",
                "csp.context_processors.nonce",
            ],
        },
    },
]

_db_url = os.environ.get("GONGKAI_DATABASE_URL")
if _db_url:
    DATABASES = {"default": dj_database_url.parse(_db_url, conn_max_age=60)}
    # A per-run test database name, so two suites on one server never drop each other's database.
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("GONGKAI_TEST_DB_NAME", f"test_gongkai_{os.getpid()}")}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("GONGKAI_SQLITE_PATH", str(VAR_DIR / "gongkai.sqlite3")),
            "OPTIONS": {
                # WAL lets readers proceed while one writer commits; IMMEDIATE avoids the
                # lock-upgrade deadlock between two writers.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

# PostgreSQL with two roles (docs/deployment.md): migrations run as the owner, the site as this role,
# which `gongkai migrate` then grants ordinary rights and, on the register, only SELECT and INSERT.
GONGKAI_DATABASE_APP_ROLE = os.environ.get("GONGKAI_DATABASE_APP_ROLE", "")
# When set, `gongkai serve` runs its migrations through this URL (the owner role) instead.
GONGKAI_MIGRATE_DATABASE_URL = os.environ.get("GONGKAI_MIGRATE_DATABASE_URL", "")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_redis_url = os.environ.get("GONGKAI_REDIS_URL")
if _redis_url:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# Background work (docs/deployment.md): the ledger backend over the database queue, or RQ when
# GONGKAI_REDIS_URL is set; GONGKAI_TASKS_ENGINE=db|rq|immediate forces one.
TASKS = tasks_settings(dict(os.environ))
RQ_QUEUES = rq_queues(dict(os.environ))
RQ_SHOW_ADMIN_LINK = False
GONGKAI_JOBS_RERING_SECONDS = int(os.environ.get("GONGKAI_JOBS_RERING_SECONDS", "600"))
# A public submission that meets a transient database error (server restarting, lock, serialization
# failure) is retried as a whole transaction for this many seconds before the answer becomes 503.
GONGKAI_DB_RETRY_WINDOW = float(os.environ.get("GONGKAI_DB_RETRY_WINDOW", "15"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["gongkai.core.auth.ThrottledBackend", "django.contrib.auth.backends.ModelBackend"]
# Login throttling (gongkai/core/auth.py, django-axes): per account and, separately, per client address.
GONGKAI_LOGIN_FAILURE_LIMIT = int(os.environ.get("GONGKAI_LOGIN_FAILURE_LIMIT", "5"))
GONGKAI_LOGIN_COOLOFF_MINUTES = int(os.environ.get("GONGKAI_LOGIN_COOLOFF_MINUTES", "15"))
AXES_FAILURE_LIMIT = GONGKAI_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=GONGKAI_LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "gongkai.core.clientip.address_or_none"
AXES_LOCKOUT_CALLABLE = "gongkai.backoffice.lockout.lockout_response"
AXES_VERBOSE = False
# Staff sessions end when the browser closes or after this idle time (core.auth.IdleSessionMiddleware).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = int(float(os.environ.get("GONGKAI_STAFF_IDLE_HOURS", "8")) * 3600)
LOGIN_URL = "/staff/login/"
LOGIN_REDIRECT_URL = "/staff/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "gongkai" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("GONGKAI_STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    # No stored file has a public URL: downloads go through views that check access (core/storage.py).
    "default": {"BACKEND": "gongkai.core.storage.PrivateStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = Path(os.environ.get("GONGKAI_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"  # nothing is served here: see STORAGES
# Stored files are readable by the application's user only, so no front server can serve them.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
GONGKAI_MAX_ATTACHMENT_BYTES = int(os.environ.get("GONGKAI_MAX_ATTACHMENT_BYTES", 50 * 1024 * 1024))

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = _env_bool("GONGKAI_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HTTPS (docs/deployment.md): each on when GONGKAI_SECURE_COOKIES=true unless set otherwise.
_https = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = _env_bool("GONGKAI_SSL_REDIRECT", _https)
SECURE_HSTS_SECONDS = int(os.environ.get("GONGKAI_HSTS_SECONDS", 31536000 if _https else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("GONGKAI_HSTS_INCLUDE_SUBDOMAINS", _https)
SECURE_HSTS_PRELOAD = _env_bool("GONGKAI_HSTS_PRELOAD", _https)
if _env_bool("GONGKAI_PROXY_SSL_HEADER", _https):
    # The front proxy says whether the browser used HTTPS; it must set (not pass through) this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy on every response (django-csp): no inline script without the request's nonce,
# no inline style, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Responses that may show personal data are never stored by browsers or proxies.
GONGKAI_NO_STORE_PREFIXES = ("/staff/", "/admin/", "/foi/track/", "/ask/track/")

# Client address behind reverse proxies (gongkai/core/clientip.py): the proxies' addresses or networks,
# or the number of proxy hops in front of the site. Neither set: X-Forwarded-For is ignored.
GONGKAI_TRUSTED_PROXIES = os.environ.get("GONGKAI_TRUSTED_PROXIES", "")
GONGKAI_PROXY_HOPS = int(os.environ.get("GONGKAI_PROXY_HOPS", "1" if _env_bool("GONGKAI_TRUST_X_FORWARDED_FOR", False) else "0"))

# Search backend: "sqlite" (FTS5) or "postgres"; chosen from the database when unset.
GONGKAI_SEARCH_BACKEND = os.environ.get("GONGKAI_SEARCH_BACKEND") or (
    "postgres" if DATABASES["default"]["ENGINE"].endswith("postgresql") else "sqlite"
)

EMAIL_BACKEND = os.environ.get("GONGKAI_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
EMAIL_HOST = os.environ.get("GONGKAI_EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_DEFAULT_FROM_EMAIL", "gongkai@localhost")

# The register's anchors (docs/deployment.md): the chain head is appended here and logged.
GONGKAI_AUDIT_ANCHOR_FILE = Path(os.environ.get("GONGKAI_AUDIT_ANCHOR_FILE", VAR_DIR / "audit-anchors.jsonl"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GONGKAI_LOG_LEVEL", "WARNING")},
    # Anchors are logged whatever the level, so the log keeps a second copy of each chain head.
    "loggers": {"gongkai.audit.anchor": {"level": "INFO"}},
}
