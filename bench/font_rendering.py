"""Do the trimmed fonts of static/fonts/ draw Lao exactly as the npm originals do?

Fetches the @fontsource packages (as `manage.py build_lao_fonts` does), then
has Chromium draw the same Lao text (stacked vowels and tone marks, ຫຼ ໜ ໝ ຳ,
Lao digits, and the seed release) at 360 px in each original and in its
trimmed copy, and compares the screenshots pixel by pixel.

    .venv/bin/python bench/font_rendering.py

Exit status 0 when every font draws identically, 1 otherwise.
"""

import os
import sys
import tempfile
from pathlib import Path

import django
from PIL import Image, ImageChops
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.local")
django.setup()

from articles.management.commands.build_lao_fonts import PACKAGES, Command  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
TEXT = (
    "ຫຼ ໜ ໝ ຳ ນ້ຳ ກິ່ງ ເຕັ້ນ ຊື່ ປີ້ ຫຼີ້ນ ໜ້າ ໝູ່ ສຳເລັດ ຄົ້ນຄວ້າ ຜູ້ ກູ້ ຍູ້ ປູ່ ໂຄງການ "
    "໐໑໒໓໔໕໖໗໘໙ ຯ ໆ ໌ ຂໍ້ ແລ້ວ ໃໝ່ ເຫຼົ່ານີ້ ຈົ່ງ ຟື້ນ ປຶ້ມ ຜູ້ຍິງ "
    + (ROOT / "fixtures" / "source" / "ksp-closing-meeting.lo.txt").read_text(encoding="utf-8")
)
PAGE = """<!doctype html><meta charset="utf-8"><style>
@font-face {{ font-family: F; font-weight: {weight}; src: url("{font}"); }}
body {{ margin: 0 }}
p {{ font: {weight} 17px/1.8 F; width: 340px; margin: 0 }}
</style><p>{text}</p>"""


def draw(browser, font, folder):
    """A full-page screenshot of TEXT in `font`."""
    weight = 400 if "-400-" in font.name else 700
    html = folder / f"{font.name}.html"
    html.write_text(PAGE.format(weight=weight, font=font.as_uri(), text=TEXT), encoding="utf-8")
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(html.as_uri())
    page.evaluate("document.fonts.ready.then(() => undefined)")
    png = folder / f"{font.parent.name}-{font.name}.png"
    page.screenshot(path=png, full_page=True)
    page.close()
    return Image.open(png).convert("RGB")


def main():
    same = True
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        folder = Path(folder)
        originals = Command().fetch(folder)
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        for name in (n for names in PACKAGES.values() for n in names):
            trimmed = ROOT / "static" / "fonts" / name
            before = draw(browser, originals / name, folder)
            after = draw(browser, trimmed, folder)
            identical = (
                before.size == after.size and not ImageChops.difference(before, after).getbbox()
            )
            same &= identical
            sizes = f"{(originals / name).stat().st_size:,} -> {trimmed.stat().st_size:,} bytes"
            print(f"{name}: {sizes}, {'identical' if identical else 'DIFFERENT'} ({before.size})")
        browser.close()
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
