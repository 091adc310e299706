"""Settings for the test suite: PostgreSQL when DATABASE_URL is set, SQLite otherwise."""

import tempfile

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES

# The same database under the replica's name, as Django's docs test replicas
# (tests/test_routers.py installs the router where it is wanted). No pool of its
# own: it would keep the test database open when the run drops it.
DATABASES["replica"] = {
    **DATABASES["default"],
    "OPTIONS": {k: v for k, v in DATABASES["default"].get("OPTIONS", {}).items() if k != "pool"},
    "TEST": {"MIRROR": "default"},
}

# On PostgreSQL runs, an in-memory SQLite database beside it, so that one test
# can search the same archive on both and compare (tests/test_search_twins.py).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["sqlite"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}

SECRET_KEY = "test-only-secret-key-with-enough-length-to-be-realistic-1234567890"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"
SERVE_MEDIA = True
# Production's default cache, in files, in a folder of this run's own: every test
# empties the cache, which must empty neither another run's nor a Redis named in
# REDIS_URL (tests/conftest.py removes the folder at the end of the run).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": tempfile.mkdtemp(prefix="newsroom-test-cache-"),
    }
}
