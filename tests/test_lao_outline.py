import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.lao.outline import svg_word

FONT = settings.BASE_DIR / "static" / "fonts" / "noto-sans-lao-looped-lao-400-normal.woff2"
COMMITTED = settings.BASE_DIR / "templates" / "includes" / "lao_language_name.svg"


def test_the_committed_drawing_is_what_the_command_draws_from_the_font(tmp_path):
    """A changed font or language name must not leave a stale drawing behind."""
    output = tmp_path / "name.svg"
    call_command("draw_lao_word", output=output, stdout=StringIO())
    assert output.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8")


def test_the_word_is_named_and_sized_in_ems():
    svg = svg_word("ລາວ", FONT)
    assert svg.startswith('<svg class="lao-word" role="img" aria-label="ລາວ" ')
    # The advance widths of ລ, າ and ວ in Noto Sans Lao Looped: 653 + 528 + 617 units.
    assert 'viewBox="0 -1250 1798 1600" width="1.798em" height="1.6em"' in svg
    assert 'fill="currentColor"' in svg
    # Three glyphs, each with its closed contours.
    assert svg.count("Z") >= 3
    assert re.fullmatch(r"[MLHVQZ0-9 -]+", re.search(r' d="([^"]+)"', svg).group(1))


def test_words_with_combining_marks_are_refused():
    """ກິນ needs the font's mark positioning, which advance widths alone cannot give."""
    with pytest.raises(ValueError, match="combining marks"):
        svg_word("ກິນ", FONT)
