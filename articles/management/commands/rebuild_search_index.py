import time
from multiprocessing import Pool

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connections, transaction

from articles import pagecache
from articles.models import Article
from articles.search import FIELD_WEIGHTS, article_document

TEXT_FIELDS = [f"{name}_{code}" for name in FIELD_WEIGHTS for code, _language in settings.LANGUAGES]


def index_range(bounds):
    """Rewrite the search lexemes of releases with first <= pk <= last; returns how many.

    Runs in a worker process with its own database connection, so the database
    parses and stores the lexemes on as many cores as Python builds them.
    """
    with transaction.atomic():
        articles = list(Article.objects.filter(pk__range=bounds).only("pk", *TEXT_FIELDS))
        for article in articles:
            article.search_vector = article_document(article)
        Article.objects.bulk_update(articles, ["search_vector"])
    return len(articles)


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
        if jobs > 1:
            connections.close_all()  # forked workers must not share the parent's sockets
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
