"""Reader pages read from the replica; staff, writes and everything else use the primary.

A replica lags the primary a little. Readers do not notice, but staff must see
what they have just saved, and management commands read back what they write,
so only the requests ``ReplicaMiddleware`` marks as a reader's (GET or HEAD, no
staff session cookie, outside the admin) read from the replica. Used only when
DATABASE_REPLICA_URL is set (newsroom/settings/base.py).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_reading_for_reader = ContextVar("reading_for_reader", default=False)


@contextmanager
def replica_reads():
    """Within this block, reads go to the replica (when one is configured)."""
    token = _reading_for_reader.set(True)
    try:
        yield
    finally:
        _reading_for_reader.reset(token)


def is_reader_request(request):
    """A reader's page view: nothing is written and nothing depends on a staff login."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path_info.startswith(f"/{settings.ADMIN_URL}")
    )


class ReplicaMiddleware:
    """Mark a reader's request; ReplicaRouter, when installed, sends its reads to the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_reader_request(request):
            return self.get_response(request)
        with replica_reads():
            return self.get_response(request)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _reading_for_reader.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        """Both aliases hold the same data."""
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
