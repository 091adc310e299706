"""A short Lao word as an inline SVG of the font's own glyph outlines.

The English site names the Lao site `ລາວ` in its language switcher. As text,
those three letters would make every English page download a Lao web font
(about 11 KB) for one word; drawn as outlines they cost a few hundred bytes
and look the same. The SVG is made once from the self-hosted font by
`manage.py draw_lao_word` and kept in templates/.
"""

import unicodedata
from html import escape

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont


def svg_word(text, font_path):
    """The word's glyphs side by side, in font units, on the font's ascent-to-descent box.

    Glyphs are placed by their advance widths alone (a browser test checks that
    Chromium sets the word just as wide); a combining mark would need the font's
    mark positioning, so words with marks are refused.
    """
    marks = [c for c in text if unicodedata.category(c) == "Mn"]
    if marks:
        raise ValueError(f"{text!r} has combining marks {marks}; only base letters are drawn")
    font = TTFont(font_path)
    cmap = font.getBestCmap()
    glyphs = font.getGlyphSet()
    # Whole font units: a thousandth of an em, finer than any screen shows.
    pen = SVGPathPen(glyphs, ntos=lambda number: str(round(number)))
    x = 0
    for character in text:
        name = cmap[ord(character)]
        # Font outlines go up from the baseline; SVG's y axis goes down.
        glyphs[name].draw(TransformPen(pen, (1, 0, 0, -1, x, 0)))
        x += font["hmtx"][name][0]
    ascent, descent = font["hhea"].ascent, -font["hhea"].descent
    units = font["head"].unitsPerEm
    return (
        f'<svg class="lao-word" role="img" aria-label="{escape(text)}" '
        f'viewBox="0 {-ascent} {x} {ascent + descent}" '
        f'width="{x / units:g}em" height="{(ascent + descent) / units:g}em" '
        f'fill="currentColor"><path d="{pen.getCommands()}"/></svg>\n'
    )
