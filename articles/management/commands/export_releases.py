"""Write every release as a folder in the format import_releases reads."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.importexport import describe, write_folder
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Write one folder per release under PATH, releases of every status, in the format "
        "import_releases reads. PATH must be empty or new. A release without an import key gets "
        "its folder's name as one, so importing the folders back changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="an empty or new folder")

    def handle(self, path, **options):
        if path.exists() and any(path.iterdir()):
            raise CommandError(f"{path} is not empty; export into a new folder")
        articles = Article.objects.select_related("section").prefetch_related("topics")
        for article in articles.order_by("pk"):
            release = describe(article)
            write_folder(release, path / release.key)
            if article.import_key is None:
                # Ties the release to its folder, so importing the export back is a no-op.
                Article.objects.filter(pk=article.pk).update(import_key=release.key)
            self.stdout.write(f"{release.key}: exported")
