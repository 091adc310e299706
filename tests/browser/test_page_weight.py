"""Which font files a reader's browser downloads: none for English, two for Lao."""

import pytest

from articles.models import Article
from tests.browser.conftest import VIEWPORT_HEIGHT
from tests.browser.test_article_page import platform_fonts
from tests.conftest import SEED_URL_EN, SEED_URL_LO, publish

pytestmark = pytest.mark.browser

BODY_FONT = "noto-sans-lao-looped-lao-400-normal"
HEADLINE_FONT = "noto-sans-lao-lao-700-normal"
# The fonts a page asks for in its <head>, before layout finds them.
PRELOADED_FONTS_JS = """() => [...document.querySelectorAll('link[rel=preload][as=font]')]
    .map((link) => link.href.split('/').pop().split('.')[0]).sort()"""


@pytest.fixture
def fonts_downloaded(browser, live_server):
    """Open a path in a fresh browser profile; the page and the names of the fonts it fetched."""
    contexts = []

    def open_(path, width=360):
        context = browser.new_context(viewport={"width": width, "height": VIEWPORT_HEIGHT})
        contexts.append(context)
        page = context.new_page()
        fonts = []

        def record(request):
            if request.resource_type == "font":
                fonts.append(request.url.rsplit("/", 1)[-1].split(".")[0])

        page.on("request", record)
        assert page.goto(live_server.url + path).ok
        page.evaluate("document.fonts.ready.then(() => undefined)")
        page.wait_for_load_state("networkidle")
        return page, sorted(fonts)

    yield open_
    for context in contexts:
        context.close()


@pytest.mark.parametrize("path", ["/en/", SEED_URL_EN])
def test_english_pages_download_no_lao_font(seeded_server, fonts_downloaded, screenshot, path):
    page, fonts = fonts_downloaded(path)
    assert fonts == []
    # The switcher still offers the Lao site by its Lao name, to the eye and to screen readers.
    lao = page.get_by_role("link", name="ລາວ")
    assert lao.get_attribute("lang") == "lo"
    box = lao.locator("svg").bounding_box()
    assert box["width"] > 20 and box["height"] > 15, box
    english = page.get_by_role("link", name="English").bounding_box()
    assert lao.bounding_box()["height"] == pytest.approx(english["height"], abs=0.5)
    screenshot(page, f"en-no-lao-font-{'article' if 'news' in path else 'home'}-360")


@pytest.mark.parametrize("path", ["/lo/", SEED_URL_LO])
def test_lao_pages_download_the_body_and_headline_fonts_only(seeded_server, fonts_downloaded, path):
    """Bold Lao labels (the navigation, the current language) use the headline font."""
    page, fonts = fonts_downloaded(path)
    assert fonts == [HEADLINE_FONT, BODY_FONT]
    for selector in (".site-nav a", ".language-switcher [aria-current]"):
        used = {(f["familyName"], f["isCustomFont"]) for f in platform_fonts(page, selector)}
        assert used == {("Noto Sans Lao", True)}, (selector, used)


def test_english_page_of_a_lao_only_release_gets_the_lao_fonts(transactional_db, fonts_downloaded):
    article = publish(title_lo="ກອງປະຊຸມລັດຖະບານດີຈິຕອນ", body_lo="ເນື້ອໃນຂ່າວທີ່ຍັງບໍ່ທັນແປ")
    assert not Article.objects.get(pk=article.pk).has_language("en")
    page, fonts = fonts_downloaded(article.url_in("en"))
    assert fonts == [HEADLINE_FONT, BODY_FONT]
    used = {(f["familyName"], f["isCustomFont"]) for f in platform_fonts(page, "h1 span.w")}
    assert used == {("Noto Sans Lao", True)}
    assert page.evaluate(PRELOADED_FONTS_JS) == fonts


def test_the_drawn_lao_name_is_as_wide_as_the_font_writes_it(seeded_server, fonts_downloaded):
    """The SVG places glyphs by advance widths; Chromium's shaping of the word must agree."""
    page, _fonts = fonts_downloaded(SEED_URL_LO)
    width = page.evaluate("""() => {
        const context = document.createElement("canvas").getContext("2d");
        context.font = '1000px "Noto Sans Lao Looped"';
        return context.measureText("ລາວ").width;
    }""")
    assert width == pytest.approx(1798, abs=1)


@pytest.mark.parametrize("path", ["/lo/", SEED_URL_LO])
def test_lao_pages_ask_for_their_fonts_before_layout_finds_them(
    seeded_server, fonts_downloaded, path
):
    """A font found late swaps in after the first paint and moves the text below it.

    Whether it is late depends on the network and the machine; what the page controls,
    and what this checks, is that it asks for every font it draws in its <head>.
    Lighthouse measures the layout shift itself (docs/benchmarks.md).
    """
    page, fonts = fonts_downloaded(path)
    assert page.evaluate(PRELOADED_FONTS_JS) == fonts == [HEADLINE_FONT, BODY_FONT]
