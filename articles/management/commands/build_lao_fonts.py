"""Make static/fonts/ from the npm @fontsource packages: their Lao subsets, less metadata."""

import logging
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from fontTools import subset
from fontTools.ttLib import TTFont

PACKAGES = {
    "@fontsource/noto-sans-lao-looped@5.3.0": [
        "noto-sans-lao-looped-lao-400-normal.woff2",
        "noto-sans-lao-looped-lao-700-normal.woff2",
    ],
    "@fontsource/noto-sans-lao@5.3.0": ["noto-sans-lao-lao-700-normal.woff2"],
}
OUTPUT = settings.BASE_DIR / "static" / "fonts"
# Copyright, names, version and the licence's address; the rest (designer, vendor,
# descriptions, the STAT table's axis names) is for font managers, not browsers.
NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 14]


def trim(source, target):
    """Keep every glyph and shaping rule; drop the metadata browsers never read.

    Every script's GSUB and GPOS records stay: the Lao subsets still carry
    Latin, Greek, Cyrillic and Devanagari ones, but without them Chromium
    placed tone marks differently (ເຕັ້ນ, ນ້ຳ), so they are not dead weight.
    The head table's timestamp is kept, so the same source gives the same file.
    """
    font = TTFont(source, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = NAME_IDS
    options.drop_tables += ["STAT"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(target)


class Command(BaseCommand):
    help = (
        "Write the Lao web fonts of static/fonts/ from the npm packages @fontsource/"
        "noto-sans-lao-looped and @fontsource/noto-sans-lao 5.3.0 (fetched with `npm pack`, "
        "or read from --source), keeping every glyph and shaping rule, then redraw "
        "the English switcher's ລາວ. The same packages always give the same files."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            type=Path,
            help="folder holding the packages' .woff2 files (default: fetch them with npm pack)",
        )
        parser.add_argument(
            "--output", type=Path, default=OUTPUT, help=f"folder to write (default {OUTPUT})"
        )

    def handle(self, *args, source, output, **options):
        # The subsetter reports every glyph it keeps at INFO, the level of the root logger.
        logging.getLogger("fontTools").setLevel(logging.WARNING)
        with tempfile.TemporaryDirectory() as folder:
            source = source or self.fetch(Path(folder))
            for names in PACKAGES.values():
                for name in names:
                    trim(source / name, output / name)
                    before, after = (source / name).stat().st_size, (output / name).stat().st_size
                    self.stdout.write(f"{name}: {before:,} -> {after:,} bytes")
        call_command("draw_lao_word", font=output / PACKAGES[next(iter(PACKAGES))][0])

    def fetch(self, folder):
        """The packages' font files, unpacked into `folder` from the npm registry."""
        subprocess.run(
            ["npm", "pack", "--silent", *PACKAGES], cwd=folder, check=True, capture_output=True
        )
        for archive in folder.glob("*.tgz"):
            with tarfile.open(archive) as tar:
                for name in (n for names in PACKAGES.values() for n in names):
                    member = f"package/files/{name}"
                    if member in tar.getnames():
                        (folder / name).write_bytes(tar.extractfile(member).read())
        return folder
