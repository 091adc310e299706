"""The release page as Chromium draws it: Lao web fonts, whole words on every line, no overflow."""

from datetime import timedelta
from itertools import accumulate

import pytest
from django.utils import timezone

from articles.lao.segment import words
from articles.models import Article
from tests.conftest import SEED_URL_EN, SEED_URL_LO

pytestmark = pytest.mark.browser

WIDTHS = [360, 1280]
TEXT_BLOCKS = "h1.release__title, p.release__summary, div.release__body p"

# For each text block: its text, and the offsets (in code points) of the characters that
# begin a visual line. A character begins a line when its box sits lower than the previous
# character's by more than half a line; whitespace is skipped because a space that ends a
# line may be drawn on either line.
LINE_STARTS_JS = """
(selector) => [...document.querySelectorAll(selector)].map((block) => {
  const style = getComputedStyle(block);
  const lineHeight = parseFloat(style.lineHeight) || 1.2 * parseFloat(style.fontSize);
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const starts = [];
  let text = "";
  let offset = 0;
  let previousTop = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; offset++) {
      const character = String.fromCodePoint(node.data.codePointAt(i));
      range.setStart(node, i);
      range.setEnd(node, i + character.length);
      i += character.length;
      const rect = range.getClientRects()[0];
      if (/\\s/.test(character) || !rect) continue;
      if (previousTop !== null && rect.top > previousTop + lineHeight / 2) starts.push(offset);
      previousTop = rect.top;
    }
    text += node.data;
  }
  return {text, starts};
})
"""

OVERFLOW_JS = """
(selector) => {
  const blocks = [...document.querySelectorAll(selector)];
  const describe = (el) => el.outerHTML.slice(0, 120);
  return {
    pageWidth: document.documentElement.scrollWidth,
    viewportWidth: window.innerWidth,
    overflowingBlocks: blocks.filter((b) => b.scrollWidth > b.clientWidth).map(describe),
    overflowingWords: blocks.flatMap((block) => {
      const right = block.getBoundingClientRect().right;
      return [...block.querySelectorAll("span.w")]
        .filter((span) => span.getBoundingClientRect().right > right + 1)
        .map(describe);
    }),
  };
}
"""


def word_boundaries(text, segment=words):
    """Offsets where `segment` (ICU's by default) lets one word end and the next begin."""
    return {0, *accumulate(len(word) for word in segment(text))}


def line_starts(page, selector=TEXT_BLOCKS, segment=words):
    """Line starts of every block of `selector`, and those inside a word, shown in context."""
    blocks = page.evaluate(LINE_STARTS_JS, selector)
    assert blocks, f"no {selector} on the page"
    count = 0
    inside_words = []
    for block in blocks:
        text, starts = block["text"], block["starts"]
        count += len(starts)
        boundaries = word_boundaries(text, segment)
        inside_words += [
            f"{text[o - 8 : o]}|{text[o : o + 8]}" for o in starts if o not in boundaries
        ]
    return count, inside_words


def assert_no_overflow(page):
    overflow = page.evaluate(OVERFLOW_JS, TEXT_BLOCKS)
    assert overflow["pageWidth"] <= overflow["viewportWidth"], overflow
    assert overflow["overflowingBlocks"] == [], overflow
    assert overflow["overflowingWords"] == [], overflow


def platform_fonts(page, selector):
    """The fonts Chromium really drew the element's text with, with glyph counts (DevTools)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, f"{selector} not found"
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


def glyph_share(fonts, family):
    """Share of the element's glyphs drawn with the self-hosted web font `family`."""
    used = sum(f["glyphCount"] for f in fonts if f["familyName"] == family and f["isCustomFont"])
    return used / sum(f["glyphCount"] for f in fonts)


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def lao_page(request, seeded_server, open_page, screenshot):
    """The seed release in Lao at a phone's and a desktop's width, saved as a screenshot."""
    page = open_page(SEED_URL_LO, request.param)
    screenshot(page, f"lo-article-{request.param}")
    return page


