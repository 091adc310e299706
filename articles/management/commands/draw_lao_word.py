"""Draw the Lao site's name for the English language switcher from the self-hosted font."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from articles.lao.outline import svg_word

FONT = settings.BASE_DIR / "static" / "fonts" / "noto-sans-lao-looped-lao-400-normal.woff2"
OUTPUT = settings.BASE_DIR / "templates" / "includes" / "lao_language_name.svg"


class Command(BaseCommand):
    help = (
        "Write the name of the Lao language (from LANGUAGES) as an SVG of the body font's "
        "glyph outlines, for English pages that must not download a Lao font. Run it again "
        "after changing the font or the name; it writes the same file every time."
    )

    def add_arguments(self, parser):
        parser.add_argument("--font", type=Path, default=FONT, help=f"font file (default {FONT})")
        parser.add_argument(
            "--output", type=Path, default=OUTPUT, help=f"SVG file to write (default {OUTPUT})"
        )

    def handle(self, *args, font, output, **options):
        output.write_text(svg_word(dict(settings.LANGUAGES)["lo"], font), encoding="utf-8")
        self.stdout.write(f"Wrote {output}.")
