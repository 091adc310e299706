from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.core.management.color import no_style
from django.db import connection, transaction

from articles.models import Article


class Command(BaseCommand):
    help = (
        "Load the releases in fixtures/ that the database does not have yet. "
        "Records that exist are left alone, so editors' changes survive a rerun. "
        "What is derived from a release (its search document) is built on loading."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fixtures",
            type=Path,
            default=settings.BASE_DIR / "fixtures",
            help="Folder of JSON fixtures to load (default: the project's fixtures/).",
        )

    @transaction.atomic
    def handle(self, *args, fixtures, **options):
        loaded = kept = 0
        new_articles = []
        models = set()
        for path in sorted(fixtures.glob("*.json")):
            with path.open(encoding="utf-8") as stream:
                for record in serializers.deserialize("json", stream):
                    model = type(record.object)
                    if model._default_manager.filter(pk=record.object.pk).exists():
                        kept += 1
                        continue
                    record.save()
                    models.add(model)
                    loaded += 1
                    if model is Article:
                        new_articles.append(record.object.pk)
        # Records saved with their own ids leave PostgreSQL's id sequences behind; without
        # this reset the next release added in the admin would collide with the seed's id.
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
        # Fixtures hold what editors write; a normal save derives the rest (search).
        for article in Article.objects.filter(pk__in=new_articles):
            article.save()
        self.stdout.write(f"Loaded {loaded} new record(s); kept {kept} existing record(s).")
