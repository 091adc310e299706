"""Settings for `make run`: SQLite and no configuration, never for a public server."""

import os

from .base import *  # noqa: F403

SECRET_KEY = os.environ.get(
    "SECRET_KEY", "local-only-insecure-key-never-used-in-production-8d1f0c7e5b2a"
)
SERVE_MEDIA = True
