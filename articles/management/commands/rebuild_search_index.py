import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article
from articles.search import FIELD_WEIGHTS, article_document


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

    def handle(self, *args, batch_size, **options):
        languages = [code for code, _name in settings.LANGUAGES]
        text_fields = [f"{name}_{code}" for name in FIELD_WEIGHTS for code in languages]
        started = time.monotonic()
        done = 0
        last_pk = 0
        while True:
            with transaction.atomic():
                batch = list(
                    Article.objects.filter(pk__gt=last_pk)
                    .order_by("pk")
                    .only("pk", *text_fields)[:batch_size]
                )
                if not batch:
                    break
                for article in batch:
                    article.search_document = article_document(article)
                Article.objects.bulk_update(batch, ["search_document"])
            done += len(batch)
            last_pk = batch[-1].pk
            if options["verbosity"] > 1:
                self.stdout.write(f"{done} releases indexed")
        elapsed = time.monotonic() - started
        self.stdout.write(f"Indexed {done} releases in {elapsed:.1f} s.")
