"""At a phone's narrowest width, no line starts inside a word ICU's dictionary cuts.

The release is built to need it: each kind of word the issue names (loanwords
and terms ICU cuts, spellings its dictionary lacks, names, and a name staff
added in the admin) stands at many different places in a line, so that with
ICU's boundaries alone some line would start inside one of them.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import lexicon
from articles.lao.segment import Segmenter
from articles.lexicon import LaoWord
from articles.models import Article
from tests.browser.test_article_page import LINE_STARTS_JS, TEXT_BLOCKS, assert_no_overflow

pytestmark = pytest.mark.browser

STAFF_NAME = "ບຸນມີວົງສາ"
WORDS = [
    "ການຄົ້ນຄວ້າ",  # the seed's headline
    "ບຸກຄະລາກອນ",  # the seed's body
    "ເອກອັກຄະຣາຊະທູດ",  # ຣ for ລ
    "ຊ່ວຍເຫລືອ",  # ຫລ for ຫຼ
    "ສະຫນັບສະຫນູນ",  # ຫນ for ໜ
    "ເຕັກໂນໂລຊີ",  # the ministry's list
    "ສັນຍາ",  # cut by ICU in some contexts only
    STAFF_NAME,  # added by staff in the admin
]
PREFIXES = ["ການ", "ທ່ານ", "ໄດ້ຮັບ", "ເພື່ອ", "ກອງປະຊຸມ", "ຂອງ", "ແລະ", "ໃນ"]


def body():
    """Each word after prefixes of many lengths, so line ends fall all across it."""
    sentences = []
    for shift in range(6):
        for index, word in enumerate(WORDS):
            prefix = "".join(PREFIXES[(index + shift + n) % len(PREFIXES)] for n in range(shift))
            sentences.append(f"{prefix}{word}ຂອງລັດ")
    return " ".join(sentences)


@pytest.fixture
def release(transactional_db):
    LaoWord.objects.create(word=STAFF_NAME, meaning="a new vice-minister")
    return Article.objects.create(
        title_lo="ການຄົ້ນຄວ້າບຸກຄະລາກອນ ເອກອັກຄະຣາຊະທູດຊ່ວຍເຫລືອ",
        body_lo=body(),
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(days=1),
    )


def lines_starting_inside_words(page):
    found = []
    lines = 0
    for block in page.evaluate(LINE_STARTS_JS, TEXT_BLOCKS):
        text, starts = block["text"], block["starts"]
        lines += len(starts)
        for word in WORDS:
            position = text.find(word)
            while position != -1:
                found += [
                    f"{text[position:start]}|{text[start : position + len(word)]}"
                    for start in starts
                    if position < start < position + len(word)
                ]
                position = text.find(word, position + 1)
    return lines, found


def test_no_line_starts_inside_a_word_at_320px(release, open_page, screenshot):
    page = open_page(release.url_in("lo"), 320)
    screenshot(page, "lo-line-breaks-320")
    lines, inside = lines_starting_inside_words(page)
    assert lines >= 30, f"only {lines} lines: the text would test little"
    assert inside == [], f"{len(inside)} lines start inside a word: {inside}"
    assert_no_overflow(page)


def test_with_icus_words_alone_lines_do_start_inside_them(release, open_page, monkeypatch):
    """The check above can fail: with ICU's boundaries only, the same page breaks words."""
    icu_alone = Segmenter([], join_unknown_pieces=False)
    monkeypatch.setattr(lexicon, "BUNDLED", icu_alone)
    monkeypatch.setattr(lexicon._Segmenters, "words", ())
    monkeypatch.setattr(lexicon._Segmenters, "segmenter", icu_alone)
    LaoWord.objects.all().delete()
    page = open_page(release.url_in("lo"), 320)
    _lines, inside = lines_starting_inside_words(page)
    assert len(inside) >= 3, inside
