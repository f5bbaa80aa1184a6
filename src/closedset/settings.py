"""Django settings, read from the environment only (see README "Configuration")."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from closedset.core.config import env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("CLOSEDSET_DATA_DIR", "var")).resolve()
MASTER_KEY_FILE = Path(
    os.environ.get("CLOSEDSET_MASTER_KEY_FILE", str(DATA_DIR / "master.key"))
).resolve()

DEBUG = env_bool("CLOSEDSET_DEBUG", default=False)
DEV_SECRET_KEY = "closedset-insecure-development-key"  # noqa: S105 - refused outside debug mode
SECRET_KEY = os.environ.get("CLOSEDSET_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "CLOSEDSET_SECRET_KEY is not set. Set it to a long random value "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set CLOSEDSET_DEBUG=true on a development machine."
        )
    SECRET_KEY = DEV_SECRET_KEY
elif not DEBUG and (SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured(
        "CLOSEDSET_SECRET_KEY is the development default or shorter than 32 characters."
    )

ALLOWED_HOSTS = env_list("CLOSEDSET_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CLOSEDSET_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "closedset.core",
    "closedset.accounts",
    "closedset.productions",
    "closedset.scripts",
    "closedset.consent",
    "closedset.choreography",
    "closedset.shoot",
    "closedset.concerns",
    "closedset.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "closedset.core.middleware.RequestSizeLimitMiddleware",
    "closedset.core.middleware.ApiMethodNotAllowedMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "closedset.core.middleware.LoginRequiredMiddleware",
    "closedset.accounts.middleware.OTPVerificationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "closedset.urls"
WSGI_APPLICATION = "closedset.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "closedset.web.context_processors.site",
            ],
        },
    },
]

# Databases: SQLite in the data directory unless DATABASE_URL says otherwise.
_database_url = os.environ.get("DATABASE_URL", "")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "closedset.sqlite3"),
            "OPTIONS": {
                # Every write transaction takes the write lock at BEGIN, so concurrent
                # writers queue instead of failing to upgrade a stale read snapshot.
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;"
                ),
            },
        }
    }
if _database_url:
    # Lets several suites share one PostgreSQL server (SQLite tests run in memory).
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("CLOSEDSET_TEST_DB_NAME") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "name")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

# Re-authentication ("sudo mode") window for signing, disclosure and key operations.
CLOSEDSET_REAUTH_SECONDS = int(os.environ.get("CLOSEDSET_REAUTH_SECONDS", "600"))
CLOSEDSET_INVITATION_DAYS = int(os.environ.get("CLOSEDSET_INVITATION_DAYS", "7"))
CLOSEDSET_MAX_SCRIPT_BYTES = int(os.environ.get("CLOSEDSET_MAX_SCRIPT_BYTES", str(20 * 1024**2)))

# Lockout after repeated failures (django-axes): per account and address together,
# so a stranger cannot lock a person out from elsewhere.
AXES_FAILURE_LIMIT = int(os.environ.get("CLOSEDSET_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "closedset.accounts.views.lockout_response"
AXES_VERBOSE = False

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and env_bool("CLOSEDSET_HTTPS", default=True):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("CLOSEDSET_SSL_REDIRECT", default=False)
    SECURE_HSTS_SECONDS = int(os.environ.get("CLOSEDSET_HSTS_SECONDS", "0"))
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# Request bodies: uploads have their own, per-form limits; everything else is small.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
CLOSEDSET_MAX_REQUEST_BYTES = int(os.environ.get("CLOSEDSET_MAX_REQUEST_BYTES", str(25 * 1024**2)))

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The fonts the PDFs embed are also served to browsers, for scripts the device may lack.
STATICFILES_DIRS = [("closedset/fonts", BASE_DIR / "fonts")]
# The few static files are served from the installed package by WhiteNoise (no build step).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# E-mail: the console in development; SMTP when a host is configured.
EMAIL_HOST = os.environ.get("CLOSEDSET_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("CLOSEDSET_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("CLOSEDSET_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("CLOSEDSET_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("CLOSEDSET_EMAIL_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("CLOSEDSET_EMAIL_FROM", "Closed Set <noreply@localhost>")
CLOSEDSET_BASE_URL = os.environ.get("CLOSEDSET_BASE_URL", "http://127.0.0.1:8000")
# Concerns: where a report goes when it names everyone who would otherwise receive it, and the
# installation's key for matching the people reports name (beside the master key).
CLOSEDSET_EXTERNAL_CONTACT_EMAIL = os.environ.get("CLOSEDSET_EXTERNAL_CONTACT_EMAIL", "")
MATCH_KEY_FILE = MASTER_KEY_FILE.parent / "match.key"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

OTP_TOTP_ISSUER = "Closed Set"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CLOSEDSET_LOG_LEVEL", "WARNING")},
    "loggers": {"axes": {"level": "WARNING"}},
}
CSRF_FAILURE_VIEW = "closedset.web.views.csrf_failure"
