"""Database connections across processes."""

from django.db import connections


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
