import html as html_lib
import re
from unittest import mock

from articles.lao.segment import words
from articles.lao.typography import LONGEST_UNBROKEN_WORD, lao_html, paragraphs


def visible_text(html):
    return html_lib.unescape(re.sub(r"<[^>]+>", "", html))


def test_lines_may_break_only_between_icu_words():
    text = "ລັດຖະບານດີຈິຕອນ ແລະ ການສື່ສານ"
    html = lao_html(text)
    assert html == (
        '<span class="w">ລັດຖະບານ<wbr>ດີຈິຕອນ</span> '
        '<span class="w">ແລະ</span> <span class="w">ການ<wbr>ສື່ສານ</span>'
    )
    assert visible_text(html) == text


def test_latin_runs_are_marked_english():
    html = lao_html("ສະຖາບັນ Korea Development Institute (KDI) ຈັດ")
    assert '<span lang="en">Korea Development Institute</span>' in html
    assert '(<span lang="en">KDI</span>)' in html


def test_text_is_escaped():
    text = 'ຂ່າວ <script>alert("x")</script> & ລາວ'
    html = lao_html(text)
    assert "<script" not in html and "&lt;" in html and "&amp;" in html
    assert visible_text(html) == text


def test_word_longer_than_a_line_is_left_breakable():
    long_word = "ກ" * 80
    assert max(len(word) for word in words(long_word)) > LONGEST_UNBROKEN_WORD
    html = lao_html(long_word)
    assert all(
        len(visible_text(span)) <= LONGEST_UNBROKEN_WORD
        for span in re.findall(r'<span class="w">(.*?)</span>', html)
    )
    assert visible_text(html) == long_word


def test_paragraphs_are_lines_and_keep_inner_spaces():
    text = "ໂຄງ ການ ໜຶ່ງ\n\nວັກສອງ  ມີ\n  \nວັກສາມ"
    assert paragraphs(text) == ["ໂຄງ ການ ໜຶ່ງ", "ວັກສອງ  ມີ", "ວັກສາມ"]


def test_text_shown_again_is_segmented_once():
    lao_html.cache_clear()
    text = "ກອງປະຊຸມລັດຖະບານດີຈິຕອນ"
    with mock.patch("articles.lao.typography.words", wraps=words) as segment:
        assert lao_html(text) == lao_html(text)
    assert segment.call_count == 1
