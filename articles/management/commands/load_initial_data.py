from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the releases in fixtures/ that the database does not have yet. "
        "Records that exist are left alone, so editors' changes survive a rerun."
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
        for path in sorted(fixtures.glob("*.json")):
            with path.open(encoding="utf-8") as stream:
                for record in serializers.deserialize("json", stream):
                    model = type(record.object)
                    if model._default_manager.filter(pk=record.object.pk).exists():
                        kept += 1
                        continue
                    record.save()
                    loaded += 1
        self.stdout.write(f"Loaded {loaded} new record(s); kept {kept} existing record(s).")
