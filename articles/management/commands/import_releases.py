"""Import releases from folders in the format docs/editing.md describes; safe to run again."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.importexport import FolderError, import_release, read_folder


class Command(BaseCommand):
    help = (
        "Import every release folder under PATH (metadata.json, lo.txt, en.txt, images, PDFs). "
        "A release already imported from a folder with the same import key is updated, or left "
        "alone when nothing changed. A bad folder is reported and skipped; the rest are imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="folder holding one sub-folder per release")

    def handle(self, path, **options):
        if not path.is_dir():
            raise CommandError(f"{path} is not a folder")
        rejected = 0
        for folder in sorted(child for child in path.iterdir() if child.is_dir()):
            try:
                outcome = import_release(read_folder(folder))
            except FolderError as error:
                rejected += 1
                self.stderr.write(f"{folder.name}: rejected: {error}")
                continue
            self.stdout.write(f"{folder.name}: {outcome}")
        if rejected:
            raise CommandError(f"{rejected} folder(s) rejected; the others were imported")
