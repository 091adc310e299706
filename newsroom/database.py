"""Database connections across processes."""

import logging

from django.db import OperationalError, connections
from django.shortcuts import render

# Editors and readers who met a busy database are asked to try again after this long.
BUSY_RETRY_SECONDS = 30

logger = logging.getLogger(__name__)


def close_connections_before_fork():
    """Close every connection, pooled ones included: a forked process must open its own.

    Django's close_all() hands pooled connections back to psycopg's pool, which
    keeps their sockets open; a child process inheriting them would talk over
    the parent's socket and both would read each other's answers.
    """
    for connection in connections.all(initialized_only=True):
        connection.close()
        if connection.vendor == "postgresql":
            connection.close_pool()


class DatabaseBusyMiddleware:
    """A database still locked after its timeout is a page that says so, not a server error.

    SQLite lets one writer in at a time; a save that waits longer than the
    timeout (a migration, a rebuild) fails with "database is locked". The
    change was rolled back whole, and the editor's text is still in the form
    the browser's Back button returns to.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError) and "locked" in str(exception):
            logger.warning("Database busy: %s %s", request.method, request.path)
            response = render(request, "busy.html", status=503)
            response["Retry-After"] = str(BUSY_RETRY_SECONDS)
            return response
        return None
