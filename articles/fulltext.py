"""SQLite's full-text index of releases: FTS5 over the streams of articles/search.py.

On SQLite, ``Article.search_vector`` holds each release's lexemes as a stream
of tokens. A contentless FTS5 table indexes them (the text is stored once, in
the release's row) and triggers keep it in step with every write, whatever
makes it: a save, a bulk update, a deletion, a command.

Each release is indexed under a key that sorts as search lists candidates,
newest first with undated drafts before all (``search._newest``): the
publication second above, the release's id below. FTS5 reads its matches in
key order and stops when enough are found, where sorting every match by date
would read the whole archive for a common word.
"""

from contextlib import contextmanager

from django.db import connections

TABLE = "article_search"
ID_BITS = 29  # half a billion releases
REFILL_BUFFER = 64 * 2**20  # bytes of terms FTS5 holds before it writes them out
_UNDATED = 2**34 - 1  # above every second until the year 2514
KEY = (
    "(CASE WHEN {row}.published_at IS NULL THEN {undated} "
    "ELSE max(CAST(strftime('%s', {row}.published_at) AS INTEGER), 0) END "
    "* {shift} + {row}.id)"
)


def key(row):
    """The SQL of the index key of a release, from the row called `row` in a statement."""
    return KEY.format(row=row, undated=_UNDATED, shift=2**ID_BITS)


def release_id(index_key):
    return index_key & (2**ID_BITS - 1)


_FILL = (
    f"INSERT INTO {TABLE}(rowid, search_vector) SELECT {{key}}, {{row}}.search_vector "
    "WHERE {row}.search_vector IS NOT NULL"
)
# A contentless index forgets a release by being told its old key and text.
_FORGET = (
    f"INSERT INTO {TABLE}({TABLE}, rowid, search_vector) "
    "SELECT 'delete', {key}, {row}.search_vector WHERE {row}.search_vector IS NOT NULL"
)


def _add(row):
    return _FILL.format(key=key(row), row=row)


def _forget(row):
    return _FORGET.format(key=key(row), row=row)


TRIGGERS = {
    "article_search_insert": f"AFTER INSERT ON articles_article BEGIN {_add('new')}; END",
    "article_search_delete": f"AFTER DELETE ON articles_article BEGIN {_forget('old')}; END",
    # Publishing or dating a release moves it in the key order as well.
    "article_search_update": (
        "AFTER UPDATE OF search_vector, published_at ON articles_article "
        f"BEGIN {_forget('old')}; {_add('new')}; END"
    ),
}
CREATE_TABLE = (
    # "ascii" keeps every non-ASCII letter in a token, so Lao clusters with their
    # vowel and tone marks stay whole; "_" joins the run markers to their letter.
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "search_vector, content='', tokenize=\"ascii tokenchars '_'\")"
)


def _existing(cursor, kind):
    cursor.execute("SELECT name FROM sqlite_master WHERE type = %s", [kind])
    return {name for (name,) in cursor.fetchall()}


def refill(cursor):
    """Index every release anew, in one pass, in key order.

    FTS5 writes fastest in key order: a key lower than the last one written in
    a transaction makes it flush what it holds, which made a refill of 10,000
    releases take 65 s instead of 20. The keys are sorted alone and each
    document read by id after, so that the sort holds numbers, not documents.
    A larger buffer of pending terms than FTS5's 1 MB halves the time again.
    """
    cursor.execute(f"INSERT INTO {TABLE}({TABLE}, rank) VALUES ('hashsize', {REFILL_BUFFER})")
    cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('delete-all')")
    cursor.execute(
        f"INSERT INTO {TABLE}(rowid, search_vector) SELECT ordered.key, "
        "(SELECT search_vector FROM articles_article WHERE id = ordered.id) FROM ("
        f"SELECT {key('article')} AS key, article.id AS id FROM articles_article AS article "
        "WHERE article.search_vector IS NOT NULL ORDER BY key) AS ordered"
    )
    cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")


def install(using):
    """Create the index and its triggers where they are missing, and fill it if any was."""
    with connections[using].cursor() as cursor:
        # Django's GIN index is a plain B-tree of every document on SQLite: of no use.
        cursor.execute("DROP INDEX IF EXISTS article_search_vector")
        missing = TRIGGERS.keys() - _existing(cursor, "trigger")
        if not missing and TABLE in _existing(cursor, "table"):
            return
        cursor.execute(CREATE_TABLE)
        for name in sorted(missing):
            cursor.execute(f"CREATE TRIGGER {name} {TRIGGERS[name]}")
        refill(cursor)


def repair(using="default"):
    """Put back what a migration of the releases' table dropped; run after every migration.

    SQLite alters a table by building a new one, which drops the old one's
    triggers (and Django builds its B-tree copy of the GIN index again).
    Nothing to do before migration 0009 made the index, nor on PostgreSQL.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        if TABLE not in _existing(cursor, "table"):
            return
    install(using)


@contextmanager
def set_aside(using="default"):
    """Leave the index as it is while every document is rewritten, and refill it once after.

    Deleting a document from a contentless index means reading its old text
    again, which doubled the cost of rewriting each one. Readers search the
    old index meanwhile; the refill at the end takes in every release as it
    then stands, also those saved or deleted meanwhile, even if the rewrite
    fails. Saves wait for the refill's write (about a minute per 30,000
    releases here).
    """
    if connections[using].vendor != "sqlite":
        yield
        return
    with connections[using].cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
    try:
        yield
    finally:
        install(using)
