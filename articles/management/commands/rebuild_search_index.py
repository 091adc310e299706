import time
from contextlib import contextmanager
from multiprocessing import Pool

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from articles import fulltext, pagecache
from articles.models import Article
from articles.search import FIELD_WEIGHTS, article_document
from newsroom.database import close_connections_before_fork

TEXT_FIELDS = [f"{name}_{code}" for name in FIELD_WEIGHTS for code, _language in settings.LANGUAGES]
SEARCH_INDEX = "article_search_vector"
# Memory for building the GIN index in one pass: the more, the fewer merges.
INDEX_BUILD_MEMORY = "1GB"


def write_documents(documents):
    """Store (pk, updated_at, document) triples in one statement.

    A release saved since its text was read keeps the document its save wrote:
    only rows whose updated_at is still the one read are written. On PostgreSQL
    the triples travel as arrays joined to the table, which costs half of
    Django's bulk_update (a CASE with a branch per row).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE articles_article AS article SET search_vector = new.document::tsvector "
                "FROM unnest(%s::bigint[], %s::timestamptz[], %s::text[]) "
                "AS new(pk, updated_at, document) "
                "WHERE article.id = new.pk AND article.updated_at = new.updated_at",
                [list(column) for column in zip(*documents, strict=True)] or [[], [], []],
            )
    else:
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE articles_article SET search_vector = %s WHERE id = %s AND updated_at = %s",
                [
                    (document, pk, connection.ops.adapt_datetimefield_value(updated_at))
                    for pk, updated_at, document in documents
                ],
            )


def index_range(bounds):
    """Rewrite the search lexemes of releases with first <= pk <= last; returns how many.

    Runs in a worker process with its own database connection, so documents
    are built on as many cores as there are workers. They are built before the
    write begins: SQLite's write lock is taken when a transaction begins, and
    one worker's building must not hold back another's writing.
    """
    vendor = connection.vendor
    articles = Article.objects.filter(pk__range=bounds).only("pk", "updated_at", *TEXT_FIELDS)
    documents = [
        (article.pk, article.updated_at, article_document(article, vendor)) for article in articles
    ]
    with transaction.atomic():
        write_documents(documents)
    return len(documents)


@contextmanager
def search_index_set_aside():
    """Drop the GIN index while every row is rewritten and build it once after.

    Building a GIN index in one pass is several times faster than updating it
    for each of 100,000 rows. Searches keep working meanwhile, only slower,
    and the index is built again even if the rebuild fails. SQLite's FTS5
    index is set aside and refilled the same way (fulltext.set_aside).
    """
    if connection.vendor != "postgresql":
        with fulltext.set_aside(connection.alias):
            yield
        return
    index = next(index for index in Article._meta.indexes if index.name == SEARCH_INDEX)
    with connection.schema_editor() as editor:
        editor.execute(f"DROP INDEX IF EXISTS {editor.quote_name(SEARCH_INDEX)}")
    try:
        yield
    finally:
        with connection.schema_editor() as editor:
            # Inside a caller's transaction, deferred foreign-key checks would block the build.
            editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            editor.execute(f"SET LOCAL maintenance_work_mem = '{INDEX_BUILD_MEMORY}'")
            editor.add_index(Article, index)
            editor.execute("SET CONSTRAINTS ALL DEFERRED")


class Command(BaseCommand):
    help = (
        "Rewrite the search lexemes of every release. Run it after changing the "
        "search rules; saving a release keeps its own lexemes current."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=500,
            help="Releases read and written per transaction (default: 500).",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help="Worker processes (default: 1; the core count suits a large archive "
            "on PostgreSQL).",
        )

    def handle(self, *args, batch_size, jobs, **options):
        started = time.monotonic()
        batches = list(self._batches(batch_size))
        done = 0
        with search_index_set_aside():
            if jobs > 1:
                close_connections_before_fork()
                with Pool(jobs) as pool:
                    for count in pool.imap_unordered(index_range, batches):
                        done += count
                        self._progress(done, options["verbosity"])
            else:
                for bounds in batches:
                    done += index_range(bounds)
                    self._progress(done, options["verbosity"])
        # Search pages cached before the rebuild may list the wrong releases.
        pagecache.touch({"search"})
        elapsed = time.monotonic() - started
        self.stdout.write(f"Indexed {done} releases in {elapsed:.1f} s.")

    def _progress(self, done, verbosity):
        if verbosity > 1:
            self.stdout.write(f"{done} releases indexed")

    def _batches(self, batch_size):
        """(first pk, last pk) of consecutive batches of batch_size releases."""
        pks = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), batch_size):
            chunk = pks[start : start + batch_size]
            yield chunk[0], chunk[-1]