def test_lao_text_is_drawn_with_the_self_hosted_lao_fonts(lao_page):
    """The CSS alone proves nothing: a missing or blocked woff2 silently falls back."""
    for selector, family in [
        ("div.release__body p", "Noto Sans Lao Looped"),
        ("h1.release__title", "Noto Sans Lao"),
    ]:
        # Spaces, digits and Latin are outside the fonts' unicode-range: a majority, not all.
        block_fonts = platform_fonts(lao_page, selector)
        assert glyph_share(block_fonts, family) > 0.5, (selector, block_fonts)
        # A run of Lao words is drawn in the web font alone.
        word_fonts = platform_fonts(lao_page, f"{selector} span.w")
        used = [(f["familyName"], f["isCustomFont"]) for f in word_fonts]
        assert used == [(family, True)], (selector, word_fonts)

    ready = lao_page.evaluate("""() => [
        document.fonts.check('16px "Noto Sans Lao Looped"', 'ກ'),
        document.fonts.check('bold 16px "Noto Sans Lao"', 'ກ'),
    ]""")
    assert ready == [True, True], "document.fonts.check: body font, headline font"
    loaded = lao_page.evaluate(
        "() => [...document.fonts].filter((f) => f.status === 'loaded')"
        ".map((f) => `${f.family.replaceAll('\"', '')} ${f.weight}`)"
    )
    assert {"Noto Sans Lao Looped 400", "Noto Sans Lao 700"} <= set(loaded)


def test_lao_lines_start_only_between_words(lao_page):
    """Chromium alone splits Lao words across lines; the server's word marking must prevent it."""
    count, inside_words = line_starts(lao_page)
    assert count >= 10, f"only {count} wrapped lines: the check would pass without testing much"
    assert inside_words == [], f"{len(inside_words)} lines start inside a word: {inside_words}"


def test_line_start_check_catches_browser_line_breaking(seeded_server, open_page):
    """Without the word marking Chromium breaks inside words, and the check above must notice."""
    page = open_page(SEED_URL_LO, 360)
    # Through the CSSOM: the site's Content-Security-Policy refuses an added <style>.
    page.evaluate("document.querySelectorAll('.w').forEach((w) => w.style.whiteSpace = 'normal')")
    _count, inside_words = line_starts(page)
    assert inside_words, "with the word marking neutralised no line started inside a word"


def test_lao_text_stays_inside_its_column(lao_page):
    assert_no_overflow(lao_page)


def test_words_longer_than_a_line_still_wrap(transactional_db, open_page, screenshot):
    """A word kept whole must not push the page sideways on a phone."""
    article = Article.objects.create(
        title_lo="ທົດລອງຄຳຍາວ",
        body_lo=f"ຂໍ້ຄວາມ {'ກ' * 80} ແລະ https://example.org/{'a' * 120} ທ້າຍ",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(days=1),
    )
    page = open_page(article.url_in("lo"), 360)
    screenshot(page, "lo-long-words-360")
    assert_no_overflow(page)


def test_english_page_is_marked_english(seeded_server, open_page, screenshot):
    page = open_page(SEED_URL_EN, 360)
    screenshot(page, "en-article-360")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert_no_overflow(page)


def test_a_printed_release_drops_the_navigation_and_prints_in_black(seeded_server, open_page):
    page = open_page(SEED_URL_EN, 1280)
    page.emulate_media(media="print")
    printed = page.evaluate(
        """() => ({
          nav: getComputedStyle(document.querySelector('.site-nav')).display,
          share: getComputedStyle(document.querySelector('.share')).display,
          text: getComputedStyle(document.body).color,
        })"""
    )
    assert printed == {"nav": "none", "share": "none", "text": "rgb(0, 0, 0)"}
    page.emulate_media(media="screen")
    assert page.evaluate("getComputedStyle(document.querySelector('.site-nav')).display") != "none"
