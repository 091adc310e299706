import time
from multiprocessing import Pool

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connections, transaction

from articles.models import Article
from articles.search import FIELD_WEIGHTS, article_document

TEXT_FIELDS = [f"{name}_{code}" for name in FIELD_WEIGHTS for code, _language in settings.LANGUAGES]


def _documents(rows):
    """(pk, search document) for rows of (pk, *TEXT_FIELDS); runs in a worker process."""
    return [
        (pk, article_document(Article(**dict(zip(TEXT_FIELDS, texts, strict=True)))))
        for pk, *texts in rows
    ]


class Command(BaseCommand):
    help = (
        "Rewrite the search document of every release (the database's tsvector follows). "
        "Run it after changing the search rules; saving a release keeps its own current."
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
            help="Worker processes that build documents (default: 1; use the core count "
            "for a large archive).",
        )

    def handle(self, *args, batch_size, jobs, **options):
        started = time.monotonic()
        done = 0
        if jobs > 1:
            connections.close_all()  # forked workers must not share the parent's sockets
        with Pool(jobs) if jobs > 1 else _InProcess() as pool:
            for documents in pool.imap(_documents, self._batches(batch_size)):
                with transaction.atomic():
                    Article.objects.bulk_update(
                        [Article(pk=pk, search_document=doc) for pk, doc in documents],
                        ["search_document"],
                    )
                done += len(documents)
                if options["verbosity"] > 1:
                    self.stdout.write(f"{done} releases indexed")
        elapsed = time.monotonic() - started
        self.stdout.write(f"Indexed {done} releases in {elapsed:.1f} s.")

    def _batches(self, batch_size):
        last_pk = 0
        while rows := list(
            Article.objects.filter(pk__gt=last_pk)
            .order_by("pk")
            .values_list("pk", *TEXT_FIELDS)[:batch_size]
        ):
            last_pk = rows[-1][0]
            yield rows


class _InProcess:
    """The Pool interface without processes, for small archives and tests."""

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False

    def imap(self, function, iterable):
        return map(function, iterable)
