"""Settings shared by every environment; each value that differs comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from newsroom.locale import field_label_in_language, register_lao

register_lao()

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin classes win.
    "modeltranslation",
    "newsroom.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "csp",
    "newsroom.apps.LoginAttemptsConfig",
    "django_otp",
    "newsroom.apps.TwoFactorConfig",
    "reversion",
    "articles",
]

MIDDLEWARE = [
    "newsroom.security.StaticAssetHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise and LocaleMiddleware, so that static files and language
    # redirects get the same headers as pages.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "newsroom.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages leave compressed (the Lao release's HTML shrinks from 26 KB to about
    # 5 KB); below WhiteNoise, which serves static files precompressed. BREACH:
    # public pages hold no secret, Django masks the CSRF token anew on every
    # response and pads each gzip response by a random length.
    "django.middleware.gzip.GZipMiddleware",
    # ETag and Last-Modified answered with 304; below the header middleware, so
    # a 304 carries the same security headers.
    "django.middleware.http.ConditionalGetMiddleware",
    "newsroom.routers.ReplicaMiddleware",
    # Above sessions, locale and auth: a cached page skips them all.
    "articles.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Below GZip and ETags, so that they see the marked page.
    "newsroom.admin.StaffPagesMiddleware",
    "axes.middleware.AxesMiddleware",
    "newsroom.database.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]


def env_int(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def database_from_url(url):
    """One database from its URL; on PostgreSQL, connections come from a psycopg pool.

    Each gunicorn worker has its own pool, so the server opens at most
    workers x DATABASE_POOL_MAX_SIZE connections; a sync worker serves one
    request at a time, so a small pool suffices. The pool replaces persistent
    connections (Django requires CONN_MAX_AGE 0 with it) and checks a
    connection before lending it out again, so a restarted database costs
    one failed request at most.
    """
    database = dj_database_url.parse(url, conn_max_age=60)
    if database["ENGINE"] == "django.db.backends.postgresql" and env_bool("DATABASE_POOL", True):
        database["CONN_MAX_AGE"] = 0
        database["OPTIONS"] = {
            "pool": {
                "min_size": env_int("DATABASE_POOL_MIN_SIZE", 1),
                "max_size": env_int("DATABASE_POOL_MAX_SIZE", 4),
                "timeout": env_int("DATABASE_POOL_TIMEOUT", 10),
            }
        }
    return database


DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two gunicorn workers saving at once must wait for each other, not fail with
    # "database is locked" (bench/soak.py found it): take the write lock when a
    # transaction begins, and let readers go on beside the writer (WAL).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        # A search reads a few megabytes of the archive: 64 MB of pages kept per
        # connection instead of SQLite's 2 MB (bench/search.py at 100,000 releases:
        # p95 53 ms down to 38).
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA cache_size=-65536;",
    }
# A read replica takes the reader pages' queries; staff, writes and everything
# outside a reader's request stay on the primary (newsroom/routers.py).
# Pages rendered within this many seconds after an edit are not kept in the page
# cache: they may have read the replica before the edit reached it.
PAGE_CACHE_REPLICA_LAG = 0
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = database_from_url(os.environ["DATABASE_REPLICA_URL"])
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.routers.ReplicaRouter"]
    PAGE_CACHE_REPLICA_LAG = env_int("DATABASE_REPLICA_LAG", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache that every process sees, so that an edit saved in one gunicorn worker,
# or by a command, clears the pages every worker serves: Redis, shared by every app
# server, when several run; files in a folder of the server's otherwise. Django's
# file cache lists the whole folder on every write to count its entries, so the
# folder is kept small enough for that to stay quick (a few milliseconds).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR") or str(BASE_DIR / "var" / "cache"),
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 2000)},
        }
    }
# Reader pages (articles/pagecache.py): kept this long in the cache unless an edit
# clears them sooner (0 turns the page cache off), and this long by browsers and
# by a CDN in front of the site, which no edit can clear.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 3600)
PAGE_BROWSER_MAX_AGE = env_int("PAGE_BROWSER_MAX_AGE", 60)
PAGE_CDN_MAX_AGE = env_int("PAGE_CDN_MAX_AGE", 60)

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out login before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lao is the original language of every release and the default of the site.
LANGUAGE_CODE = "lo"
LANGUAGES = [("lo", "ລາວ"), ("en", "English")]
# Our own catalogue first, then the Lao catalogues we keep for the apps the
# admin shows (Django, its admin, auth and contenttypes, axes, django-otp and
# reversion), none of which ships Lao. The first path listed wins a msgid.
LOCALE_PATHS = [BASE_DIR / "locale", *sorted((BASE_DIR / "locale" / "apps").iterdir())]
FORMAT_MODULE_PATH = ["newsroom.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Vientiane"

# Readers must never be shown another language's text without a notice, so
# translated fields never fall back; Article.version() decides explicitly.
MODELTRANSLATION_DEFAULT_LANGUAGE = "lo"
MODELTRANSLATION_LANGUAGES = ("lo", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ()}
MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = field_label_in_language
# The admin's translation tabs need jQuery UI; serve our own copy, not a CDN's.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Our pages load their own static files only; no other site may read them
# (Cross-Origin-Resource-Policy: same-origin), so WhiteNoise's
# "Access-Control-Allow-Origin: *" would only add bytes to each file.
WHITENOISE_ALLOW_ALL_ORIGINS = False
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads on S3-compatible object storage, which every app server sees; keys come
# from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), read by boto3.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # Served through the proxy or CDN at this domain, never as signed links.
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "default_acl": None,
            "file_overwrite": False,
        },
    }
# Uploaded media is served by Django itself only where no web server or object
# store does it (make run); production leaves it to nginx or S3.
SERVE_MEDIA = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Security. Every response carries these headers (see newsroom/security.py);
# production adds HSTS and Secure cookies.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Staff sessions end after a working day, not Django's default two weeks.
SESSION_COOKIE_AGE = 12 * 60 * 60
# Nothing in the site reads the CSRF token from JavaScript.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# The admin lives at a path of the operator's choosing ("admin/" by default).
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"
if ADMIN_URL == "/":
    raise ImproperlyConfigured("ADMIN_URL must not be empty.")
# Staff without a TOTP device cannot log in when this is on; staff who have one
# must always use it.
REQUIRE_STAFF_2FA = env_bool("REQUIRE_STAFF_2FA", False)
OTP_TOTP_ISSUER = "MTC Newsroom"

# Five failed logins lock the account, from any address, for 15 minutes. Per
# account rather than per address: a ministry office shares one address, and
# an attacker has many.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 warns of lockouts keyed on what an attacker can rotate (user agent,
# cookies); one account's username cannot be rotated.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"

# Upload limits, checked by articles/uploads.py before a file is stored.
UPLOAD_MAX_IMAGE_BYTES = 10 * 1024 * 1024
UPLOAD_MAX_IMAGE_PIXELS = 40_000_000
UPLOAD_MAX_PDF_BYTES = 30 * 1024 * 1024
